"""`make bench`, throughput: bulk add at the rate-limit floor (one process; four sharing Redis), multi-stream getAll.

Every figure is wall time on a sandbox in its own process, fresh for each run (an empty store and an empty window),
with latency added before it acts, like a network:
1. add N codes with the sandbox limited to R requests per W s: the floor is what any client needs at that limit,
   `(ceil(chunks / R) - 1) * W` for the windows after the first, plus the time the sandbox takes to answer one
   window's R chunks sent at once (measured with plain httpx in the same run). Contenders: `AsyncMewsClient` with the
   limiter (`RateLimit(R, W)`) and without (`rate_limit=None`: it relies on 429s and `Retry-After`); both may
   retry 10 times, so the run without the limiter finishes and shows its 429s.
2. the same codes added by four processes, each a quarter, sharing one `RateLimit(R, W, storage=redis://...)`.
3. `get_all` over V voucher ids (V / 1000 independent streams) against plain httpx paging the same streams with
   the same number of requests at once.
Codes lost or duplicated are counted after each bulk run by reading the voucher back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, ENTERPRISE_A, VOUCHER_A
from mews_wrapper import AsyncMewsClient, BatchError, NewVoucherCode, RateLimit

ROOT = Path(__file__).resolve().parents[1]
ADD_PATH = "/api/connector/v1/voucherCodes/add"
GET_ALL_PATH = "/api/connector/v1/voucherCodes/getAll"
CREDENTIALS = {"client_token": DEMO_CLIENT_TOKEN, "access_token": DEMO_ACCESS_TOKEN}


@contextlib.contextmanager
def sandbox(*options: str) -> Iterator[str]:
    """A fresh sandbox process with these command-line options; its URL."""
    command = [sys.executable, "-m", "mews_sandbox", "--port", "0", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise SystemExit(f"the sandbox did not start: {line!r}")
        yield line.removeprefix("listening on ")
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def redis_server() -> Iterator[str | None]:
    """A throwaway Redis server on a free port (None when redis-server is not installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as ping:
                ping.sendall(b"PING\r\n")
                if ping.recv(16).startswith(b"+PONG"):
                    break
            time.sleep(0.025)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def new_codes(prefix: str, count: int) -> list[NewVoucherCode]:
    return [NewVoucherCode(VOUCHER_A, f"{prefix}-{n}") for n in range(count)]


class Counter429:
    """Counts the 429s a client received (an httpx response hook)."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, response: httpx.Response) -> None:
        if response.status_code == 429:
            self.count += 1


async def add_codes(url: str, codes: list[NewVoucherCode], rate_limit: RateLimit | None) -> dict[str, Any]:
    """Add `codes` with an `AsyncMewsClient`; wall seconds, 429s received, codes the client could not place."""
    counter = Counter429()
    http = httpx.AsyncClient(timeout=120, event_hooks={"response": [counter]})
    client = AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=rate_limit, max_retries=10, http_client=http)
    not_placed = 0
    started = time.perf_counter()
    try:
        await client.voucher_codes.add(codes)
    except BatchError as error:
        not_placed = len(error.failed) + len(error.unknown)
    wall = time.perf_counter() - started
    await http.aclose()
    return {"wall_seconds": round(wall, 3), "429s": counter.count, "not_placed": not_placed}


def stored_check(url: str, expected: list[str], rate_limit: RateLimit | None = None) -> dict[str, int]:
    """Codes of `expected` missing from the voucher, and codes stored more than once.

    `rate_limit` paces the reading like the server's limit (without it, a limited server answers 429s, waited out).
    """

    async def read() -> list[str]:
        async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=rate_limit) as client:
            return [code.value or "" async for code in client.voucher_codes.get_all([VOUCHER_A]) if code.is_active]

    stored = asyncio.run(read())
    return {"lost": len(set(expected) - set(stored)), "duplicated": len(stored) - len(set(stored))}


def burst_seconds(url: str, requests: int, chunk: int) -> float:
    """Wall time for plain httpx to add `requests` chunks at once: what one full window costs the sandbox."""

    async def run() -> float:
        async with httpx.AsyncClient(timeout=120) as http:
            bodies = [
                {
                    "ClientToken": DEMO_CLIENT_TOKEN,
                    "AccessToken": DEMO_ACCESS_TOKEN,
                    "Client": "bench",
                    "VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": f"F{r}-{n}"} for n in range(chunk)],
                }
                for r in range(requests)
            ]
            started = time.perf_counter()
            responses = await asyncio.gather(*(http.post(url + ADD_PATH, json=body) for body in bodies))
            assert all(response.status_code == 200 for response in responses), [r.status_code for r in responses]
            return time.perf_counter() - started

    return asyncio.run(run())


def bulk_add(codes: int, limit: int, window: float, latency: float, rounds: int) -> dict[str, Any]:
    """Figure 1: the limiter on and off against the floor, each round on fresh sandboxes."""
    options = ["--latency", str(latency), "--rate-limit", str(limit), "--rate-window", str(window)]
    chunks = math.ceil(codes / 1000)
    runs: dict[str, list[dict[str, Any]]] = {"limiter_on": [], "limiter_off": []}
    floors = []
    for round_number in range(rounds):
        with sandbox("--latency", str(latency), "--rate-limit", "0") as url:
            burst = burst_seconds(url, min(limit, chunks), 1000)
        floors.append((math.ceil(chunks / limit) - 1) * window + burst)
        order = ["limiter_on", "limiter_off"] if round_number % 2 == 0 else ["limiter_off", "limiter_on"]
        for name in order:
            values = new_codes(f"{name}{round_number}", codes)
            with sandbox(*options) as url:
                rate_limit = RateLimit(limit, window) if name == "limiter_on" else None
                run = asyncio.run(add_codes(url, values, rate_limit))
                run |= stored_check(url, [value.value for value in values], RateLimit(limit, window))
            run["x_floor"] = round(run["wall_seconds"] / floors[-1], 3)
            runs[name].append(run)
    return {
        "codes": codes,
        "server_limit": f"{limit} requests per {window} s",
        "latency_seconds": latency,
        "floor_seconds": [round(floor, 3) for floor in floors],
        "runs": runs,
        "x_floor_median": {name: _median([run["x_floor"] for run in values]) for name, values in runs.items()},
    }


WORKER = """
import asyncio, json, sys, time
import httpx
from mews_wrapper import AsyncMewsClient, BatchError, NewVoucherCode, RateLimit
url, storage, prefix, count, limit, window, start_at, client_token, access_token, voucher = sys.argv[1:11]
codes = [NewVoucherCode(voucher, f"{prefix}-{n}") for n in range(int(count))]
statuses = []
async def hook(response):
    statuses.append(response.status_code)
async def main():
    http = httpx.AsyncClient(timeout=120, event_hooks={"response": [hook]})
    limit_ = RateLimit(int(limit), float(window), storage)
    client = AsyncMewsClient(client_token, access_token, platform_url=url, rate_limit=limit_, max_retries=10,
                             http_client=http)
    while time.time() < float(start_at):
        await asyncio.sleep(0.005)
    started, not_placed = time.time(), 0
    try:
        await client.voucher_codes.add(codes)
    except BatchError as error:
        not_placed = len(error.failed) + len(error.unknown)
    ended = time.time()
    await http.aclose()
    print(json.dumps({"started": started, "ended": ended, "429s": statuses.count(429), "not_placed": not_placed}))
asyncio.run(main())
"""


def shared_redis(
    codes: int, limit: int, window: float, latency: float, processes: int, floor: float, start_delay: float = 2.0
) -> dict[str, Any]:
    """Figure 2: `processes` workers, each a share of the codes, one window in Redis, started together."""
    with redis_server() as storage:
        if storage is None:
            return {"skipped": "redis-server is not installed (make tools)"}
        options = ["--latency", str(latency), "--rate-limit", str(limit), "--rate-window", str(window)]
        with sandbox(*options) as url:
            share = codes // processes
            start_at = time.time() + start_delay  # every worker imported and connected before the clock starts
            command, rest = [sys.executable, "-c", WORKER], [DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, str(VOUCHER_A)]
            workers = [
                subprocess.Popen(
                    [*command, url, storage, f"P{index}", str(share), str(limit), str(window), str(start_at), *rest],
                    stdout=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                )
                for index in range(processes)
            ]
            results = [json.loads(worker.communicate(timeout=600)[0]) for worker in workers]
            expected = [f"P{index}-{n}" for index in range(processes) for n in range(share)]
            check = stored_check(url, expected, RateLimit(limit, window))
    wall = max(result["ended"] for result in results) - min(result["started"] for result in results)
    return {
        "processes": processes,
        "codes": share * processes,
        "wall_seconds": round(wall, 3),
        "floor_seconds": round(floor, 3),
        "x_floor": round(wall / floor, 3),
        "429s": sum(result["429s"] for result in results),
        "not_placed": sum(result["not_placed"] for result in results),
        **check,
    }


def streams_config(vouchers: list[str]) -> str:
    """A sandbox configuration with these vouchers (all in enterprise A); the file's path."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)  # noqa: SIM115 - read by the sandbox
    with handle:
        json.dump({"vouchers": dict.fromkeys(vouchers, ENTERPRISE_A)}, handle)
    return handle.name


async def plain_streams(url: str, vouchers: list[str], page_size: int, concurrency: int) -> int:
    """Plain httpx: each 1000-voucher stream paged to its end, `concurrency` streams at once; codes read."""
    slots = asyncio.Semaphore(concurrency)

    async def stream(http: httpx.AsyncClient, ids: list[str]) -> int:
        count, cursor = 0, None
        while True:
            body = {
                "ClientToken": DEMO_CLIENT_TOKEN,
                "AccessToken": DEMO_ACCESS_TOKEN,
                "Client": "bench",
                "VoucherIds": ids,
                "Limitation": {"Count": page_size, "Cursor": cursor},
            }
            async with slots:
                response = await http.post(url + GET_ALL_PATH, json=body, headers={"Prefer": "return=minimal"})
            if response.status_code == 204:
                return count
            page = response.json()
            count += len(page["VoucherCodes"])
            if len(page["VoucherCodes"]) < page_size:
                return count
            cursor = page["Cursor"]

    async with httpx.AsyncClient(timeout=120) as http:
        parts = [vouchers[start : start + 1000] for start in range(0, len(vouchers), 1000)]
        return sum(await asyncio.gather(*(stream(http, part) for part in parts)))


async def wrapper_streams(url: str, vouchers: list[str], page_size: int, concurrency: int) -> int:
    """`AsyncMewsClient.get_all` over every voucher (the limiter off: this compares concurrency, not pacing)."""
    async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=None, max_concurrency=concurrency) as client:
        return sum([1 async for _ in client.voucher_codes.get_all(vouchers, page_size=page_size)])


def alternating(
    contenders: dict[str, Callable[[], int]], rounds: int, clock: Callable[[], float], expected: int
) -> dict[str, list[float]]:
    """What each contender spends on `clock` per round (each must read `expected` items), after a warm-up round.

    The contenders take turns, in reverse order every other round, so that neither always runs first.
    """
    spent: dict[str, list[float]] = {name: [] for name in contenders}
    for round_number in range(rounds + 1):
        order = list(contenders) if round_number % 2 == 0 else list(reversed(contenders))
        for name in order:
            started = clock()
            read = contenders[name]()
            used = clock() - started
            assert read == expected, (name, read, expected)
            if round_number:
                spent[name].append(used)
    return spent


def multi_stream(vouchers: int, codes_per_voucher: int, page_size: int, latency: float, rounds: int) -> dict[str, Any]:
    """Figure 3: getAll over `vouchers` voucher ids, the wrapper against plain concurrent httpx (4 at once)."""
    ids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(vouchers)]
    expected = vouchers * codes_per_voucher
    config = streams_config(ids)
    try:
        with sandbox("--config", config, "--rate-limit", "0", "--latency", str(latency)) as url:
            setup = [NewVoucherCode(voucher, f"S{n}") for voucher in ids for n in range(codes_per_voucher)]

            async def fill() -> None:
                async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
                    await client.voucher_codes.add(setup)

            asyncio.run(fill())
            contenders: dict[str, Callable[[], int]] = {
                "plain_httpx": lambda: asyncio.run(plain_streams(url, ids, page_size, 4)),
                "get_all_async": lambda: asyncio.run(wrapper_streams(url, ids, page_size, 4)),
            }
            seconds = alternating(contenders, rounds, time.perf_counter, expected)
    finally:
        Path(config).unlink()
    ratios = [ours / plain for ours, plain in zip(seconds["get_all_async"], seconds["plain_httpx"], strict=True)]
    return {
        "voucher_ids": len(ids),
        "streams": math.ceil(len(ids) / 1000),
        "codes": expected,
        "page_size": page_size,
        "max_concurrency": 4,
        "latency_seconds": latency,
        "wall_seconds": {name: [round(value, 3) for value in values] for name, values in seconds.items()},
        "x_plain_httpx_median": _median(ratios),
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return round(value, 3)
