"""Retry decisions and Retry-After parsing: pure logic, no sockets."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mews_wrapper import (
    BadRequestError,
    ForbiddenError,
    MewsConnectionError,
    MewsResponseError,
    MewsTimeoutError,
    RateLimitError,
    ServerError,
)
from mews_wrapper._exceptions import MewsAPIError, error_class_for
from mews_wrapper._retry import RetryPolicy, is_retryable, parse_retry_after

NOW = dt.datetime(2026, 11, 23, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("Mon, 23 Nov 2026 12:00:30 GMT", 30.0),
        ("Mon, 23 Nov 2026 11:59:00 GMT", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=lambda: NOW) == seconds


def api_error(status: int, retry_after: str | None = None) -> MewsAPIError:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    response = httpx.Response(status, headers=headers)
    cls = error_class_for(status)
    if cls is RateLimitError:
        return RateLimitError("x", retry_after=parse_retry_after(retry_after), status_code=status, response=response)
    return cls("x", status_code=status, response=response)


def connection_error(cause: Exception, kind: type[MewsConnectionError] = MewsConnectionError) -> MewsConnectionError:
    error = kind("x")
    error.__cause__ = cause
    return error


READ_RETRIED = [408, 429, 500, 502, 503, 504]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 408, 409, 413, 429, 500, 501, 502, 503, 504, 418])
def test_reads_retry_exactly_the_transient_statuses(status: int) -> None:
    assert is_retryable(api_error(status), idempotent=True) is (status in READ_RETRIED)


@pytest.mark.parametrize("status", [400, 408, 409, 429, 500, 502, 503, 504])
def test_writes_retry_only_429(status: int) -> None:
    assert is_retryable(api_error(status), idempotent=False) is (status == 429)


def test_transport_failures() -> None:
    connect = connection_error(httpx.ConnectError("refused"))
    read = connection_error(httpx.ReadError("reset"))
    read_timeout = connection_error(httpx.ReadTimeout("slow"), MewsTimeoutError)
    connect_timeout = connection_error(httpx.ConnectTimeout("slow"), MewsTimeoutError)
    assert all(is_retryable(error, idempotent=True) for error in (connect, read, read_timeout, connect_timeout))
    assert is_retryable(connect, idempotent=False)
    assert is_retryable(connect_timeout, idempotent=False)
    assert not is_retryable(read, idempotent=False)
    assert not is_retryable(read_timeout, idempotent=False)
    assert not is_retryable(MewsResponseError("x"), idempotent=True)


@given(retries_done=st.integers(min_value=0, max_value=2), draw=st.floats(min_value=0, max_value=0.999))
def test_backoff_is_exponential_with_jitter_and_capped(retries_done: int, draw: float) -> None:
    policy = RetryPolicy(max_retries=3, initial_delay=0.5, max_delay=1.5, random=lambda: draw)
    delay = policy.delay(api_error(503), retries_done=retries_done, idempotent=True)
    full = min(1.5, 0.5 * 2**retries_done)
    assert delay is not None
    assert full / 2 <= delay <= full


def test_no_retry_once_the_budget_is_spent() -> None:
    policy = RetryPolicy(max_retries=2)
    assert policy.delay(api_error(500), retries_done=1, idempotent=True) is not None
    assert policy.delay(api_error(500), retries_done=2, idempotent=True) is None
    assert RetryPolicy(max_retries=0).delay(api_error(500), retries_done=0, idempotent=True) is None


def test_retry_after_wins_over_backoff_up_to_sixty_seconds() -> None:
    policy = RetryPolicy(max_retries=3)
    assert policy.delay(api_error(429, "12"), retries_done=0, idempotent=False) == 12.0
    assert policy.delay(api_error(503, "3"), retries_done=0, idempotent=True) == 3.0
    assert policy.delay(api_error(429, "60"), retries_done=0, idempotent=True) == 60.0
    assert policy.delay(api_error(429, "61"), retries_done=0, idempotent=True) is None


def test_non_retryable_errors_are_never_delayed() -> None:
    policy = RetryPolicy(max_retries=3)
    assert policy.delay(api_error(400), retries_done=0, idempotent=True) is None
    assert policy.delay(api_error(500), retries_done=0, idempotent=False) is None


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (403, ForbiddenError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (599, ServerError),
    ],
)
def test_status_classes(status: int, cls: type[MewsAPIError]) -> None:
    assert error_class_for(status) is cls
