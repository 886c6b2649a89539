"""Campaign jobs end to end against the sandbox: `generate` (unique, unguessable codes), `sync` (plan, then apply)."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import re
import uuid
from pathlib import Path

import pytest

from mews_sandbox import VOUCHER_CORPORATE, VOUCHER_SPRING_2026, RunningSandbox
from mews_vouchers._commands._code_pattern import DEFAULT_ALPHABET, CodePattern
from mews_vouchers._commands.sync import MaxDelete, StalePlanError, run_sync
from mews_vouchers._files.import_file import read_import_file
from mews_vouchers._shared.console import Output
from mews_wrapper import MewsClient, NewVoucherCode
from tests.cli.conftest import Cli, last_json, sandbox_env

UTC = dt.UTC
PATTERN = "SUMMER-####-??????"
DIGITS = "".join(character for character in DEFAULT_ALPHABET if character.isdigit())
LETTERS = "".join(character for character in DEFAULT_ALPHABET if character.isalpha())
# Chi-squared critical values at p = 1e-6 (Wilson-Hilferty): a fair draw exceeds them once in a million runs.
CRITICAL = {len(DIGITS) - 1: 41.9, len(LETTERS) - 1: 69.5}


def _options(sandbox: RunningSandbox) -> dict[str, str]:
    env = sandbox_env(sandbox.url)
    return {"platform_url": env["MEWS_PLATFORM_URL"], "client_token": env["MEWS_CLIENT_TOKEN"]} | {
        "access_token": env["MEWS_ACCESS_TOKEN"]
    }


def active(sandbox: RunningSandbox, voucher: str = VOUCHER_SPRING_2026) -> dict[str, tuple[object, object]]:
    """The voucher's active codes: value -> validity."""
    with MewsClient(**_options(sandbox)) as client:
        return {
            code.value: (code.validity_start_utc, code.validity_end_utc)
            for code in client.voucher_codes.get_all([voucher])
            if code.is_active and code.value is not None
        }


def add(sandbox: RunningSandbox, values: list[str], start: dt.datetime | None = None) -> None:
    with MewsClient(**_options(sandbox)) as client:
        client.voucher_codes.add([NewVoucherCode(VOUCHER_SPRING_2026, value, start) for value in values])


def values_in(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [row["Value"] for row in csv.DictReader(stream)]


def chi_squared(counts: collections.Counter[str], symbols: str) -> float:
    expected = sum(counts.values()) / len(symbols)
    return sum((counts[symbol] - expected) ** 2 / expected for symbol in symbols)


def test_twenty_thousand_codes_are_unique_new_of_the_pattern_and_evenly_drawn(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    pattern = CodePattern.parse(PATTERN)
    existing = list(dict.fromkeys(pattern.one() for _ in range(500)))
    add(cli_sandbox, existing)
    result = cli("generate", "--count", "20000", "--pattern", PATTERN, "--voucher", "Spring 2026", "-o", "codes.csv")
    assert result.returncode == 0, result.stderr
    assert re.search(r"'SUMMER-####-\?{6}': 39\.1 bits per code .* chance of 1 in 2\.9\de\+07", result.stderr)
    codes = values_in(tmp_path / "codes.csv")
    assert len(codes) == len(set(codes)) == 20_000
    assert not set(codes) & set(existing)
    assert all(re.fullmatch(rf"SUMMER-[{DIGITS}]{{4}}-[{LETTERS}]{{6}}", code) for code in codes)
    digits = collections.Counter(character for code in codes for character in code[7:11])
    letters = collections.Counter(character for code in codes for character in code[12:])
    assert set(digits) == set(DIGITS)
    assert set(letters) == set(LETTERS)
    assert chi_squared(digits, DIGITS) < CRITICAL[len(DIGITS) - 1]
    assert chi_squared(letters, LETTERS) < CRITICAL[len(LETTERS) - 1]
    assert set(active(cli_sandbox)) == set(existing)  # -o alone adds nothing


def test_a_pattern_too_small_for_the_count_is_refused_before_anything_is_made(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    result = cli("generate", "--count", "1000", "--pattern", "SUMMER-####", "--voucher", "Spring 2026", "--import")
    assert result.returncode == 2
    assert "would be too easy to guess: 12.0 bits per code (4.1e+03 possible codes)" in result.stderr
    assert "chance of 1 in 4.1" in result.stderr
    assert "--allow-small-space" in result.stderr
    assert list(tmp_path.glob("generated-*")) == []
    assert active(cli_sandbox) == {}
    allowed = cli("generate", "--count", "100", "--pattern", "SUMMER-####", "--voucher", "Spring 2026",
                  "-o", "small.csv", "--allow-small-space")  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    assert len(set(values_in(tmp_path / "small.csv"))) == 100
    impossible = cli("generate", "--count", "5000", "--pattern", "SUMMER-####", "--voucher", "Spring 2026",
                     "-o", "none.csv", "--allow-small-space")  # fmt: skip
    assert impossible.returncode == 2
    assert "the pattern makes only 4,096 different codes, and 5,000 are needed" in impossible.stderr


def test_generate_and_import_interrupted_then_run_again_imports_the_same_file_not_a_second_set(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    # Two reads pass (the voucher's codes, for generating, then for importing); one batch acts and then fails, one
    # is refused.
    cli_sandbox.faults.add("ok", "ok", "500-after", "400")
    command = ["generate", "--count", "3000", "--voucher-id", VOUCHER_SPRING_2026, "--import", "--json"]
    first = cli(*command)
    assert first.returncode == 1
    summary = last_json(first.stdout)
    assert summary["file"] == "generated-6a7b8c9d-3000.csv"
    assert summary["added"] < 3000
    made = values_in(tmp_path / summary["file"])
    assert len(set(made)) == 3000
    assert all(re.fullmatch(f"[{DEFAULT_ALPHABET}]{{10}}", code) for code in made)
    assert summary["resumed"] is False
    second = cli(*command[:-1])  # the same command, told to people this time
    assert second.returncode == 0, second.stderr
    assert "exists: importing the 3,000 codes it holds (an earlier run's), not a new set" in second.stderr
    assert re.search(r"import: added [\d,]+, skipped [\d,]+, failed 0, unknown 0", second.stderr)
    assert set(active(cli_sandbox)) == set(made)  # each code of the one set, once
    assert values_in(tmp_path / summary["file"]) == made  # never written over
    other = cli("generate", "--count", "10", "--voucher", "Spring 2026", "-o", summary["file"])
    assert other.returncode == 2
    assert "generated codes are never written over" in other.stderr


def test_generate_writes_an_xlsx_that_import_reads_as_it_is(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    made = cli("generate", "--count", "50", "--prefix", "XL-", "--length", "12", "--voucher-id", VOUCHER_SPRING_2026,
               "-o", "codes.xlsx", "--valid-from", "2026-06-01", "--valid-until", "2026-08-31",
               "--timezone", "Europe/Prague")  # fmt: skip
    assert made.returncode == 0, made.stderr
    imported = cli("import", "codes.xlsx", "--json")
    assert (imported.returncode, last_json(imported.stdout)["added"]) == (0, 50)
    codes = active(cli_sandbox)
    assert all(re.fullmatch(f"XL-[{DEFAULT_ALPHABET}]{{12}}", code) for code in codes)
    assert set(codes.values()) == {(dt.datetime(2026, 5, 31, 22, tzinfo=UTC), dt.datetime(2026, 8, 30, 22, tzinfo=UTC))}


def _file(tmp_path: Path, rows: list[tuple[str, str]], name: str = "wanted.csv") -> str:
    lines = ["Value,ValidityStartUtc"] + [f"{value},{start}" for value, start in rows]
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def test_sync_from_an_empty_voucher_adds_every_code(cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    name = _file(tmp_path, [(f"S-{n}", "") for n in range(30)])
    result = cli("sync", name, "--voucher", "Spring 2026", "--yes", "--json")
    assert result.returncode == 0, result.stderr
    assert last_json(result.stdout) | {"elapsed_seconds": 0} == {
        "command": "sync", "added": 30, "deleted": 0, "replaced": 0, "kept": 0, "failed": 0, "unknown": 0,
        "elapsed_seconds": 0, "voucher_id": VOUCHER_SPRING_2026, "interrupted": False, "error": None,
    }  # fmt: skip
    assert set(active(cli_sandbox)) == {f"S-{n}" for n in range(30)}


def test_sync_to_an_empty_or_headerless_file_is_refused_and_deletes_nothing(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    add(cli_sandbox, ["KEEP-ME"])
    (tmp_path / "empty.csv").write_text("Value\n", encoding="utf-8")
    (tmp_path / "headerless.csv").write_text("A-1\nA-2\n", encoding="utf-8")
    (tmp_path / "nothing.csv").write_text("", encoding="utf-8")
    for name, words in [
        ("empty.csv", "the file holds no codes: a sync would delete every active code"),
        ("headerless.csv", "the header lacks Value"),
        ("nothing.csv", "no header row"),
    ]:
        result = cli("sync", name, "--voucher", "Spring 2026", "--yes")
        assert result.returncode == 2, name
        assert words in result.stderr, name
    assert set(active(cli_sandbox)) == {"KEEP-ME"}


def test_sync_adds_deletes_and_replaces_a_changed_validity_together(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    june = dt.datetime(2026, 6, 1, tzinfo=UTC)
    add(cli_sandbox, ["KEEP", "GONE", "MOVED"], june)
    name = _file(tmp_path, [("KEEP", "2026-06-01"), ("MOVED", "2026-07-01"), ("NEW", "")])
    dry = cli("sync", name, "--voucher", "Spring 2026", "--dry-run")
    assert dry.returncode == 0
    assert dry.stdout.splitlines() == [
        "add\tNEW\t- .. -",
        "delete\tGONE\t2026-06-01T00:00:00Z .. -",
        "replace\tMOVED\t2026-06-01T00:00:00Z .. - -> 2026-07-01T00:00:00Z .. -",
    ]
    assert "add 1, delete 1, replace 1, keep 1" in dry.stderr
    assert set(active(cli_sandbox)) == {"KEEP", "GONE", "MOVED"}  # a dry run changes nothing
    applied = cli("sync", name, "--voucher", "Spring 2026", "--yes", "--json")
    assert applied.returncode == 0, applied.stderr
    counts = last_json(applied.stdout)
    assert [counts[key] for key in ("added", "deleted", "replaced", "kept", "failed")] == [1, 1, 1, 1, 0]
    assert "a replaced code is deleted, then added with its new validity" in applied.stderr
    assert "\n  keep  KEEP\n" in applied.stderr  # a sample of every kind, the kept ones too
    assert active(cli_sandbox) == {
        "KEEP": (june, None),
        "MOVED": (dt.datetime(2026, 7, 1, tzinfo=UTC), None),
        "NEW": (None, None),
    }
    again = cli("sync", name, "--voucher", "Spring 2026", "--yes", "--json")
    assert (last_json(again.stdout)["kept"], last_json(again.stdout)["added"]) == (3, 0)


def test_sync_refuses_to_delete_more_than_max_delete(cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    add(cli_sandbox, [f"OLD-{n}" for n in range(150)])
    name = _file(tmp_path, [(f"OLD-{n}", "") for n in range(30)])  # deletes 120: over the default 100
    refused = cli("sync", name, "--voucher", "Spring 2026", "--yes")
    assert refused.returncode == 2
    assert (
        "the plan deletes 120 of the voucher's 150 active codes, more than --max-delete allows (100" in refused.stderr
    )
    assert len(active(cli_sandbox)) == 150
    assert cli("sync", name, "--voucher", "Spring 2026", "--yes", "--max-delete", "79%").returncode == 2
    allowed = cli("sync", name, "--voucher", "Spring 2026", "--yes", "--max-delete", "80%", "--json")
    assert (allowed.returncode, last_json(allowed.stdout)["deleted"]) == (0, 120)
    assert len(active(cli_sandbox)) == 30


def test_sync_interrupted_part_way_is_settled_by_running_it_again(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    add(cli_sandbox, [f"OLD-{n:04d}" for n in range(60)])
    name = _file(tmp_path, [(f"NEW-{n:04d}", "") for n in range(2500)] + [(f"OLD-{n:04d}", "") for n in range(10)])
    cli_sandbox.faults.add("ok", "ok", "ok", "400")  # the read, the read again and the delete pass; an add is refused
    first = cli("sync", name, "--voucher-id", VOUCHER_SPRING_2026, "--yes", "--json")
    assert first.returncode == 1
    counts = last_json(first.stdout)
    assert counts["deleted"] == 50
    assert counts["added"] + counts["failed"] == 2500
    assert counts["failed"] > 0
    assert "run the same command again to settle what is left" in first.stderr
    second = cli("sync", name, "--voucher", "Spring 2026", "--yes", "--json")
    assert second.returncode == 0, second.stderr
    assert last_json(second.stdout)["added"] == counts["failed"]
    assert set(active(cli_sandbox)) == {f"NEW-{n:04d}" for n in range(2500)} | {f"OLD-{n:04d}" for n in range(10)}


def test_a_plan_that_went_stale_before_apply_applies_nothing(cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    add(cli_sandbox, ["A", "B"])
    wanted = read_import_file(str(tmp_path / _file(tmp_path, [("A", ""), ("C", "")])), uuid.UUID(VOUCHER_SPRING_2026))

    def someone_else_adds_while_we_ask(question: str) -> bool:
        assert question == "Apply: add 1, delete 1, replace 0?"
        add(cli_sandbox, ["D"])
        return True

    with pytest.raises(
        StalePlanError, match=r"the voucher changed since the plan was made \(1 active code new or changed, 0 gone"
    ):
        run_sync(
            wanted,
            uuid.UUID(VOUCHER_SPRING_2026),
            _options(cli_sandbox),
            Output(quiet=True, as_json=False, verbose=False),
            dry_run=False,
            confirm=someone_else_adds_while_we_ask,
            max_delete=MaxDelete(),
        )
    assert set(active(cli_sandbox)) == {"A", "B", "D"}  # nothing of the plan was applied
    assert set(active(cli_sandbox, VOUCHER_CORPORATE)) == set()


def test_sync_refuses_a_file_with_rows_of_another_voucher(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    add(cli_sandbox, ["MINE"])
    (tmp_path / "mixed.csv").write_text(
        f"VoucherId,Value\n{VOUCHER_SPRING_2026},MINE\n{VOUCHER_CORPORATE},THEIRS\n", encoding="utf-8"
    )
    result = cli("sync", "mixed.csv", "--voucher", "Spring 2026", "--yes")
    assert result.returncode == 2
    assert f"line 3: VoucherId '{VOUCHER_CORPORATE}' is another voucher than {VOUCHER_SPRING_2026}" in result.stderr
    assert "nothing planned" in result.stderr
    assert set(active(cli_sandbox)) == {"MINE"}


def test_sync_reads_a_file_that_names_its_voucher_and_refuses_one_that_names_another(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    (tmp_path / "named.csv").write_text("Voucher,Value\nSpring 2026,NAMED-1\n", encoding="utf-8")
    synced = cli("sync", "named.csv", "--voucher", "Spring 2026", "--yes", "--json")
    assert (synced.returncode, last_json(synced.stdout)["added"]) == (0, 1), synced.stderr
    (tmp_path / "other.csv").write_text("Voucher,Value\nSpring 2026,NAMED-1\nEarly bird,NAMED-2\n", encoding="utf-8")
    refused = cli("sync", "other.csv", "--voucher", "Spring 2026", "--yes")
    assert refused.returncode == 2
    assert f"line 3: Voucher 'Early bird' is another voucher than {VOUCHER_SPRING_2026}" in refused.stderr
    assert set(active(cli_sandbox)) == {"NAMED-1"}
