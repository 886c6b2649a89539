"""One sandbox per state file: an exclusive lock beside the SQLite file, held while the sandbox serves.

Two servers on one file each check "is this value active?" in their own process and then both add it: the same
value ends up active twice. The lock (`<db>.lock`, `flock`, released by the kernel however the process ends) makes
the second server refuse to start; the lock file says who holds it (pid, URL, and whether a parent owns the server
for its own lifetime), so that a caller can wait for it or point elsewhere. Where `fcntl` is missing (Windows)
there is no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class StateInUse(Exception):
    """Another sandbox holds the state file; `holder` is what its lock file says (pid, url, owned).

    The holder is empty while that sandbox is still starting.
    """

    def __init__(self, db_path: str, holder: dict[str, Any]) -> None:
        """Name the file and its holder."""
        self.db_path = db_path
        self.holder = holder
        pid = holder.get("pid", "?")
        where = f" at {holder['url']}" if holder.get("url") else ""
        super().__init__(f"{db_path} is in use by another sandbox (pid {pid}{where}): one sandbox per state file")


def lock_path(db_path: str) -> str:
    """The lock file of a state file."""
    return f"{db_path}.lock"


def read_holder(db_path: str) -> dict[str, Any] | None:
    """What the lock file says when another process holds the lock; None when nobody holds it.

    A sandbox that holds the lock but is still starting has not said who it is yet: the answer is then `{}`.
    """
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        descriptor = os.open(lock_path(db_path), os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(descriptor)
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return None
    finally:
        os.close(descriptor)


class StateLock:
    """The held lock of one state file: `announce` writes who serves it."""

    def __init__(self, descriptor: int | None) -> None:
        self._descriptor = descriptor

    def announce(self, url: str, *, owned: bool) -> None:
        """Write this process's pid and URL, and whether a parent owns the server, into the lock file."""
        if self._descriptor is None:  # pragma: no cover - Windows
            return
        os.ftruncate(self._descriptor, 0)
        os.pwrite(self._descriptor, json.dumps({"pid": os.getpid(), "url": url, "owned": owned}).encode(), 0)


@contextlib.contextmanager
def hold_state(db_path: str | None) -> Iterator[StateLock]:
    """Hold the lock of `db_path` for the block (nothing for an in-memory store); `StateInUse` when held."""
    if db_path is None or fcntl is None:
        yield StateLock(None)
        return
    descriptor = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StateInUse(db_path, _holder(descriptor)) from None
        os.ftruncate(descriptor, 0)  # what an earlier holder wrote is not about us
        yield StateLock(descriptor)
    finally:
        os.close(descriptor)  # releases the lock


def _holder(descriptor: int) -> dict[str, Any]:
    try:
        found = json.loads(os.pread(descriptor, 4096, 0) or b"{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
