"""An adapter that drives the sync and async clients through the same awaitable calls.

Each test that uses `make_api` runs twice (`sync`, `async`); the adapter counts the HTTP requests that left the
client, and `sleeps` records the waits between retries (nothing really sleeps).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, PORTFOLIO_ACCESS_TOKEN
from mews_wrapper import AsyncMewsClient, Enterprise, MewsClient, Page, Rate, Service, Voucher, VoucherCode, Written


class Api:
    """One client, sync or async, behind awaitable calls."""

    def __init__(self, client: MewsClient | AsyncMewsClient, requests: list[httpx.Request], sleeps: list[float]):
        self.client = client
        self.requests = requests
        self.sleeps = sleeps

    async def get_all(self, *args: Any, **kwargs: Any) -> list[VoucherCode]:
        result = self.client.voucher_codes.get_all(*args, **kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [code async for code in result]
        return list(result)

    async def get_all_pages(self, *args: Any, **kwargs: Any) -> list[Page[VoucherCode]]:
        result = self.client.voucher_codes.get_all_pages(*args, **kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [page async for page in result]
        return list(result)

    async def add(self, *args: Any, **kwargs: Any) -> list[VoucherCode]:
        result = self.client.voucher_codes.add(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def delete(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        result = self.client.voucher_codes.delete(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def services(self, **kwargs: Any) -> list[Service]:
        result = self.client.services.get_all(**kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [service async for service in result]
        return list(result)

    async def vouchers(self, *args: Any, **kwargs: Any) -> list[Voucher]:
        result = self.client.vouchers.get_all(*args, **kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [voucher async for voucher in result]
        return list(result)

    async def rates(self, *args: Any, **kwargs: Any) -> list[Rate]:
        result = self.client.rates.get_all(*args, **kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [rate async for rate in result]
        return list(result)

    async def find_rate(self, *args: Any, **kwargs: Any) -> Rate:
        result = self.client.rates.find(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def enterprises(self, **kwargs: Any) -> list[Enterprise]:
        result = self.client.enterprises.get_all(**kwargs)
        if isinstance(self.client, AsyncMewsClient):
            return [enterprise async for enterprise in result]
        return list(result)

    async def find_enterprise(self, name: str) -> Enterprise:
        result = self.client.enterprises.find(name)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def find_codes(self, *args: Any, **kwargs: Any) -> list[VoucherCode]:
        result = self.client.voucher_codes.find(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result  # type: ignore[no-any-return]

    async def find_voucher(self, *args: Any, **kwargs: Any) -> Voucher:
        result = self.client.vouchers.find(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def add_vouchers(self, *args: Any, **kwargs: Any) -> list[Voucher]:
        result = self.client.vouchers.add(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def update_vouchers(self, *args: Any, **kwargs: Any) -> list[Voucher]:
        result = self.client.vouchers.update(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    async def delete_vouchers(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        result = self.client.vouchers.delete(*args, **kwargs)
        return await result if isinstance(self.client, AsyncMewsClient) else result

    @property
    def paths(self) -> list[str]:
        """The operations sent, by Mews' name (`vouchers/getAll`)."""
        return [request.url.path.removeprefix("/api/connector/v1/") for request in self.requests]

    @property
    def operations(self) -> list[str]:
        return [request.url.path.rsplit("/", 1)[-1] for request in self.requests]


ApiFactory = Callable[..., Api]


@pytest.fixture(params=["sync", "async"])
async def make_api(request: pytest.FixtureRequest) -> AsyncIterator[ApiFactory]:
    """Build an `Api` for a sandbox (or any URL); closed at the end of the test."""
    is_async = request.param == "async"
    made: list[Api] = []

    def make(url: str, *, portfolio: bool = False, **options: Any) -> Api:
        requests: list[httpx.Request] = []
        sleeps: list[float] = []
        if is_async:

            async def record_async(sent: httpx.Request) -> None:
                requests.append(sent)

            async def sleep_async(seconds: float) -> None:
                sleeps.append(seconds)

            http: httpx.Client | httpx.AsyncClient = httpx.AsyncClient(event_hooks={"request": [record_async]})
            sleep: Any = sleep_async
        else:
            http = httpx.Client(event_hooks={"request": [requests.append]})
            sleep = sleeps.append
        options.setdefault("client_token", DEMO_CLIENT_TOKEN)
        options.setdefault("access_token", PORTFOLIO_ACCESS_TOKEN if portfolio else DEMO_ACCESS_TOKEN)
        # Retries here sleep in `sleeps`, not in time; the limiter waits in real time, so it is on only where a test
        # asks for it (tests/integration/test_rate_limit.py).
        options.setdefault("rate_limit", None)
        options.setdefault("circuit_breaker", None)  # tests of faults count on every try going out (see test_breaker)
        cls = AsyncMewsClient if is_async else MewsClient
        client = cls(platform_url=url, portfolio=portfolio, http_client=http, sleep=sleep, **options)
        api = Api(client, requests, sleeps)
        made.append(api)
        return api

    yield make
    for api in made:
        http_client = api.client._http
        if isinstance(http_client, httpx.AsyncClient):
            await http_client.aclose()
        else:
            http_client.close()
