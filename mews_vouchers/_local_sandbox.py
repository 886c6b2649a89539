"""`--sandbox` and `mews-vouchers sandbox`: the local Mews-compatible server, its state kept in the user's cache.

The state is a SQLite file in the cache folder (`$MEWS_VOUCHERS_CACHE`, else the platform's user cache folder), so
that commands run one after another see each other's codes; `--sandbox-reset` starts it empty.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mews_vouchers._console import CommandError

START_TIMEOUT_SECONDS = 30.0
# Two empty vouchers of the demo enterprise, beside the sandbox's own two, to copy codes into.
EMPTY_VOUCHERS = ("2b7e3c1a-5d4f-4e8b-9a6c-0f1e2d3c4b5a", "8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f")


def vouchers() -> dict[str, tuple[str, str]]:
    """Voucher id -> (its enterprise, what it is for), as the CLI's sandbox knows them.

    The sandbox's demo voucher, two empty ones of the same enterprise, and one of a second enterprise that only the
    portfolio token reaches. (The server's package is imported here, not with the command: it takes 0.1 s.)
    """
    import mews_sandbox as server  # noqa: PLC0415 - loaded only when a sandbox is asked for

    return {
        server.VOUCHER_A: (server.ENTERPRISE_A, "demo voucher"),
        **dict.fromkeys(EMPTY_VOUCHERS, (server.ENTERPRISE_A, "empty voucher")),
        server.VOUCHER_B: (server.ENTERPRISE_B, "second enterprise, portfolio token only"),
    }


def tokens(portfolio: bool) -> tuple[str, str]:
    """The client token and access token the sandbox accepts (Mews' published demo tokens, or its portfolio one)."""
    import mews_sandbox as server  # noqa: PLC0415 - loaded only when a sandbox is asked for

    return server.DEMO_CLIENT_TOKEN, server.PORTFOLIO_ACCESS_TOKEN if portfolio else server.DEMO_ACCESS_TOKEN


class SandboxStartError(CommandError):
    """The local sandbox did not start (its log says why)."""


def cache_folder() -> Path:
    """`$MEWS_VOUCHERS_CACHE`, else the user cache folder of this platform, with `mews-vouchers` in it."""
    if os.environ.get("MEWS_VOUCHERS_CACHE"):
        return Path(os.environ["MEWS_VOUCHERS_CACHE"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mews-vouchers"


def sandbox_files(reset: bool = False) -> tuple[Path, Path]:
    """The state file and the configuration file of the local sandbox (made if missing; the state emptied on reset)."""
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "sandbox.sqlite3"
    if reset:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    config = folder / "sandbox-config.json"
    config.write_text(json.dumps({"vouchers": {voucher: owner for voucher, (owner, _) in vouchers().items()}}) + "\n")
    return database, config


def sandbox_command(database: Path, config: Path, *extra: str) -> list[str]:
    """`python -m mews_sandbox` with this state and configuration, then `extra` options."""
    return [sys.executable, "-m", "mews_sandbox", "--db", str(database), "--config", str(config), *extra]


@contextmanager
def local_sandbox(reset: bool = False) -> Iterator[str]:
    """Start the sandbox on a free loopback port for one command; yields its URL and stops it afterwards.

    It runs in its own session, so that a Ctrl-C meant for the command does not stop the server under it.
    """
    database, config = sandbox_files(reset)
    log_path = database.with_name("sandbox.log")
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
            sandbox_command(database, config, "--port", "0"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,
        )
        try:
            yield _wait_for_url(process, log_path)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def _wait_for_url(process: subprocess.Popen[str], log_path: Path) -> str:
    """The URL from the sandbox's `listening on URL` line."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT_SECONDS)
    first = lines[0].strip() if lines else ""
    if not first.startswith("listening on "):
        process.kill()
        log = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        why = log[-1] if log else f"no answer in {START_TIMEOUT_SECONDS:.0f} s"
        raise SandboxStartError(f"the local sandbox did not start: {why} (log: {log_path})")
    return first.removeprefix("listening on ")
