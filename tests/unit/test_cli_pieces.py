"""The pieces of `mews-vouchers` that need no server: the import file's rules, line ranges, exit codes, layering."""

from __future__ import annotations

import ast
import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

import mews_vouchers._cli as commands
import mews_vouchers._commands.list as list_command
from mews_vouchers._commands.delete import DeleteInputError, read_listed
from mews_vouchers._files.csv_file import CsvFileError
from mews_vouchers._files.datetimes import format_utc, parse_utc
from mews_vouchers._files.import_file import ImportFileError, read_import_file
from mews_vouchers._shared.console import Summary, line_ranges
from mews_wrapper import NewVoucherCode

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
PACKAGE = Path(__file__).parents[2] / "mews_vouchers"


def write(tmp_path: Path, text: str, *, bom: bool = False) -> str:
    path = tmp_path / "codes.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return str(path)


@pytest.mark.parametrize("bom", [False, True])
def test_the_validity_columns_are_optional_and_the_header_may_use_any_case_and_order(tmp_path: Path, bom: bool) -> None:
    loaded = read_import_file(write(tmp_path, f" value ,VOUCHERID,Notes\nA,{VOUCHER},x\r\nB,{VOUCHER},y\n", bom=bom))
    assert [(row.line, row.code.value, row.code.validity_start_utc) for row in loaded.rows] == [
        (2, "A", None),
        (3, "B", None),
    ]
    assert loaded.bad == []


def test_line_numbers_count_physical_lines_across_blank_lines_and_quoted_line_breaks(tmp_path: Path) -> None:
    text = f'VoucherId,Value\n\n{VOUCHER},"two\nlines"\n{VOUCHER},AFTER\n{VOUCHER},AFTER\n'
    loaded = read_import_file(write(tmp_path, text))
    assert [(row.line, row.code.value) for row in loaded.rows] == [(5, "AFTER")]
    assert [(bad.line, bad.reason) for bad in loaded.bad] == [
        (3, "Value 'two\\nlines' holds U+000A, a control character or line break nobody types"),
        (6, "Value 'AFTER' repeats line 5 (same voucher)"),
    ]


@pytest.mark.parametrize("instant", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_datetime_outside_the_calendar_in_utc_is_a_bad_row_not_a_crash(tmp_path: Path, instant: str) -> None:
    text = f"VoucherId,Value,ValidityStartUtc\n{VOUCHER},EDGE,{instant}\n{VOUCHER},FINE,\n"
    loaded = read_import_file(write(tmp_path, text))
    assert [row.line for row in loaded.rows] == [3]
    assert [(bad.line, bad.reason) for bad in loaded.bad] == [
        (2, f"ValidityStartUtc {instant!r} is outside the years 1 to 9999 in UTC")
    ]


def test_a_value_may_repeat_on_another_voucher_and_rows_marked_inactive_are_left_out(tmp_path: Path) -> None:
    other = str(uuid.uuid4())
    text = f"VoucherId,Value,IsActive\n{VOUCHER},A,true\n{other},A,\n{VOUCHER},B,false\n{VOUCHER},C,maybe\n"
    loaded = read_import_file(write(tmp_path, text))
    assert [row.line for row in loaded.rows] == [2, 3]
    assert loaded.inactive == [4]
    assert [(bad.line, bad.reason) for bad in loaded.bad] == [(5, "IsActive 'maybe' is neither true nor false")]


def test_datetimes_without_a_zone_are_utc_and_others_are_converted(tmp_path: Path) -> None:
    text = f"VoucherId,Value,ValidityStartUtc,ValidityEndUtc\n{VOUCHER},A,2026-06-01,2026-06-30T23:59:59+02:00\n"
    code = read_import_file(write(tmp_path, text)).rows[0].code
    assert code.validity_start_utc == dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    assert code.validity_end_utc == dt.datetime(2026, 6, 30, 21, 59, 59, tzinfo=dt.UTC)


def test_a_voucher_given_on_the_command_line_replaces_the_column(tmp_path: Path) -> None:
    other = uuid.uuid4()
    loaded = read_import_file(write(tmp_path, "Value,VoucherId\nA,not-a-uuid\n"), other)
    assert [row.code.voucher_id for row in loaded.rows] == [other]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "no header row"),
        (b"\n\n", "no header row"),
        (b"Value,Start\nA,B\n", "the header lacks VoucherId"),
        (b"VoucherId,Value,Value\n", "names Value twice"),
        (b"VoucherId,Value\n\xff\xfe,A\n", "line 2 is not UTF-8"),
        (
            b"VoucherId,Value\nfe568bbd-1ecb-4bb2-bf77-96c3698de20d,A\n\n" + b"x" * 10 + b"\xe9,B\n",
            "line 4 is not UTF-8",
        ),
        (b'VoucherId,Value\nv,"OPEN\nv,LOST-1\nv,LOST-2\n', "line 2: a quoted value opens here and is never closed"),
        (b'VoucherId,Value\nv,"A"B\n', "line 2: text follows a closing quote"),
        (b'VoucherId,Value\nv,OK\nv,"' + b"x" * 140_000 + b'"\n', "line 3: a value of more than 131,072 characters"),
    ],
)
def test_a_file_that_cannot_be_used_as_a_whole_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "codes.csv"
    path.write_bytes(content)
    with pytest.raises((ImportFileError, CsvFileError), match=words):
        read_import_file(str(path))


def test_line_ranges_collapse_runs() -> None:
    assert line_ranges([7, 2, 3, 4, 9, 10, 3]) == "2-4, 7, 9-10"
    assert line_ranges([]) == ""


@pytest.mark.parametrize(
    ("counts", "code"),
    [
        ({"added": 5, "failed": 0, "unknown": 0, "invalid": 0}, 0),
        ({"added": 5, "failed": 0, "unknown": 0, "invalid": 2}, 2),
        ({"added": 5, "failed": 1, "unknown": 0, "invalid": 2}, 1),
        ({"added": 5, "failed": 0, "unknown": 3, "invalid": 0}, 1),
    ],
)
def test_failed_or_unknown_items_exit_1_before_bad_rows_exit_2(counts: dict[str, int], code: int) -> None:
    assert Summary("import", counts, 1.0).exit_code == code


def test_datetimes_read_and_written_as_iso_utc() -> None:
    assert format_utc(parse_utc("2026-06-01T10:00:00+02:00")) == "2026-06-01T08:00:00Z"
    assert format_utc(None) == ""
    with pytest.raises(ValueError, match="not an ISO 8601 datetime"):
        parse_utc("June 1st")


def test_the_command_uses_only_the_public_api_of_mews_wrapper() -> None:
    imported = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.startswith(("mews_wrapper", "mews_sandbox", "mews_connector"))}
    assert ours == {"mews_wrapper", "mews_sandbox"}


def test_shared_options_work_before_and_after_the_subcommand_and_the_later_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[dict[str, object]] = []
    monkeypatch.setattr(list_command, "list_codes", lambda options, output, query, wide: seen.append(options) or 0)
    monkeypatch.setenv("MEWS_CLIENT_TOKEN", "client")
    monkeypatch.setenv("MEWS_ACCESS_TOKEN", "access")
    runner = CliRunner()
    for args in (
        ["--portfolio", "--platform-url", "https://a.example", "list", VOUCHER, "--no-portfolio"],
        ["list", VOUCHER, "--platform-url", "https://b.example"],
        ["list", VOUCHER],
    ):
        assert runner.invoke(commands.cli, args).exit_code == 0
    assert [(options["portfolio"], options["platform_url"]) for options in seen] == [
        (False, "https://a.example"),
        (None, "https://b.example"),
        (None, None),  # not given: MewsClient reads the environment
    ]


def test_a_huge_header_is_shown_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("Nope," + ",".join(f"{n:0100d}" for n in range(50_000)) + "\n", encoding="utf-8")  # 5 MB
    with pytest.raises(ImportFileError) as refused:
        read_import_file(str(path))
    assert len(str(refused.value)) < 400
    assert "more characters" in str(refused.value)


def test_a_row_of_only_spaces_is_a_bad_row_not_a_blank_line(tmp_path: Path) -> None:
    loaded = read_import_file(write(tmp_path, "Value\nA\n   \n\nB\n"), uuid.UUID(VOUCHER))
    assert [row.line for row in loaded.rows] == [2, 5]
    assert [(bad.line, bad.reason) for bad in loaded.bad] == [(3, "Value '   ' is only whitespace")]


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ('Id,Value\nid-1,"A\nB"\nid-2,C\n', "Value", ["A\nB", "C"]),  # a quoted line break stays in the value
        ("X\fY\nZ\n", "Value", ["X\fY", "Z"]),  # a form feed is data, not a line break
        ("A\n\nB\r\nC\n", "Value", ["A", "B", "C"]),
        ("value\nA\n", "Value", ["A"]),  # a header naming the column
    ],
)
def test_a_list_to_delete_is_read_by_the_csv_reader(
    tmp_path: Path, text: str, column: str, expected: list[str]
) -> None:
    assert read_listed(write(tmp_path, text), column) == expected


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ('Value\n"A\nB\n', "Value", "line 2: a quoted value opens here and is never closed"),
        ("A,B\nC\n", "Value", "line 1 looks like a header ('A,B') but names no Value column"),
        ("C\nA,B\n", "Value", "line 2: 2 fields"),
        ("Id\nSUMMER-1\n", "Value", "line 1 looks like a header ('Id') but names no Value column"),
        ("Value\nA\n  \n", "Value", "line 3: the Value '  ' is only whitespace"),
        ("Id\nnot-an-id\n", "Id", "line 2: 'not-an-id' is not a code id"),
        ("Value\n" + "x" * 129 + "\n", "Value", "line 2: a value must be 1 to 128 characters long, got 129"),
    ],
)
def test_a_list_to_delete_with_a_bad_line_deletes_nothing_and_names_it(
    tmp_path: Path, text: str, column: str, words: str
) -> None:
    with pytest.raises((DeleteInputError, CsvFileError), match=re.escape(words)):
        read_listed(write(tmp_path, text), column)


def test_the_rows_are_kept_as_columns_and_made_again_as_they_were_read(tmp_path: Path) -> None:
    other = str(uuid.uuid4())
    text = "VoucherId,Value,ValidityStartUtc\n" + "".join(
        f"{voucher},{value},{start}\n"
        for voucher, value, start in [
            (VOUCHER, "A", "2026-06-01"),  # 2
            (VOUCHER, "B", ""),  # 3
            (VOUCHER, "A", ""),  # 4: repeats 2
            (other, "A", "2026-06-01T08:00:00+02:00"),  # 5: another voucher, fine
            (VOUCHER, "B", ""),  # 6: repeats 3
            (VOUCHER, "A", ""),  # 7: repeats 2
            (VOUCHER, "C", ""),  # 8
        ]
    )
    loaded = read_import_file(write(tmp_path, text))
    assert [(bad.line, bad.reason.rsplit(" repeats ", 1)[1]) for bad in loaded.bad] == [
        (4, "line 2 (same voucher)"),
        (6, "line 3 (same voucher)"),
        (7, "line 2 (same voucher)"),
    ]
    rows = loaded.rows
    assert [row.line for row in rows] == [2, 3, 5, 8]
    assert rows[-1].line == 8
    assert [row.line for row in rows[1:3]] == [3, 5]
    assert rows[2].code == NewVoucherCode(other, "A", dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC))
    assert rows.vouchers() == sorted([uuid.UUID(VOUCHER), uuid.UUID(other)], key=str)
    there, missing = rows.split({(uuid.UUID(VOUCHER), "B"), (uuid.UUID(other), "A")})
    assert ([row.line for row in there], [row.line for row in missing]) == ([3, 5], [2, 8])
    assert [row.code.value for row in missing[0:10]] == ["A", "C"]
