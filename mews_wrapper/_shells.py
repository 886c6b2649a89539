"""The two shells that run programs: one sends with `httpx.Client` and sleeps with `time.sleep`, the other awaits.

They are the only code that does I/O. A shell performs each step a program yields and hands back what happened;
when a step is interrupted (a cancelled task, `KeyboardInterrupt`, any exception), the shell throws it into the
program at that step, so that the program can account for its writes before the exception goes on, unchanged.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from mews_wrapper._exceptions import ClientClosedError
from mews_wrapper._program import Emit, Outcome, Program, Sleep, Step
from mews_wrapper._requests import Send


class _Stepper:
    """Advances a program: each step in turn, delivering what the last one gave or the exception that stopped it."""

    def __init__(self, program: Program) -> None:
        self._program = program
        self.outcome: Outcome | None = None
        self._error: BaseException | None = None

    def __iter__(self) -> Iterator[Step]:
        """The program's steps; set `outcome` (or perform inside `performing()`) before asking for the next."""
        try:
            step = self._program.send(None)
            while True:
                yield step
                error, outcome, self._error, self.outcome = self._error, self.outcome, None, None
                step = self._program.send(outcome) if error is None else self._program.throw(error)
        except StopIteration:
            return

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


class _Shell(Generic[_HttpT]):
    """What both shells share: the httpx client they send with, and whether the client was closed."""

    def __init__(self, http: _HttpT) -> None:
        self.http: _HttpT = http
        self.closed = False

    def check_open(self) -> None:
        """Raise `ClientClosedError` when the client, or the httpx client it sends with, was closed."""
        if self.closed or self.http.is_closed:
            raise ClientClosedError(
                "the client is closed: make a new MewsClient/AsyncMewsClient (or use it inside its with block)"
            )


class SyncShell(_Shell[httpx.Client]):
    """Runs programs with an `httpx.Client` and a blocking sleep."""

    def __init__(self, http: httpx.Client, sleep: Callable[[float], None]) -> None:
        """Send with `http`, wait with `sleep`."""
        super().__init__(http)
        self._sleep = sleep

    def run(self, program: Program) -> Iterator[Any]:
        """Perform the program's steps, yielding what it emits."""
        stepper = _Stepper(program)
        for step in stepper:
            if isinstance(step, Emit):
                yield step.value
                continue
            with stepper.performing():
                stepper.outcome = self._perform(step)

    def _perform(self, step: Send | Sleep) -> Outcome | None:
        if isinstance(step, Sleep):
            self._sleep(step.seconds)
            return None
        self.check_open()
        with _Attempt() as attempt:
            attempt.answered(self.http.request(**step.kwargs))
        return attempt.outcome

    def result(self, program: Program) -> Any:
        """Run the program to its end and return the last value it emitted."""
        return list(self.run(program))[-1]


class AsyncShell(_Shell[httpx.AsyncClient]):
    """Runs programs with an `httpx.AsyncClient` and an awaitable sleep."""

    def __init__(self, http: httpx.AsyncClient, sleep: Callable[[float], Awaitable[None]]) -> None:
        """Send with `http`, wait with `sleep`."""
        super().__init__(http)
        self._sleep = sleep

    async def run(self, program: Program) -> AsyncIterator[Any]:
        """Perform the program's steps, yielding what it emits."""
        stepper = _Stepper(program)
        for step in stepper:
            if isinstance(step, Emit):
                yield step.value
                continue
            with stepper.performing():
                stepper.outcome = await self._perform(step)

    async def _perform(self, step: Send | Sleep) -> Outcome | None:
        if isinstance(step, Sleep):
            await self._sleep(step.seconds)
            return None
        self.check_open()
        with _Attempt() as attempt:
            attempt.answered(await self.http.request(**step.kwargs))
        return attempt.outcome

    async def result(self, program: Program) -> Any:
        """Run the program to its end and return the last value it emitted."""
        results = [value async for value in self.run(program)]
        return results[-1]
