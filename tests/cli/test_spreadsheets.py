"""Spreadsheets as people make them, through the installed command, against a sandbox, read back value by value.

The files in `tests/fixtures/spreadsheets/` were written by LibreOffice (its README says how each was made): an
.xlsx with date cells and text codes, a `;` CSV with day-first dates from a Czech locale, a Windows-1252 CSV,
UTF-16 "Unicode text", CRLF with a trailing empty line, codes left in number cells, and an export re-saved.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest

from mews_sandbox import VOUCHER_A, VOUCHER_CORPORATE, VOUCHER_EARLY_BIRD, RunningSandbox
from mews_wrapper import MewsClient, NewVoucherCode
from tests.cli.conftest import Cli, last_json, sandbox_env

FIXTURES = Path(__file__).parents[1] / "fixtures" / "spreadsheets"
UTC = dt.UTC


def at(text: str) -> dt.datetime:
    """An instant in UTC, as the test writes it: `2026-05-31 22:00`."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


Interval = tuple[dt.datetime | None, dt.datetime | None]

# file, options, voucher, {value: (ValidityStartUtc, ValidityEndUtc)} as the user meant them.
IMPORTS: list[tuple[str, list[str], str, dict[str, Interval]]] = [
    (
        "excel-dates.xlsx",  # date cells in Prague: a day is its local midnight, the end day as Mews stores it
        ["--timezone", "Europe/Prague"],
        VOUCHER_CORPORATE,
        {
            "000123": (at("2026-05-31 22:00"), at("2026-08-30 22:00")),
            "12345678901234567890": (at("2026-06-01 08:00"), at("2026-06-30 16:30")),
            "CAFÉ-NOËL-10€": (at("2026-11-30 23:00"), at("2026-12-23 23:00")),  # winter time: +01:00
            "ŽLUŤOUČKÝ-KŮŇ": (None, None),
        },
    ),
    (
        "excel-dates.ods",  # the same file saved as .ods by LibreOffice, put into another voucher by id
        ["--timezone", "Europe/Prague", "--voucher-id", VOUCHER_A],
        VOUCHER_A,
        {
            "000123": (at("2026-05-31 22:00"), at("2026-08-30 22:00")),
            "12345678901234567890": (at("2026-06-01 08:00"), at("2026-06-30 16:30")),
            "CAFÉ-NOËL-10€": (at("2026-11-30 23:00"), at("2026-12-23 23:00")),
            "ŽLUŤOUČKÝ-KŮŇ": (None, None),
        },
    ),
    (
        "european-semicolon.csv",  # ';', 01.06.2026 and 01.06.26 10:00 from a Czech LibreOffice
        ["--timezone", "Europe/Prague", "--date-format", "DMY"],
        VOUCHER_EARLY_BIRD,
        {
            "LÉTO-0042": (at("2026-05-31 22:00"), at("2026-08-30 22:00")),
            "LÉTO-0043": (at("2026-06-01 08:00"), at("2026-06-30 16:30")),
            "007": (at("2026-10-08 22:00"), at("2026-10-08 22:00")),  # one day: Mews' own example's shape
        },
    ),
    (
        "windows-1252.csv",  # no --timezone: UTC, as before
        ["--encoding", "cp1252"],
        VOUCHER_A,
        {
            "0042": (at("2026-07-01 00:00"), at("2026-07-31 00:00")),
            "CAFÉ-PRIX-5€": (at("2026-07-01 00:00"), None),
            "ÜBER-STRAßE": (None, at("2026-09-30 00:00")),
        },
    ),
    (
        "unicode-text.txt",  # UTF-16 with its BOM, tabs, a Voucher column by name
        ["--timezone", "America/New_York"],
        VOUCHER_A,
        {
            "ŘEŘICHA-01": (at("2026-06-15 04:00"), at("2026-06-15 04:00")),
            "ZÜRICH-02": (at("2026-06-15 12:00"), at("2026-06-17 00:00")),
            "00000000000000000042": (None, None),
        },
    ),
    (
        "crlf-trailing-line.csv",
        [],
        VOUCHER_CORPORATE,
        {"CRLF-1": (at("2026-05-01 00:00"), at("2026-05-31 00:00")), "CRLF-2": (None, None)},
    ),
]


def active_codes(sandbox: RunningSandbox, voucher: str) -> dict[str, Interval]:
    """The voucher's active codes, read back through the library: value -> validity."""
    with MewsClient(**_client_options(sandbox)) as client:
        return {
            code.value: (code.validity_start_utc, code.validity_end_utc)
            for code in client.voucher_codes.get_all([voucher])
            if code.is_active and code.value is not None
        }


def _client_options(sandbox: RunningSandbox) -> dict[str, str]:
    env = sandbox_env(sandbox.url)
    return {
        "platform_url": env["MEWS_PLATFORM_URL"],
        "client_token": env["MEWS_CLIENT_TOKEN"],
        "access_token": env["MEWS_ACCESS_TOKEN"],
    }


@pytest.mark.parametrize(("name", "options", "voucher", "expected"), IMPORTS, ids=[row[0] for row in IMPORTS])
def test_a_file_made_by_a_spreadsheet_program_imports_every_value_and_interval_as_meant(
    command: Cli,
    cli_sandbox: RunningSandbox,
    name: str,
    options: list[str],
    voucher: str,
    expected: dict[str, Interval],
) -> None:
    before = active_codes(cli_sandbox, voucher)
    result = command("import", str(FIXTURES / name), *options, "--json", env=sandbox_env(cli_sandbox.url))
    assert result.returncode == 0, result.stderr
    summary = last_json(result.stdout)
    assert (summary["added"], summary["invalid"], summary["warnings"]) == (len(expected), 0, [])
    assert summary["timezone"] == (options[options.index("--timezone") + 1] if "--timezone" in options else "UTC")
    after = active_codes(cli_sandbox, voucher)
    assert {value: after[value] for value in after.keys() - before.keys()} == expected


def test_an_ods_file_is_read_at_its_active_sheet_with_each_error_cell_a_bad_row(cli: Cli) -> None:
    result = cli("import", str(FIXTURES / "formulas-and-sheets.ods"), "--dry-run", "--json")
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert result.returncode == 2, result.stderr
    assert [line.split("\t")[2] for line in result.stdout.splitlines()] == ["ODS-000777", "ODS-F4", "ODS-7"]
    assert summary["invalid_rows"] == [
        {"line": 3, "reason": "Value shows the spreadsheet error #N/A"},
        {"line": 5, "reason": "ValidityEndUtc shows the spreadsheet error #DIV/0!"},
    ]
    assert "read the sheet 'Codes' (the workbook has 'Old codes' (hidden), 'Codes'" in summary["notes"][0]
    hidden = cli("import", str(FIXTURES / "formulas-and-sheets.ods"), "--sheet", "Old codes", "--dry-run")
    assert hidden.stdout.split("\t")[2] == "OLD-1"  # asked for by name, a hidden sheet is read


def test_the_dry_run_shows_each_interval_in_the_timezone_and_in_utc(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    result = cli(
        "import", str(FIXTURES / "excel-dates.xlsx"), "--timezone", "Europe/Prague", "--dry-run",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0].split("\t")
    assert first[2:] == [
        "000123",
        "2026-06-01T00:00:00+02:00 = 2026-05-31T22:00:00Z",
        "2026-08-31T00:00:00+02:00 = 2026-08-30T22:00:00Z",
    ]
    assert "times without an offset read in Europe/Prague" in result.stderr
    assert active_codes(cli_sandbox, VOUCHER_CORPORATE) == {}  # nothing sent


def test_without_a_timezone_the_summary_says_utc_was_used(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    result = cli("import", str(FIXTURES / "crlf-trailing-line.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("; times without an offset read in UTC")


def test_a_windows_1252_file_read_as_utf_8_names_the_line_and_the_option(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    result = cli("import", str(FIXTURES / "windows-1252.csv"))
    assert result.returncode == 2
    assert "line 3 is not UTF-8" in result.stderr
    assert "--encoding cp1252" in result.stderr
    assert active_codes(cli_sandbox, VOUCHER_A) == {}


def test_day_first_dates_without_a_date_format_are_refused_as_ambiguous(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    result = cli("import", str(FIXTURES / "european-semicolon.csv"), "--json")
    assert result.returncode == 2
    reasons = {row["line"]: row["reason"] for row in last_json(result.stdout)["invalid_rows"]}
    assert sorted(reasons) == [2, 3, 4]
    assert "'01.06.2026' is ambiguous (day first or month first?): pass --date-format DMY or MDY" in reasons[2]


def test_codes_in_number_cells_are_refused_with_the_line_and_a_hint(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    result = cli("import", str(FIXTURES / "number-cells.xlsx"), "--json")
    assert result.returncode == 2
    summary = last_json(result.stdout)
    reasons = {row["line"]: row["reason"] for row in summary["invalid_rows"]}
    assert sorted(reasons) == [2, 3]
    assert reasons[2].startswith("Value is a number cell (321 as a spreadsheet shows it), not text")
    assert "(9.87654321098765E+19 as a spreadsheet shows it)" in reasons[3]
    assert "Format the column as Text" in reasons[3]
    assert set(active_codes(cli_sandbox, VOUCHER_EARLY_BIRD)) == {"TEXT-OK-1"}


def test_an_export_re_saved_by_a_spreadsheet_is_imported_with_a_warning_for_each_rewritten_number(
    cli: Cli, cli_sandbox: RunningSandbox
) -> None:
    assert cli("import", str(FIXTURES / "sources" / "resaved-export.csv")).returncode == 0
    result = cli("import", str(FIXTURES / "resaved-export.csv"), "--json")
    assert result.returncode == 0, result.stderr
    warnings = {}
    for row in last_json(result.stdout)["warnings"]:
        warnings.setdefault(row["line"], []).append(row["reason"])
    assert sorted(warnings) == [2, 3, 4]
    assert "Value '555' is the number of the active code '000555'" in warnings[2][0]
    assert any("'4.00E+07' is the number of the active code '4E7'" in reason for reason in warnings[3])
    assert any("'9.87654321098765E+019' looks like a number in scientific notation" in r for r in warnings[4])
    assert "line 2: warning: Value '555'" in result.stderr
    assert set(active_codes(cli_sandbox, VOUCHER_CORPORATE)) == {
        "000555", "4E7", "98765432109876543210", "555", "4.00E+07", "9.87654321098765E+019",
    }  # fmt: skip


def test_a_voucher_column_names_the_voucher_and_an_unknown_name_is_a_bad_row_with_candidates(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    path = tmp_path / "named.csv"
    path.write_text("Voucher;Value\ncorporate rate;NAMED-1\nCorporate rat;NAMED-2\nWinter;NAMED-3\n", "utf-8")
    result = cli("import", str(path), "--json")
    assert result.returncode == 2
    reasons = {row["line"]: row["reason"] for row in last_json(result.stdout)["invalid_rows"]}
    assert sorted(reasons) == [3, 4]
    assert "no voucher is called 'Corporate rat'; did you mean 'Corporate rate'?" in reasons[3]
    assert "'Summer sale'" in reasons[4]  # the names the token reaches
    assert set(active_codes(cli_sandbox, VOUCHER_CORPORATE)) == {"NAMED-1"}


def test_a_value_with_a_line_break_or_a_tab_inside_is_a_bad_row(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["VoucherId", "Value"])
    sheet.append([VOUCHER_A, "TWO\nLINES"])  # Alt+Enter in a cell
    sheet.append([VOUCHER_A, "A\tTAB"])
    sheet.append([VOUCHER_A, "FINE-1"])
    workbook.save(tmp_path / "breaks.xlsx")
    result = cli("import", str(tmp_path / "breaks.xlsx"), "--json")
    assert result.returncode == 2
    reasons = {row["line"]: row["reason"] for row in last_json(result.stdout)["invalid_rows"]}
    assert sorted(reasons) == [2, 3]
    assert set(active_codes(cli_sandbox, VOUCHER_A)) == {"FINE-1"}


def _seed(sandbox: RunningSandbox, values: list[str]) -> None:
    start = dt.datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
    with MewsClient(**_client_options(sandbox)) as client:
        client.voucher_codes.add([NewVoucherCode(VOUCHER_A, value, start) for value in values])


def test_an_xlsx_export_of_2000_codes_reads_back_with_text_values_and_datetime_cells(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    values = ["000123", "12345678901234567890", "=1+1", "+420", "@ME", "CAFÉ"] + [f"X-{n:05d}" for n in range(1994)]
    _seed(cli_sandbox, values)
    target = tmp_path / "codes.xlsx"
    result = cli("export", VOUCHER_A, "-o", str(target), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["exported"] == 2000
    workbook = openpyxl.load_workbook(target)  # not read-only: styles and panes are read too
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert header == [
        "Id", "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc", "IsActive",
    ]  # fmt: skip
    assert all(cell.font.b for cell in rows[0])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 20
    by_value = {row[2].value: row for row in rows[1:]}
    assert set(by_value) == set(values)
    for value, row in by_value.items():
        assert (row[2].data_type, row[2].number_format) == ("s", "@"), value  # text, even "=1+1"
        assert uuid.UUID(row[0].value).version == 4
        assert row[1].value == VOUCHER_A
        assert row[3].value == dt.datetime(2026, 6, 1, 8, 30)  # a datetime cell, in UTC (the header says so)
        assert row[3].is_date
        assert row[4].value is None
        assert isinstance(row[5].value, dt.datetime)
        assert row[7].value is True
    reimported = cli("import", str(target), "--json")
    assert (reimported.returncode, last_json(reimported.stdout)["skipped"]) == (0, 2000)  # read back as it was


def test_an_xlsx_export_in_a_timezone_names_it_in_the_header_and_imports_back_to_the_same_instants(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    _seed(cli_sandbox, ["TZ-1"])
    target = tmp_path / "prague.xlsx"
    assert cli("export", VOUCHER_A, "-o", str(target), "--timezone", "Europe/Prague").returncode == 0
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][3:5] == ["ValidityStart (Europe/Prague)", "ValidityEnd (Europe/Prague)"]
    assert rows[1][3] == dt.datetime(2026, 6, 1, 10, 30)  # 08:30 UTC is 10:30 in Prague
    dry = cli("import", str(target), "--voucher-id", VOUCHER_CORPORATE, "--dry-run")
    assert dry.stdout.split("\t")[3] == "2026-06-01T08:30:00Z"  # the header's zone, not UTC


def test_a_csv_export_keeps_formula_like_values_exact_and_warns_once_or_neutralises_them(
    cli: Cli, cli_sandbox: RunningSandbox
) -> None:
    _seed(cli_sandbox, ["=HYPERLINK(1)", "+420", "-5", "@SUM", "PLAIN"])
    exact = cli("export", VOUCHER_A)
    assert exact.returncode == 0
    assert {line.split(",")[2] for line in exact.stdout.splitlines()[1:]} == {
        "=HYPERLINK(1)", "+420", "-5", "@SUM", "PLAIN",
    }  # fmt: skip
    assert exact.stderr.count("would run them as formulas") == 1
    assert "--excel-safe" in exact.stderr
    safe = cli("export", VOUCHER_A, "--excel-safe")
    assert {line.split(",")[2] for line in safe.stdout.splitlines()[1:]} == {
        "'=HYPERLINK(1)", "'+420", "'-5", "'@SUM", "PLAIN",
    }  # fmt: skip
    assert "would run them as formulas" not in safe.stderr


def test_list_and_export_show_datetimes_in_the_timezone(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    _seed(cli_sandbox, ["SHOWN-1"])
    listed = cli("list", VOUCHER_A, "--timezone", "Europe/Prague")
    assert listed.stdout.split("\t")[3] == "2026-06-01T10:30:00+02:00"
    exported = cli("export", VOUCHER_A, "--format", "jsonl", "--timezone", "America/New_York")
    assert json.loads(exported.stdout)["ValidityStartUtc"] == "2026-06-01T04:30:00-04:00"
    assert cli("list", VOUCHER_A, "--timezone", "Mars/Olympus").returncode == 2


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)"
)
def test_libreoffice_opens_an_xlsx_export_with_the_codes_as_text(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    _seed(cli_sandbox, ["000123", "12345678901234567890", "=1+1"])
    assert cli("export", VOUCHER_A, "-o", str(tmp_path / "codes.xlsx")).returncode == 0
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path / "out"), str(tmp_path / "codes.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shown = (tmp_path / "out" / "codes.csv").read_text("utf-8").splitlines()
    assert {line.split(",")[2] for line in shown[1:]} == {"000123", "12345678901234567890", "=1+1"}
