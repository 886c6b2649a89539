"""One sync per voucher at a time, across processes: a lease in the same storage as the rate limiter.

Without shared storage the lease is a lock on a file in the command's cache folder (every process of this machine
sees it; the system releases it when the process ends, however it ends). With `--rate-limit-storage` (or
`MEWS_RATE_LIMIT_STORAGE`) it is a key in that Redis, seen by every machine: set only when absent, with an expiry
that a thread renews while the holder runs, and deleted by its holder alone. A second sync does not wait: it is
refused, naming the holder (process, host, since when).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from mews_vouchers._shared.console import EXIT_SOME_FAILED, CommandError
from mews_vouchers._shared.local_sandbox import cache_folder

LEASE_SECONDS = 60
"""How long a Redis lease lives without renewal (a holder that dies frees it by then); renewed every third of it."""

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
_RENEW = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
)


class LeaseHeldError(CommandError):
    """Another process holds the lease: nothing was done."""

    exit_code = EXIT_SOME_FAILED


def _holder() -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }


def _key(platform_url: str, voucher_id: uuid.UUID) -> str:
    return hashlib.sha256(f"{platform_url.rstrip('/')}|{voucher_id}".encode()).hexdigest()[:24]


def _refusal(voucher_id: uuid.UUID, holder: dict[str, Any] | None) -> LeaseHeldError:
    who = (
        f"process {holder.get('pid')} on {holder.get('host')} since {holder.get('since')}"
        if holder
        else "another process"
    )
    return LeaseHeldError(
        f"another sync of voucher {voucher_id} is running ({who}): nothing planned or applied; run this one when "
        "it has ended (two syncs at once would leave the voucher matching neither file)"
    )


@contextlib.contextmanager
def sync_lease(platform_url: str, voucher_id: uuid.UUID, storage: str | None) -> Iterator[None]:
    """Hold the sync lease of `voucher_id` on `platform_url` for the block; `LeaseHeldError` when another holds it."""
    key = _key(platform_url, voucher_id)
    if storage:
        with _redis_lease(storage, f"mews-vouchers:sync:{key}", voucher_id):
            yield
    else:
        with _file_lease(cache_folder() / "leases" / f"sync-{key}.lock", voucher_id):
            yield


@contextlib.contextmanager
def _file_lease(path: Path, voucher_id: uuid.UUID) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        if not _try_lock(handle):
            handle.seek(0)
            raise _refusal(voucher_id, _parsed(handle.read()))
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(_holder()))
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            _unlock(handle)


def _try_lock(handle: IO[str]) -> bool:
    try:
        import fcntl  # noqa: PLC0415 - POSIX

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except ImportError:  # pragma: no cover - Windows
        import msvcrt  # noqa: PLC0415

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
    return True


def _unlock(handle: IO[str]) -> None:
    try:
        import fcntl  # noqa: PLC0415

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except ImportError:  # pragma: no cover - Windows
        import msvcrt  # noqa: PLC0415

        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def _parsed(text: str) -> dict[str, Any] | None:
    try:
        holder = json.loads(text)
    except ValueError:
        return None
    return holder if isinstance(holder, dict) else None


@contextlib.contextmanager
def _redis_lease(url: str, key: str, voucher_id: uuid.UUID) -> Iterator[None]:
    import redis  # noqa: PLC0415 - the redis extra, as the shared rate limit needs

    connection = redis.Redis.from_url(url)
    token = json.dumps({**_holder(), "token": uuid.uuid4().hex})
    milliseconds = LEASE_SECONDS * 1000
    try:
        taken = connection.set(key, token, nx=True, px=milliseconds)
        held = None if taken else connection.get(key)
    except redis.RedisError as error:
        connection.close()
        raise LeaseHeldError(
            f"the sync lease could not be taken in {url.rsplit('@', maxsplit=1)[-1]}: {error}"
        ) from None
    if not taken:
        connection.close()
        holder = _parsed(held.decode("utf-8", "replace")) if isinstance(held, bytes) else None
        raise _refusal(voucher_id, holder)
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(LEASE_SECONDS / 3):
            with contextlib.suppress(redis.RedisError):
                connection.eval(_RENEW, 1, key, token, milliseconds)

    renewer = threading.Thread(target=renew, name="mews-vouchers-lease", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        with contextlib.suppress(redis.RedisError):
            connection.eval(_RELEASE, 1, key, token)
        connection.close()
