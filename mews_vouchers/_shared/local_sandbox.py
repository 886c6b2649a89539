"""`--sandbox` and `mews-vouchers sandbox`: the local Mews-compatible server, its state kept in the user's cache.

The state is a SQLite file in the cache folder (`$MEWS_VOUCHERS_CACHE`, else the platform's user cache folder), so
that commands run one after another see each other's codes; `--sandbox-reset` starts it empty.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mews_vouchers._shared.console import EXIT_SOME_FAILED, CommandError

START_TIMEOUT_SECONDS = 30.0


def vouchers() -> dict[str, tuple[str, str]]:
    """Voucher id -> (its enterprise, what it is), as the CLI's sandbox knows them: the sandbox's own vouchers.

    The demo enterprise's "Summer sale" (the demo voucher), two empty ones to copy codes into, an inactive one, and
    a voucher of a second enterprise that only the portfolio token reaches. (The server's package is imported here,
    not with the command: it takes 0.1 s.)
    """
    import mews_sandbox as server  # noqa: PLC0415 - loaded only when a sandbox is asked for

    described = {}
    for voucher_id, spec in server.SandboxConfig().voucher_specs.items():
        notes = [] if spec.is_active else ["inactive"]
        if spec.enterprise_id != server.ENTERPRISE_A:
            notes.append("second enterprise, portfolio token only")
        described[voucher_id] = (spec.enterprise_id, spec.name + (f" ({', '.join(notes)})" if notes else ""))
    return described


def tokens(portfolio: bool) -> tuple[str, str]:
    """The client token and access token the sandbox accepts (Mews' published demo tokens, or its portfolio one)."""
    import mews_sandbox as server  # noqa: PLC0415 - loaded only when a sandbox is asked for

    return server.DEMO_CLIENT_TOKEN, server.PORTFOLIO_ACCESS_TOKEN if portfolio else server.DEMO_ACCESS_TOKEN


class SandboxStartError(CommandError):
    """The local sandbox did not start (its log says why)."""

    exit_code = EXIT_SOME_FAILED


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
    config.write_text(json.dumps({}) + "\n")  # the sandbox's own services and vouchers
    return database, config


def sandbox_command(database: Path, config: Path, *extra: str) -> list[str]:
    """`python -m mews_sandbox` with this state and configuration, then `extra` options."""
    return [sys.executable, "-m", "mews_sandbox", "--db", str(database), "--config", str(config), *extra]


@contextmanager
def local_sandbox(reset: bool = False, *, on_wait: Callable[[str], None] | None = None) -> Iterator[str]:
    """Start the sandbox on a free loopback port for one command; yields its URL and stops it afterwards.

    It runs in its own session, so that a Ctrl-C meant for the command does not stop the server under it, and it
    stops when its standard input closes, so that it goes with the command however the command ends (SIGKILL
    included). One sandbox serves a state file at a time: while another command's sandbox holds it, this one waits
    (telling `on_wait` once); a sandbox started by `mews-vouchers sandbox` holds it until stopped, so that is refused
    with its address.
    """
    import mews_sandbox as server  # noqa: PLC0415 - loaded only when a sandbox is asked for

    _wait_for_the_state(sandbox_files()[0], on_wait, server.state_file_holder)  # before a reset empties it
    database, config = sandbox_files(reset)
    log_path = database.with_name("sandbox.log")
    while True:
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
                sandbox_command(database, config, "--port", "0", "--stop-with-stdin"),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,
            )
        try:
            url = _wait_for_url(process, log_path)
        except BaseException:  # a signal while it starts: it must not outlive the command
            _stop(process)
            raise
        if url is not None:
            break
        _wait_for_the_state(database, on_wait, server.state_file_holder)  # another took it first: wait our turn
    try:
        yield url
    finally:
        _stop(process)


def _wait_for_the_state(
    database: Path, on_wait: Callable[[str], None] | None, holder_of: Callable[[str], dict[str, Any] | None]
) -> None:
    """Return once no other sandbox serves `database`; `SandboxStartError` if a standalone one does."""
    told = False
    while (holder := holder_of(str(database))) is not None:
        pid, url = holder.get("pid", "?"), holder.get("url", "")
        if not holder.get("owned", True):
            raise SandboxStartError(
                f"the sandbox state is served by `mews-vouchers sandbox` (pid {pid}) at {url}: stop it, or run "
                f"without --sandbox, with MEWS_PLATFORM_URL={url} and the demo tokens"
            )
        if not told and on_wait is not None:
            on_wait(f"waiting for another mews-vouchers --sandbox command (pid {pid}) to finish with the sandbox state")
            told = True
        time.sleep(0.2)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()  # the sandbox stops at the end of its input
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _wait_for_url(process: subprocess.Popen[str], log_path: Path) -> str | None:
    """The URL from the sandbox's `listening on URL` line; None when another sandbox took the state first."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT_SECONDS)
    first = lines[0].strip() if lines else ""
    if first.startswith("listening on "):
        return first.removeprefix("listening on ")
    process.kill()
    process.wait()
    log = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    if process.returncode == STATE_IN_USE and log and "in use by another sandbox" in log[-1]:
        return None
    why = log[-1] if log else f"no answer in {START_TIMEOUT_SECONDS:.0f} s"
    raise SandboxStartError(f"the local sandbox did not start: {why} (log: {log_path})")


STATE_IN_USE = 3  # python -m mews_sandbox's exit status when another sandbox holds the state file
