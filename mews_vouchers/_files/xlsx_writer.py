"""A one-sheet `.xlsx` workbook written row by row: the few SpreadsheetML parts it needs, its sheet streamed.

Why not a library: measured on 100,000 codes (`make bench`, `workbooks`), xlsxwriter in constant-memory mode spent
9.3 s in its per-cell calls, openpyxl's write-only mode 30 s, against 3.4 s for the whole CSV export; a sheet of
text, datetime and boolean cells needs five fixed parts and one loop of string formatting, which writes the same
rows in about a tenth of xlsxwriter's time. The cells are those a spreadsheet writes itself: text as inline strings
(`t="inlineStr"`, never a formula, escaped for XML and for Excel's `_xHHHH_` notation, so every value reads back
exactly), datetimes as serial numbers with a date format, booleans as TRUE/FALSE. The zip entry of the sheet is
streamed (`ZipFile.open(..., "w")`), so memory holds one batch of rows whatever the number of rows. Checked by
reading it back with openpyxl, python-calamine and LibreOffice (tests/cli/test_spreadsheets.py).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from mews_vouchers._files.workbook_guard import column_letters

TEXT = 1
"""The style of a text cell formatted as Text (`@`): a spreadsheet keeps what is typed into it as text."""
MOMENT = 2
"""The style of a datetime cell (`yyyy-mm-dd h:mm:ss`)."""
_BOLD = 3
_EPOCH = dt.datetime(1899, 12, 30)
_BATCH = 500
_NEEDS_ESCAPE = re.compile("[&<>_\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")

_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
)
_RELATIONSHIP = '<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/{}" Target="{}"/>'
_ROOT_RELATIONSHIPS = _RELATIONSHIPS.format(
    _RELATIONSHIP.format(1, "officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")
)
_WORKBOOK_RELATIONSHIPS = _RELATIONSHIPS.format(
    _RELATIONSHIP.format(1, "officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml")
    + _RELATIONSHIP.format(2, "officeDocument/2006/relationships/styles", "styles.xml")
)
_WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<bookViews><workbookView activeTab="0"/></bookViews>'
    '<sheets><sheet name={} sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_FONT = '<font>{}<sz val="11"/><name val="Calibri"/><family val="2"/></font>'
_STYLES = (  # cell styles 0 (none), TEXT, MOMENT, _BOLD, in this order
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="@"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    f'<fonts count="2">{_FONT.format("")}{_FONT.format("<b/>")}</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_SHEET_START = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
    '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{}</cols><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

Cell = str | bool | dt.datetime | None


class SheetWriter:
    """Rows written to one sheet of a new workbook at `target`; `close()` finishes the file (a `with` block does).

    `widths`: each column's width in characters. The header row is bold and stays in view (frozen).
    """

    def __init__(self, target: IO[bytes], title: str, headers: Sequence[str], widths: Sequence[float]) -> None:
        self._archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        for name, part in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELATIONSHIPS),
            ("xl/workbook.xml", _WORKBOOK.format(quoteattr(title[:31]))),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELATIONSHIPS),
            ("xl/styles.xml", _STYLES),
        ):
            self._archive.writestr(name, _DECLARATION + part)
        self._sheet = self._archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._letters = [column_letters(position) for position in range(len(headers))]
        columns = "".join(
            f'<col min="{position}" max="{position}" width="{width}" customWidth="1"/>'
            for position, width in enumerate(widths, 1)
        )
        self._pending: list[str] = [_DECLARATION, _SHEET_START.format(columns)]
        self._row = 0
        self.append(headers, [_BOLD] * len(headers))

    def append(self, cells: Sequence[Cell], styles: Sequence[int]) -> None:
        """One row: `cells[i]` in style `styles[i]` (0, `TEXT`); a str is always text, None an empty cell."""
        self._row += 1
        row = self._row
        parts = [f'<row r="{row}">']
        for position, value in enumerate(cells):
            if value is None:
                continue
            reference = f"{self._letters[position]}{row}"
            style = styles[position]
            styled = f' s="{style}"' if style else ""
            if isinstance(value, str):
                text = _text(value) if _NEEDS_ESCAPE.search(value) else value
                space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
                parts.append(f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif isinstance(value, bool):
                parts.append(f'<c r="{reference}" t="b"><v>{int(value)}</v></c>')
            else:
                parts.append(f'<c r="{reference}" s="{MOMENT}"><v>{_serial(value)}</v></c>')
        parts.append("</row>")
        self._pending.append("".join(parts))
        if len(self._pending) >= _BATCH:
            self._flush()

    def close(self) -> None:
        """Write what is pending and the end of the file."""
        self._pending.append(_SHEET_END)
        self._flush()
        self._sheet.close()
        self._archive.close()

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _flush(self) -> None:
        self._sheet.write("".join(self._pending).encode("utf-8", "surrogatepass"))
        self._pending.clear()


def _text(value: str) -> str:
    """A text as XML holds it and Excel reads it back exactly.

    `<&>` escaped, a literal `_x0041_` kept literal, control characters (which XML 1.0 cannot hold) as `_x0001_`.
    """
    value = _EXCEL_ESCAPE.sub(lambda match: "_x005F" + match.group(), value)
    value = _NOT_XML.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
    return escape(value)


def _serial(moment: dt.datetime) -> str:
    """A naive datetime as a spreadsheet's serial number (days since 1899-12-30, the day's fraction after)."""
    delta = moment - _EPOCH
    return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)
