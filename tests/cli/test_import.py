"""`mews-vouchers import`: in this process against a session sandbox, and as the installed command for signals."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

from mews_sandbox import VOUCHER_A, RunningSandbox
from tests.cli.conftest import COMMAND, Cli, last_json, sandbox_env, write_codes_csv


def test_an_import_of_2500_rows_adds_them_all_and_a_rerun_skips_them_all(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    codes = write_codes_csv(tmp_path / "codes.csv", 2500)

    first = cli("import", str(codes), "--json")
    assert first.returncode == 0, first.stderr
    assert last_json(first.stdout) | {"elapsed_seconds": 0} == last_json(first.stdout) | {
        "added": 2500,
        "skipped": 0,
        "failed": 0,
        "unknown": 0,
        "invalid": 0,
        "elapsed_seconds": 0,
    }
    # options after the subcommand work too: the address given here wins over the environment's
    second = cli("import", str(codes), "--platform-url", cli_sandbox.url, "--json", env={"MEWS_PLATFORM_URL": None})
    assert second.returncode == 0, second.stderr
    assert (last_json(second.stdout)["added"], last_json(second.stdout)["skipped"]) == (0, 2500)

    listed = cli("list", VOUCHER_A, "--active-only")
    values = sorted(line.split("\t")[2] for line in listed.stdout.splitlines())
    assert values == [f"CODE-{n:05d}" for n in range(2500)]


def test_the_summary_counts_and_shows_progress_lines_when_not_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(write_codes_csv(tmp_path / "codes.csv", 2500)))
    assert result.returncode == 0
    assert "import: 2,500/2,500 codes" in result.stderr
    assert re.search(r"import: added 2,500, skipped 0, failed 0, unknown 0, invalid 0 in [\d.]+ s", result.stderr)
    assert result.stdout == ""  # data only on stdout, and an import has none


def test_bad_rows_are_reported_by_line_number_and_the_good_rows_go_in(cli: Cli, tmp_path: Path) -> None:
    lines = [
        "VoucherId,Value,ValidityStartUtc,ValidityEndUtc",  # 1
        f"{VOUCHER_A},GOOD-1,,",  # 2
        "not-a-uuid,BAD-UUID,,",  # 3
        f"{VOUCHER_A},,,",  # 4: empty value
        f"{VOUCHER_A},{'x' * 129},,",  # 5: too long
        f"{VOUCHER_A},BAD-DATE,2026-02-30T00:00:00Z,",  # 6
        f"{VOUCHER_A},BACKWARDS,2026-07-01T00:00:00Z,2026-06-01T00:00:00Z",  # 7
        f"{VOUCHER_A},GOOD-1,,",  # 8: repeats line 2
        "",  # 9: blank, not a row
        f"{VOUCHER_A},GOOD-2,2026-06-01,2026-06-30T23:59:59+02:00",  # 10
    ]
    path = tmp_path / "bad.csv"
    path.write_bytes("\ufeff".encode() + "\n".join(lines).encode() + b"\n")  # with a BOM

    result = cli("import", str(path), "--json")

    assert result.returncode == 2  # bad input, though the good rows went in
    summary = last_json(result.stdout)
    assert (summary["added"], summary["invalid"], summary["failed"], summary["unknown"]) == (2, 6, 0, 0)
    assert [row["line"] for row in summary["invalid_rows"]] == [3, 4, 5, 6, 7, 8]
    for line, words in {
        3: "not a UUID",
        4: "1 to 128 characters long, got 0",
        5: "got 129",
        6: "not an ISO 8601 datetime",
        7: "must not be after ValidityEndUtc",
        8: "repeats line 2",
    }.items():
        assert re.search(rf"^line {line}: .*{re.escape(words)}", result.stderr, re.MULTILINE), (line, result.stderr)
    assert sorted(active_values_in_sandbox(cli)) == ["GOOD-1", "GOOD-2"]


def active_values_in_sandbox(cli: Cli) -> list[str]:
    listed = cli("list", VOUCHER_A, "--active-only")
    return [line.split("\t")[2] for line in listed.stdout.splitlines()]


def test_a_dry_run_lists_what_would_be_added_and_sends_no_add(
    cli: Cli, tmp_path: Path, cli_sandbox: RunningSandbox
) -> None:
    sandbox = cli_sandbox
    codes = write_codes_csv(tmp_path / "codes.csv", 5)
    cli("import", str(write_codes_csv(tmp_path / "two.csv", 2)))

    result = cli("import", str(codes), "--dry-run", "--json")

    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()  # the rows are the data; the JSON summary goes to stderr
    assert [row.split("\t")[:3] for row in rows] == [[str(n + 2), VOUCHER_A, f"CODE-{n:05d}"] for n in (2, 3, 4)]
    assert (last_json(result.stderr)["would_add"], last_json(result.stderr)["skipped"]) == (3, 2)
    assert sandbox.state.store.count() == 2


def test_rows_whose_outcome_is_unknown_are_named_and_a_rerun_settles_them(
    cli: Cli, tmp_path: Path, cli_sandbox: RunningSandbox
) -> None:
    sandbox = cli_sandbox
    sandbox.faults.add("ok", "500-after")
    codes = write_codes_csv(tmp_path / "codes.csv", 3000)  # three batches; the first add acts, then answers 500

    first = cli("import", str(codes), "--json")

    assert first.returncode == 1
    summary = last_json(first.stdout)
    assert summary["unknown"] == 1000
    assert summary["added"] + summary["failed"] == 2000
    assert len(summary["unknown_lines"]) == 1000
    assert "request id" in summary["error"]
    assert "run the same command again to settle them" in first.stderr
    assert sandbox.state.store.count() == summary["added"] + 1000  # the unknown batch went in

    second = cli("import", str(codes), "--json")

    assert second.returncode == 0, second.stderr
    assert last_json(second.stdout)["skipped"] == summary["added"] + 1000  # found by value
    assert sandbox.state.store.count() == 3000  # each code once


def start_import(codes: Path, url: str, cli_env: dict[str, str], *options: str) -> subprocess.Popen[str]:
    """`mews-vouchers import CODES` running in the background against the sandbox at `url` (to be interrupted)."""
    process = subprocess.Popen(
        [str(COMMAND), "import", str(codes), *options],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**cli_env, **sandbox_env(url)},
    )
    assert process.stderr is not None
    assert process.stdout is not None
    return process


def test_an_interrupted_import_says_what_went_in_and_a_rerun_adds_only_the_rest(
    cli: Cli, cli_env: dict[str, str], tmp_path: Path, cli_sandbox: RunningSandbox
) -> None:
    sandbox = cli_sandbox
    sandbox.faults.latency_seconds = 0.4  # 12 batches, 4 at a time: about 1.2 s
    codes = write_codes_csv(tmp_path / "codes.csv", 12_000)
    process = start_import(codes, sandbox.url, cli_env)
    progress = process.stderr.readline()  # the first batch went in
    assert progress.startswith("import: 1,000/12,000"), progress
    process.send_signal(signal.SIGINT)
    stderr = progress + process.stderr.read()
    assert process.wait(timeout=30) == 1
    counts = re.search(r"import: added ([\d,]+), skipped 0, failed ([\d,]+), unknown 0, invalid 0", stderr)
    assert counts is not None, stderr
    added, failed = (int(group.replace(",", "")) for group in counts.groups())
    assert added + failed == 12_000
    assert 0 < added < 12_000
    assert "stopping: no new batch starts" in stderr
    assert re.search(r"did not go in \([\d,]+ rows\): lines \d+-12001", stderr)
    assert sandbox.state.store.count() == added  # the batches out finished: nothing unknown

    sandbox.faults.latency_seconds = 0
    resumed = cli("import", str(codes), "--json")

    assert resumed.returncode == 0, resumed.stderr
    assert (last_json(resumed.stdout)["added"], last_json(resumed.stdout)["skipped"]) == (failed, added)
    assert sandbox.state.store.count() == 12_000


def test_a_second_ctrl_c_abandons_the_batches_out_as_unknown_and_a_rerun_settles_them(
    cli: Cli, cli_env: dict[str, str], tmp_path: Path, cli_sandbox: RunningSandbox
) -> None:
    sandbox = cli_sandbox
    sandbox.faults.latency_seconds = 0.5
    codes = write_codes_csv(tmp_path / "codes.csv", 8000)
    process = start_import(codes, sandbox.url, cli_env, "--json")
    while sandbox.state.store.count() == 0 and process.poll() is None:  # wait for adds to be on their way
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 1
    summary = last_json(process.stdout.read())
    assert summary["interrupted"]
    assert summary["unknown"] > 0
    assert summary["added"] + summary["failed"] + summary["unknown"] == 8000

    sandbox.faults.latency_seconds = 0
    time.sleep(0.7)  # abandoned requests still sleeping in the sandbox may act after the client left: let them end
    settled = cli("import", str(codes), "--json")
    assert settled.returncode == 0
    assert sandbox.state.store.count() == 8000  # unknown rows that went in were skipped, the others added
