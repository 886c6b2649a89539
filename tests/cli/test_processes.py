"""The installed command as a process among others: signals, two commands on one sandbox state, a broken state file.

These run `.venv/bin/mews-vouchers` as subprocesses: what they check (a signal's default action, a server process
left behind, two processes racing for one SQLite file) only exists at the process boundary.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from mews_sandbox import VOUCHER_A, RunningSandbox, state_file_holder
from tests.cli.conftest import COMMAND, Cli, last_json, sandbox_env, seed_local_sandbox, write_codes_csv


def wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_two_sandbox_commands_at_once_take_turns_and_no_value_is_added_twice(
    command: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    codes = write_codes_csv(tmp_path / "c.csv", 1000)
    runs = [
        subprocess.Popen(
            [str(COMMAND), "--sandbox", "import", str(codes), "--json"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env,
            cwd=tmp_path,
        )
        for _ in range(2)
    ]
    outcomes = [run.communicate(timeout=120) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outcomes]
    summaries = [last_json(out) for out, _ in outcomes]
    assert sorted((summary["added"], summary["skipped"]) for summary in summaries) == [(0, 1000), (1000, 0)]
    state = Path(cli_env["MEWS_VOUCHERS_CACHE"]) / "sandbox.sqlite3"
    with contextlib.closing(sqlite3.connect(state)) as db:
        values = [row[0] for row in db.execute("SELECT value FROM voucher_codes WHERE is_active = 1")]
    assert sorted(values) == sorted(set(values))  # no value active twice
    assert len(values) == 1000


def test_the_sandbox_of_a_command_goes_with_it_however_it_ends(
    command: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    state = seed_local_sandbox(cli_env, 1000)  # enough for an export to fill the pipe and block
    for ending in (signal.SIGTERM, signal.SIGKILL):  # a handler that stops it, and no handler at all (SIGHUP: below)
        export = subprocess.Popen(  # stdout is not read: the export blocks once the pipe is full, its sandbox up
            [str(COMMAND), "--sandbox", "export", VOUCHER_A, "-o", "-"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli_env,
            cwd=tmp_path,
        )
        wait_for(lambda: "pid" in (state_file_holder(str(state)) or {}))  # started, and said who it is
        holder = state_file_holder(str(state))
        assert holder is not None
        server = int(holder["pid"])

        export.send_signal(ending)
        export.communicate(timeout=30)  # drain what it wrote, so that it can end

        wait_for(lambda: not alive(server), timeout=10)  # noqa: B023 - waited for here, in this turn
        assert state_file_holder(str(state)) is None, ending


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_an_export_ended_by_a_signal_leaves_no_file_behind(
    cli_env: dict[str, str], cli_sandbox: RunningSandbox, tmp_path: Path, ending: signal.Signals, cli: Cli
) -> None:
    assert cli("import", str(write_codes_csv(tmp_path / "c.csv", 3000))).returncode == 0
    cli_sandbox.faults.latency_seconds = 0.5  # three pages: about 1.5 s
    export = subprocess.Popen(
        [str(COMMAND), "export", VOUCHER_A, "-o", "out.csv"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**cli_env, **sandbox_env(cli_sandbox.url)},
        cwd=tmp_path,
    )
    wait_for(lambda: list(tmp_path.glob(".out.csv.*.partial")))

    export.send_signal(ending)
    _, stderr = export.communicate(timeout=30)

    assert export.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert not list(tmp_path.glob(".out.csv.*.partial"))
    assert not (tmp_path / "out.csv").exists()


def test_a_state_file_the_sandbox_cannot_use_is_one_clear_error_not_unknown_rows(
    command: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    cache = Path(cli_env["MEWS_VOUCHERS_CACHE"])
    cache.mkdir(parents=True)
    (cache / "sandbox.sqlite3").write_bytes(b"this is not a SQLite database" * 100)

    result = command("--sandbox", "import", str(write_codes_csv(tmp_path / "c.csv", 3)))

    assert result.returncode == 1
    assert "the local sandbox did not start: mews_sandbox: cannot write the state file" in result.stderr
    assert "unknown" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_state_file_is_one_clear_error(command: Cli, cli_env: dict[str, str], tmp_path: Path) -> None:
    assert command("--sandbox-reset", "list", VOUCHER_A).returncode == 0
    state = Path(cli_env["MEWS_VOUCHERS_CACHE"]) / "sandbox.sqlite3"
    state.chmod(0o444)

    result = command("--sandbox", "import", str(write_codes_csv(tmp_path / "c.csv", 3)))

    assert result.returncode == 1
    assert "readonly" in result.stderr
