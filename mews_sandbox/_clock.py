"""Time and identifiers: real by default, reproducible when the sandbox is seeded."""

from __future__ import annotations

import datetime as dt
import random
import threading
import uuid

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def parse_utc(text: str) -> dt.datetime:
    """An ISO 8601 datetime as aware UTC; a value without an offset is taken as UTC."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def to_micros(value: dt.datetime) -> int:
    """Microseconds since the epoch (what the store keeps, so that comparisons are exact)."""
    delta = value - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def format_micros(micros: int) -> str:
    """Mews' wire format, `YYYY-MM-DDThh:mm:ssZ`, with a fraction only when there is one."""
    value = EPOCH + dt.timedelta(microseconds=micros)
    text = value.replace(tzinfo=None, microsecond=0).isoformat()  # four-digit years (strftime's %Y is not padded)
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + "Z"


class Clock:
    """Wall-clock time, or with a seed a clock that starts at a fixed instant and ticks on every reading."""

    def __init__(self, *, fixed_start: dt.datetime | None = None, step: dt.timedelta = dt.timedelta(seconds=1)) -> None:
        """Real time when fixed_start is None."""
        self._next = fixed_start
        self._step = step
        self._lock = threading.Lock()

    def now_micros(self) -> int:
        """The current instant, in microseconds since the epoch."""
        if self._next is None:
            return to_micros(dt.datetime.now(dt.UTC))
        with self._lock:
            current = self._next
            self._next = current + self._step
        return to_micros(current)


class IdSource:
    """Random UUIDs, or a reproducible sequence of them with a seed."""

    def __init__(self, seed: int | None) -> None:
        """A seeded source repeats its sequence from run to run."""
        self._random = random.Random(seed) if seed is not None else None
        self._lock = threading.Lock()

    def new(self) -> str:
        """A fresh version-4 UUID as text."""
        if self._random is None:
            return str(uuid.uuid4())
        with self._lock:
            bits = self._random.getrandbits(128)
        return str(uuid.UUID(int=bits, version=4))
