"""A sliding-window rate limiter per AccessToken, like Mews' 200 requests per 30 seconds."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """Allows `limit` requests per token within any `window` seconds; says how long to wait otherwise."""

    def __init__(self, limit: int, window: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        """A limit of 0 or less turns the limiter off."""
        self._limit = limit
        self._window = window
        self._monotonic = monotonic
        self._seen: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, token: str) -> int | None:
        """Record a request; None when it may pass, else the whole seconds to wait (at least 1)."""
        if self._limit <= 0:
            return None
        now = self._monotonic()
        with self._lock:
            seen = self._seen[token]
            while seen and seen[0] <= now - self._window:
                seen.popleft()
            if len(seen) >= self._limit:
                return max(1, math.ceil(seen[0] + self._window - now))
            seen.append(now)
            return None
