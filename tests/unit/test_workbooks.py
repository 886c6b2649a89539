"""Workbooks read and written: the cells a reader shows as empty are found in large sheets too, and what the writer
writes reads back exactly, by our reader and by openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from mews_sandbox import VOUCHER_A
from mews_vouchers._files.csv_file import CsvFileError
from mews_vouchers._files.workbook_file import NoSavedValue, is_cell_error, read_sheet
from mews_vouchers._files.workbook_guard import MAX_CELL_CHARACTERS, column_letters
from mews_vouchers._files.xlsx_writer import TEXT, SheetWriter

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: int, value: str = "CODE-{:06d}") -> Path:
    """A workbook of `rows` codes under a header, written by our writer (a sheet part of about 70 bytes a row)."""
    with path.open("wb") as binary, SheetWriter(binary, "Codes", ["Value", "Note"], [20, 20]) as sheet:
        for number in range(rows):
            sheet.append([value.format(number), None], [TEXT, 0])
    return path


def _with_sheet_edited(path: Path, edit: dict[bytes, bytes]) -> Path:
    """The workbook with its sheet's XML changed: each key replaced (once) by its value."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for old, new in edit.items():
        assert old in parts[SHEET], old
        parts[SHEET] = parts[SHEET].replace(old, new, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _cell(row: int, text: str | None = None) -> bytes:
    """The XML of the code cell of `row` (its own code unless `text`), as the writer writes it."""
    return f'<c r="A{row}" s="1" t="inlineStr"><is><t>{text or f"CODE-{row - 2:06d}"}</t></is></c>'.encode()


def test_a_large_sheet_has_its_formula_without_value_and_its_error_cell_found_where_they_are(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "large.xlsx", 30_000)  # the sheet part: over 2 MB, read first at C speed
    path = _with_sheet_edited(
        path,
        {
            _cell(20_001): b'<c r="A20001"><f>CONCAT("A","B")</f></c>',
            _cell(25_001): b'<c r="A25001" t="e"><f>NA()</f><v>#N/A</v></c>',
            b"</sheetData>": b'<row r="30005"><c r="B30005"><f>1+1</f></c></row></sheetData>',  # past the data
        },
    )
    assert zipfile.ZipFile(path).getinfo(SHEET).file_size > 2_000_000
    records = {record.line: record.fields for record in read_sheet(str(path))}
    assert isinstance(records[20_001][0], NoSavedValue)
    assert records[20_001][0] == "A20001"
    assert is_cell_error(records[25_001][0])
    assert records[25_001][0] == "#N/A"
    assert records[30_005] == [None, "B30005"]
    assert isinstance(records[30_005][1], NoSavedValue)
    assert records[29_999] == ["CODE-029997"]
    assert len(records) == 30_002  # the header, 30,000 codes, the row past them


def test_a_long_text_split_between_chunks_is_refused_and_a_long_one_in_characters_only_is_read(tmp_path: Path) -> None:
    plain = _workbook(tmp_path / "plain.xlsx", 30_000)
    xml = zipfile.ZipFile(plain).read(SHEET)
    start = xml.index(b'<row r="', (1 << 20) - 20_000)  # a row 20 KB before the guard's first chunk ends
    row = int(xml[start + 8 : xml.index(b'"', start + 8)])
    long_cell = "L" * (MAX_CELL_CHARACTERS + 1)  # across the chunks' joint: neither chunk holds it whole
    path = _with_sheet_edited(_workbook(tmp_path / "long.xlsx", 30_000), {_cell(row): _cell(row, long_cell)})
    with pytest.raises(CsvFileError, match=rf"refused: {SHEET} holds a text \(cell A{row}\) of more than 32,767"):
        list(read_sheet(str(path)))
    wide = "Ž" * MAX_CELL_CHARACTERS  # 65,534 bytes: more bytes than the limit, but as many characters as allowed
    path = _with_sheet_edited(_workbook(tmp_path / "wide.xlsx", 30_000), {_cell(row): _cell(row, wide)})
    assert next(record for record in read_sheet(str(path)) if record.line == row).fields == [wide]


def _parts_read_closely(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts the guard reads element by element from now on, as it reads them."""
    from mews_vouchers._files import workbook_guard  # noqa: PLC0415

    closely_read: list[str] = []
    real_run = workbook_guard._PartScan.run

    def counted(scan: workbook_guard._PartScan, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        closely_read.append(info.filename)
        real_run(scan, archive, info)

    monkeypatch.setattr(workbook_guard._PartScan, "run", counted)
    return closely_read


def _with_shared_strings(path: Path) -> Path:
    """The workbook with its inline strings moved into a table of shared strings, as Excel and LibreOffice write."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match[2])
        return b'<c r="%s" t="s"><v>%d</v></c>' % (match[1], len(strings) - 1)

    parts[SHEET] = re.sub(rb'<c r="(\w+)" s="1" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, parts[SHEET])
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>%s</t></si>" % text for text in strings)
        + b"</sst>"
    )
    relationship = (
        b'<Relationship Id="rId9" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", relationship + b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _rezipped(source: Path, target: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = edit(parts[part])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_large_shared_strings_are_read_at_c_speed_and_a_long_text_across_their_chunks_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_shared_strings(_workbook(tmp_path / "shared.xlsx", 60_000, "SHARED-STRING-{:07d}"))
    closely_read = _parts_read_closely(monkeypatch)
    strings = "xl/sharedStrings.xml"
    records = list(read_sheet(str(tmp_path / "shared.xlsx")))
    assert [records[1].fields, records[-1].fields] == [["SHARED-STRING-0000000"], ["SHARED-STRING-0059999"]]
    assert strings not in closely_read  # 2 MB of plain strings: the fast reading only
    assert "xl/workbook.xml" in closely_read  # a small part: it says which sheet is which

    def long_across_the_joint(xml: bytes) -> bytes:
        start = xml.index(b"<t>", (1 << 20) - 20_000) + 3  # a string 20 KB before the guard's first chunk ends
        end = xml.index(b"</t>", start)
        return xml[:start] + b"L" * (MAX_CELL_CHARACTERS + 1) + xml[end:]

    long = _rezipped(tmp_path / "shared.xlsx", tmp_path / "long.xlsx", strings, long_across_the_joint)
    with pytest.raises(CsvFileError, match=rf"refused: {strings} holds a text of more than 32,767 characters"):
        list(read_sheet(str(long)))


def test_a_large_ods_content_with_formulas_is_read_closely_for_its_error_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def padded(xml: bytes) -> bytes:  # 300 KB of comment: the part is read at C speed first
        root_end = xml.index(b">", xml.index(b"<office:document-content")) + 1
        return xml[:root_end] + b"<!--" + b" " * 300_000 + b"-->" + xml[root_end:]

    source = Path(__file__).parents[1] / "fixtures" / "spreadsheets" / "formulas-and-sheets.ods"
    large = _rezipped(source, tmp_path / "large.ods", "content.xml", padded)
    closely_read = _parts_read_closely(monkeypatch)
    records = {record.line: record.fields for record in read_sheet(str(large))}
    assert "content.xml" in closely_read
    assert is_cell_error(records[3][1])
    assert records[3][1] == "#N/A"


def test_what_the_writer_writes_reads_back_exactly_by_both_readers(tmp_path: Path) -> None:
    values = ["000123", "=1+1", "_x0041_", "a\x01b", " padded ", "<&>\"'", "tab\there", "😀 emoji", "Ž" * 128]
    moment = dt.datetime(2026, 6, 1, 8, 30, 15)
    target = io.BytesIO()
    with SheetWriter(target, "Codes", ["Value", "Start", "Active"], [28, 21, 9]) as sheet:
        for value in values:
            sheet.append([value, moment, True], [TEXT, 0, 0])
        sheet.append([None, None, False], [TEXT, 0, 0])
    path = tmp_path / "written.xlsx"
    path.write_bytes(target.getvalue())
    read = [record.fields for record in read_sheet(str(path))]
    assert read[0] == ["Value", "Start", "Active"]
    assert read[1:] == [[value, moment, True] for value in values] + [[None, None, False]]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert [cell.number_format for cell in sheet[2]] == ["@", "yyyy-mm-dd h:mm:ss", "General"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2, max_row=3)] == ["000123", "=1+1"]
    assert [sheet["A2"].data_type, sheet["A3"].data_type] == ["s", "s"]  # text, never a formula


def test_an_xlsx_opens_at_its_active_sheet_counting_every_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "First"
    workbook.active.append(["Value"])
    workbook.active.append(["FIRST"])
    workbook.create_chartsheet("Chart")
    second = workbook.create_sheet("Second")
    second.append(["Value"])
    second.append(["SECOND"])
    workbook.active = 2  # the third tab, counting the chart sheet
    path = tmp_path / "tabs.xlsx"
    workbook.save(path)
    notes: list[str] = []
    assert [record.fields for record in read_sheet(str(path), on_note=notes.append)][1] == ["SECOND"]
    assert "read the sheet 'Second' (the workbook has 'First', 'Second'" in notes[0]


@pytest.mark.parametrize(("column", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_columns_are_named_as_a_spreadsheet_names_them(column: int, letters: str) -> None:
    assert column_letters(column) == letters


@pytest.mark.parametrize("epoch_1904", [False, True], ids=["1900", "1904"])
def test_number_cells_read_as_their_format_shows_them_as_openpyxl_reads_them(tmp_path: Path, epoch_1904: bool) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    if epoch_1904:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    cells = [
        (dt.datetime(2026, 6, 1), "dd/mm/yyyy"),
        (dt.datetime(2026, 6, 1, 10, 30, 15), "yyyy-mm-dd hh:mm:ss"),
        (dt.datetime(2026, 12, 31, 23, 59), 'd" de "mmmm" de "yyyy h:mm'),  # words in quotes are not a format
        (dt.time(10, 30), "hh:mm"),
        (0.5, "0.00%"),
        (1234.5, '#,##0.00 "Kč";[Red]-#,##0.00 "Kč"'),
        (321, "General"),
        (True, "General"),
    ]
    for column, (value, number_format) in enumerate(cells, 1):
        cell = sheet.cell(row=1, column=column, value=value)
        cell.number_format = number_format
    path = tmp_path / "formats.xlsx"
    workbook.save(path)
    (record,) = read_sheet(str(path))
    expected = [cell.value for cell in openpyxl.load_workbook(path).active[1]]
    assert record.fields == expected
    assert record.fields[:4] == [value for value, _ in cells[:4]]


def test_a_workbook_whose_sheets_lead_nowhere_is_unreadable_not_hidden(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "broken.xlsx", 3)
    broken = _rezipped(
        path, tmp_path / "nowhere.xlsx", "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(b"rId1", b"rId7")
    )
    with pytest.raises(
        CsvFileError, match=r"not a workbook that can be read \(none of its sheets is a worksheet it holds\)"
    ):
        list(read_sheet(str(broken)))


def test_an_ods_formula_without_value_and_an_error_past_the_data_are_rows_in_their_columns(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "spreadsheets" / "formulas-and-sheets.ods"
    last_row = (
        b"<text:p>ODS-7</text:p></table:table-cell>"
        b'<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
    )
    added = (  # an error two columns in (calamine reads it as an empty text), then a formula never computed
        b'<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell '
        b'table:formula="of:=NA()" office:value-type="string" calcext:value-type="error"><text:p>#N/A</text:p>'
        b"</table:table-cell></table:table-row>"
        b'<table:table-row><table:table-cell/><table:table-cell table:formula="of:=1+1"/></table:table-row>'
    )

    codes_columns = b'table:number-columns-repeated="16384" table:default-cell-style-name="Default"/>'
    above = b'<table:table-row><table:table-cell table:formula="of:=1"/></table:table-row>'  # before every cell

    def with_two_rows(xml: bytes) -> bytes:
        assert xml.count(last_row) == 1
        assert xml.count(codes_columns) == 2  # the hidden sheet's, then the codes'
        first_table_end = xml.index(codes_columns) + len(codes_columns)
        codes_start = xml.index(codes_columns, first_table_end) + len(codes_columns)
        xml = xml[:codes_start] + above + xml[codes_start:]
        return xml.replace(last_row, last_row + added)

    path = _rezipped(source, tmp_path / "later.ods", "content.xml", with_two_rows)
    records = {record.line: record.fields for record in read_sheet(str(path))}
    assert records[1] == ["A1"]  # before every cell calamine holds
    assert isinstance(records[1][0], NoSavedValue)
    assert records[2][:2] == ["VoucherId", "Value"]
    assert records[9] == [None, None, "#N/A"]
    assert is_cell_error(records[9][2])
    assert records[10] == [None, "B10"]  # past every cell calamine holds: put back all the same
    assert isinstance(records[10][1], NoSavedValue)


def test_an_ods_sheet_that_starts_two_columns_in_keeps_its_columns_and_its_noted_cells_in_place(
    tmp_path: Path,
) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "spreadsheets" / "formulas-and-sheets.ods"
    row_start = b'<table:table-row table:style-name="ro1">'

    def two_columns_in(xml: bytes) -> bytes:
        codes = xml.index(b'table:name="Codes"')
        return xml[:codes] + xml[codes:].replace(
            row_start, row_start + b'<table:table-cell table:number-columns-repeated="2"/>'
        )

    path = _rezipped(source, tmp_path / "offset.ods", "content.xml", two_columns_in)
    records = {record.line: record.fields for record in read_sheet(str(path))}
    assert records[1] == [None, None, "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc"]
    assert records[2][2:] == [VOUCHER_A, "ODS-000777"]
    assert records[3][3] == "#N/A"
    assert is_cell_error(records[3][3])


def test_the_sheet_the_reader_streams_is_refused_for_a_declaration_as_the_guard_refuses_other_parts(
    tmp_path: Path,
) -> None:
    declared = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
    path = _with_sheet_edited(
        _workbook(tmp_path / "declared.xlsx", 3),
        {b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n': declared},
    )
    with pytest.raises(CsvFileError, match=r"declared\.xlsx: refused: xl/worksheets/sheet1\.xml declares a document"):
        list(read_sheet(str(path)))
