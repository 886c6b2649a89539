"""Fault injection: latency, error shares, scripted failures, dropped connections, a repeating cursor."""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass, field

#: The faults a script may name. "ok" lets one request through untouched; every status but 502 (a proxy's HTML
#: page) answers in Mews' error shape; "drop" cuts the connection before acting, "drop-after" after acting (the
#: case where a client cannot know whether its write went in); "corrupt" acts, then sends its answer with a body
#: that claims gzip and is not (a proxy that mangled it); "misshapen" acts, then answers 200 with a JSON body no
#: Connector schema allows (`[]`: the wrong answer of the referees' negative control); "<status>-after" acts, then
#: answers with that status (Mews did the work and then failed).
FAULTS = (
    "ok",
    "400",
    "401",
    "403",
    "404",
    "408",
    "409",
    "413",
    "429",
    "500",
    "502",
    "503",
    "504",
    "drop",
    "drop-after",
    "corrupt",
    "misshapen",
    "408-after",
    "500-after",
    "502-after",
    "503-after",
    "504-after",
)
#: Faults that let the operation act before they break the answer.
AFTER_ACTING = frozenset(fault for fault in FAULTS if fault.endswith("-after") or fault in ("corrupt", "misshapen"))
RANDOM_FAULTS = ("408", "429", "500", "502", "503")
RANDOM_AFTER_FAULTS = ("408-after", "500-after", "502-after", "503-after")


@dataclass
class FaultPlan:
    """What to break, shared by the command line and the Python API; change it while the server runs."""

    latency_seconds: float = 0.0
    latency_after_seconds: float = 0.0
    error_rate: float = 0.0
    error_after_rate: float = 0.0
    script: deque[str] = field(default_factory=deque)
    repeat_cursor: bool = False
    retry_after: str = "1"
    seed: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _random: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Check the plan and seed its random source."""
        for fault in self.script:
            _check(fault)
        for name in ("error_rate", "error_after_rate"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        self._random = random.Random(self.seed)

    def add(self, *faults: str) -> None:
        """Queue faults for the next requests, one each, in order."""
        for fault in faults:
            _check(fault)
        with self._lock:
            self.script.extend(faults)

    def clear(self) -> None:
        """Stop injecting anything."""
        with self._lock:
            self.script.clear()
            self.error_rate = 0.0
            self.error_after_rate = 0.0
            self.latency_seconds = 0.0
            self.latency_after_seconds = 0.0
            self.repeat_cursor = False

    def next_fault(self) -> str:
        """The fault for the request that arrives now: the script first, then the random share."""
        with self._lock:
            if self.script:
                return self.script.popleft()
            if self.error_rate and self._random.random() < self.error_rate:
                return self._random.choice(RANDOM_FAULTS)
            if self.error_after_rate and self._random.random() < self.error_after_rate:
                return self._random.choice(RANDOM_AFTER_FAULTS)
        return "ok"


def _check(fault: str) -> None:
    if fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}; expected one of {', '.join(FAULTS)}")
