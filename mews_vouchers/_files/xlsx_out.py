"""Codes written to an `.xlsx` workbook that a spreadsheet shows as they are, streamed in openpyxl's write-only mode.

Values and ids are text cells (a value's formatted as Text too, so that `000123` keeps its zeros and long digits
stay digits when edited; a value that begins with `=` stays a value, never a formula); datetimes are real datetime
cells, in UTC or in the timezone asked for (a workbook has no timezone, so the header says it); `IsActive` is a
TRUE/FALSE cell. The header is bold and frozen, the columns are wide enough to read. Rows go to a temporary file as
they come, so 100,000 codes cost the text of their values (openpyxl keeps a table of distinct strings), not a
workbook in memory.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from mews_vouchers._files.codes_out import TEXT_COLUMNS, columns_of, escaped, named_fields
from mews_wrapper import VoucherCode

_DATETIME_COLUMNS = ("ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc")
_WIDTHS = {"Id": 38, "VoucherId": 38, "VoucherName": 24, "Value": 28, "IsActive": 9}
_DATETIME_WIDTH = 21
TEXT_FORMAT = "@"


def header_of(column: str, zone: zoneinfo.ZoneInfo | None) -> str:
    """A column's header cell: `ValidityStartUtc`, or `ValidityStart (Europe/Prague)` in a timezone."""
    if zone is None or column not in _DATETIME_COLUMNS:
        return column
    return f"{column.removesuffix('Utc')} ({zone.key})"


class _Sheet:
    """A write-only workbook of one sheet: columns wide enough to read, a bold frozen header, text that stays text."""

    def __init__(self, title: str, columns: Sequence[str], headers: Sequence[str]) -> None:
        from openpyxl import Workbook  # noqa: PLC0415 - 0.2 s of import, paid only by an xlsx file
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
        from openpyxl.styles import Font  # noqa: PLC0415
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        self._cell, self._illegal = WriteOnlyCell, ILLEGAL_CHARACTERS_RE
        self._workbook = Workbook(write_only=True)
        self._sheet: Any = self._workbook.create_sheet(title)
        for position, column in enumerate(columns, 1):
            width = _DATETIME_WIDTH if column in _DATETIME_COLUMNS else _WIDTHS.get(column, 16)
            self._sheet.column_dimensions[get_column_letter(position)].width = width
        self._sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(self._sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        self._sheet.append(header_cells)

    def text(self, value: str | None, *, formatted: bool) -> Any:
        """A text cell, never a formula whatever it begins with; `formatted`: formatted as Text, so edits stay text."""
        if value is None:
            return None
        if self._illegal.search(value):  # a control character no workbook may hold: shown escaped
            value = escaped(value)
        cell = self._cell(self._sheet, value=value)
        cell.data_type = "s"
        if formatted:
            cell.number_format = TEXT_FORMAT
        return cell

    def append(self, row: Sequence[object]) -> None:
        """One row, streamed to openpyxl's temporary file."""
        self._sheet.append(row)

    def save(self, target: IO[bytes]) -> None:
        """The workbook, written to `target`."""
        self._workbook.save(target)


def write_workbook(
    codes: Iterable[VoucherCode],
    target: IO[bytes],
    names: Mapping[uuid.UUID, str] | None = None,
    zone: zoneinfo.ZoneInfo | None = None,
    enterprises: Mapping[uuid.UUID, str | None] | None = None,
) -> Iterator[int]:
    """Write `codes` to `target` as one sheet, `Voucher codes`; yields after each code, like `write_codes`."""
    columns = columns_of(names, enterprises)
    sheet = _Sheet("Voucher codes", columns, [header_of(column, zone) for column in columns])

    def moment(value: dt.datetime | None) -> dt.datetime | None:
        # a datetime cell: openpyxl gives it a date format of its own (a styled cell per datetime costs twice)
        return None if value is None else value.astimezone(zone or dt.UTC).replace(tzinfo=None)

    for code in codes:
        fields: dict[str, object] = {
            "Id": str(code.id),  # ids: text cells as they are (a UUID never reads as a formula or a number)
            "VoucherId": str(code.voucher_id),
            **named_fields(code, names, enterprises),
            "Value": code.value,
            "ValidityStartUtc": moment(code.validity_start_utc),
            "ValidityEndUtc": moment(code.validity_end_utc),
            "CreatedUtc": moment(code.created_utc),
            "UpdatedUtc": moment(code.updated_utc),
            "IsActive": code.is_active,
        }
        sheet.append(
            [
                sheet.text(fields[column], formatted=column == "Value")  # type: ignore[arg-type]
                if column in TEXT_COLUMNS
                else fields[column]
                for column in columns
            ]
        )
        yield 1
    sheet.save(target)


def write_text_sheet(columns: Sequence[str], rows: Iterable[Sequence[str]], target: IO[bytes], title: str) -> None:
    """A sheet of text cells only (formatted as Text, never formulas), with a bold frozen header: generated codes."""
    sheet = _Sheet(title, columns, columns)
    for row in rows:
        sheet.append([sheet.text(value or None, formatted=True) for value in row])  # an empty cell for ""
    sheet.save(target)
