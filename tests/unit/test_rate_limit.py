"""`RateLimit` as a value: checked arguments, a repr without passwords, storage keys without tokens."""

from __future__ import annotations

import inspect
import math

import pytest

from mews_wrapper import AsyncMewsClient, MewsClient, MewsValidationError, RateLimit
from mews_wrapper._pacing import Window, token_key
from mews_wrapper._rate_limit import DEFAULT_RATE_LIMIT, limit_with_environment


def test_the_clients_default_to_mews_own_limit_and_four_requests_at_once() -> None:
    for cls in (MewsClient, AsyncMewsClient):
        parameters = inspect.signature(cls).parameters
        assert parameters["rate_limit"].default == RateLimit(200, 30)
        assert parameters["max_concurrency"].default == 4


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ((0, 30), "requests"),
        ((True, 30), "requests"),
        ((2.5, 30), "requests"),
        ((200, 0), "seconds"),
        ((200, -1), "seconds"),
        ((200, math.nan), "seconds"),
        ((200, math.inf), "seconds"),
        ((200, "30"), "seconds"),
        ((200, 30, "memcached://localhost"), "storage"),
        ((200, 30, "localhost:6379"), "storage"),
        ((200, 30, b"redis://localhost"), "storage"),
    ],
)
def test_bad_arguments_are_refused_naming_them(arguments: tuple[object, ...], named: str) -> None:
    with pytest.raises(MewsValidationError, match=named):
        RateLimit(*arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("adaptive", ["yes", 1, None])
def test_adaptive_must_be_a_bool(adaptive: object) -> None:
    with pytest.raises(MewsValidationError, match="adaptive"):
        RateLimit(200, 30, adaptive=adaptive)  # type: ignore[arg-type]
    assert RateLimit(200, 30).adaptive is True
    assert RateLimit(200, 30, adaptive=False) != RateLimit(200, 30)


@pytest.mark.parametrize("margin", [-0.1, math.nan, "1"])
def test_a_bad_margin_is_refused(margin: object) -> None:
    with pytest.raises(MewsValidationError, match="margin"):
        RateLimit(200, 30, margin=margin)  # type: ignore[arg-type]


@pytest.mark.parametrize("most", [0, -1, 2.5, True, "8"])
def test_a_bad_max_in_flight_is_refused(most: object) -> None:
    with pytest.raises(MewsValidationError, match="max_in_flight"):
        RateLimit(200, 30, max_in_flight=most)  # type: ignore[arg-type]


def test_the_default_window_keeps_at_most_eight_requests_in_flight() -> None:
    assert RateLimit(200, 30).max_in_flight == 8


@pytest.mark.parametrize(
    ("value", "named"), [("200/30", "rate_limit"), (0, "max_concurrency"), (65, "max_concurrency")]
)
def test_the_clients_refuse_a_bad_rate_limit_or_concurrency(value: object, named: str) -> None:
    with pytest.raises(MewsValidationError, match=named):
        MewsClient("ct", "at", **{named: value})  # type: ignore[arg-type]


def test_the_storage_password_never_shows() -> None:
    limit = RateLimit(200, 30, "redis://user:hunter2-password@cache.internal:6379/0")
    assert "hunter2" not in repr(limit)
    assert "***" in repr(limit)
    with pytest.raises(MewsValidationError) as refused:
        RateLimit(200, 30, "memcached://user:hunter2-password@cache.internal")
    assert "hunter2" not in str(refused.value)


def test_a_storage_key_is_a_hash_of_platform_and_token() -> None:
    key = token_key("https://api.mews.com", "AccessToken-0123456789abcdef")
    assert key.startswith("mews-wrapper:rate:")
    assert "0123456789" not in key
    assert key != token_key("https://api.mews-demo.com", "AccessToken-0123456789abcdef")
    assert key == token_key("https://api.mews.com", "AccessToken-0123456789abcdef")


def test_the_margin_follows_the_slowest_recent_round_trip_up_to_a_tenth_of_the_window() -> None:
    window = Window(RateLimit(20, 2), "mews-wrapper:rate:test")
    assert window.margin() == pytest.approx(0.2)  # nothing measured yet: the most it pads
    window.answered(0.05)
    window.answered(0.08)
    assert window.margin() == pytest.approx(0.08)
    window.answered(5.0)
    assert window.margin() == pytest.approx(0.2)
    assert Window(RateLimit(20, 2, margin=0), "k").margin() == 0


def test_a_full_window_says_how_long_to_wait_and_a_hold_outlasts_it() -> None:
    window = Window(RateLimit(3, 10, margin=0), "mews-wrapper:rate:unit")
    assert [window.take()[0] for _ in range(3)] == [0.0, 0.0, 0.0]
    wait, held = window.take()
    assert 9 < wait <= 10.01
    assert held is False
    window.hold(30)
    wait, held = window.take()
    assert 29 < wait <= 30
    assert held is True


def test_mews_rate_limit_storage_moves_the_default_window_into_redis_and_leaves_a_given_limit_alone() -> None:
    env = {"MEWS_RATE_LIMIT_STORAGE": "redis://127.0.0.1:6399/2"}
    moved = limit_with_environment(DEFAULT_RATE_LIMIT, env)
    assert moved == RateLimit(200, 30, storage="redis://127.0.0.1:6399/2")
    mine = RateLimit(10, 1)
    assert limit_with_environment(mine, env) is mine
    assert limit_with_environment(None, env) is None  # turned off stays off
    assert limit_with_environment(DEFAULT_RATE_LIMIT, {}) is DEFAULT_RATE_LIMIT
    with pytest.raises(MewsValidationError, match=r"^MEWS_RATE_LIMIT_STORAGE: RateLimit storage must be"):
        limit_with_environment(DEFAULT_RATE_LIMIT, {"MEWS_RATE_LIMIT_STORAGE": "memcached://x"})
