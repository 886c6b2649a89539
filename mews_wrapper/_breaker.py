"""`CircuitBreaker`: when a Mews platform keeps failing, calls fail fast instead of every worker retrying every call.

Mews' best-practices page asks integrations for one. After `failures` consecutive failures (a 5xx, a timeout, a
connection that failed) of requests to one platform address, the circuit opens: for `reset_seconds` every request
to that address fails at once with `CircuitOpenError`, before anything is sent (so a write counts those items as
failed, never unknown). Then one request at a time goes out as a probe: its success (any answer below 500) closes
the circuit, its failure opens it again for another `reset_seconds`. The state is shared like the rate limiter's
window: by every client of the process for that address, or through Redis (`storage=`) by every process and machine.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from typing import Any, Protocol

import attrs

from mews_wrapper._exceptions import CircuitOpenError, MewsValidationError
from mews_wrapper._rate_limit import REDIS_SCHEMES, without_password

__all__ = ["DEFAULT_CIRCUIT_BREAKER", "Breaker", "CircuitBreaker", "breaker_for"]


def _check_failures(_: object, __: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MewsValidationError(f"CircuitBreaker failures must be a whole number >= 1, got {value!r}")


def _check_reset(_: object, __: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise MewsValidationError(f"CircuitBreaker reset_seconds must be a finite number > 0, got {value!r}")


def _check_storage(_: object, __: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or value.split(":", 1)[0] not in REDIS_SCHEMES):
        shown = without_password(value) if isinstance(value, str) else type(value).__name__
        raise MewsValidationError(f"CircuitBreaker storage must be None or a Redis URL, got {shown!r}")


@attrs.frozen
class CircuitBreaker:
    """How a client stops calling a failing platform: `MewsClient(circuit_breaker=CircuitBreaker(...))`.

    - `failures`: consecutive failed requests (5xx, timeouts, connection failures) that open the circuit (5).
    - `reset_seconds`: how long it stays open before one probe goes out (30).
    - `storage`: None shares the circuit within the process; a Redis URL (the `redis` extra) shares it with every
      process and machine that uses the same URL.

    On by default; `circuit_breaker=None` turns it off.
    """

    failures: int = attrs.field(default=5, validator=_check_failures)
    reset_seconds: float = attrs.field(default=30.0, validator=_check_reset)
    storage: str | None = attrs.field(default=None, validator=_check_storage, repr=lambda url: repr(_shown(url)))


def _shown(url: str | None) -> str | None:
    return None if url is None else without_password(url)


DEFAULT_CIRCUIT_BREAKER = CircuitBreaker()
"""The breaker every client has unless told otherwise: 5 failures in a row, 30 seconds open."""


class _State(Protocol):
    def admit(self, now: float) -> tuple[float, int] | None: ...

    def record(self, failed: bool, now: float) -> None: ...


class _MemoryState:
    """One platform's circuit in this process: consecutive failures, open until, probe out until."""

    def __init__(self, breaker: CircuitBreaker) -> None:
        self._breaker = breaker
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until = 0.0
        self._probe_until = 0.0

    def admit(self, now: float) -> tuple[float, int] | None:
        """None to send; else (when the next probe may go, failures) to fail fast."""
        with self._lock:
            if not self._open_until:
                return None
            if now < self._open_until:
                return self._open_until, self._failures
            if now < self._probe_until:  # one probe is out: the others wait for its answer
                return self._probe_until, self._failures
            self._probe_until = now + self._breaker.reset_seconds  # this request is the probe
            return None

    def record(self, failed: bool, now: float) -> None:
        """A request's end: a success closes the circuit, a failure counts (and opens it, or opens it again)."""
        with self._lock:
            if not failed:
                self._failures, self._open_until, self._probe_until = 0, 0.0, 0.0
                return
            self._failures += 1
            if self._open_until or self._failures >= self._breaker.failures:
                self._open_until, self._probe_until = now + self._breaker.reset_seconds, 0.0


_ADMIT = """
local state = redis.call('HMGET', KEYS[1], 'failures', 'open_until', 'probe_until')
local failures, open_until, probe_until = tonumber(state[1] or 0), tonumber(state[2] or 0), tonumber(state[3] or 0)
local now, reset = tonumber(ARGV[1]), tonumber(ARGV[2])
if open_until == 0 then return nil end
if now < open_until then return {tostring(open_until), failures} end
if now < probe_until then return {tostring(probe_until), failures} end
redis.call('HSET', KEYS[1], 'probe_until', tostring(now + reset))
return nil
"""
_RECORD = """
local now, reset, limit = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[1] == '0' then
  redis.call('HSET', KEYS[1], 'failures', 0, 'open_until', 0, 'probe_until', 0)
  return 0
end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local open_until = tonumber(redis.call('HGET', KEYS[1], 'open_until') or 0)
if open_until > 0 or failures >= limit then
  redis.call('HSET', KEYS[1], 'open_until', tostring(now + reset), 'probe_until', 0)
end
redis.call('EXPIRE', KEYS[1], math.ceil(reset * 10 + 60))
return failures
"""


class _RedisState:
    """One platform's circuit in Redis: the same decisions as `_MemoryState`, each one atomic (a Lua script)."""

    def __init__(self, breaker: CircuitBreaker, platform_url: str) -> None:
        import redis  # noqa: PLC0415 - the redis extra, only for a shared circuit

        assert breaker.storage is not None
        self._breaker = breaker
        self._client: Any = redis.Redis.from_url(breaker.storage)
        self._key = f"mews-wrapper:circuit:{platform_url}"
        self._admit = self._client.register_script(_ADMIT)
        self._record = self._client.register_script(_RECORD)

    def admit(self, now: float) -> tuple[float, int] | None:
        found = self._admit(keys=[self._key], args=[repr(now), repr(self._breaker.reset_seconds)])
        return None if found is None else (float(found[0]), int(found[1]))

    def record(self, failed: bool, now: float) -> None:
        args = ["1" if failed else "0", repr(now), repr(self._breaker.reset_seconds), self._breaker.failures]
        self._record(keys=[self._key], args=args)


class Breaker:
    """The live circuit of one platform address: `admit()` before a request, `record()` after its answer."""

    def __init__(self, state: _State, platform_url: str, clock: Any = time.time) -> None:
        self._state = state
        self._platform_url = platform_url
        self._clock = clock

    def admit(self) -> None:
        """Let a request go (perhaps as the probe), or raise `CircuitOpenError`."""
        refused = self._state.admit(self._clock())
        if refused is not None:
            until, failures = refused
            raise CircuitOpenError(self._platform_url, dt.datetime.fromtimestamp(until, dt.UTC), failures)

    def record(self, failed: bool) -> None:
        """The request ended: `failed` for a 5xx or a transport failure, else it succeeded (Mews answered)."""
        self._state.record(failed, self._clock())


_registry: dict[tuple[CircuitBreaker, str], Breaker] = {}
_registry_lock = threading.Lock()


def breaker_for(breaker: CircuitBreaker, platform_url: str) -> Breaker:
    """The circuit of `platform_url` for this configuration, shared by every client of the process that asks."""
    with _registry_lock:
        found = _registry.get((breaker, platform_url))
        if found is None:
            state: _State = _MemoryState(breaker) if breaker.storage is None else _RedisState(breaker, platform_url)
            found = _registry[(breaker, platform_url)] = Breaker(state, platform_url)
        return found
