"""Bulk writes from the command line: batches of 1000 (one request each), several at once, every item accounted for.

Each batch is one `add` or `delete` call of the async client, so the client's rate limiter paces them and its
accounting says whether a batch that failed went in (`unknown`) or not (`failed`). After a batch fails no new
batch starts; those already out run to their end.

Ctrl-C (or SIGTERM) once: no new batch starts, the batches already out finish, so their outcome is known. Twice: the
batches out are abandoned and count as unknown (Mews may have acted on them); a re-run settles them.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

from mews_vouchers._shared.console import Output, Tracker
from mews_vouchers._shared.signals import termination_signals

BATCH_SIZE = 1000
_T = TypeVar("_T")


class Fate(Enum):
    """How a batch ended."""

    WAITING = "waiting"  # never sent: counts as failed
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass
class Tally(Generic[_T]):
    """Every item, by how its batch ended: how many went in, and the items that failed or whose outcome is unknown.

    `error` is the first error in input order; `interrupted` says whether a signal stopped the work.
    """

    done: int = 0
    failed: list[_T] = field(default_factory=list)
    unknown: list[_T] = field(default_factory=list)
    error: BaseException | None = None
    interrupted: bool = False


async def send_in_batches(
    items: Sequence[_T],
    send: Callable[[list[_T]], Awaitable[object]],
    *,
    label: str,
    concurrency: int,
    output: Output,
) -> Tally[_T]:
    """Run a `BatchRun` under a progress display named `label`, and tell the first error; the tally."""
    with output.progress(label, len(items)) as tracker:
        tally = await BatchRun(items, send, concurrency=concurrency, tracker=tracker, output=output).run()
    if tally.error is not None:
        output.error(tally.error)
    return tally


class BatchRun(Generic[_T]):
    """Send `items` in batches through `send`, at most `concurrency` at once, and account for every item."""

    def __init__(
        self,
        items: Sequence[_T],
        send: Callable[[list[_T]], Awaitable[object]],
        *,
        concurrency: int,
        tracker: Tracker,
        output: Output,
    ) -> None:
        """`send` is one client call for one batch; `tracker` counts the items that went in."""
        self._items = items  # sliced a batch at a time: a lazy sequence stays lazy (an import's rows)
        self._count = -(-len(items) // BATCH_SIZE)
        self._send = send
        self._slots = asyncio.Semaphore(concurrency)
        self._tracker = tracker
        self._output = output
        self._fates = [Fate.WAITING] * self._count
        self._errors: dict[int, BaseException] = {}
        self._stopping = False  # no new batch starts (a batch failed, or a signal came)
        self._signals = 0
        self._abandoned = False  # a second signal: the batches out were cancelled

    async def run(self) -> Tally[_T]:
        """Send every batch (until one fails or a signal stops the work) and return the tally."""
        with self._on_signals(asyncio.current_task()):
            try:
                async with asyncio.TaskGroup() as group:
                    for index in range(self._count):
                        group.create_task(self._batch(index))
            except asyncio.CancelledError:
                if not self._abandoned:
                    raise  # not ours to swallow
                current = asyncio.current_task()
                if current is not None:
                    current.uncancel()  # the cancellation was ours (a second signal), and it is handled
        return self._tally()

    async def _batch(self, index: int) -> None:
        async with self._slots:
            if self._stopping:
                return
            self._fates[index] = Fate.SENDING
            batch = self._batch_items(index)
            try:
                await self._send(batch)
            except Exception as error:  # any failure is accounted for (the client attaches batch_error)
                self._ended_by(index, error)
                self._stopping = True
                return
            except asyncio.CancelledError as cancelled:
                self._ended_by(index, cancelled)
                raise
            self._fates[index] = Fate.DONE
            self._tracker.advance(len(batch))

    def _batch_items(self, index: int) -> list[_T]:
        return list(self._items[index * BATCH_SIZE : (index + 1) * BATCH_SIZE])

    def _ended_by(self, index: int, error: BaseException) -> None:
        """Record how a batch ended from the accounting the client attached to the error."""
        accounting = getattr(error, "batch_error", None)
        unknown = accounting is not None and bool(accounting.unknown)
        self._fates[index] = Fate.UNKNOWN if unknown else Fate.FAILED
        if not isinstance(error, asyncio.CancelledError):
            self._errors[index] = error

    def _tally(self) -> Tally[_T]:
        tally: Tally[_T] = Tally(interrupted=self._signals > 0)
        for index, fate in enumerate(self._fates):
            if fate is Fate.DONE:
                tally.done += min(BATCH_SIZE, len(self._items) - index * BATCH_SIZE)
            elif fate in (Fate.UNKNOWN, Fate.SENDING):  # SENDING: cut off before the client could tell
                tally.unknown.extend(self._batch_items(index))
            else:
                tally.failed.extend(self._batch_items(index))
            if tally.error is None and index in self._errors:
                tally.error = self._errors[index]
        return tally

    @contextlib.contextmanager
    def _on_signals(self, task: asyncio.Task[object] | None) -> Iterator[None]:
        """SIGINT, SIGTERM, SIGHUP: the first stops new batches, the second abandons those out (they become unknown)."""
        loop = asyncio.get_running_loop()

        def on_signal() -> None:
            self._signals += 1
            if self._signals == 1:
                self._stopping = True
                sending = sum(fate is Fate.SENDING for fate in self._fates)
                self._output.warn(
                    f"stopping: no new batch starts; {sending} out will finish (Ctrl-C again to abandon them)"
                )
            elif task is not None and not self._abandoned:
                self._abandoned = True
                task.cancel()

        installed = {}
        for number in (signal.SIGINT, *termination_signals()):
            before = signal.getsignal(number)
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows, not off the main thread
                loop.add_signal_handler(number, on_signal)
                installed[number] = before
        try:
            yield
        finally:
            for number, before in installed.items():
                loop.remove_signal_handler(number)
                signal.signal(number, before)  # asyncio leaves the default behind, not what was there
