"""The two shells that run programs: one sends with `httpx.Client` and sleeps with `time.sleep`, the other awaits.

They are the only code that does I/O. A shell performs each step a program yields and hands back what happened;
when a step is interrupted (a cancelled task, `KeyboardInterrupt`, any exception), the shell throws it into the
program at that step, so that the program can account for its writes before the exception goes on, unchanged.

Before each request a shell waits for the rate limiter (`Pace`), and after it reports the round trip; a 429 holds
back every client of the window (`HoldBack`). Both shells run a write's chunks, and getAll's independent streams,
several at once (`max_concurrency`): the sync one in rounds, the async one pipelined (`_pipeline`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import anyio
import httpx

from mews_wrapper._breaker import Breaker
from mews_wrapper._exceptions import ClientClosedError
from mews_wrapper._pacing import Pacer, Slot
from mews_wrapper._pipeline import pipelined, running_on_asyncio
from mews_wrapper._program import ChunkedWrite, write_in_chunks
from mews_wrapper._steps import Emit, HoldBack, Outcome, Pace, Program, Send, Sleep, Step
from mews_wrapper._written import Written


class _Stepper:
    """Advances a program: each step in turn, delivering what the last one gave or the exception that stopped it."""

    def __init__(self, program: Generator[Step, Outcome | None, Any]) -> None:
        self._program = program
        self.outcome: Outcome | None = None
        self.returned: Any = None
        self._error: BaseException | None = None

    def __iter__(self) -> Iterator[Step]:
        """The program's steps; set `outcome` (or perform inside `performing()`) before asking for the next."""
        try:
            step = self._program.send(None)
            while True:
                yield step
                error, outcome, self._error, self.outcome = self._error, self.outcome, None, None
                step = self._program.send(outcome) if error is None else self._program.throw(error)
        except StopIteration as stop:
            self.returned = stop.value

    @contextlib.contextmanager
    def performing(self) -> Iterator[None]:
        """Catch whatever interrupts a step, to be raised inside the program where it stopped.

        The program re-raises it (with its accounting), so it reaches the caller with its type unchanged.
        """
        try:
            yield
        except BaseException as error:  # handed to the program, which re-raises it
            self._error = error


class _Attempt:
    """One HTTP request: times it and turns what it gave (a response or an httpx error) into an `Outcome`."""

    def __init__(self) -> None:
        self.outcome: Outcome | None = None

    def __enter__(self) -> Self:
        self._started = time.perf_counter()
        return self

    def answered(self, response: httpx.Response) -> None:
        self.outcome = Outcome(response, None, self._elapsed_ms())

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> bool:
        if isinstance(error, httpx.RequestError):  # every httpx failure becomes an outcome; anything else goes on
            self.outcome = Outcome(None, error, self._elapsed_ms())
            return True
        return False

    def _elapsed_ms(self) -> float:
        return (time.perf_counter() - self._started) * 1000


_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)


_Performed = Send[Any] | Sleep | HoldBack
_ENDED: Any = object()  # a program ended


_RunnerT = TypeVar("_RunnerT", bound="_Runner")


class _Rounds(Generic[_RunnerT]):
    """Which streams take part in each round of a merge: `width` of the open ones, taking turns.

    Each round asks every chosen stream for its next value at once (one request each, with its retries) and hands
    the values on before the next round starts: no request runs between rounds, so a reader that stops or is slow
    leaves nothing running and holds at most `width` values. Up to twice `width` streams are open at a time (one
    when `width` is 1: then a stream is read to its end before the next), so that a round stays full while streams
    end at different times.
    """

    def __init__(self, streams: Iterator[Program], open_stream: Callable[[Program], _RunnerT], width: int) -> None:
        self._streams = streams
        self._open_stream = open_stream
        self._width = width
        self._most_open = 1 if width == 1 else 2 * width
        self._open: list[_RunnerT] = []

    def next_round(self) -> list[_RunnerT]:
        """The streams of the next round (none when every stream has ended)."""
        while len(self._open) < self._most_open and (stream := next(self._streams, None)) is not None:
            self._open.append(self._open_stream(stream))
        return self._open[: self._width]

    def finish_round(self, chosen: list[_RunnerT], emitted: list[Any]) -> None:
        """Drop the streams that ended; the others go to the back of the queue."""
        still_open = [runner for runner, value in zip(chosen, emitted, strict=True) if value is not _ENDED]
        self._open = self._open[len(chosen) :] + still_open

    def close(self) -> None:
        """Close every open stream (the reader went away)."""
        for runner in self._open:
            runner.close()


class _Shell(Generic[_HttpT]):
    """What both shells share: the httpx client they send with, the pacer, and whether the client was closed."""

    def __init__(self, http: _HttpT, pacer: Pacer | None, breaker: Breaker | None = None) -> None:
        self.http: _HttpT = http
        self.pacer = pacer
        self.breaker = breaker
        self.closed = False

    def _admit(self) -> None:
        """Before a request goes out: the client must be open, and the platform's circuit closed (or this a probe)."""
        self.check_open()
        if self.breaker is not None:
            self.breaker.admit()

    def _answered(self, outcome: Outcome | None) -> Outcome | None:
        if self.pacer is not None and outcome is not None and outcome.response is not None:
            self.pacer.window.answered(outcome.elapsed_ms / 1000)
        if self.breaker is not None and outcome is not None:
            self.breaker.record(outcome.response is None or outcome.response.status_code >= 500)
        return outcome

    def check_open(self) -> None:
        """Raise `ClientClosedError` when the client, or the httpx client it sends with, was closed."""
        if self.closed or self.http.is_closed:
            raise ClientClosedError(
                "the client is closed: make a new MewsClient/AsyncMewsClient (or use it inside its with block)"
            )


class SyncShell(_Shell[httpx.Client]):
    """Runs programs with an `httpx.Client` and a blocking sleep; several at once in threads (`max_concurrency`)."""

    def __init__(
        self,
        http: httpx.Client,
        sleep: Callable[[float], None],
        pacer: Pacer | None = None,
        max_concurrency: int = 1,
        breaker: Breaker | None = None,
    ) -> None:
        """Send with `http`, wait between retries with `sleep`, pace with `pacer`, run up to `max_concurrency`."""
        super().__init__(http, pacer, breaker)
        self._sleep = sleep
        self.max_concurrency = max_concurrency

    def run(self, program: Program) -> Iterator[Any]:
        """Perform the program's steps, yielding what it emits."""
        runner = _SyncRunner(self, program)
        while (emitted := runner.next_emitted()) is not _ENDED:
            yield emitted

    def result(self, program: Program) -> Any:
        """Run the program to its end and return the last value it emitted."""
        return list(self.run(program))[-1]

    def merge(self, streams: Iterator[Program]) -> Iterator[Any]:
        """What independent programs emit, `max_concurrency` requests at a time (threads), in rounds (`_Rounds`)."""
        rounds = _Rounds(streams, lambda program: _SyncRunner(self, program), self.max_concurrency)
        pool = _pool(self.max_concurrency)
        try:
            while chosen := rounds.next_round():
                if pool is None or len(chosen) == 1:
                    emitted = [chosen[0].next_emitted()]
                else:
                    emitted = _first_error_last([pool.submit(runner.next_emitted) for runner in chosen])
                rounds.finish_round(chosen, emitted)
                for value in emitted:
                    if value is not _ENDED:
                        yield value
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            rounds.close()

    def write(self, write: ChunkedWrite[Any, Any]) -> Written[Any]:
        """Run a write's chunks, up to `max_concurrency` at once (threads); every result, or the accounting.

        After a chunk fails no new chunk starts; those already out run to their end. An interruption in the
        calling thread (`KeyboardInterrupt`) cancels the chunks not started; those out are unknown.
        """
        pool = _pool(self.max_concurrency) if len(write.parts) > 1 else None
        if pool is None:
            result: Written[Any] = self.result(write_in_chunks(write))
            return result
        failed = threading.Event()

        def send_chunk(index: int) -> None:
            if failed.is_set():
                return
            runner = _SyncRunner(self, write.chunk(index))
            try:
                runner.next_emitted()
            except Exception as error:  # recorded; the others go on, no new chunk starts
                write.stopped(index, error)
                failed.set()
                return
            write.answered(index, runner.returned)

        futures = [pool.submit(send_chunk, index) for index in range(len(write.parts))]
        try:
            for future in futures:
                future.result()
        except BaseException as interruption:
            failed.set()
            pool.shutdown(wait=False, cancel_futures=True)
            write.outcome(interruption)
        pool.shutdown(wait=True)
        return write.outcome()

    def pace(self) -> Slot | None:
        """Wait for the rate limiter (`Pace`): the request's in-flight slot, or None without a limiter."""
        self.check_open()
        return None if self.pacer is None else self.pacer.wait()

    def _perform(self, step: _Performed) -> Outcome | None:
        if isinstance(step, Sleep):
            self._sleep(step.seconds)
        elif isinstance(step, HoldBack):
            if self.pacer is not None:
                self.pacer.hold(step.seconds)
        else:
            self._admit()
            with _Attempt() as attempt:
                attempt.answered(self.http.request(**step.kwargs))
            return self._answered(attempt.outcome)
        return None


def _pool(max_concurrency: int) -> concurrent.futures.ThreadPoolExecutor | None:
    if max_concurrency == 1:
        return None
    return concurrent.futures.ThreadPoolExecutor(max_concurrency, thread_name_prefix="mews-wrapper")


def _first_error_last(futures: list[concurrent.futures.Future[Any]]) -> list[Any]:
    """Every future's value once all are done; the first error in order is raised after all have ended."""
    concurrent.futures.wait(futures)
    for future in futures:
        if (error := future.exception()) is not None:
            raise error
    return [future.result() for future in futures]


class _Runner:
    """Advances one program, a value at a time, across calls (and threads or tasks); subclasses perform the steps."""

    def __init__(self, program: Generator[Step, Outcome | None, Any]) -> None:
        self._program = program
        self._stepper = _Stepper(program)
        self._steps = iter(self._stepper)
        self._slot: Slot | None = None  # held from a Pace until the step after it (its Send) has been performed

    @property
    def returned(self) -> Any:
        """What the program returned, once it ended."""
        return self._stepper.returned

    def close(self) -> None:
        """Close the program (a stream nobody reads any more)."""
        self._give_back()
        self._program.close()

    def _give_back(self) -> None:
        slot, self._slot = self._slot, None
        if slot is not None:
            slot.leave()


class _SyncRunner(_Runner):
    """A runner whose steps the sync shell performs."""

    def __init__(self, shell: SyncShell, program: Generator[Step, Outcome | None, Any]) -> None:
        super().__init__(program)
        self._shell = shell

    def next_emitted(self) -> Any:
        """Perform steps until the program emits (that value) or ends (`_ENDED`)."""
        for step in self._steps:
            if isinstance(step, Emit):
                return step.value
            with self._stepper.performing():
                if isinstance(step, Pace):
                    self._slot = self._shell.pace()
                    continue
                try:
                    self._stepper.outcome = self._shell._perform(step)
                finally:
                    self._give_back()
        return _ENDED


class AsyncShell(_Shell[httpx.AsyncClient]):
    """Runs programs with an `httpx.AsyncClient` and an awaitable sleep, up to `max_concurrency` requests at once."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        sleep: Callable[[float], Awaitable[None]],
        pacer: Pacer | None = None,
        max_concurrency: int = 1,
        breaker: Breaker | None = None,
    ) -> None:
        """Send with `http`, wait between retries with `sleep`, pace with `pacer`, run up to `max_concurrency`."""
        super().__init__(http, pacer, breaker)
        self._sleep = sleep
        self.max_concurrency = max_concurrency

    async def run(self, program: Program) -> AsyncIterator[Any]:
        """Perform the program's steps, yielding what it emits."""
        runner = _AsyncRunner(self, program)
        while (emitted := await runner.next_emitted()) is not _ENDED:
            yield emitted

    async def result(self, program: Program) -> Any:
        """Run the program to its end and return the last value it emitted."""
        results = [value async for value in self.run(program)]
        return results[-1]

    async def merge(self, streams: Iterator[Program]) -> AsyncIterator[Any]:
        """What independent programs emit, `max_concurrency` requests at a time.

        Several streams under asyncio: pipelined (`_pipeline`: a stream asks for its next page as soon as the
        reader took its last and a place is free); one stream, another loop, or `max_concurrency=1`: in rounds.
        """
        first, second = next(streams, None), next(streams, None)
        if first is None:
            return
        streams = itertools.chain([first] if second is None else [first, second], streams)
        if second is not None and self.max_concurrency > 1 and running_on_asyncio():
            async for value in pipelined(
                streams, lambda program: _AsyncRunner(self, program), self.max_concurrency, _ENDED
            ):
                yield value
            return
        rounds = _Rounds(streams, lambda program: _AsyncRunner(self, program), self.max_concurrency)
        try:
            while chosen := rounds.next_round():
                emitted = await self._round(chosen)
                rounds.finish_round(chosen, emitted)
                for value in emitted:
                    if value is not _ENDED:
                        yield value
        finally:
            rounds.close()

    async def _round(self, running: list[_AsyncRunner]) -> list[Any]:
        if len(running) == 1:
            return [await running[0].next_emitted()]
        emitted: list[Any] = [_ENDED] * len(running)
        errors: list[Exception | None] = [None] * len(running)

        async def advance(index: int) -> None:
            try:
                emitted[index] = await running[index].next_emitted()
            except Exception as error:  # the first in plan order is raised once the round ends
                errors[index] = error

        async with anyio.create_task_group() as group:
            for index in range(len(running)):
                group.start_soon(advance, index)
        for error in errors:
            if error is not None:
                raise error
        return emitted

    async def write(self, write: ChunkedWrite[Any, Any]) -> Written[Any]:
        """Run a write's chunks, up to `max_concurrency` at once, in input order; every result, or the accounting.

        After a chunk fails no new chunk starts; those already out run to their end, so each is accounted for
        exactly. Cancelling the call cancels the chunks out (unknown if Mews may have acted, else failed).
        """
        if self.max_concurrency == 1 or len(write.parts) == 1:
            result: Written[Any] = await self.result(write_in_chunks(write))
            return result
        slots = anyio.Semaphore(self.max_concurrency)
        failed = anyio.Event()

        async def send_chunk(index: int) -> None:
            async with slots:
                if failed.is_set():
                    return
                runner = _AsyncRunner(self, write.chunk(index))
                try:
                    await runner.next_emitted()
                except Exception as error:  # recorded; the others go on, no new chunk starts
                    write.stopped(index, error)
                    failed.set()
                    return
                write.answered(index, runner.returned)

        try:
            async with anyio.create_task_group() as group:
                for index in range(len(write.parts)):
                    group.start_soon(send_chunk, index)
        except BaseException as interruption:
            write.outcome(_single(interruption))
        return write.outcome()

    async def pace(self) -> Slot | None:
        """Wait for the rate limiter (`Pace`): the request's in-flight slot, or None without a limiter."""
        self.check_open()
        return None if self.pacer is None else await self.pacer.wait_async()

    async def _perform(self, step: _Performed) -> Outcome | None:
        if isinstance(step, Sleep):
            await self._sleep(step.seconds)
        elif isinstance(step, HoldBack):
            if self.pacer is not None:
                await self.pacer.hold_async(step.seconds)
        else:
            self._admit()
            with _Attempt() as attempt:
                attempt.answered(await self.http.request(**step.kwargs))
            return self._answered(attempt.outcome)
        return None


class _AsyncRunner(_Runner):
    """A runner whose steps the async shell performs."""

    def __init__(self, shell: AsyncShell, program: Generator[Step, Outcome | None, Any]) -> None:
        super().__init__(program)
        self._shell = shell

    async def next_emitted(self) -> Any:
        """Perform steps until the program emits (that value) or ends (`_ENDED`)."""
        for step in self._steps:
            if isinstance(step, Emit):
                return step.value
            with self._stepper.performing():
                if isinstance(step, Pace):
                    self._slot = await self._shell.pace()
                    continue
                try:
                    self._stepper.outcome = await self._shell._perform(step)
                finally:
                    await self._give_back_async()
        return _ENDED

    async def _give_back_async(self) -> None:
        slot, self._slot = self._slot, None
        if slot is not None:
            await slot.leave_async()


def _single(error: BaseException) -> BaseException:
    """The exception inside a group of one (a task group's), else the exception itself."""
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    return error
