"""Signals that end a command: SIGTERM (a service manager, `kill`) and SIGHUP (a closed terminal) act as Ctrl-C.

Their default action ends the process on the spot, so `finally` blocks never run: an export would leave its hidden
`.partial` file and `--sandbox` its server. Raised as `KeyboardInterrupt` instead, they unwind like a Ctrl-C; a
bulk job catches them itself (`_batches`) to let the batches out finish.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


def termination_signals() -> tuple[signal.Signals, ...]:
    """SIGTERM, and SIGHUP where the platform has it."""
    hangup = getattr(signal, "SIGHUP", None)
    return (signal.SIGTERM,) if hangup is None else (signal.SIGTERM, hangup)


@contextlib.contextmanager
def terminations_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `KeyboardInterrupt` (in the main thread; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(signal.Signals(number).name)

    before = {number: signal.signal(number, interrupt) for number in termination_signals()}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
