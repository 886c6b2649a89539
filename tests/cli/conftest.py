"""`mews-vouchers` under test: in this process for most tests, as the installed command where the process matters.

`cli` runs the command line in this process (click's `CliRunner` isolation: its own stdin, stdout, stderr and
environment) against a session sandbox reset for the test with the vouchers that `--sandbox` knows. It is what
most tests use: no interpreter to start, no server to wait for. `command` runs the installed `.venv/bin/mews-vouchers`
as a subprocess, for what only a real process shows: signals, a pseudo-terminal, `--sandbox` and its server
process, the entry point itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A, RunningSandbox, SandboxConfig, create_app
from mews_vouchers import main
from mews_wrapper import _breaker, _pacing
from tests.conftest import SandboxFactory

COMMAND = Path(sys.executable).with_name("mews-vouchers")
EMPTY_VOUCHER = "2b7e3c1a-5d4f-4e8b-9a6c-0f1e2d3c4b5a"  # one of the empty vouchers of `--sandbox`

Cli = Callable[..., subprocess.CompletedProcess[str]]


def write_codes_csv(path: Path, count: int, *, voucher: str = VOUCHER_A, prefix: str = "CODE") -> Path:
    """A valid import file of `count` rows (line n + 2 holds value `{prefix}-{n:05d}`)."""
    rows = ["VoucherId,Value,ValidityStartUtc,ValidityEndUtc"]
    rows += [f"{voucher},{prefix}-{n:05d},2026-06-01T00:00:00Z," for n in range(count)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def last_json(stdout: str) -> dict[str, Any]:
    """The JSON summary: the last line of stdout."""
    document: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return document


def sandbox_env(url: str) -> dict[str, str]:
    """The settings that point the command at a sandbox of the test's."""
    return {"MEWS_PLATFORM_URL": url, "MEWS_CLIENT_TOKEN": DEMO_CLIENT_TOKEN, "MEWS_ACCESS_TOKEN": DEMO_ACCESS_TOKEN}


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no Mews settings of the developer's, and a cache folder of the test's own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEWS_")}
    env["MEWS_VOUCHERS_CACHE"] = str(tmp_path / "cache")
    env["COLUMNS"] = "120"
    return env


def seed_local_sandbox(cli_env: dict[str, str], codes: int) -> Path:
    """The state file of `--sandbox` (in the test's cache folder) holding `codes` codes `SEED-0000000`... of the demo
    voucher, written by the sandbox's own store: what a `--sandbox` import would leave, without a process for it."""
    state = Path(cli_env["MEWS_VOUCHERS_CACHE"]) / "sandbox.sqlite3"
    state.parent.mkdir(parents=True, exist_ok=True)
    create_app(SandboxConfig(db_path=str(state), seed_codes=codes)).state.sandbox.store.close()
    return state


@pytest.fixture
def cli_sandbox(sandbox_factory: SandboxFactory) -> RunningSandbox:
    """A sandbox with the vouchers of `--sandbox`: the demo voucher, two empty ones, the second enterprise's."""
    return sandbox_factory()  # the sandbox's own services and vouchers, as --sandbox serves them


@pytest.fixture
def cli(cli_sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `mews-vouchers ARGS...` in this process against `cli_sandbox`; a completed process (stdin empty).

    `env=` adds to the environment (None removes a variable). Each run starts, as a new process would, with no
    rate-limit window of an earlier run and the root logger as it was.
    """
    monkeypatch.chdir(tmp_path)
    base: dict[str, str | None] = {key: None for key in os.environ if key.startswith("MEWS_")}
    base |= {"MEWS_VOUCHERS_CACHE": str(tmp_path / "cache"), "COLUMNS": "120", **sandbox_env(cli_sandbox.url)}

    def run(*args: str, input: str | None = None, env: dict[str, str | None] | None = None) -> Any:
        _pacing._windows.clear()  # a process of its own would start with no window, and a closed circuit
        _breaker._registry.clear()
        with _root_logger_kept(), CliRunner().isolation(input=input or "", env={**base, **(env or {})}) as streams:
            code = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr, _ = streams
        return subprocess.CompletedProcess(["mews-vouchers", *args], code, _text(stdout), _text(stderr))

    return run


def _text(stream: Any) -> str:
    return str(stream.getvalue().decode("utf-8", errors="replace"))


@contextlib.contextmanager
def _root_logger_kept() -> Iterator[None]:
    """`--verbose` configures the root logger, as a command may: undo it after the run."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


@pytest.fixture
def command(cli_env: dict[str, str], tmp_path: Path) -> Cli:
    """Run the installed `mews-vouchers ARGS...` as a subprocess to its end (stdin closed unless `input=`)."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None, timeout: float = 90) -> Any:
        return subprocess.run(
            [str(COMMAND), *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**cli_env, **(env or {})},
            cwd=tmp_path,
            timeout=timeout,
            check=False,
        )

    return run
