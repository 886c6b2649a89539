"""`MewsClient` and `AsyncMewsClient`: configuration and the connection pool; their shells do the I/O.

Everything else (request building, validation, chunking, retry decisions, pagination, error translation) is in
plain code shared by both; the clients differ only in the shell they run programs with.
"""

from __future__ import annotations

import copy
import functools
import time
import uuid
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Self, TypeVar

import anyio
import httpx

from mews_wrapper._breaker import DEFAULT_CIRCUIT_BREAKER, CircuitBreaker, breaker_for
from mews_wrapper._config import ClientConfig, resolve_config, with_options
from mews_wrapper._constants import DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RETRIES
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._pacing import Pacer, window_for
from mews_wrapper._program import Session
from mews_wrapper._rate_limit import DEFAULT_RATE_LIMIT, RateLimit, limit_with_environment
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import concrete_init

if TYPE_CHECKING:  # each resource's module is imported when the client first uses the resource
    from mews_wrapper._resources.enterprises import AsyncEnterprises, Enterprises
    from mews_wrapper._resources.rates import AsyncRates, Rates
    from mews_wrapper._resources.services import AsyncServices, Services
    from mews_wrapper._resources.voucher_codes import AsyncVoucherCodes, VoucherCodes
    from mews_wrapper._resources.vouchers import AsyncVouchers, Vouchers

_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_SleepT = TypeVar("_SleepT")


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
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: _HttpT | None = None,
        sleep: _SleepT | None = None,
        rate_limit: RateLimit | None = DEFAULT_RATE_LIMIT,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_pages: int | None = None,
        circuit_breaker: CircuitBreaker | None = DEFAULT_CIRCUIT_BREAKER,
    ) -> None:
        """Check the configuration (`MewsValidationError` names what is wrong) and open the connection pool.

        An argument left as None is not given: the environment, then the default, stand in.
        - `client_token`, `access_token` (`MEWS_CLIENT_TOKEN`, `MEWS_ACCESS_TOKEN`): the integration's tokens.
        - `client` (`MEWS_CLIENT`): the name and version Mews sees, by default `mews-wrapper <version>`.
        - `platform_url` (`MEWS_PLATFORM_URL`): scheme, host and port only, by default `DEMO_PLATFORM_URL`; http://
          only to a loopback host (a local sandbox).
        - `portfolio` (`MEWS_PORTFOLIO=1`): True when the access token is a Portfolio Access Token.
        - `enterprise_id` (`MEWS_ENTERPRISE_ID`): the default enterprise of add and delete.
        - `timeout`: seconds, or an `httpx.Timeout`, per request; by default 60 s, or an injected client's own.
        - `max_retries`: retries per request where a retry is safe (see the README); 0 turns them off.
        - `http_client`: your own httpx client (then yours to close); `sleep`: what waits between retries.
        - `rate_limit`: the client-side budget per AccessToken, `RateLimit(200, 30)` (Mews' own limit) unless
          given; shared by every client of the process with the same token, or through Redis (`storage=`, or
          `MEWS_RATE_LIMIT_STORAGE=redis://...` for the default limit). None turns it off.
        - `max_concurrency`: requests at once (tasks for `AsyncMewsClient`, threads for `MewsClient`) for a
          write's chunks and getAll's independent queries; 1 sends one request at a time.
        - `circuit_breaker`: after `CircuitBreaker.failures` (5) failed requests in a row to the platform (5xx,
          timeouts, connection failures), calls fail fast with `CircuitOpenError` for `reset_seconds` (30), then one
          probe goes out; shared by every client of the process for the address (or through Redis, `storage=`).
          None turns it off.
        - `max_pages`: the most pages one paged query follows before `MewsResponseError` stops it (None: no cap).
          A server that answers full pages with new cursors forever would be followed forever: without a cap, the
          `mews_wrapper` log warns at 1,000 full pages of one query (a million items), then at 10,000 and 100,000.
        """
        config = resolve_config(
            client_token,
            access_token,
            client,
            platform_url=platform_url,
            portfolio=portfolio,
            enterprise_id=enterprise_id,
            timeout=timeout,
            max_retries=max_retries,
            max_pages=max_pages,
        )
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise MewsValidationError(
                f"http_client must be an {self._http_type.__module__}.{self._http_type.__name__}, "
                f"got {type(http_client).__name__}"
            )
        if sleep is not None and not callable(sleep):
            raise MewsValidationError(f"sleep must be callable, got {type(sleep).__name__}")
        if circuit_breaker is not None and not isinstance(circuit_breaker, CircuitBreaker):
            raise MewsValidationError(
                f"circuit_breaker must be a CircuitBreaker or None, got {type(circuit_breaker).__name__}"
            )
        if rate_limit is not None and not isinstance(rate_limit, RateLimit):
            raise MewsValidationError(f"rate_limit must be a RateLimit or None, got {type(rate_limit).__name__}")
        rate_limit = limit_with_environment(rate_limit)
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or not 1 <= max_concurrency <= 64:
            raise MewsValidationError(f"max_concurrency must be a whole number from 1 to 64, got {max_concurrency!r}")
        self._pacer = (
            None
            if rate_limit is None
            else Pacer(window_for(rate_limit, config.platform_url, config.access_token.reveal()))
        )
        self._breaker = None if circuit_breaker is None else breaker_for(circuit_breaker, config.platform_url)
        self._max_concurrency = max_concurrency
        self._session = Session.create(config)
        self._owns_http = http_client is None
        self._http: _HttpT = http_client if http_client is not None else self._new_http_client(config)
        self._sleep: _SleepT | None = sleep

    def _new_http_client(self, config: ClientConfig) -> _HttpT:
        raise NotImplementedError

    def with_options(self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None) -> Self:
        """A client for some calls with another `timeout` or `max_retries` (None keeps this client's).

        It shares this client's connection pool and rate-limit window, and everything else: no second pool, no
        second budget. Closing it closes nothing; closing this client closes the pool under both (the other then
        raises `ClientClosedError`). `client.with_options(timeout=5, max_retries=0).vouchers.find("Summer sale")`.
        """
        config = with_options(self._session.config, timeout=timeout, max_retries=max_retries)
        other = copy.copy(self)
        for made in ("voucher_codes", "services", "vouchers", "rates", "enterprises", "_shell"):
            other.__dict__.pop(made, None)  # made again on first use, bound to the new session
        other._session = Session.create(config)
        other._owns_http = False  # the pool stays this client's to close
        return other

    @property
    def platform_url(self) -> str:
        """The Mews platform address requests go to."""
        return self._session.config.platform_url

    @property
    def portfolio(self) -> bool:
        """Whether the access token is a Portfolio Access Token."""
        return self._session.config.portfolio

    @property
    def max_concurrency(self) -> int:
        """How many requests one call sends at once (chunks of a write, streams of a getAll)."""
        return self._max_concurrency

    def __repr__(self) -> str:
        """The platform and the portfolio flag; never a token."""
        return f"{type(self).__name__}(platform_url={self.platform_url!r}, portfolio={self.portfolio})"


class MewsClient(_BaseClient[httpx.Client, Callable[[float], None]]):
    """A client for the voucher codes of the Mews Connector API, and the services and vouchers that lead to them.

    Arguments come first, then the environment (`MEWS_CLIENT_TOKEN`, `MEWS_ACCESS_TOKEN`, `MEWS_CLIENT`,
    `MEWS_PLATFORM_URL`, `MEWS_PORTFOLIO`, `MEWS_ENTERPRISE_ID`), then the defaults (the demo platform,
    `"mews-wrapper <version>"` as the client name); `help(MewsClient.__init__)` lists them. Use it in a `with`
    block, or call `close()`, to release the connection pool; a closed client raises `ClientClosedError`.
    """

    _http_type = httpx.Client

    @functools.cached_property
    def voucher_codes(self) -> VoucherCodes:
        """The voucher-code operations: `get_all`, `get_all_pages`, `add`, `delete`, `find` (by value)."""
        from mews_wrapper._resources.voucher_codes import VoucherCodes  # noqa: PLC0415 - on first use

        return VoucherCodes(self._session, self._shell, self.vouchers)

    @functools.cached_property
    def services(self) -> Services:
        """The services the token reaches: `get_all`, `get_all_pages`."""
        from mews_wrapper._resources.services import Services  # noqa: PLC0415 - on first use

        return Services(self._session, self._shell)

    @functools.cached_property
    def vouchers(self) -> Vouchers:
        """The vouchers of those services: `get_all`, `get_all_pages`, `find` (by name)."""
        from mews_wrapper._resources.vouchers import Vouchers  # noqa: PLC0415 - on first use

        return Vouchers(self._session, self._shell, self.services)

    @functools.cached_property
    def rates(self) -> Rates:
        """The rates of those services, which vouchers unlock: `get_all`, `get_all_pages`, `find` (by name)."""
        from mews_wrapper._resources.rates import Rates  # noqa: PLC0415 - on first use

        return Rates(self._session, self._shell, self.services)

    @functools.cached_property
    def enterprises(self) -> Enterprises:
        """The enterprises (properties) the token reaches, with names and timezones: `get_all`, `find`."""
        from mews_wrapper._resources.enterprises import Enterprises  # noqa: PLC0415 - on first use

        return Enterprises(self._session, self._shell)

    @functools.cached_property
    def _shell(self) -> SyncShell:
        return SyncShell(self._http, self._sleep or time.sleep, self._pacer, self._max_concurrency, self._breaker)

    def _new_http_client(self, config: ClientConfig) -> httpx.Client:
        return httpx.Client(timeout=config.own_timeout())

    def close(self) -> None:
        """Close the connection pool (unless the httpx client was passed in); the client cannot be used after."""
        self._shell.closed = True
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        """Use the client in a `with` block."""
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        """Close the connection pool."""
        self.close()


class AsyncMewsClient(_BaseClient[httpx.AsyncClient, Callable[[float], Awaitable[None]]]):
    """The async twin of `MewsClient`: the same arguments and calls, awaited; `async with` closes the pool."""

    _http_type = httpx.AsyncClient

    @functools.cached_property
    def voucher_codes(self) -> AsyncVoucherCodes:
        """The voucher-code operations, awaited: `get_all`, `get_all_pages`, `add`, `delete`, `find` (by value)."""
        from mews_wrapper._resources.voucher_codes import AsyncVoucherCodes  # noqa: PLC0415 - on first use

        return AsyncVoucherCodes(self._session, self._shell, self.vouchers)

    @functools.cached_property
    def services(self) -> AsyncServices:
        """The services the token reaches, as async iterators: `get_all`, `get_all_pages`."""
        from mews_wrapper._resources.services import AsyncServices  # noqa: PLC0415 - on first use

        return AsyncServices(self._session, self._shell)

    @functools.cached_property
    def vouchers(self) -> AsyncVouchers:
        """The vouchers of those services: `get_all`, `get_all_pages` (async iterators), `find` (awaited)."""
        from mews_wrapper._resources.vouchers import AsyncVouchers  # noqa: PLC0415 - on first use

        return AsyncVouchers(self._session, self._shell, self.services)

    @functools.cached_property
    def rates(self) -> AsyncRates:
        """The rates of those services: `get_all`, `get_all_pages` (async iterators), `find` (awaited)."""
        from mews_wrapper._resources.rates import AsyncRates  # noqa: PLC0415 - on first use

        return AsyncRates(self._session, self._shell, self.services)

    @functools.cached_property
    def enterprises(self) -> AsyncEnterprises:
        """The enterprises the token reaches: `get_all`, `get_all_pages` (async iterators), `find` (awaited)."""
        from mews_wrapper._resources.enterprises import AsyncEnterprises  # noqa: PLC0415 - on first use

        return AsyncEnterprises(self._session, self._shell)

    @functools.cached_property
    def _shell(self) -> AsyncShell:
        return AsyncShell(self._http, self._sleep or anyio.sleep, self._pacer, self._max_concurrency, self._breaker)

    def _new_http_client(self, config: ClientConfig) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=config.own_timeout())

    async def close(self) -> None:
        """Close the connection pool (unless the httpx client was passed in); the client cannot be used after."""
        self._shell.closed = True
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        """Use the client in an `async with` block."""
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        """Close the connection pool."""
        await self.close()


# help() shows each client's own types where the shared __init__ has type variables.
concrete_init(MewsClient, _BaseClient.__init__, {"_HttpT": "httpx.Client", "_SleepT": "Callable[[float], None]"})
concrete_init(
    AsyncMewsClient,
    _BaseClient.__init__,
    {"_HttpT": "httpx.AsyncClient", "_SleepT": "Callable[[float], Awaitable[None]]"},
)
