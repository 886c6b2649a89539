"""The rate limiter at work: one sliding window per AccessToken, in this process or in Redis, and the waits.

The windows come from pyrate-limiter (a sliding log with millisecond precision over memory or Redis): it is
imported on the first request, so that `import mews_wrapper` does not pay for it. What is ours is small: which
window a client uses (a hash of platform and token, shared by every client of the process), the margin for
latency, the holds a 429 asks for, and jitter on every wait.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import logging
import math
import os
import random
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import anyio.to_thread
import attrs

from mews_wrapper._constants import LOGGER_NAME, MAX_RETRY_AFTER
from mews_wrapper._exceptions import MewsConnectionError, RateLimitError
from mews_wrapper._rate_limit import IN_FLIGHT_LEASE, RateLimit, without_password
from mews_wrapper._slowdown import Slowdown

logger = logging.getLogger(LOGGER_NAME)

KEY_PREFIX = "mews-wrapper:rate"
_RECENT_ROUND_TRIPS = 32
_SLOWDOWN_KEPT_SECONDS = 86_400  # a slowdown nobody has touched for a day is forgotten
_LEAK_EVERY = 64
_T = TypeVar("_T")


def token_key(platform_url: str, access_token: str) -> str:
    """The storage key of a token's window: a hash of platform and token, never the token itself."""
    digest = hashlib.sha256(f"mews-wrapper rate window\0{platform_url}\0{access_token}".encode()).hexdigest()
    return f"{KEY_PREFIX}:{digest[:40]}"


class _Store(Protocol):
    """Where a window's requests are logged: `take` logs one if the window has room, else says how long to wait."""

    def take(self, limit: int, interval_ms: int) -> tuple[float, bool]:
        """(0, False) when a request was logged; else (seconds to wait, whether a 429's hold is the reason)."""

    def hold(self, seconds: float) -> None:
        """Let nobody send for `seconds` (extends, never shortens, a hold in place)."""

    def adapt(self, step: _Step) -> tuple[Slowdown, Slowdown | None]:
        """Apply `step` to the shared slowdown at once: (the slowdown now, the new one if `step` changed it)."""

    def enter(self, most: int) -> str | None:
        """A ticket for one more request in flight if fewer than `most` are; None when they are full."""

    def leave(self, ticket: str) -> None:
        """The request of `ticket` is no longer in flight."""


_Step = Callable[[Slowdown, float], Slowdown | None]
"""A change of the slowdown, given it and the store's clock; None for no change."""


class _Log:
    """A pyrate-limiter bucket of send times: logs a request if the window has room, and leaks old entries."""

    def __init__(self, new_bucket: Callable[[list[Any]], Any], clock_ms: Callable[[], int]) -> None:
        self._new_bucket = new_bucket
        self._clock_ms = clock_ms
        self._bucket: Any = None
        self._takes = 0

    def put(self, limit: int, interval_ms: int) -> float:
        """0 when a request was logged (now), else the seconds until the window has room."""
        from pyrate_limiter import Rate, RateItem  # noqa: PLC0415 - lazy: import time

        rates = [Rate(limit, interval_ms)]
        if self._bucket is None:
            self._bucket = self._new_bucket(rates)
        elif (self._bucket.rates[0].limit, self._bucket.rates[0].interval) != (limit, interval_ms):
            self._bucket.rates = rates  # the margin moved, or the slowdown changed the window
        now_ms = self._clock_ms()  # read last: the first call imports and connects, and the log must say "sent now"
        decision = self._bucket.put_decision(RateItem("request", now_ms))
        self._takes += 1
        if not decision.allowed or self._takes % _LEAK_EVERY == 0:
            self._bucket.leak(now_ms)
        return 0.0 if decision.allowed else max(decision.retry_after_ms or 1, 1) / 1000


def _memory_bucket(rates: list[Any]) -> Any:
    from pyrate_limiter import InMemoryBucket  # noqa: PLC0415 - lazy: import time

    return InMemoryBucket(rates)


class _MemoryStore:
    """A window in this process's memory, behind a lock (threads and tasks alike), on a monotonic clock."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._log = _Log(_memory_bucket, lambda: math.floor(clock() * 1000))
        self._hold_until = 0.0
        self._slowdown = Slowdown()
        self._in_flight = 0

    def take(self, limit: int, interval_ms: int) -> tuple[float, bool]:
        with self._lock:
            now = self._clock()
            if self._hold_until > now:
                return self._hold_until - now, True
            return self._log.put(limit, interval_ms), False

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._hold_until = max(self._hold_until, self._clock() + seconds)

    def adapt(self, step: _Step) -> tuple[Slowdown, Slowdown | None]:
        with self._lock:
            changed = step(self._slowdown, self._clock())
            if changed is not None:
                self._slowdown = changed
            return self._slowdown, changed

    def enter(self, most: int) -> str | None:
        with self._lock:
            if self._in_flight >= most:
                return None
            self._in_flight += 1
            return "in memory"

    def leave(self, ticket: str) -> None:
        with self._lock:
            self._in_flight -= 1


class _RedisStore:
    """A window in Redis: a sorted set of send times (wall clock, milliseconds) and a hold key with an expiry."""

    def __init__(self, url: str, key: str) -> None:
        import redis  # noqa: PLC0415 - the redis extra, only with Redis storage

        self._shown = without_password(url)
        self._redis = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self._key = key
        self._hold_key = f"{key}:hold"
        self._slowdown_key = f"{key}:slowdown"
        self._flight_key = f"{key}:flight"
        self._enter_script = self._redis.register_script(_ENTER_SCRIPT)
        self._lock = threading.Lock()  # a bucket keeps its last decision on itself: one put at a time
        self._log = _Log(self._redis_bucket, lambda: time.time_ns() // 1_000_000)  # shared by hosts: wall clock

    def _redis_bucket(self, rates: list[Any]) -> Any:
        from pyrate_limiter import RedisBucket  # noqa: PLC0415 - lazy: import time

        return RedisBucket.init(rates, self._redis, self._key)

    def take(self, limit: int, interval_ms: int) -> tuple[float, bool]:
        with self._lock, self._errors():
            held_ms = self._redis.pttl(self._hold_key)
            if held_ms > 0:
                return held_ms / 1000, True
            return self._log.put(limit, interval_ms), False

    def hold(self, seconds: float) -> None:
        milliseconds = max(1, math.ceil(seconds * 1000))
        with self._errors():
            pipeline = self._redis.pipeline()
            pipeline.set(self._hold_key, 1, nx=True, px=milliseconds)
            pipeline.pexpire(self._hold_key, milliseconds, gt=True)
            pipeline.execute()

    def adapt(self, step: _Step) -> tuple[Slowdown, Slowdown | None]:
        """Read the slowdown; when `step` changes it, write it in a transaction (retried if another wrote first)."""
        with self._errors():
            current = self._read_slowdown(self._redis)
            if step(current, time.time()) is None:  # the common case: one round trip
                return current, None
            outcome: list[tuple[Slowdown, Slowdown | None]] = []

            def write(pipe: Any) -> None:
                now = time.time()
                found = self._read_slowdown(pipe)
                changed = step(found, now)
                outcome[:] = [(found, None) if changed is None else (changed, changed)]
                if changed is not None:
                    pipe.multi()
                    pipe.hset(self._slowdown_key, mapping=attrs.asdict(changed))
                    pipe.expire(self._slowdown_key, _SLOWDOWN_KEPT_SECONDS)

            self._redis.transaction(write, self._slowdown_key)
            return outcome[0]

    def enter(self, most: int) -> str | None:
        ticket = os.urandom(8).hex()  # unique among the token's slots (not a secret)
        with self._errors():
            entered = self._enter_script(
                keys=[self._flight_key], args=[most, math.ceil(IN_FLIGHT_LEASE * 1000), ticket]
            )
        return ticket if entered else None

    def leave(self, ticket: str) -> None:
        with self._errors():
            self._redis.zrem(self._flight_key, ticket)

    def _read_slowdown(self, client: Any) -> Slowdown:
        stored = client.hgetall(self._slowdown_key)
        if not stored:
            return Slowdown()
        fields = {key.decode(): float(value) for key, value in stored.items()}
        return Slowdown(int(fields["spread"]), int(fields["slower"]), fields["changed"], fields["quiet_until"])

    def _errors(self) -> _RedisErrors:
        return _RedisErrors(self._shown)


_ENTER_SCRIPT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""
"""Takes an in-flight slot of a token in Redis: drops the leases that ran out, adds one if there is room."""


class _RedisErrors:
    """Turns a Redis failure into a `MewsConnectionError` naming the storage (without its password)."""

    def __init__(self, shown: str) -> None:
        self._shown = shown

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        import redis  # noqa: PLC0415 - the redis extra, only with Redis storage

        if isinstance(error, redis.RedisError):
            raise MewsConnectionError(
                f"the rate limit's storage {self._shown} failed ({type(error).__name__}): nothing was sent"
            ) from None


class Window:
    """One token's window as this process sees it: the store, the margin for latency, the jitter of waits."""

    def __init__(self, limit: RateLimit, key: str, clock: Callable[[], float] = time.monotonic) -> None:
        """The window of `limit` under the storage key `key` (see `token_key`).

        `clock` (seconds, monotonic) times an in-memory window: a test passes one that a fake sleep advances, so
        that the pacing is checked without waiting. A Redis window keeps the wall clock that every host shares.
        """
        self.limit = limit
        self.in_memory = limit.storage is None
        self._store: _Store = _MemoryStore(clock) if limit.storage is None else _RedisStore(limit.storage, key)
        self._round_trips: collections.deque[float] = collections.deque(maxlen=_RECENT_ROUND_TRIPS)

    def margin(self) -> float:
        """Seconds added to the window: fixed, or the slowest recent round trip (at most a tenth of the window).

        The client logs a request when it sends it, Mews when it arrives, some time within the round trip; two
        requests a window plus a round trip apart on the client are at least a window apart at Mews.
        """
        if self.limit.margin is not None:
            return self.limit.margin
        recent = list(self._round_trips)
        return min(max(recent), self.limit.max_margin) if recent else self.limit.max_margin

    def take(self) -> tuple[float, bool]:
        """Log a request if the window has room: (0, False); else (seconds to wait, whether a 429 holds it).

        An adaptive window first undoes a step of its slowdown if a full window passed without a 429, and then
        counts against the window that the slowdown makes, its margin scaled with it: a pad of a round trip on
        every window of a tenth of a second would cut the rate it keeps by a factor of three.
        """
        margin = self.margin()
        requests, seconds = self.limit.requests, self.limit.seconds
        if self.limit.adaptive:
            slowdown, eased = self._store.adapt(lambda found, now: found.after_quiet(now, seconds + margin))
            if eased is not None:
                logger.info("no 429 for a window: pacing this token at %s", eased.describe(requests, seconds))
            requests, length = slowdown.limit(requests, seconds)
            margin, seconds = margin * min(1.0, length / seconds), length
        return self._store.take(requests, math.ceil((seconds + margin) * 1000))

    def refused(self, hold: float) -> None:
        """Mews answered 429 for a request this window let through: one step slower (adaptive windows only)."""
        if not self.limit.adaptive:
            return
        grace = hold + max(self.margin(), 0.5)  # the burst's other requests, already out, answer within this
        _, slowed = self._store.adapt(lambda found, now: found.after_429(now, grace))
        if slowed is not None:
            logger.warning(
                "Mews answered 429 though the client's window had room: pacing this token at %s, for every client "
                "sharing its window (RateLimit(..., adaptive=False) keeps the window as given)",
                slowed.describe(self.limit.requests, self.limit.seconds),
            )

    def answered(self, seconds: float) -> None:
        """A request's round trip, for the margin."""
        self._round_trips.append(seconds)

    def enter(self) -> Slot | None:
        """A slot among the token's requests in flight (`RateLimit.max_in_flight`), or None while they are full."""
        most = self.limit.max_in_flight
        if most is None:
            return Slot(self, None)
        ticket = self._store.enter(most)
        return None if ticket is None else Slot(self, ticket)

    def leave(self, ticket: str) -> None:
        """Give a slot back; a storage failure only leaves it to its lease (the request itself went well)."""
        try:
            self._store.leave(ticket)
        except MewsConnectionError as error:
            logger.warning("%s; its slot frees itself within %d s", error, IN_FLIGHT_LEASE)

    def flight_poll(self) -> float:
        """How long a request waits before asking again for a slot: half a recent round trip, 2 ms to 100 ms."""
        recent = sorted(self._round_trips)
        typical = recent[len(recent) // 2] if recent else 0.05
        return min(max(typical / 2, 0.002), 0.1)

    def hold(self, seconds: float) -> None:
        """Mews said 429 with `Retry-After`: nobody sharing the window sends for `seconds`."""
        self._store.hold(seconds)

    def jitter(self, wait: float, held: bool) -> float:
        """A random extra wait, so that waiters do not all wake together.

        Up to half the average gap between requests after a full window, up to a tenth of the hold (at most 1 s)
        after a 429.
        """
        spread = min(1.0, wait / 10) if held else min(0.25, self.limit.seconds / self.limit.requests / 2)
        return random.uniform(0, spread)  # noqa: S311 - jitter, not a secret


class Slot:
    """A request's place among its token's requests in flight, from before it is paced until it is answered."""

    def __init__(self, window: Window, ticket: str | None) -> None:
        """The slot `ticket` of `window` (None: the window has no cap, and nothing to give back)."""
        self._window = window
        self._ticket = ticket

    def leave(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        ticket, self._ticket = self._ticket, None
        if ticket is not None:
            self._window.leave(ticket)

    async def leave_async(self) -> None:
        """`leave`, awaited (Redis from a worker thread), and done even when the task is being cancelled."""
        if self._ticket is None or self._window.in_memory:
            self.leave()
            return
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(self.leave)


_windows: dict[tuple[RateLimit, str], Window] = {}
_windows_lock = threading.Lock()


def window_for(limit: RateLimit, platform_url: str, access_token: str) -> Window:
    """The process's window for this limit and token: every client with the same limit and token shares it."""
    key = token_key(platform_url, access_token)
    with _windows_lock:
        window = _windows.get((limit, key))
        if window is None:
            window = _windows[(limit, key)] = Window(limit, key)
        return window


class Pacer:
    """A client's side of a window: waits before each request, reports round trips and 429s.

    A hold that Mews asked for (a 429's `Retry-After`) is waited out when it is at most `max_hold` seconds long,
    as a retry would be; a longer one makes every request of every client sharing the window fail at once with
    `RateLimitError`, naming when the hold ends, until it does: nothing waits silently for an hour.
    """

    def __init__(self, window: Window, max_hold: float = MAX_RETRY_AFTER) -> None:
        """Pace requests through `window`; a hold longer than `max_hold` seconds fails fast instead of waiting."""
        self.window = window
        self.max_hold = max_hold

    def wait(self, sleep: Callable[[float], None] = time.sleep) -> Slot:
        """Block until an in-flight slot is free and the window lets one more request go (and log it).

        `RateLimitError` during a long hold. The caller gives the slot back once the request is answered.
        """
        while (slot := self.window.enter()) is None:
            sleep(self.window.flight_poll())
        try:
            while True:
                wait, held = self.window.take()
                if wait <= 0:
                    return slot
                self._refuse_a_long_hold(wait, held)
                sleep(wait + self.window.jitter(wait, held))
        except BaseException:
            slot.leave()
            raise

    async def wait_async(self, sleep: Callable[[float], Awaitable[None]] = anyio.sleep) -> Slot:
        """`wait`, awaited; Redis is asked from a worker thread."""
        while (slot := await self._ask(self.window.enter)) is None:
            await sleep(self.window.flight_poll())
        try:
            while True:
                wait, held = await self._ask(self.window.take)
                if wait <= 0:
                    return slot
                self._refuse_a_long_hold(wait, held)
                await sleep(wait + self.window.jitter(wait, held))
        except BaseException:
            await slot.leave_async()
            raise

    async def _ask(self, question: Callable[[], _T]) -> _T:
        if self.window.in_memory:
            return question()
        return await anyio.to_thread.run_sync(question)

    def _refuse_a_long_hold(self, wait: float, held: bool) -> None:
        if held and wait > self.max_hold:
            raise RateLimitError(
                f"Mews asked every client of this token to hold back until {_ends_at(wait)} ({wait:,.0f} s from "
                f"now, longer than the {self.max_hold:.0f} s the client waits): nothing was sent",
                status_code=429,
                retry_after=wait,
            )

    def hold(self, seconds: float) -> None:
        """Mews said 429: hold every client of the window back for `seconds`, and slow down (adaptive windows).

        `seconds` is 0 when Mews gave no `Retry-After`; a hold longer than `max_hold` is logged at WARNING.
        """
        self._warn_of_a_long_hold(seconds)
        self.window.hold(seconds)
        self.window.refused(seconds)

    async def hold_async(self, seconds: float) -> None:
        """`hold`, awaited (Redis from a worker thread)."""
        if self.window.in_memory:
            self.hold(seconds)
        else:
            await anyio.to_thread.run_sync(self.hold, seconds)

    def _warn_of_a_long_hold(self, seconds: float) -> None:
        if seconds > self.max_hold:
            logger.warning(
                "Mews answered 429 with Retry-After %.0f s: every call with this token fails at once until %s",
                seconds,
                _ends_at(seconds),
            )


def _ends_at(seconds: float) -> str:
    """The wall-clock instant `seconds` from now, as `2026-12-02 14:05:00 UTC`."""
    try:
        end = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)
    except OverflowError:
        return "the end of time"
    return end.strftime("%Y-%m-%d %H:%M:%S UTC")
