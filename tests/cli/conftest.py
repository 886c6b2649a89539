"""The installed `mews-vouchers` command, run as a subprocess against sandboxes on loopback ports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A

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


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no Mews settings of the developer's, and a cache folder of the test's own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEWS_")}
    env["MEWS_VOUCHERS_CACHE"] = str(tmp_path / "cache")
    env["COLUMNS"] = "120"
    return env


@pytest.fixture
def cli(cli_env: dict[str, str], tmp_path: Path) -> Cli:
    """Run `mews-vouchers ARGS...` to its end (stdin closed unless `input=`); the completed process."""

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


def sandbox_env(url: str) -> dict[str, str]:
    """The settings that point the command at a sandbox of the test's."""
    return {"MEWS_PLATFORM_URL": url, "MEWS_CLIENT_TOKEN": DEMO_CLIENT_TOKEN, "MEWS_ACCESS_TOKEN": DEMO_ACCESS_TOKEN}
