"""The client-side rate limiter against a sandbox that enforces the same limit: pacing, sharing, holds.

Every client here has `max_retries=0`, so a single 429 from the sandbox fails the test: the limiter, not retries,
must keep every client of a token inside the window, in threads, tasks and processes (Redis). These run in real
time, so they send just over two windows' worth; the pacing itself is checked on a fake clock in
tests/unit/test_pacing.py.
"""

from __future__ import annotations

import asyncio
import math
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import redis

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A, RunningSandbox
from mews_wrapper import AsyncMewsClient, MewsClient, NewVoucherCode, RateLimit, RateLimitError
from mews_wrapper._pacing import Pacer, Window
from tests.conftest import SandboxFactory

ROOT = Path(__file__).resolve().parents[2]
LIMIT, WINDOW = 8, 1.0
MARGIN = 0.3  # a fixed pad, generous for a loaded CI machine: these tests prove the sharing, not the adaptive pad


@pytest.fixture
def limited(sandbox_factory: SandboxFactory) -> RunningSandbox:
    """A sandbox that allows LIMIT requests per WINDOW seconds per token, like Mews' 200 per 30 s."""
    return sandbox_factory(seed=7, rate_limit=LIMIT, rate_window_seconds=WINDOW)


def sync_client(url: str, rate_limit: RateLimit | None, **options: object) -> MewsClient:
    return MewsClient(
        DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url, rate_limit=rate_limit, max_retries=0, **options
    )


def floor_seconds(requests: int) -> float:
    """The least time `requests` can take at LIMIT per WINDOW: every full window after the first burst."""
    return (math.ceil(requests / LIMIT) - 1) * WINDOW


def test_clients_in_threads_and_tasks_share_one_window_and_never_draw_a_429(limited: RunningSandbox) -> None:
    limit = RateLimit(LIMIT, WINDOW, margin=MARGIN)
    errors: list[BaseException] = []
    per_client = 3  # 6 clients: 18 requests, three windows of 8

    def sync_worker() -> None:
        try:
            with sync_client(limited.url, limit) as client:  # a client of its own, the window shared
                for _ in range(per_client):
                    list(client.voucher_codes.get_all([VOUCHER_A]))
        except BaseException as error:
            errors.append(error)

    async def async_worker(client: AsyncMewsClient) -> None:
        for _ in range(per_client):
            [code async for code in client.voucher_codes.get_all([VOUCHER_A])]

    async def tasks() -> None:
        async with AsyncMewsClient(
            DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=limited.url, rate_limit=limit, max_retries=0
        ) as client:
            await asyncio.gather(*(async_worker(client) for _ in range(2)))

    def async_thread() -> None:
        try:
            asyncio.run(tasks())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=sync_worker) for _ in range(4)] + [threading.Thread(target=async_thread)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert errors == []
    total = 6 * per_client
    assert total > 2 * LIMIT
    assert elapsed >= floor_seconds(total)  # the limiter did wait (it cannot be faster than the window allows)


def test_with_the_limiter_off_the_same_work_draws_429s(limited: RunningSandbox) -> None:
    def burst(client: MewsClient) -> None:
        for _ in range(2 * LIMIT):
            list(client.voucher_codes.get_all([VOUCHER_A]))

    with sync_client(limited.url, None) as client, pytest.raises(RateLimitError):
        burst(client)


# Three fresh processes start at once on what may be a two-core CI machine: the first request of each goes out after
# its imports and connection, well after it was counted, so the pad is wider here (a 0.3 s pad drew one 429 in a CI
# run on a loaded machine). The test proves that the processes share the window, not how tight the pad can be.
WORKER = """
import sys
from mews_wrapper import MewsClient, RateLimit
url, storage, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
limit = RateLimit(int(sys.argv[4]), float(sys.argv[5]), storage, margin=0.6)
with MewsClient(sys.argv[6], sys.argv[7], platform_url=url, rate_limit=limit, max_retries=0) as client:
    for _ in range(count):
        list(client.voucher_codes.get_all([sys.argv[8]]))
"""


def test_processes_sharing_redis_never_draw_a_429(limited: RunningSandbox, redis_url: str) -> None:
    storage = redis_url[: -len("/0")] + "/1"  # a database of its own
    per_process = 6  # 18 requests, three windows of 8
    arguments = [limited.url, storage, str(per_process), str(LIMIT), str(WINDOW)]
    arguments += [DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, str(VOUCHER_A)]
    started = time.monotonic()
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, *arguments], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    failures = [worker.communicate(timeout=120)[1] for worker in workers if worker.wait(timeout=120) != 0]
    elapsed = time.monotonic() - started
    assert failures == []
    assert elapsed >= floor_seconds(3 * per_process)
    keys = [key.decode() for key in redis.Redis.from_url(storage).keys("*")]
    assert keys
    assert all(key.startswith("mews-wrapper:rate:") for key in keys)
    assert not any(DEMO_ACCESS_TOKEN[:8] in key or DEMO_CLIENT_TOKEN[:8] in key for key in keys)


@pytest.mark.parametrize("where", ["memory", "redis"])
def test_a_429_holds_back_every_client_of_the_token(limited: RunningSandbox, redis_url: str, where: str) -> None:
    storage = None if where == "memory" else redis_url[: -len("/0")] + "/2"
    limit = RateLimit(LIMIT, WINDOW, storage, margin=MARGIN)
    limited.faults.retry_after = "1"
    limited.faults.add("429")
    sent: list[float] = []
    other_http = httpx.Client(event_hooks={"request": [lambda _: sent.append(time.monotonic())]})
    with sync_client(limited.url, limit) as first, sync_client(limited.url, limit, http_client=other_http) as other:
        with pytest.raises(RateLimitError):
            list(first.voucher_codes.get_all([VOUCHER_A]))
        told = time.monotonic()
        list(other.voucher_codes.get_all([VOUCHER_A]))  # another client of the token: it waits out the hold
    other_http.close()
    assert sent
    assert sent[0] - told >= 0.9


@pytest.mark.parametrize("where", ["memory", "redis"])
def test_after_a_retry_after_of_an_hour_every_later_call_fails_fast_naming_the_end(
    limited: RunningSandbox, redis_url: str, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    storage = None if where == "memory" else redis_url[: -len("/0")] + "/3"
    limited.faults.retry_after = "3600"
    limited.faults.add("429")
    caplog.set_level("WARNING", logger="mews_wrapper")
    sent: list[httpx.Request] = []
    other_http = httpx.Client(event_hooks={"request": [sent.append]})
    limit = RateLimit(LIMIT, WINDOW, storage, margin=MARGIN)
    # In memory the other client shares the window object; with Redis it has one of its own (another margin), and
    # learns of the hold from Redis, as another process would.
    other_limit = limit if where == "memory" else RateLimit(LIMIT, WINDOW, storage, margin=MARGIN + 0.01)
    with (
        sync_client(limited.url, limit) as first,
        sync_client(limited.url, other_limit, http_client=other_http) as other,
    ):
        with pytest.raises(RateLimitError) as told:
            list(first.voucher_codes.get_all([VOUCHER_A]))
        assert told.value.retry_after == 3600
        started = time.monotonic()
        for client in (other, first):
            with pytest.raises(RateLimitError, match=r"hold back until .* UTC") as refused:
                list(client.voucher_codes.get_all([VOUCHER_A]))
            assert refused.value.retry_after is not None
            assert 3500 < refused.value.retry_after <= 3600
        assert time.monotonic() - started < 1.0  # at once, not after an hour
    other_http.close()
    assert sent == []  # nothing went out during the hold
    assert "Retry-After 3600 s" in caplog.text


STRICT_LIMIT, STRICT_WINDOW = 20, 1.0  # the sandbox: stricter than the client's window in bursts
CLIENT_LIMIT = RateLimit(150, 10)  # 15 per second on average, but a burst of 150


def _adds_under_a_stricter_server(url: str, limit: RateLimit, threads: int, calls: int) -> tuple[int, int]:
    """`threads` threads each making `calls` one-code adds; (429s drawn, calls that failed)."""
    statuses: list[int] = []
    failures: list[BaseException] = []

    def worker(number: int) -> None:
        http = httpx.Client(event_hooks={"response": [lambda response: statuses.append(response.status_code)]})
        with MewsClient(
            DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url, rate_limit=limit, max_retries=10, http_client=http
        ) as client:
            for call in range(calls):
                try:
                    client.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"T{number}-{call}-{limit.adaptive}")])
                except BaseException as error:
                    failures.append(error)
        http.close()

    running = [threading.Thread(target=worker, args=(number,)) for number in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return statuses.count(429), len(failures)


def test_a_server_stricter_than_the_window_costs_a_handful_of_429s_not_a_stream(
    sandbox_factory: SandboxFactory, caplog: pytest.LogCaptureFixture
) -> None:
    strict = sandbox_factory(seed=7, rate_limit=STRICT_LIMIT, rate_window_seconds=STRICT_WINDOW)
    caplog.set_level("WARNING", logger="mews_wrapper")

    drawn, failed = _adds_under_a_stricter_server(strict.url, CLIENT_LIMIT, threads=8, calls=5)

    assert failed == 0  # retries carried every add through
    assert strict.state.store.count() == 40
    # The first burst's requests that were out at once (one per thread), and room for a loaded machine; without the
    # slowdown each burst after a Retry-After draws as many again (make bench: 8 against 138 for 20,000 codes).
    assert drawn <= 12
    warnings = [record.getMessage() for record in caplog.records if "window had room" in record.getMessage()]
    assert len(warnings) == 1  # one step for the whole burst
    assert "pacing this token at 3 requests per 0.20 s" in warnings[0]


def test_the_slowdown_is_shared_through_redis(limited: RunningSandbox, redis_url: str) -> None:
    storage = redis_url[: -len("/0")] + "/4"
    first = Window(RateLimit(100, 10, storage), "mews-wrapper:rate:shared-test")
    other = Window(RateLimit(100, 10, storage, margin=0), "mews-wrapper:rate:shared-test")  # another process's
    Pacer(first).hold(0.0)
    assert [other.take()[0] for _ in range(2)] == [0, 0]  # the spread window's burst of 2 goes at once
    wait, held = other.take()
    assert 0.1 < wait <= 0.21  # bursts of 2 per 0.2 s: the third waits for the first to leave the window
    assert held is False
    keys = {key.decode() for key in redis.Redis.from_url(storage).keys("*")}
    assert "mews-wrapper:rate:shared-test:slowdown" in keys


def test_the_cap_on_requests_in_flight_is_shared_through_redis_and_a_dead_holders_slots_run_out(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mews_wrapper._pacing.IN_FLIGHT_LEASE", 0.3)
    storage = redis_url[: -len("/0")] + "/5"
    key = "mews-wrapper:rate:flight-test"
    here = Window(RateLimit(100, 10, storage, max_in_flight=3), key)
    there = Window(RateLimit(100, 10, storage, max_in_flight=3), key)  # another process's view of the token
    held = [here.enter(), there.enter(), here.enter()]
    assert all(slot is not None for slot in held)
    assert there.enter() is None  # three out across both: the fourth waits
    held.pop().leave()  # type: ignore[union-attr]
    assert there.enter() is not None
    assert here.enter() is None
    time.sleep(0.4)  # the holders "died": their slots' leases run out
    assert [here.enter() is not None for _ in range(4)] == [True, True, True, False]
