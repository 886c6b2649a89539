"""The circuit's decisions on a clock the test turns: one probe at a time, and what counts as a failure."""

from __future__ import annotations

import pytest

from mews_wrapper import CircuitBreaker, CircuitOpenError
from mews_wrapper._breaker import Breaker, _MemoryState


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_only_one_probe_goes_out_and_the_others_wait_for_its_answer() -> None:
    clock = Clock()
    breaker = Breaker(_MemoryState(CircuitBreaker(failures=2, reset_seconds=10)), "https://mews.test", clock)
    breaker.admit()
    breaker.record(failed=True)
    breaker.admit()
    breaker.record(failed=True)
    with pytest.raises(CircuitOpenError) as refused:
        breaker.admit()
    assert refused.value.retry_at.timestamp() == clock.now + 10
    clock.now += 10
    breaker.admit()  # the probe
    with pytest.raises(CircuitOpenError):
        breaker.admit()  # another caller while the probe is out
    breaker.record(failed=False)
    breaker.admit()
    breaker.admit()  # closed: everyone goes


def test_failures_count_only_in_a_row() -> None:
    clock = Clock()
    breaker = Breaker(_MemoryState(CircuitBreaker(failures=3, reset_seconds=5)), "https://mews.test", clock)
    for failed in (True, True, False, True, True):
        breaker.admit()
        breaker.record(failed)
    breaker.admit()  # two in a row since the success: still closed
    breaker.record(failed=True)
    with pytest.raises(CircuitOpenError):
        breaker.admit()
