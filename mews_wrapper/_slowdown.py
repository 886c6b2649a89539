"""The adaptive part of the limiter: how much slower than its window a token's clients go after Mews said 429.

Mews calls its limit "a guideline, not a strict guarantee in either direction". A window of 200 requests per 30 s
lets a burst of 200 go at once; a Mews that is stricter (say 20 per 2 s) answers the end of that burst with 429s,
and a client that only waits out each `Retry-After` fills the stricter window again and again. So a 429 for a
request that the window let through is taken as news about Mews, and every client of the window (in Redis too)
slows down, in steps:

- the first step spreads the requests out: the same rate, in bursts of a sixty-fourth of the window's requests
  (`SPREAD_STEPS` halvings of the burst);
- each further 429 halves the rate;
- every full window without a 429 undoes one step: first the rate, then the burst, one halving at a time.

A 429 that arrives while a step is new (within the hold it came with, and a margin) is the same news, not more of
it: the requests of a burst that were already out when the first 429 came back do not each slow the token down.
This module is pure logic on a value; the stores in `_pacing` keep the value (in memory or Redis) and apply it.
"""

from __future__ import annotations

import math

import attrs

SPREAD_STEPS = 6
"""How many halvings of the burst the first 429 jumps to (bursts of 1/64 of the window's requests)."""


@attrs.frozen
class Slowdown:
    """A token's slowdown: burst halvings (`spread`), rate halvings (`slower`), and when it last changed.

    Times are the store's clock in seconds (monotonic in memory, the wall clock in Redis); `quiet_until` is the
    end of the grace in which another 429 is the same news.
    """

    spread: int = 0
    slower: int = 0
    changed: float = 0.0
    quiet_until: float = 0.0

    @property
    def active(self) -> bool:
        """Whether the clients go slower than their window."""
        return self.spread > 0 or self.slower > 0

    def limit(self, requests: int, seconds: float) -> tuple[int, float]:
        """The window the clients use now, for a configured `requests` per `seconds`."""
        if not self.active:
            return requests, seconds
        burst = max(1, math.ceil(requests / 2**self.spread))
        return burst, seconds * burst / requests * 2**self.slower

    def after_429(self, now: float, grace: float) -> Slowdown | None:
        """One step slower, unless a step is still new (`now` within its grace); None when nothing changes."""
        if now < self.quiet_until:
            return None
        if self.spread < SPREAD_STEPS:
            return Slowdown(SPREAD_STEPS, self.slower, now, now + grace)
        return Slowdown(self.spread, self.slower + 1, now, now + grace)

    def after_quiet(self, now: float, window: float) -> Slowdown | None:
        """One step back when a full `window` has passed since the last change (and so without a 429)."""
        if not self.active or now - self.changed < window:
            return None
        if self.slower:
            return Slowdown(self.spread, self.slower - 1, now, self.quiet_until)
        return Slowdown(self.spread - 1, 0, now, self.quiet_until)

    def describe(self, requests: int, seconds: float) -> str:
        """`12 requests per 1.88 s` for the window it makes of `requests` per `seconds`."""
        burst, length = self.limit(requests, seconds)
        return f"{burst} request{'s' if burst != 1 else ''} per {length:.2f} s"
