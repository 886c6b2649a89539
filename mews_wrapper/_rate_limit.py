"""`RateLimit`: the client-side budget of requests per AccessToken, and where its window is kept."""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

import attrs

from mews_wrapper._exceptions import MewsValidationError

REDIS_SCHEMES = ("redis", "rediss", "unix")
IN_FLIGHT_LEASE = 300
"""Seconds a request's in-flight slot in Redis lasts at most: a process that died mid-request frees it then."""


def _check_requests(_: object, __: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MewsValidationError(f"RateLimit requests must be a whole number >= 1, got {value!r}")


def _check_seconds(_: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise MewsValidationError(f"RateLimit {attribute.name} must be a finite number of seconds > 0, got {value!r}")


def _check_margin(_: object, __: attrs.Attribute[float | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise MewsValidationError(f"RateLimit margin must be None or a finite number of seconds >= 0, got {value!r}")


def _check_adaptive(_: object, __: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise MewsValidationError(f"RateLimit adaptive must be True or False, got {value!r}")


def _check_in_flight(_: object, __: attrs.Attribute[int], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MewsValidationError(f"RateLimit max_in_flight must be None or a whole number >= 1, got {value!r}")


def _check_storage(_: object, __: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or urlsplit(value).scheme not in REDIS_SCHEMES:
        shown = without_password(value) if isinstance(value, str) else type(value).__name__
        raise MewsValidationError(
            f"RateLimit storage must be None (this process) or a Redis URL such as redis://host:6379/0, got {shown!r}"
        )
    problem = _url_problem(value)
    if problem is not None:
        raise MewsValidationError(
            f"RateLimit storage {without_password(value)!r}: {problem} (a Redis URL: redis://[:password@]host:6379/0)"
        )
    if importlib.util.find_spec("redis") is None:
        raise MewsValidationError("RateLimit storage in Redis needs the redis extra: pip install 'mews-wrapper[redis]'")


def _url_problem(url: str) -> str | None:
    """What is wrong with the parts of a Redis URL (its port, host or database), or None."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - urllib checks the port when it is read
    except ValueError:
        return f"the port {_raw_port(parts.netloc)!r} is not a number from 0 to 65535"
    if parts.scheme != "unix" and not parts.hostname:
        return "it names no host"
    database = parts.path.strip("/")
    if parts.scheme != "unix" and database and not database.isdigit():
        return f"the database {database!r} (the path) is not a number"
    return None


def _raw_port(netloc: str) -> str:
    return netloc.rpartition("@")[2].rpartition(":")[2]


def without_password(url: str) -> str:
    """A storage URL as it may be shown: its password replaced by `***`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host_and_port = parts.netloc.rpartition("@")[2]  # as written: a bad port is shown, not raised
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host_and_port}"))


@attrs.frozen
class RateLimit:
    """At most `requests` requests per AccessToken in any `seconds`, counted by the client before it sends.

    Mews allows 200 requests per AccessToken in a sliding window of 30 seconds, so clients use
    `RateLimit(200, 30)` unless told otherwise. The window is shared by every client in the process that uses the
    same AccessToken and platform; with `storage="redis://host:port/db"` (the `redis` extra) it is kept in Redis
    and shared by every process and machine that uses that storage. Storage keys hold a hash of the token, never
    the token.

    `margin` pads the window, because the client counts a request when it sends it and Mews when it arrives:
    None (the default) pads by the slowest recent round trip, at most a tenth of the window; a number of seconds
    fixes the pad (0 for none).

    `adaptive` (the default) lets the client slow itself when Mews proves stricter than the window (Mews calls its
    limit a guideline): a 429 for a request the window let through makes every client of the window (in Redis too)
    spread its requests (the same rate, bursts of a sixty-fourth of `requests`), a further one halve the rate, and
    each window without a 429 undo one step. `adaptive=False` keeps the window as given.

    `max_in_flight` (8 by default) caps the requests of the token out at once, across every client of the window
    (in Redis too): a Mews stricter than the window refuses at most that many requests before the first 429 comes
    back and slows everyone down. None lifts the cap. A Redis slot is leased for `IN_FLIGHT_LEASE` seconds, so a
    process killed mid-request gives its slot back by then.
    """

    requests: int = attrs.field(validator=_check_requests)
    seconds: float = attrs.field(validator=_check_seconds)
    storage: str | None = attrs.field(default=None, validator=_check_storage, repr=lambda url: repr(_shown(url)))
    margin: float | None = attrs.field(default=None, kw_only=True, validator=_check_margin)
    adaptive: bool = attrs.field(default=True, kw_only=True, validator=_check_adaptive)
    max_in_flight: int | None = attrs.field(default=8, kw_only=True, validator=_check_in_flight)

    @property
    def max_margin(self) -> float:
        """The largest pad the adaptive margin uses: a tenth of the window."""
        return self.seconds / 10


def _shown(url: str | None) -> str | None:
    return None if url is None else without_password(url)


DEFAULT_RATE_LIMIT = RateLimit(200, 30)

STORAGE_VARIABLE = "MEWS_RATE_LIMIT_STORAGE"


def limit_with_environment(limit: RateLimit | None, environ: Mapping[str, str] | None = None) -> RateLimit | None:
    """The default limit kept where `MEWS_RATE_LIMIT_STORAGE` says (a Redis URL), when it is set; else `limit`.

    A limit given by the caller is kept as given: the variable only moves the default window into Redis, so that
    several processes on one token share it without each being told.
    """
    env = os.environ if environ is None else environ
    storage = env.get(STORAGE_VARIABLE, "").strip()
    if limit is not DEFAULT_RATE_LIMIT or not storage:
        return limit
    try:
        return attrs.evolve(limit, storage=storage)
    except MewsValidationError as error:
        raise MewsValidationError(f"{STORAGE_VARIABLE}: {error}") from None
