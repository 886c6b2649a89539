"""The pieces of spreadsheet support that need no server: dates as people type them, encodings, delimiters, cells."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from rich.console import Console

import mews_vouchers._cli as commands
import mews_vouchers._commands.list as list_command
from mews_vouchers._files.codes_out import excel_safe, table
from mews_vouchers._files.csv_file import CsvFileError, read_records
from mews_vouchers._files.datetimes import DateReading, format_moment, format_short, zone_named
from mews_vouchers._files.import_file import ImportFileError, read_import_file
from mews_vouchers._files.table_file import SourceFormat, delimiter_named, read_table
from mews_vouchers._shared.console import Summary, counted
from mews_wrapper import VoucherCode

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
UTC = dt.UTC


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-08-31", None, utc(2026, 8, 30, 22)),  # a day is its start in the timezone
        ("2026-06-01 10:00", None, utc(2026, 6, 1, 8)),
        ("2026-06-01T10:00:00Z", None, utc(2026, 6, 1, 10)),  # an offset wins over the timezone
        ("2026-06-01T10:00:00+05:00", "DMY", utc(2026, 6, 1, 5)),
        ("31/08/2026", "DMY", utc(2026, 8, 30, 22)),
        ("31.08.2026 10:30", "DMY", utc(2026, 8, 31, 8, 30)),
        ("30.06.26 18:30", "DMY", utc(2026, 6, 30, 16, 30)),  # a spreadsheet's two-digit year: this century
        ("08/31/2026 10:00 PM", "MDY", utc(2026, 8, 31, 20)),
        ("8/31/2026 12:15 AM", "MDY", utc(2026, 8, 30, 22, 15)),
        ("2026/08/31", None, utc(2026, 8, 30, 22)),  # year first is never ambiguous
        ("2023-10-10", None, utc(2023, 10, 9, 22)),  # Mews' own example: the validity day 10 October in Prague
    ],
)
def test_dates_are_read_as_people_type_them_in_the_timezone(
    text: str, order: str | None, expected: dt.datetime
) -> None:
    assert DateReading(PRAGUE, order).moment(text) == expected


def test_date_and_datetime_cells_are_local_to_the_timezone_and_utc_without_one() -> None:
    assert DateReading(PRAGUE).moment(dt.datetime(2026, 1, 15, 9, 0)) == utc(2026, 1, 15, 8)
    assert DateReading(PRAGUE).moment(dt.date(2026, 7, 1)) == utc(2026, 6, 30, 22)
    assert DateReading().moment(dt.datetime(2026, 1, 15, 9, 0)) == utc(2026, 1, 15, 9)
    assert DateReading().moment("2026-01-15") == utc(2026, 1, 15)


@pytest.mark.parametrize(
    ("text", "order", "words"),
    [
        ("31/08/2026", None, "is ambiguous (day first or month first?): pass --date-format DMY or MDY"),
        ("01.06.2026", None, "is ambiguous"),
        ("31/08/2026", "MDY", "is not a real date or time in the order MDY"),
        ("31/08/2026", "YMD", "is not a date in the order YMD"),
        (
            "2026-03-29 02:30",
            None,
            "does not exist in Europe/Prague: the clocks skip that hour (from UTC+01:00 to UTC+02:00); write the "
            "instant meant with an offset, for example 2026-03-29T02:30+01:00",
        ),
        (
            "2026-10-25 02:30",
            None,
            "happens twice in Europe/Prague: the clocks go back (from UTC+02:00 to UTC+01:00); write the one meant "
            "with its offset: 2026-10-25T02:30+02:00 (the first, = 2026-10-25T00:30Z) or 2026-10-25T02:30+01:00",
        ),
        ("13:00 PM 1/1/2026", "MDY", "is not an ISO 8601 datetime"),
        ("1/1/2026 13:00 PM", "MDY", "the hour of a time with AM or PM is 1 to 12"),
        ("next Tuesday", None, "is not an ISO 8601 datetime"),
    ],
)
def test_dates_that_cannot_be_known_are_refused_with_the_reason(text: str, order: str | None, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        DateReading(PRAGUE, order).moment(text)


def test_timezones_are_iana_names_and_datetimes_are_shown_in_them() -> None:
    assert zone_named("Europe/Prague").key == "Europe/Prague"
    with pytest.raises(ValueError, match="not an IANA timezone name"):
        zone_named("CEST+2")
    moment = utc(2026, 6, 1, 8, 0, 0)
    assert format_moment(moment) == "2026-06-01T08:00:00Z"
    assert format_moment(moment, PRAGUE) == "2026-06-01T10:00:00+02:00"
    assert format_short(moment.replace(microsecond=123456), PRAGUE) == "2026-06-01 10:00:00"
    assert format_short(None) == "-"


def _file(tmp_path: Path, data: bytes, name: str = "codes.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"VoucherId;Value\nA;B,C\n", ";"),
        (b"VoucherId\tValue\nA\tB;C\n", "\t"),
        (b"VoucherId,Value\nA,B;C\n", ","),
        (b"\n\nValue;VoucherId\nA;B\n", ";"),  # blank lines before the header
        (b"nothing;known;here\nA;B\n", ","),  # no known name: the comma, as before
    ],
)
def test_the_delimiter_is_found_from_the_header_line(tmp_path: Path, data: bytes, delimiter: str) -> None:
    records = list(read_records(_file(tmp_path, data), header_names=["VoucherId", "Value"]))
    expected = [line.split(delimiter) for line in data.decode().strip().split("\n") if line]
    assert [list(record.fields) for record in records] == expected


def test_a_delimiter_given_wins_and_only_the_known_ones_are_accepted(tmp_path: Path) -> None:
    path = _file(tmp_path, b"VoucherId;Value\nA;B\n")
    assert [list(r.fields) for r in read_records(path, delimiter=",")] == [["VoucherId;Value"], ["A;B"]]
    assert delimiter_named("tab") == "\t"
    assert delimiter_named(";") == ";"
    with pytest.raises(ValueError, match="not a delimiter"):
        delimiter_named("|")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf_16_is_found_by_its_bom_with_line_numbers_kept(tmp_path: Path, encoding: str) -> None:
    bom = "\ufeff".encode(encoding)
    text = 'Value\tVoucherId\r\n"ŘEŘICHA"\tx\r\n\r\n"TWO\nLINES"\ty\r\nLAST\tz\r\n'
    records = list(read_records(_file(tmp_path, bom + text.encode(encoding)), header_names=["Value"]))
    assert [(record.line, list(record.fields)) for record in records] == [
        (1, ["Value", "VoucherId"]),
        (2, ["ŘEŘICHA", "x"]),
        (4, ["TWO\nLINES", "y"]),
        (6, ["LAST", "z"]),
    ]


def test_an_encoding_given_is_used_and_a_wrong_one_names_the_line(tmp_path: Path) -> None:
    data = "Value\nCAFÉ-5€\n".encode("cp1252")
    path = _file(tmp_path, data)
    assert [list(r.fields) for r in read_records(path, encoding="cp1252")] == [["Value"], ["CAFÉ-5€"]]
    with pytest.raises(CsvFileError, match=r"line 2 is not UTF-8 .*pass --encoding cp1252"):
        list(read_records(path))
    with pytest.raises(CsvFileError, match="is not an encoding Python knows"):
        list(read_records(path, encoding="klingon"))
    with pytest.raises(CsvFileError, match=r"line 2 is not ascii .*pass the encoding it was saved in"):
        list(read_records(path, encoding="ascii"))


def test_a_workbook_under_another_name_and_other_spreadsheet_formats_are_refused_with_a_hint(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "book.xlsx")
    renamed = _file(tmp_path, (tmp_path / "book.xlsx").read_bytes(), "book.csv")
    with pytest.raises(CsvFileError, match=r"this is a workbook \(a zip file\), not CSV: give it the name .xlsx"):
        list(read_table(renamed))
    with pytest.raises(CsvFileError, match=r"\.xls files cannot be read: save it as \.xlsx \(Excel Workbook\), \.ods"):
        list(read_table(_file(tmp_path, b"x", "codes.xls")))
    with pytest.raises(CsvFileError, match=r"codes\.ods: not a workbook that can be read"):
        list(read_table(_file(tmp_path, b"x", "codes.ods")))
    with pytest.raises(CsvFileError, match=r"--sheet is for workbooks \(\.xlsx, \.ods\)"):
        list(read_table(renamed, SourceFormat(sheet="Codes")))
    with pytest.raises(CsvFileError, match="--encoding and --delimiter are for CSV files"):
        list(read_table(str(tmp_path / "book.xlsx"), SourceFormat(encoding="cp1252")))


def test_a_sheet_is_chosen_by_name_and_a_missing_one_lists_the_others(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Notes"
    first.append(["not", "codes"])
    codes = workbook.create_sheet("Codes")
    codes.append(["VoucherId", "Value", "ValidityStartUtc"])
    codes.append([])  # an empty row keeps its number
    codes.append([VOUCHER, "0042", dt.datetime(2026, 7, 1, 9, 0)])
    workbook.save(tmp_path / "book.xlsx")
    path = str(tmp_path / "book.xlsx")
    loaded = read_import_file(path, source=SourceFormat(sheet="Codes"), reading=DateReading(PRAGUE))
    assert [(row.line, row.code.value, row.code.validity_start_utc) for row in loaded.rows] == [
        (3, "0042", utc(2026, 7, 1, 7))
    ]
    assert loaded.local_times
    with pytest.raises(CsvFileError, match=r"no sheet is called 'Cods' \(the workbook has 'Notes', 'Codes'\)"):
        read_import_file(path, source=SourceFormat(sheet="Cods"))
    with pytest.raises(ImportFileError, match="the header lacks VoucherId"):
        read_import_file(path)  # the first sheet: notes, not codes


def test_cells_that_are_not_text_codes_are_bad_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["VoucherId", "Value", "ValidityEndUtc"])
    sheet.append([VOUCHER, 123])
    sheet.append([VOUCHER, True])
    sheet.append([VOUCHER, dt.datetime(2026, 1, 1)])
    sheet.append([VOUCHER, "OK", 45000])  # a number where a date should be
    sheet.append([VOUCHER, "GOOD"])
    workbook.save(tmp_path / "cells.xlsx")
    loaded = read_import_file(str(tmp_path / "cells.xlsx"))
    reasons = {bad.line: bad.reason for bad in loaded.bad}
    assert reasons[2].startswith("Value is a number cell (123 as a spreadsheet shows it)")
    assert reasons[3] == "Value is a TRUE/FALSE cell, not text"
    assert reasons[4].startswith("Value is a date or time cell")
    assert reasons[5].startswith("ValidityEndUtc 45000 is not a date or a datetime")
    assert [row.code.value for row in loaded.rows] == ["GOOD"]


def test_a_header_may_name_the_timezone_of_its_column_and_a_different_option_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, f"VoucherId,Value,ValidityStart (Europe/Prague)\n{VOUCHER},A,2026-07-01 09:00\n".encode())
    loaded = read_import_file(path)
    assert loaded.rows[0].code.validity_start_utc == utc(2026, 7, 1, 7)
    assert read_import_file(path, reading=DateReading(PRAGUE)).rows[0].code.validity_start_utc == utc(2026, 7, 1, 7)
    with pytest.raises(ImportFileError, match="the header says ValidityStartUtc is in Europe/Prague, and --timezone"):
        read_import_file(path, reading=DateReading(zoneinfo.ZoneInfo("America/New_York")))


def test_values_that_look_like_a_spreadsheets_numbers_are_kept_with_a_warning(tmp_path: Path) -> None:
    text = f"VoucherId,Value\n{VOUCHER},9.87654321098765E+019\n{VOUCHER},'=SUM(A1)\n{VOUCHER},E5-ROOM\n"
    loaded = read_import_file(_file(tmp_path, text.encode()))
    assert [row.code.value for row in loaded.rows] == ["9.87654321098765E+019", "'=SUM(A1)", "E5-ROOM"]
    assert [warning.line for warning in loaded.warnings] == [2, 3]
    assert "scientific notation" in loaded.warnings[0].reason
    assert "as --excel-safe writes" in loaded.warnings[1].reason


def test_excel_safe_neutralises_what_a_spreadsheet_would_run_and_nothing_else() -> None:
    assert [excel_safe(value) for value in ("=1+1", "+420", "-5", "@SUM", "\tX", "A=B", "")] == [
        "'=1+1", "'+420", "'-5", "'@SUM", "'\tX", "A=B", "",
    ]  # fmt: skip


def _code(value: str, voucher: str = VOUCHER) -> VoucherCode:
    moment = utc(2026, 6, 1, 8, 0, 0)
    return VoucherCode(
        id="0b0e6a51-1c5d-4c2f-9a50-8f7e8d1c2b3a",  # type: ignore[arg-type]
        voucher_id=voucher,  # type: ignore[arg-type]
        value=value,
        validity_start_utc=moment,
        validity_end_utc=None,
        created_utc=moment,
        updated_utc=moment.replace(second=7, microsecond=123456),
        is_active=True,
    )


def test_the_list_table_fits_80_columns_with_short_ids_and_wide_shows_them_whole() -> None:
    console = Console(width=80, record=True, color_system=None)
    table(
        [_code(f"SUMMER-2026-{n:04d}") for n in range(3)],
        console,
        zone=PRAGUE,
        names={VOUCHER: "Summer sale"},  # type: ignore[dict-item]
    )
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "voucher Summer sale (fe568bbd-1ecb-4bb2-bf77-96c3698de20d)" in text  # the voucher once, above
    assert "2026-06-01 10:00" in text  # whole minutes, in the timezone
    assert "(Europe/Prague)" in text  # the header names the timezone
    assert "0b0e6a51 " in text
    assert "0b0e6a51-1c5d" not in text
    wide = Console(width=200, record=True, color_system=None)
    table([_code("A")], wide, wide=True)
    wide_text = wide.export_text()
    assert "0b0e6a51-1c5d-4c2f-9a50-8f7e8d1c2b3a" in wide_text
    assert "2026-06-01 08:00:07 " in wide_text  # the update time, in whole seconds


def test_counts_are_singular_for_one() -> None:
    assert [counted(1, "row"), counted(0, "row"), counted(2500, "code")] == ["1 row", "0 rows", "2,500 codes"]
    assert Summary("import", {"added": 1}, 0.5).text() == "import: added 1 in 0.5 s"
    assert Summary("import", {"added": 500}, 1.0, note="times in UTC").text().endswith("(500 codes/s); times in UTC")


def test_updated_since_without_an_offset_is_read_in_the_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(list_command, "list_codes", lambda options, output, query, wide: seen.append(query) or 0)
    monkeypatch.setenv("MEWS_CLIENT_TOKEN", "client")
    monkeypatch.setenv("MEWS_ACCESS_TOKEN", "access")
    arguments = ["list", VOUCHER, "--updated-since", "2026-07-01 09:00", "--timezone", "Europe/Prague"]
    assert CliRunner().invoke(commands.cli, arguments).exit_code == 0
    assert CliRunner().invoke(commands.cli, arguments[:4]).exit_code == 0  # no timezone: UTC
    assert [query.updated_since for query in seen] == [utc(2026, 7, 1, 7), utc(2026, 7, 1, 9)]  # type: ignore[attr-defined]
    assert seen[0].zone == PRAGUE  # type: ignore[attr-defined]  # and shown in it
