"""The newest commands keep the core's promises (#27): nothing merged, nothing skipped, nothing read unseen, and
every refusal one line. Each test reproduces one item of the issue and fails on the code before it."""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest

from mews_sandbox import VOUCHER_A, VOUCHER_CORPORATE, VOUCHER_SPRING_2026, RunningSandbox
from mews_sandbox._config import ENTERPRISE_A, VOUCHER_INACTIVE
from mews_sandbox._store import NewCode
from mews_vouchers._shared.leases import sync_lease
from mews_wrapper import MewsClient
from tests.cli.conftest import Cli, last_json, sandbox_env, write_codes_csv


def _active(sandbox: RunningSandbox, voucher: str = VOUCHER_SPRING_2026) -> list[tuple[str | None, object]]:
    env = sandbox_env(sandbox.url)
    options = {"platform_url": env["MEWS_PLATFORM_URL"], "client_token": env["MEWS_CLIENT_TOKEN"]}
    with MewsClient(**options, access_token=env["MEWS_ACCESS_TOKEN"]) as client:
        return sorted(
            ((code.value, code.validity_end_utc) for code in client.voucher_codes.get_all([voucher]) if code.is_active),
            key=str,
        )


def _one_line(result: object) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    return stderr


# 1. Two syncs at once: the second is refused, naming the holder; after applying, the voucher is compared.
def test_a_second_sync_of_a_voucher_is_refused_while_one_holds_its_lease(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEWS_VOUCHERS_CACHE", str(tmp_path / "cache"))
    codes = write_codes_csv(tmp_path / "b.csv", 3, voucher=VOUCHER_SPRING_2026)
    with sync_lease(cli_sandbox.url, uuid.UUID(VOUCHER_SPRING_2026), None):
        refused = cli("sync", str(codes), "--voucher-id", VOUCHER_SPRING_2026, "--yes")
    assert refused.returncode == 1
    assert "another sync of voucher 6a7b8c9d" in _one_line(refused)
    assert "process " in refused.stderr
    assert _active(cli_sandbox) == []  # nothing applied
    done = cli("sync", str(codes), "--voucher-id", VOUCHER_SPRING_2026, "--yes")  # the lease is free again
    assert done.returncode == 0, done.stderr
    assert len(_active(cli_sandbox)) == 3


def test_the_sync_lease_is_shared_through_redis(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path, redis_url: str
) -> None:
    codes = write_codes_csv(tmp_path / "b.csv", 3, voucher=VOUCHER_SPRING_2026)
    with sync_lease(cli_sandbox.url, uuid.UUID(VOUCHER_SPRING_2026), redis_url):
        refused = cli(
            "sync", str(codes), "--voucher-id", VOUCHER_SPRING_2026, "--yes", "--rate-limit-storage", redis_url
        )
    assert refused.returncode == 1
    assert "another sync of voucher" in _one_line(refused)
    assert _active(cli_sandbox) == []


# 2. A formula without a saved value is a bad row naming its cell.
def test_a_formula_without_a_saved_value_is_a_bad_row_naming_its_cell(cli: Cli, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["VoucherId", "Value"])
    sheet.append([VOUCHER_A, "F-1"])
    sheet.append([VOUCHER_A, "F-2"])
    sheet.append([VOUCHER_A, '=CONCAT("F-","3")'])  # openpyxl saves no result for it
    workbook.save(tmp_path / "f.xlsx")
    result = cli("import", str(tmp_path / "f.xlsx"), "--json")
    assert result.returncode == 2
    assert "line 4: Value in cell B4 is a formula with no saved result" in _one_line(result)
    assert (last_json(result.stdout)["added"], last_json(result.stdout)["invalid"]) == (2, 1)


# 3. A hidden first sheet is not read; the sheet read is named.
def test_the_visible_sheet_is_read_and_named_not_a_hidden_one(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "Old"
    hidden.append(["Value"])
    hidden.append(["HIDDEN-1"])
    hidden.sheet_state = "hidden"
    shown = workbook.create_sheet("Codes")
    shown.append(["Value"])
    shown.append(["SHOWN-1"])
    workbook.active = 1
    workbook.save(tmp_path / "h.xlsx")
    result = cli("import", str(tmp_path / "h.xlsx"), "--voucher-id", VOUCHER_SPRING_2026)
    assert result.returncode == 0, result.stderr
    assert (
        "read the sheet 'Codes' (the workbook has 'Old' (hidden), 'Codes'; another with --sheet NAME)" in result.stderr
    )
    assert [value for value, _ in _active(cli_sandbox)] == ["SHOWN-1"]


# 4. --max-delete counts replacements.
def test_max_delete_counts_replaced_codes(cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    first = write_codes_csv(tmp_path / "a.csv", 5, voucher=VOUCHER_SPRING_2026)
    assert cli("import", str(first)).returncode == 0
    moved = tmp_path / "moved.csv"
    moved.write_text(first.read_text().replace("2026-06-01T00:00:00Z,", "2026-06-01T00:00:00Z,2027-01-01T00:00:00Z"))
    refused = cli("sync", str(moved), "--voucher-id", VOUCHER_SPRING_2026, "--yes", "--max-delete", "0")
    assert refused.returncode == 2
    assert "the plan deletes 5 of the voucher's 5 active codes, more than --max-delete allows (0" in refused.stderr
    assert "replaced codes count" in refused.stderr
    assert all(end is None for _, end in _active(cli_sandbox))  # nothing replaced


# 5. generate does not resume another command's file.
def test_generate_does_not_import_a_file_another_pattern_made(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    old = cli("generate", "--count", "5", "--pattern", "OLD-**********", "--voucher-id", VOUCHER_SPRING_2026, "-o",
              f"generated-{VOUCHER_SPRING_2026[:8]}-5.csv")  # fmt: skip
    assert old.returncode == 0, old.stderr
    new = cli(
        "generate", "--count", "5", "--pattern", "NEW-**********", "--voucher-id", VOUCHER_SPRING_2026, "--import"
    )
    assert new.returncode == 2
    assert "exists and was not made by this command" in _one_line(new)
    assert _active(cli_sandbox) == []


# 6. Duplicated and valueless active codes are planned away: the voucher ends equal to the file.
def test_sync_removes_a_second_active_code_of_a_value_and_one_without_a_value(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    codes = write_codes_csv(tmp_path / "a.csv", 3, voucher=VOUCHER_SPRING_2026)
    assert cli("import", str(codes)).returncode == 0
    start = int(dt.datetime(2026, 6, 1, tzinfo=dt.UTC).timestamp() * 1_000_000)
    extra = [
        NewCode(str(uuid.uuid4()), VOUCHER_SPRING_2026, ENTERPRISE_A, value, start if value else None, None, 1)
        for value in ("CODE-00000", "")
    ]
    cli_sandbox.state.store.insert(extra)
    result = cli("sync", str(codes), "--voucher-id", VOUCHER_SPRING_2026, "--yes", "--json")
    assert result.returncode == 0, result.stderr
    assert last_json(result.stdout)["deleted"] == 2
    assert "of the deletions, 1 are second active codes of a value the file keeps and 1 active codes without" in (
        result.stderr
    )
    assert [value for value, _ in _active(cli_sandbox)] == ["CODE-00000", "CODE-00001", "CODE-00002"]


# 7. One line when --voucher-id overrides a VoucherId column naming other vouchers.
def test_an_overridden_voucher_column_is_said_in_one_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text(f"VoucherId,Value\n{VOUCHER_A},O-1\n{VOUCHER_A[:-1]},O-2\n{VOUCHER_SPRING_2026},O-3\n")
    result = cli("import", str(path), "--voucher-id", VOUCHER_SPRING_2026)
    assert result.returncode == 0, result.stderr
    assert (
        "warning: the VoucherId column named 1 other voucher(s) (fe568bbd) and 1 that are not voucher ids on 2 rows"
        in result.stderr
    )


# 8. generate refuses literals that import would refuse, before drawing anything.
@pytest.mark.parametrize("pattern", ["A\tB-****", " LEAD-****", "ESC\x1b-****"])
def test_generate_refuses_a_pattern_import_would_refuse(cli: Cli, tmp_path: Path, pattern: str) -> None:
    result = cli("generate", "--count", "3", "--pattern", pattern, "--voucher-id", VOUCHER_SPRING_2026, "-o", "g.csv")
    assert result.returncode == 2
    assert "makes codes that import refuses" in _one_line(result)
    assert not (tmp_path / "g.csv").exists()


# 9. DST gaps and overlaps in options: one line saying which and how to write the instant.
@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["list", VOUCHER_A, "--updated-since", "2026-03-29T02:30"], "does not exist in Europe/Prague"),
        (["export", VOUCHER_A, "--updated-since", "2026-10-25T02:30"], "happens twice in Europe/Prague"),
        (["generate", "--count", "1", "--voucher-id", VOUCHER_A, "-o", "x.csv", "--valid-from", "2026-03-29 02:30"],
         "does not exist in Europe/Prague"),
    ],
)  # fmt: skip
def test_a_local_time_the_clocks_skip_or_repeat_is_one_line(cli: Cli, arguments: list[str], words: str) -> None:
    result = cli("--timezone", "Europe/Prague", *arguments)
    assert result.returncode == 2
    assert words in _one_line(result)
    assert "offset" in result.stderr.split(words)[1]


def _xlsx_with_shared_strings(path: Path, shared: str) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Value"])
    workbook.active.append(["X"])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/sharedStrings.xml"] = shared.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# 10. Nested entities ("billion laughs"): one line.
def test_a_workbook_with_entities_is_refused_in_one_line(cli: Cli, tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    result = cli("import", str(_xlsx_with_shared_strings(tmp_path / "l.xlsx", laughs)), "--voucher-id", VOUCHER_A)
    assert result.returncode == 2
    assert "refused: xl/sharedStrings.xml declares a document type" in _one_line(result)
    assert len(result.stderr.strip().splitlines()) == 1


# 12. A cell over a cell's limit is refused while it streams.
def test_a_cell_over_the_limit_is_refused_while_reading(cli: Cli, tmp_path: Path) -> None:
    huge = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + "A" * 5_000_000
        + "</t></si></sst>"
    )
    path = _xlsx_with_shared_strings(tmp_path / "h.xlsx", huge)
    assert path.stat().st_size < 100_000
    result = cli("import", str(path), "--voucher-id", VOUCHER_A)
    assert result.returncode == 2
    assert "holds a text of more than 32,767 characters" in _one_line(result)


# 11. A bad storage URL: which part, and never the password.
def test_a_bad_storage_url_is_one_line_without_its_password(cli: Cli) -> None:
    result = cli("--rate-limit-storage", "redis://:s3cret@127.0.0.1:notaport/0", "list", VOUCHER_A)
    assert result.returncode == 2
    assert "the port 'notaport' is not a number" in _one_line(result)
    assert "s3cret" not in result.stderr + result.stdout


# 15. --excel-safe CSV starts with a BOM.
def test_an_excel_safe_csv_has_a_bom(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", VOUCHER_A, "--excel-safe", "-o", "e.csv").returncode == 0
    assert (tmp_path / "e.csv").read_bytes().startswith(b"\xef\xbb\xbfId,")
    assert cli("export", VOUCHER_A, "-o", "plain.csv").returncode == 0
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"Id,")


# 16. A value changed since its export is named; --strict refuses the file.
def test_a_reimported_value_that_differs_from_its_codes_is_named(cli: Cli, tmp_path: Path) -> None:
    codes = write_codes_csv(tmp_path / "a.csv", 2, voucher=VOUCHER_SPRING_2026)
    assert cli("import", str(codes)).returncode == 0
    assert cli("export", VOUCHER_SPRING_2026, "-o", "out.csv").returncode == 0
    (tmp_path / "out.csv").write_text((tmp_path / "out.csv").read_text().replace("CODE-00001", "CODE-0000l"))
    strict = cli("import", "out.csv", "--strict")
    assert strict.returncode == 2
    assert "Value 'CODE-0000l' differs from 'CODE-00001', the value of the code" in _one_line(strict)
    assert "--strict: 1 warning above; nothing was sent" in strict.stderr
    lenient = cli("import", "out.csv", "--json")
    assert lenient.returncode == 0
    assert last_json(lenient.stdout)["added"] == 1
    assert "differs from 'CODE-00001'" in lenient.stderr


# 17. Ended validity and an inactive voucher are warned of.
def test_ended_validity_and_an_inactive_voucher_are_warned_of(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text(f"VoucherId,Value,ValidityEndUtc\n{VOUCHER_INACTIVE},W-1,2020-01-01\n{VOUCHER_INACTIVE},W-2,\n")
    dry = cli("import", str(path), "--dry-run")
    assert "warning: the validity of 1 row has ended (lines 2): those codes can never be used" in dry.stderr
    assert "warning: the voucher 'Winter 2025'" in dry.stderr
    assert "is not active" in dry.stderr


# 18. Ids in tables are short enough to copy.
def test_the_vouchers_table_shows_short_ids_and_long_ones_on_request(cli: Cli) -> None:
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}
    short = cli("vouchers", env=terminal)
    assert short.returncode == 0, short.stderr
    assert "fe568bbd " in short.stdout
    assert VOUCHER_A not in short.stdout
    long = cli("vouchers", "--long", env={**terminal, "COLUMNS": "250"})
    assert VOUCHER_A in long.stdout
    assert VOUCHER_A in cli("vouchers").stdout  # lines in a pipe: whole ids


# 19. Encodings and sheets as a spreadsheet user meets them.
def test_a_central_european_file_gets_the_cp1250_hint_and_question_marks_a_warning(cli: Cli, tmp_path: Path) -> None:
    czech = tmp_path / "cz.csv"
    czech.write_bytes(f"VoucherId,Value\n{VOUCHER_CORPORATE},ŽLUŤOUČKÝ-KŮŇ\n".encode("cp1250"))
    hint = cli("import", str(czech))
    assert hint.returncode == 2
    assert "most likely Windows-1250 (Central European): pass --encoding cp1250" in _one_line(hint)
    lost = tmp_path / "lost.csv"
    lost.write_bytes(f"VoucherId,Value\n{VOUCHER_CORPORATE},ŽLU?OU?KÝ-K??\n".encode("cp1250"))
    warned = cli("import", str(lost), "--encoding", "cp1250")
    assert "holds '?', which a spreadsheet writes for a letter the file's code page lacks" in warned.stderr


def test_codes_on_a_second_sheet_the_error_names_sheet(cli: Cli, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Notes"])
    workbook.create_sheet("Codes").append(["Value"])
    workbook.save(tmp_path / "two.xlsx")
    result = cli("import", str(tmp_path / "two.xlsx"), "--voucher-id", VOUCHER_A)
    assert result.returncode == 2
    assert "the header lacks Value" in _one_line(result)
    assert "another with --sheet NAME" in result.stderr


# 20. A deleted code's value does not block importing it again.
def test_a_value_whose_code_was_deleted_imports_again(cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    codes = write_codes_csv(tmp_path / "a.csv", 2, voucher=VOUCHER_SPRING_2026)
    assert cli("import", str(codes)).returncode == 0
    deleted = cli("delete", "--voucher-id", VOUCHER_SPRING_2026, "--value", "CODE-00000", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    again = cli("import", str(codes), "--json")
    assert (last_json(again.stdout)["added"], last_json(again.stdout)["skipped"]) == (1, 1)


# 8. A weak file found under the default name is not imported without the guessing check.
def test_generate_does_not_import_a_weak_file_it_finds_without_the_guessing_check(
    cli: Cli, cli_sandbox: RunningSandbox
) -> None:
    default = f"generated-{VOUCHER_SPRING_2026[:8]}-5.csv"
    weak = ["generate", "--count", "5", "--pattern", "WEAK-##", "--voucher-id", VOUCHER_SPRING_2026]
    assert cli(*weak, "-o", default, "--allow-small-space").returncode == 0  # made knowingly, kept in a file
    resumed = cli(*weak, "--import")  # the same codes, found under the default name, without --allow-small-space
    assert resumed.returncode == 2
    assert "too easy to guess" in _one_line(resumed)
    assert _active(cli_sandbox) == []


def test_strict_refuses_warnings_not_the_note_of_the_sheet_read(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    codes = workbook.create_sheet("Codes")
    codes.append(["Value"])
    codes.append(["STRICT-1"])
    workbook.active = 1
    workbook.save(tmp_path / "two.xlsx")
    result = cli("import", str(tmp_path / "two.xlsx"), "--voucher-id", VOUCHER_SPRING_2026, "--strict")
    assert result.returncode == 0, result.stderr
    assert "read the sheet 'Codes'" in result.stderr
    assert [value for value, _ in _active(cli_sandbox)] == ["STRICT-1"]
