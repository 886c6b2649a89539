"""getAll over several streams: never more than `max_concurrency` pages ahead of the reader, and (async) a slow
stream never holds the others back.

A narrow case for httpx's MockTransport: five independent streams (5,000 voucher ids, five pages each) whose
requests are counted as they arrive, against what the reader has taken.
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import uuid
from typing import Any

import httpx
import pytest

from mews_wrapper import AsyncMewsClient, MewsClient

VOUCHERS = [str(uuid.UUID(int=n + 1, version=4)) for n in range(5000)]  # five chunks of 1000: five streams
PAGES_PER_STREAM, PAGE_SIZE = 5, 3


def answer(request: httpx.Request, requests: list[dict[str, Any]]) -> httpx.Response:
    """Each stream (named by its first voucher) has PAGES_PER_STREAM full pages, then an empty one."""
    body = json.loads(request.content)
    requests.append(body)
    stream = VOUCHERS.index(body["VoucherIds"][0]) // 1000
    cursor = body["Limitation"].get("Cursor")
    page = uuid.UUID(cursor).int if cursor else 0  # the cursor carries the next page's number
    if page == PAGES_PER_STREAM:
        return httpx.Response(204)
    body["page"] = True  # a page with codes: what the reader may be behind on
    codes = [
        {
            "Id": str(uuid.UUID(int=(stream * 100 + page) * 10 + n + 1, version=4)),
            "VoucherId": body["VoucherIds"][0],
            "IsActive": True,
        }
        for n in range(PAGE_SIZE)
    ]
    return httpx.Response(200, json={"VoucherCodes": codes, "Cursor": str(uuid.UUID(int=page + 1))})


def pages(requests: list[dict[str, Any]]) -> int:
    """How many pages with codes were answered."""
    return sum(1 for body in requests if body.get("page"))


def sync_client(requests: list[dict[str, Any]], **options: Any) -> MewsClient:
    http = httpx.Client(transport=httpx.MockTransport(lambda request: answer(request, requests)))
    return MewsClient(
        "client-token-bp",
        "access-token-bp",
        platform_url="https://api.mews.com",
        http_client=http,
        rate_limit=None,
        **options,
    )


def async_client(requests: list[dict[str, Any]], **options: Any) -> AsyncMewsClient:
    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.001)
        return answer(request, requests)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return AsyncMewsClient(
        "ct", "at", platform_url="https://api.mews.com", http_client=http, rate_limit=None, **options
    )


@pytest.mark.parametrize("concurrency", [1, 2, 4])
def test_a_slow_reader_holds_the_client_to_max_concurrency_pages_sync(concurrency: int) -> None:
    requests: list[dict[str, Any]] = []
    ahead = []
    seen = []
    for taken, page in enumerate(
        sync_client(requests, max_concurrency=concurrency).voucher_codes.get_all_pages(VOUCHERS, page_size=PAGE_SIZE),
        start=1,
    ):
        ahead.append(pages(requests) - taken)
        seen += [code.id for code in page.items]
    assert max(ahead) == concurrency - 1  # the rest of the round, no more
    assert len(seen) == len(set(seen)) == 5 * PAGES_PER_STREAM * PAGE_SIZE
    assert len(requests) == 5 * (PAGES_PER_STREAM + 1)


@pytest.mark.anyio
@pytest.mark.parametrize("concurrency", [1, 2, 4])
async def test_a_slow_reader_holds_the_client_to_max_concurrency_pages_async(concurrency: int) -> None:
    requests: list[dict[str, Any]] = []
    ahead = []
    seen = []
    async with async_client(requests, max_concurrency=concurrency) as client:
        taken = 0
        async for page in client.voucher_codes.get_all_pages(VOUCHERS, page_size=PAGE_SIZE):
            taken += 1
            ahead.append(pages(requests) - taken)
            seen += [code.id for code in page.items]
            await asyncio.sleep(0.002)  # a slow reader: what was on its way comes, nothing more starts
            ahead.append(pages(requests) - taken)
    assert max(ahead) == concurrency - 1  # the places the reader does not hold, no more
    assert len(seen) == len(set(seen)) == 5 * PAGES_PER_STREAM * PAGE_SIZE


@pytest.mark.anyio
async def test_a_reader_that_stops_after_one_item_leaves_no_request_running_async() -> None:
    requests: list[dict[str, Any]] = []
    before = asyncio.all_tasks()
    async with async_client(requests, max_concurrency=4) as client:
        async for _ in client.voucher_codes.get_all(VOUCHERS, page_size=PAGE_SIZE):
            break
        gc.collect()
        await asyncio.sleep(0.05)
        assert len(requests) == 4  # one round: a page of each of the first four streams, no more
        assert asyncio.all_tasks() == before


def test_a_reader_that_stops_after_one_item_leaves_no_thread_running_sync() -> None:
    requests: list[dict[str, Any]] = []
    with sync_client(requests, max_concurrency=4) as client:
        codes = client.voucher_codes.get_all(VOUCHERS, page_size=PAGE_SIZE)
        next(codes)
        del codes
        gc.collect()
        assert len(requests) == 4
        assert [thread for thread in threading.enumerate() if thread.name.startswith("mews-wrapper")] == []


@pytest.mark.anyio
async def test_a_slow_stream_does_not_hold_the_others_back_async() -> None:
    requests: list[dict[str, Any]] = []
    arrived: list[int] = []  # the stream of each page, as the reader gets it

    async def handle(request: httpx.Request) -> httpx.Response:
        stream = VOUCHERS.index(json.loads(request.content)["VoucherIds"][0]) // 1000
        await asyncio.sleep(0.2 if stream == 0 else 0.001)  # the first stream answers slowly
        return answer(request, requests)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    async with AsyncMewsClient(
        "ct", "at", platform_url="https://api.mews.com", http_client=http, rate_limit=None, max_concurrency=4
    ) as client:
        async for page in client.voucher_codes.get_all_pages(VOUCHERS, page_size=PAGE_SIZE):
            arrived.append(VOUCHERS.index(str(page.items[0].voucher_id)) // 1000)
    # in rounds, every round with the slow stream in it waits for it: three other pages come before its first
    assert arrived.index(0) == 4 * PAGES_PER_STREAM  # here, every other stream's every page does
    assert sorted(arrived) == sorted(list(range(5)) * PAGES_PER_STREAM)
