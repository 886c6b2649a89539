"""Promises at the edges, against the sandbox over loopback, sync and async alike: split scans, interrupted and
failed writes (every item accounted for, the exception's type kept), and messages in words."""

from __future__ import annotations

import asyncio
import datetime as dt
import pickle
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A, RunningSandbox
from mews_wrapper import (
    AsyncMewsClient,
    BatchError,
    ForbiddenError,
    MewsClient,
    MewsConnectionError,
    MewsTimeoutError,
    NewVoucherCode,
    RateLimitError,
    ServerError,
)
from tests._api import Api, ApiFactory

pytestmark = pytest.mark.anyio


class Interrupt(BaseException):
    """Stands for KeyboardInterrupt (a real one would stop pytest): a BaseException that is not an Exception."""


async def each(result: Any) -> AsyncIterator[Any]:
    """Iterate a sync or an async iterator alike."""
    if hasattr(result, "__aiter__"):
        async for item in result:
            yield item
    else:
        for item in result:
            yield item


def codes(prefix: str, count: int) -> list[NewVoucherCode]:
    return [NewVoucherCode(VOUCHER_A, f"{prefix}{n}") for n in range(count)]


async def test_a_split_scan_keeps_the_newer_copy_of_a_code_changed_during_the_scan(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, max_concurrency=1)  # one query after another: the second reads after the change
    (code,) = await api.add([NewVoucherCode(VOUCHER_A, "MOVES")])
    assert code.updated_utc is not None
    seam = code.updated_utc + dt.timedelta(seconds=1)  # the second window starts after the code's first update
    window = (seam.replace(year=seam.year - 1, month=10), seam + dt.timedelta(days=1))  # Oct 1 to Jan 2: split
    seen = []
    async for page in each(api.client.voucher_codes.get_all_pages([VOUCHER_A], updated_utc=window)):
        seen += page.items
        if len(seen) == 1:
            await api.delete([code.id])  # the code moves into the second window while the scan runs
    assert [(c.id, c.is_active) for c in seen] == [(code.id, True), (code.id, False)]
    assert seen[1].updated_utc is not None
    assert seen[1].updated_utc > code.updated_utc


def interrupting_client(
    is_async: bool, url: str, interrupt_on: Callable[[int], bool], **options: Any
) -> tuple[MewsClient | AsyncMewsClient, list[httpx.Request]]:
    """A client whose n-th request (counted from 0) is interrupted as it leaves: `Interrupt` (sync) or a cancel."""
    sent: list[httpx.Request] = []

    def hook(request: httpx.Request) -> None:
        sent.append(request)
        if interrupt_on(len(sent) - 1):
            raise Interrupt

    async def async_hook(request: httpx.Request) -> None:
        sent.append(request)
        if interrupt_on(len(sent) - 1):
            task = asyncio.current_task()
            assert task is not None
            task.cancel()  # delivered at the next await: while the request goes out

    credentials = {"client_token": DEMO_CLIENT_TOKEN, "access_token": DEMO_ACCESS_TOKEN, "platform_url": url}
    options.setdefault("max_concurrency", 1)  # one chunk at a time: the interrupted request is the last one sent
    if is_async:
        http = httpx.AsyncClient(event_hooks={"request": [async_hook]})
        return AsyncMewsClient(http_client=http, **credentials, **options), sent
    return MewsClient(http_client=httpx.Client(event_hooks={"request": [hook]}), **credentials, **options), sent


@pytest.fixture(params=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "async")


async def call(client: MewsClient | AsyncMewsClient, method: str, *args: Any, **kwargs: Any) -> Any:
    result = getattr(client.voucher_codes, method)(*args, **kwargs)
    return await result if isinstance(client, AsyncMewsClient) else result


async def test_an_interrupted_bulk_add_keeps_its_type_and_accounts_for_every_code(
    sandbox: RunningSandbox, is_async: bool
) -> None:
    client, sent = interrupting_client(is_async, sandbox.url, lambda n: n == 1)
    batch = codes("I", 2500)
    expected = asyncio.CancelledError if is_async else Interrupt
    with pytest.raises(expected) as raised:
        await call(client, "add", batch)
    accounting = raised.value.batch_error  # type: ignore[attr-defined]
    assert isinstance(accounting, BatchError)
    assert [c.value for c in accounting.succeeded] == [c.value for c in batch[:1000]]
    assert accounting.unknown == batch[1000:2000]  # the chunk in flight: it may have gone in
    assert accounting.failed == batch[2000:]  # never sent
    assert raised.value.__notes__ == [
        "voucherCodes/add: 1000 succeeded, 500 failed, 1000 unknown (the exception's batch_error lists them)"
    ]
    assert len(sent) == 2
    assert sandbox.state.store.count() in (1000, 2000)


async def test_an_interrupted_retry_sleep_marks_the_waiting_chunk_failed(
    sandbox: RunningSandbox, is_async: bool
) -> None:
    def interrupt(seconds: float) -> None:
        raise Interrupt

    async def cancel(seconds: float) -> None:
        raise asyncio.CancelledError

    credentials = {"client_token": DEMO_CLIENT_TOKEN, "access_token": DEMO_ACCESS_TOKEN, "platform_url": sandbox.url}
    credentials["max_concurrency"] = 1  # the second chunk waits while nothing else is out
    client = AsyncMewsClient(sleep=cancel, **credentials) if is_async else MewsClient(sleep=interrupt, **credentials)
    batch = codes("S", 1500)
    sandbox.faults.add("ok", "429")  # the second chunk is told to wait: Mews certainly did not take it
    with pytest.raises(asyncio.CancelledError if is_async else Interrupt) as raised:
        await call(client, "add", batch)
    accounting = raised.value.batch_error  # type: ignore[attr-defined]
    assert len(accounting.succeeded) == 1000
    assert accounting.unknown == []
    assert accounting.failed == batch[1000:]
    assert sandbox.state.store.count() == 1000


async def test_a_task_cancelled_by_a_deadline_carries_the_accounting(sandbox: RunningSandbox) -> None:
    """The deadline falls while the second of three chunks is out, however slow the machine is.

    It is set when the first chunk's answer arrives (an httpx response hook, in the add's own task), a third of
    a second ahead: the second chunk, sent at once, sleeps for a second in the sandbox.
    """
    sandbox.faults.latency_seconds = 1.0
    caught: list[BaseException] = []

    async def add_under_a_deadline() -> None:
        async with asyncio.timeout(None) as deadline:

            async def first_answer(_: httpx.Response) -> None:
                if deadline.when() is None:
                    deadline.reschedule(asyncio.get_running_loop().time() + 0.3)

            http = httpx.AsyncClient(event_hooks={"response": [first_answer]})
            client = AsyncMewsClient(
                DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=sandbox.url, max_concurrency=1, http_client=http
            )
            try:
                await client.voucher_codes.add(batch)
            except asyncio.CancelledError as cancelled:
                caught.append(cancelled)
                raise
            finally:
                await http.aclose()

    batch = codes("T", 3000)
    with pytest.raises(TimeoutError):
        await add_under_a_deadline()
    (cancelled,) = caught
    accounting = cancelled.batch_error  # type: ignore[attr-defined]
    assert len(accounting.succeeded) + len(accounting.failed) + len(accounting.unknown) == 3000
    assert len(accounting.succeeded) == 1000
    assert accounting.unknown == batch[1000:2000]
    assert accounting.failed == batch[2000:]


async def test_a_one_chunk_add_whose_answer_is_lost_carries_its_accounting(api: Api, sandbox: RunningSandbox) -> None:
    batch = codes("L", 3)
    sandbox.faults.add("drop-after")
    with pytest.raises(MewsConnectionError) as raised:
        await api.add(batch)
    assert raised.value.batch_error is not None
    assert raised.value.batch_error.unknown == batch
    assert raised.value.batch_error.succeeded == []
    assert any("0 succeeded, 0 failed, 3 unknown" in note for note in raised.value.__notes__)
    assert sandbox.state.store.count() == 3  # unknown, and indeed they went in


async def test_a_one_chunk_refusal_keeps_its_class_and_says_nothing_went_in(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("403")
    with pytest.raises(ForbiddenError) as forbidden:
        await api.add(codes("F", 2))
    assert forbidden.value.batch_error is not None
    assert len(forbidden.value.batch_error.failed) == 2
    added = await api.add(codes("D", 2))
    sandbox.faults.retry_after = "120"  # longer than the client waits: raised at once
    sandbox.faults.add("429")
    with pytest.raises(RateLimitError) as limited:  # except RateLimitError still works for one chunk
        await api.delete([code.id for code in added])
    assert limited.value.batch_error is not None
    assert limited.value.batch_error.failed == [code.id for code in added]


async def test_a_batch_error_is_its_own_accounting_and_pickles(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("ok", "500")
    with pytest.raises(BatchError) as raised:
        await api.add(codes("P", 1200))
    error = raised.value
    assert error.batch_error is error
    assert isinstance(error.__cause__, ServerError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.succeeded, copy.failed, copy.unknown) == (error.succeeded, error.failed, error.unknown)
    server_error = pickle.loads(pickle.dumps(error.__cause__))
    assert (server_error.status_code, server_error.request_id) == (500, error.__cause__.request_id)


async def test_messages_say_what_happened_in_words(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("502")
    with pytest.raises(ServerError) as gateway:
        await api.add(codes("M", 1))
    assert str(gateway.value).startswith("502 Bad Gateway (a text/html page instead of a Mews error")
    assert "502 502" not in str(gateway.value)
    sandbox.faults.add("drop")
    with pytest.raises(MewsConnectionError) as dropped:
        await api.add(codes("N", 1))
    message = str(dropped.value)
    assert message.startswith("voucherCodes/add: the ")
    assert "connection" in message
    assert not message.rstrip().endswith(":")


async def test_a_write_that_went_in_before_the_timeout_is_unknown(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    sandbox.faults.latency_after_seconds = 0.5
    api = make_api(sandbox.url, timeout=0.2)
    batch = codes("W", 2)
    with pytest.raises(MewsTimeoutError) as timed_out:
        await api.add(batch)
    assert timed_out.value.batch_error is not None
    assert timed_out.value.batch_error.unknown == batch
    assert len(api.requests) == 1  # a write is not retried after a read timeout
    await asyncio.sleep(0.4)
    assert sandbox.state.store.count() == 2  # unknown, and it did go in


async def test_a_5xx_after_acting_is_unknown_and_the_codes_are_there(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("ok", "503-after")
    batch = codes("A", 1500)
    with pytest.raises(BatchError) as raised:
        await api.add(batch)
    assert raised.value.unknown == batch[1000:]
    assert sandbox.state.store.count() == 1500
