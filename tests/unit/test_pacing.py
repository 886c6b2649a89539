"""The limiter's pacing on a fake clock: the waits a window asks for, checked without waiting for them.

A `Window` takes the clock it measures with; the fake sleeps here advance that clock instead of the wall's, so a
minute of pacing takes microseconds. tests/integration/test_rate_limit.py keeps the real thing: threads, tasks and
processes (Redis) against a sandbox that enforces the same limit in real time.
"""

from __future__ import annotations

import pytest

from mews_wrapper import RateLimit, RateLimitError
from mews_wrapper._pacing import Pacer, Window


class FakeClock:
    """Monotonic seconds that move only when something sleeps on them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def sleep_async(self, seconds: float) -> None:
        self.sleep(seconds)


def most_in_any_span(times: list[float], span: float) -> int:
    """The largest number of `times` inside any half-open span of `span` seconds."""
    return max(sum(1 for other in times if start <= other < start + span) for start in times)


@pytest.mark.parametrize(("requests", "seconds"), [(3, 10.0), (200, 30.0), (20, 2.0)])
def test_a_pacer_never_puts_more_than_the_limit_in_any_window_and_loses_little_time(
    requests: int, seconds: float
) -> None:
    clock = FakeClock()
    pacer = Pacer(Window(RateLimit(requests, seconds, margin=0), "k", clock=clock))
    sent = []
    for _ in range(requests * 3 + 1):
        pacer.wait(sleep=clock.sleep).leave()
        sent.append(clock.now)
    assert most_in_any_span(sent, seconds) == requests
    assert sent[requests - 1] == sent[0]  # the first window's worth goes at once
    floor = 3 * seconds  # four bursts, three full windows apart
    assert floor <= sent[-1] - sent[0] <= floor + 3 * (0.25 + 0.002)  # at most a jitter (and a tick) per wait


def test_the_margin_widens_every_window_it_paces() -> None:
    clock = FakeClock()
    pacer = Pacer(Window(RateLimit(2, 10, margin=1.5), "k", clock=clock))
    sent = []
    for _ in range(5):
        pacer.wait(sleep=clock.sleep).leave()
        sent.append(clock.now)
    assert most_in_any_span(sent, 11.5) == 2
    assert sent[2] - sent[0] >= 11.5


def test_a_hold_keeps_every_pacer_of_the_window_back_until_it_ends_with_a_bounded_jitter() -> None:
    clock = FakeClock()
    window = Window(RateLimit(100, 30, margin=0), "k", clock=clock)
    first, second = Pacer(window), Pacer(window)
    first.wait(sleep=clock.sleep).leave()
    first.hold(7.0)  # a 429 with Retry-After: 7
    told = clock.now
    second.wait(sleep=clock.sleep).leave()
    assert 7.0 <= clock.now - told <= 7.0 + 0.7  # the hold, and up to a tenth of it (at most 1 s) of jitter
    assert clock.slept[0] >= 7.0
    first.hold(2.0)
    first.hold(1.0)  # a shorter hold does not cut the longer one short
    told = clock.now
    first.wait(sleep=clock.sleep).leave()
    assert clock.now - told >= 2.0


@pytest.mark.anyio
async def test_the_async_pacer_waits_on_the_same_window() -> None:
    clock = FakeClock()
    window = Window(RateLimit(4, 5, margin=0), "k", clock=clock)
    sync_side, async_side = Pacer(window), Pacer(window)
    sent = []
    for turn in range(12):
        if turn % 2:
            (await async_side.wait_async(sleep=clock.sleep_async)).leave()
        else:
            sync_side.wait(sleep=clock.sleep).leave()
        sent.append(clock.now)
    assert most_in_any_span(sent, 5.0) == 4
    assert sent[-1] - sent[0] >= 10.0


def test_a_window_without_a_fixed_margin_pads_by_the_slowest_recent_round_trip() -> None:
    clock = FakeClock()
    window = Window(RateLimit(2, 10), "k", clock=clock)
    window.answered(0.4)
    pacer = Pacer(window)
    sent = []
    for _ in range(3):
        pacer.wait(sleep=clock.sleep).leave()
        sent.append(clock.now)
    assert sent[2] - sent[0] >= 10.4


def test_a_hold_longer_than_the_client_waits_fails_every_request_at_once_until_it_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    window = Window(RateLimit(100, 30, margin=0), "k", clock=clock)
    first, other = Pacer(window), Pacer(window)
    caplog.set_level("WARNING", logger="mews_wrapper")
    first.hold(3600.0)  # a 429 with Retry-After: 3600
    assert "Retry-After 3600 s" in caplog.text
    assert "fails at once until" in caplog.text
    for pacer in (first, other, first):
        with pytest.raises(RateLimitError, match=r"hold back until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC") as refused:
            pacer.wait(sleep=clock.sleep).leave()
        assert refused.value.status_code == 429
        assert refused.value.retry_after == pytest.approx(3600.0)
    assert clock.slept == []  # nobody waited
    clock.now += 3540.0  # an hour minus a minute: the rest is within what the client waits out
    other.wait(sleep=clock.sleep).leave()
    assert clock.slept
    assert 60.0 <= sum(clock.slept) <= 66.0


def paced(pacer: Pacer, clock: FakeClock, count: int) -> list[float]:
    sent = []
    for _ in range(count):
        pacer.wait(sleep=clock.sleep).leave()
        sent.append(clock.now)
    return sent


def test_a_429_the_window_let_through_spreads_the_requests_at_the_same_rate(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    pacer = Pacer(Window(RateLimit(200, 30, margin=0), "k", clock=clock))
    paced(pacer, clock, 20)
    caplog.set_level("WARNING", logger="mews_wrapper")
    pacer.hold(1.0)  # Mews said 429 (Retry-After: 1) though 180 more fitted the window
    assert "pacing this token at 4 requests per 0.60 s" in caplog.text
    sent = paced(pacer, clock, 40)
    assert most_in_any_span(sent, 0.6) == 4  # bursts of 200/64, rounded up
    assert most_in_any_span(sent, 2.0) <= 16  # what a Mews of 20 per 2 s takes
    assert sent[-1] - sent[0] == pytest.approx(36 * 0.6 / 4, abs=1.0)  # still 200 per 30 s on average


def test_another_429_while_the_step_is_new_is_the_same_news_and_a_later_one_halves_the_rate() -> None:
    clock = FakeClock()
    window = Window(RateLimit(200, 30, margin=0), "k", clock=clock)
    pacer = Pacer(window)
    pacer.hold(1.0)
    pacer.hold(1.0)  # the burst's other requests, already out, answer 429 too
    clock.now += 0.5
    pacer.hold(0.0)  # still within the grace (the hold and half a second)
    clock.now += 5.0  # past the grace: this is a new 429
    pacer.hold(1.0)
    sent = paced(pacer, clock, 24)
    assert most_in_any_span(sent, 1.2) == 4  # 4 per 1.2 s: half the rate (one step for the first three 429s)
    assert most_in_any_span(sent, 2.4) == 8  # not a quarter: the 429s within the grace did not count


def test_every_quiet_window_undoes_one_step_until_the_window_is_as_given(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    window = Window(RateLimit(64, 10, margin=0), "k", clock=clock)
    pacer = Pacer(window)
    pacer.hold(0.0)
    clock.now += 5.0
    pacer.hold(0.0)  # spread, and half the rate
    caplog.set_level("INFO", logger="mews_wrapper")
    limits = []
    for _ in range(8):
        clock.now += 10.0  # a window without a 429
        window.take()
        limits.append(caplog.records[-1].getMessage().rsplit("at ", 1)[-1] if caplog.records else "")
    assert limits[:7] == [
        "1 request per 0.16 s",  # the rate back
        "2 requests per 0.31 s",  # then the bursts, doubling
        "4 requests per 0.62 s",
        "8 requests per 1.25 s",
        "16 requests per 2.50 s",
        "32 requests per 5.00 s",
        "64 requests per 10.00 s",
    ]
    clock.now += 10.0
    assert paced(pacer, clock, 64)[-1] == clock.now  # a full burst again, at once


def test_a_window_that_is_not_adaptive_keeps_its_bursts_after_a_429() -> None:
    clock = FakeClock()
    pacer = Pacer(Window(RateLimit(200, 30, margin=0, adaptive=False), "k", clock=clock))
    pacer.hold(1.0)
    clock.now += 1.0
    sent = paced(pacer, clock, 200)
    assert sent[-1] == sent[0]  # the whole window at once, as configured


def test_a_spread_window_scales_its_margin_with_it_and_keeps_the_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(Window(RateLimit(20, 2, margin=0.2), "k", clock=clock))
    pacer.hold(0.0)  # spread: 1 request per 0.1 s, its pad a twentieth of 0.2 s
    sent = paced(pacer, clock, 41)
    assert 40 * 0.1 <= sent[-1] - sent[0] <= 40 * (0.1 + 0.01 + 0.002 + 0.05)  # not 40 x 0.3 s


def test_no_more_than_max_in_flight_requests_are_out_at_once_and_a_slot_comes_back_once_answered() -> None:
    clock = FakeClock()
    window = Window(RateLimit(100, 30, margin=0, max_in_flight=3), "k", clock=clock)
    pacer = Pacer(window)
    out = [pacer.wait(sleep=clock.sleep) for _ in range(3)]
    assert clock.slept == []  # three go at once

    def answer_one(seconds: float) -> None:  # while the fourth waits, the first request is answered
        clock.sleep(seconds)
        out.pop(0).leave()

    fourth = pacer.wait(sleep=answer_one)
    assert clock.slept == [pytest.approx(0.025)]  # one poll (half the assumed round trip), then its slot
    assert window.enter() is None  # three out again: the cap holds
    fourth.leave()
    fourth.leave()  # a slot is given back once: a second leave does not free another
    assert window.enter() is not None
    assert window.enter() is None


def test_a_wait_that_fails_gives_its_slot_back() -> None:
    clock = FakeClock()
    window = Window(RateLimit(100, 30, margin=0, max_in_flight=1), "k", clock=clock)
    pacer = Pacer(window)
    pacer.hold(3600.0)
    for _ in range(3):
        with pytest.raises(RateLimitError):
            pacer.wait(sleep=clock.sleep)
    assert window.enter() is not None  # the one slot is free: the refused waits did not keep it


def test_max_in_flight_none_lifts_the_cap() -> None:
    window = Window(RateLimit(100, 30, max_in_flight=None), "k", clock=FakeClock())
    assert all(window.enter() is not None for _ in range(500))
