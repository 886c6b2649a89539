"""Bulk writes several chunks at once (tasks or threads), against the sandbox: order, overlap and exact accounting."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A, RunningSandbox
from mews_wrapper import (
    AsyncMewsClient,
    BatchError,
    ForbiddenError,
    MewsClient,
    NewVoucherCode,
    RateLimit,
    ServerError,
)
from mews_wrapper._pacing import window_for
from tests._cancel import add_cancelled_by_deadline

pytestmark = pytest.mark.anyio


class InFlight:
    """Counts requests that are out at once, from httpx's request and response hooks."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def sent(self, _: httpx.Request) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def answered(self, _: httpx.Response) -> None:
        with self._lock:
            self.now -= 1


def client_for(url: str, is_async: bool, in_flight: InFlight, **options: Any) -> MewsClient | AsyncMewsClient:
    credentials: dict[str, Any] = {"client_token": DEMO_CLIENT_TOKEN, "access_token": DEMO_ACCESS_TOKEN}
    credentials |= {"platform_url": url, "rate_limit": None, **options}
    if is_async:

        async def sent(request: httpx.Request) -> None:
            in_flight.sent(request)

        async def answered(response: httpx.Response) -> None:
            in_flight.answered(response)

        hooks: dict[str, Any] = {"request": [sent], "response": [answered]}
        return AsyncMewsClient(http_client=httpx.AsyncClient(event_hooks=hooks), **credentials)
    hooks = {"request": [in_flight.sent], "response": [in_flight.answered]}
    return MewsClient(http_client=httpx.Client(event_hooks=hooks), **credentials)


async def add(client: MewsClient | AsyncMewsClient, codes: list[NewVoucherCode]) -> Any:
    if isinstance(client, AsyncMewsClient):
        return await client.voucher_codes.add(codes)
    return client.voucher_codes.add(codes)


@pytest.fixture(params=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "async")


def codes(prefix: str, count: int) -> list[NewVoucherCode]:
    return [NewVoucherCode(VOUCHER_A, f"{prefix}{n}") for n in range(count)]


async def test_chunks_go_out_together_and_results_keep_input_order(sandbox: RunningSandbox, is_async: bool) -> None:
    sandbox.faults.latency_seconds = 0.1  # long enough for the chunks to overlap
    in_flight = InFlight()
    client = client_for(sandbox.url, is_async, in_flight, max_concurrency=3)
    batch = codes("O", 5500)
    created = await add(client, batch)
    assert [code.value for code in created] == [item.value for item in batch]
    assert in_flight.most == 3
    assert sandbox.state.store.count() == 5500


async def test_a_refused_chunk_does_not_hide_the_chunks_that_went_in_after_it(
    sandbox: RunningSandbox, is_async: bool
) -> None:
    in_flight = InFlight()
    client = client_for(sandbox.url, is_async, in_flight, max_concurrency=4)
    await add(client, [NewVoucherCode(VOUCHER_A, "TAKEN")])
    batch = codes("R", 4000)
    batch[1500] = NewVoucherCode(VOUCHER_A, "TAKEN")  # the second chunk breaks a business rule: refused whole
    with pytest.raises(BatchError) as raised:
        await add(client, batch)
    error = raised.value
    assert [code.value for code in error.succeeded] == [item.value for item in batch[:1000] + batch[2000:]]
    assert error.failed == batch[1000:2000]
    assert error.unknown == []
    assert isinstance(error.__cause__, ForbiddenError)
    assert sandbox.state.store.count() == 1 + 3000


async def test_a_chunk_that_fails_after_acting_is_unknown_and_the_others_are_counted(
    sandbox: RunningSandbox, is_async: bool
) -> None:
    in_flight = InFlight()
    client = client_for(sandbox.url, is_async, in_flight, max_concurrency=4)
    sandbox.faults.add("ok", "500-after")  # whichever chunk arrives second goes in, then fails
    batch = codes("A", 4000)
    with pytest.raises(BatchError) as raised:
        await add(client, batch)
    error = raised.value
    assert len(error.unknown) == 1000
    start = batch.index(error.unknown[0])
    assert error.unknown == batch[start : start + 1000]
    assert [code.value for code in error.succeeded] == [item.value for item in batch[:start] + batch[start + 1000 :]]
    assert error.failed == []
    assert isinstance(error.__cause__, ServerError)
    assert sandbox.state.store.count() == 4000  # the unknown chunk really went in


async def test_cancelling_a_concurrent_add_accounts_for_every_code_in_whole_chunks(sandbox: RunningSandbox) -> None:
    sandbox.faults.latency_seconds = 0.3
    in_flight = InFlight()
    client = client_for(sandbox.url, True, in_flight, max_concurrency=2)
    assert isinstance(client, AsyncMewsClient)
    batch = codes("C", 5000)
    cancelled = await add_cancelled_by_deadline(client, batch, 0.45)
    accounting = cancelled.batch_error  # type: ignore[attr-defined]
    succeeded = [code.value for code in accounting.succeeded]
    undone = [item.value for item in accounting.failed + accounting.unknown]
    assert sorted(succeeded + undone) == sorted(item.value for item in batch)  # every code once
    for part in (succeeded, [item.value for item in accounting.failed], [item.value for item in accounting.unknown]):
        assert len(part) % 1000 == 0  # whole chunks
    assert accounting.failed  # the last chunks never started
    assert cancelled.__notes__[0].startswith("voucherCodes/add: ")
    await asyncio.sleep(0.5)  # let a cancelled request that reached the sandbox land
    assert len(succeeded) <= sandbox.state.store.count() <= len(succeeded) + len(accounting.unknown)
    await client.close()


async def test_the_rate_limit_caps_requests_in_flight_and_every_slot_comes_back(
    sandbox: RunningSandbox, is_async: bool
) -> None:
    sandbox.faults.retry_after = "0"
    sandbox.faults.add("429", "429")  # two chunks are refused (and retried): their slots come back too
    in_flight = InFlight()
    limit = RateLimit(10_000, 1, margin=0, adaptive=False, max_in_flight=3)
    client = client_for(sandbox.url, is_async, in_flight, max_concurrency=8, rate_limit=limit, max_retries=3)
    added = await add(client, codes("F", 12 * 1000))
    assert len(added) == 12_000
    assert in_flight.most == 3  # eight chunks at once by the client, three by the token's cap
    window = window_for(limit, sandbox.url, DEMO_ACCESS_TOKEN)
    slots = [window.enter() for _ in range(4)]
    assert [slot is not None for slot in slots] == [True, True, True, False]  # all three free again, no more
