"""When to retry, and how long to wait: pure decisions, no I/O.

Reads (getAll) retry 408, 429, 500, 502, 503, 504 and transport failures. Writes (add, delete) have no
idempotency key, so they retry only where Mews certainly did not act: 429 and failures to connect.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import random
from collections.abc import Callable

import attrs
import httpx

from mews_wrapper._constants import MAX_RETRY_AFTER
from mews_wrapper._exceptions import MewsAPIError, MewsConnectionError, MewsError, RateLimitError

RETRYABLE_READ_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRYABLE_WRITE_STATUSES = frozenset({429})


def parse_retry_after(value: str | None, *, now: Callable[[], dt.datetime] | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    current = now() if now is not None else dt.datetime.now(dt.UTC)
    return max(0.0, (when - current).total_seconds())


def never_reached_mews(error: MewsError) -> bool:
    """True when the request certainly never reached Mews (it could not connect)."""
    cause = error.__cause__
    return isinstance(error, MewsConnectionError) and isinstance(
        cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
    )


def is_retryable(error: MewsError, *, idempotent: bool) -> bool:
    """Whether an error may be retried for a read (idempotent) or a write."""
    if isinstance(error, MewsAPIError):
        statuses = RETRYABLE_READ_STATUSES if idempotent else RETRYABLE_WRITE_STATUSES
        return error.status_code in statuses
    if isinstance(error, MewsConnectionError):
        return idempotent or never_reached_mews(error)
    return False


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with jitter, capped, honouring `Retry-After` up to `max_retry_after` seconds."""

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = MAX_RETRY_AFTER
    random: Callable[[], float] = attrs.field(default=random.random, eq=False)

    def delay(self, error: MewsError, *, retries_done: int, idempotent: bool) -> float | None:
        """Seconds to wait before the next try, or None to give up and raise `error`.

        A `Retry-After` longer than `max_retry_after` gives up at once, whatever retries are left.
        """
        if retries_done >= self.max_retries or not is_retryable(error, idempotent=idempotent):
            return None
        retry_after = retry_after_of(error)
        if retry_after is not None:
            return None if retry_after > self.max_retry_after else retry_after
        backoff = min(self.max_delay, self.initial_delay * 2.0**retries_done)
        return backoff * (0.5 + self.random() / 2)  # "equal jitter": between half and all of the backoff


def retry_after_of(error: MewsError) -> float | None:
    """The wait Mews asked for: a 429's `retry_after`, or the `Retry-After` of any other error response."""
    if isinstance(error, RateLimitError):
        return error.retry_after
    if isinstance(error, MewsAPIError) and error.response is not None:
        return parse_retry_after(error.response.headers.get("Retry-After"))
    return None
