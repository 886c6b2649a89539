"""`MewsClient` and `AsyncMewsClient`: configuration, the connection pool, and the two shells that drive programs.

Everything else (request building, validation, chunking, retry decisions, pagination, error translation) is in
plain code shared by both; the shells differ only where they send a request and where they sleep.
"""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import anyio
import httpx

from mews_wrapper._config import ClientConfig, resolve_config
from mews_wrapper._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._program import Emit, Outcome, Program, Session, Sleep, Step
from mews_wrapper._requests import Send
from mews_wrapper._voucher_codes import AsyncVoucherCodes, VoucherCodes

_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_SleepT = TypeVar("_SleepT")


class _Stepper:
    """Advances a program: gives its next step, and takes the outcome of the last one."""

    def __init__(self, program: Program) -> None:
        self._program = program
        self._outcome: Outcome | None = None

    def next_step(self) -> Step | None:
        """The next step, or None when the program has finished."""
        try:
            return self._program.send(self._outcome)
        except StopIteration:
            return None

    def feed(self, outcome: Outcome | None) -> None:
        """The outcome of the step just performed (None after a sleep or an emit)."""
        self._outcome = outcome


class _Stopwatch:
    """Times one request and wraps what it gave as an `Outcome`."""

    def __init__(self) -> None:
        self._started = time.perf_counter()

    def _elapsed_ms(self) -> float:
        return (time.perf_counter() - self._started) * 1000

    def done(self, response: httpx.Response) -> Outcome:
        return Outcome(response, None, self._elapsed_ms())

    def failed(self, error: httpx.TransportError) -> Outcome:
        return Outcome(None, error, self._elapsed_ms())


class _BaseClient(Generic[_HttpT, _SleepT]):
    """Configuration shared by both clients (see `MewsClient` for the arguments)."""

    _http_type: type[_HttpT]

    def __init__(
        self,
        client_token: str | None = None,
        access_token: str | None = None,
        client: str | None = None,
        *,
        platform_url: str | None = None,
        portfolio: bool | None = None,
        enterprise_id: str | uuid.UUID | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: _HttpT | None = None,
        sleep: _SleepT | None = None,
    ) -> None:
        config = resolve_config(
            client_token,
            access_token,
            client,
            platform_url=platform_url,
            portfolio=portfolio,
            enterprise_id=enterprise_id,
            timeout=timeout,
            max_retries=max_retries,
        )
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise MewsValidationError(
                f"http_client must be an {self._http_type.__module__}.{self._http_type.__name__}, "
                f"got {type(http_client).__name__}"
            )
        self._session = Session.create(config)
        self._owns_http = http_client is None
        self._http: _HttpT = http_client if http_client is not None else self._new_http_client(config)
        self._sleep: _SleepT = sleep if sleep is not None else self._default_sleep()

    def _new_http_client(self, config: ClientConfig) -> _HttpT:
        raise NotImplementedError

    def _default_sleep(self) -> _SleepT:
        raise NotImplementedError

    @property
    def platform_url(self) -> str:
        """The Mews platform address requests go to."""
        return self._session.config.platform_url

    @property
    def portfolio(self) -> bool:
        """Whether the access token is a Portfolio Access Token."""
        return self._session.config.portfolio

    def __repr__(self) -> str:
        """The platform and the portfolio flag; never a token."""
        return f"{type(self).__name__}(platform_url={self.platform_url!r}, portfolio={self.portfolio})"


class MewsClient(_BaseClient[httpx.Client, Callable[[float], None]]):
    """A client for the voucher-code operations of the Mews Connector API.

    Arguments come first, then the environment (`MEWS_CLIENT_TOKEN`, `MEWS_ACCESS_TOKEN`, `MEWS_CLIENT`,
    `MEWS_PLATFORM_URL`, `MEWS_PORTFOLIO`, `MEWS_ENTERPRISE_ID`), then the defaults (the demo platform,
    `"mews-wrapper <version>"` as the client name). `http_client` replaces the client's own `httpx.Client` (it is
    then yours to close); `sleep` replaces `time.sleep` between retries (for tests). Use it in a `with` block, or
    call `close()`, to release the connection pool.
    """

    _http_type = httpx.Client

    @functools.cached_property
    def voucher_codes(self) -> VoucherCodes:
        """The voucher-code operations: `get_all`, `get_all_pages`, `add`, `delete`."""
        return VoucherCodes(self)

    def _new_http_client(self, config: ClientConfig) -> httpx.Client:
        return httpx.Client(timeout=config.timeout)

    def _default_sleep(self) -> Callable[[float], None]:
        return time.sleep

    def close(self) -> None:
        """Close the connection pool (unless the httpx client was passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        """Use the client in a `with` block."""
        return self

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        """Close the connection pool."""
        self.close()

    def _perform(self, step: Step) -> Outcome | None:
        if isinstance(step, Send):
            stopwatch = _Stopwatch()
            try:
                return stopwatch.done(self._http.request(**step.kwargs))
            except httpx.TransportError as error:
                return stopwatch.failed(error)
        if isinstance(step, Sleep):
            self._sleep(step.seconds)
        return None

    def _drive(self, program: Program) -> Iterator[Any]:
        stepper = _Stepper(program)
        while (step := stepper.next_step()) is not None:
            if isinstance(step, Emit):
                yield step.value
            stepper.feed(self._perform(step))

    def _result(self, program: Program) -> Any:
        return list(self._drive(program))[-1]


class AsyncMewsClient(_BaseClient[httpx.AsyncClient, Callable[[float], Awaitable[None]]]):
    """The async twin of `MewsClient`: the same arguments and calls, awaited; `async with` closes the pool."""

    _http_type = httpx.AsyncClient

    @functools.cached_property
    def voucher_codes(self) -> AsyncVoucherCodes:
        """The voucher-code operations, awaited: `get_all`, `get_all_pages`, `add`, `delete`."""
        return AsyncVoucherCodes(self)

    def _new_http_client(self, config: ClientConfig) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=config.timeout)

    def _default_sleep(self) -> Callable[[float], Awaitable[None]]:
        return anyio.sleep

    async def close(self) -> None:
        """Close the connection pool (unless the httpx client was passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        """Use the client in an `async with` block."""
        return self

    async def __aexit__(
        self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]
    ) -> None:
        """Close the connection pool."""
        await self.close()

    async def _perform(self, step: Step) -> Outcome | None:
        if isinstance(step, Send):
            stopwatch = _Stopwatch()
            try:
                return stopwatch.done(await self._http.request(**step.kwargs))
            except httpx.TransportError as error:
                return stopwatch.failed(error)
        if isinstance(step, Sleep):
            await self._sleep(step.seconds)
        return None

    async def _drive(self, program: Program) -> AsyncIterator[Any]:
        stepper = _Stepper(program)
        while (step := stepper.next_step()) is not None:
            if isinstance(step, Emit):
                yield step.value
            stepper.feed(await self._perform(step))

    async def _result(self, program: Program) -> Any:
        results = [value async for value in self._drive(program)]
        return results[-1]
