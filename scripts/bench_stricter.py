"""`make bench`, a Mews stricter than documented: what the adaptive limiter saves when the server's window is tighter.

Mews calls its 200-per-30-s limit a guideline. Against a sandbox that allows 20 requests per 2 s (latency 0.05 s),
the clients keep their default `RateLimit(200, 30)`:
1. 8 threads, each with a `MewsClient`, add N codes between them in calls of 50, once with the limiter adaptive
   (the default) and once with `adaptive=False` (it only waits out each `Retry-After`);
2. three processes share the window through Redis, each adding a third with an `AsyncMewsClient` (4 at once).
Every add may retry 10 times, so every code goes in; the figures are the 429s drawn, the wall time, and the codes
lost or duplicated (read back from the voucher).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from typing import Any

import attrs
import httpx
from bench_throughput import CREDENTIALS, ROOT, new_codes, redis_server, sandbox, stored_check

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A
from mews_wrapper import MewsClient, RateLimit

SERVER = ("--rate-limit", "20", "--rate-window", "2", "--latency", "0.05")
SERVER_LIMIT = RateLimit(20, 2)  # what reading the codes back is paced by
CLIENT = RateLimit(200, 30)
CALL = 50


def threads_run(codes: int, threads: int, limit: RateLimit, prefix: str) -> dict[str, Any]:
    """`threads` threads adding `codes` codes in calls of CALL against the stricter sandbox."""
    values = new_codes(prefix, codes)
    calls = [values[start : start + CALL] for start in range(0, codes, CALL)]
    statuses: list[int] = []
    failures: list[str] = []
    with sandbox(*SERVER) as url:

        def worker(mine: list[list[Any]]) -> None:
            http = httpx.Client(timeout=120, event_hooks={"response": [lambda r: statuses.append(r.status_code)]})
            with MewsClient(**CREDENTIALS, platform_url=url, rate_limit=limit, max_retries=10, http_client=http) as c:
                for call in mine:
                    try:
                        c.voucher_codes.add(call)
                    except Exception as error:  # counted: a figure, not a crash
                        failures.append(type(error).__name__)
            http.close()

        running = [threading.Thread(target=worker, args=(calls[number::threads],)) for number in range(threads)]
        started = time.perf_counter()
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
        wall = time.perf_counter() - started
        check = stored_check(url, [value.value for value in values], SERVER_LIMIT)
    return {
        "threads": threads,
        "codes": codes,
        "requests": len(statuses),
        "429s": statuses.count(429),
        "failed_calls": len(failures),
        "wall_seconds": round(wall, 2),
        **check,
    }


WORKER = """
import asyncio, json, sys
import httpx
from mews_wrapper import AsyncMewsClient, NewVoucherCode, RateLimit
url, storage, prefix, count, client_token, access_token, voucher = sys.argv[1:8]
codes = [NewVoucherCode(voucher, f"{prefix}-{n}") for n in range(int(count))]
statuses = []
async def hook(response):
    statuses.append(response.status_code)
async def main():
    http = httpx.AsyncClient(timeout=120, event_hooks={"response": [hook]})
    client = AsyncMewsClient(client_token, access_token, platform_url=url, rate_limit=RateLimit(200, 30, storage),
                             max_retries=10, http_client=http)
    calls = [codes[start:start + 50] for start in range(0, len(codes), 50)]
    async def lane(mine):
        for call in mine:
            await client.voucher_codes.add(call)
    await asyncio.gather(*(lane(calls[n::4]) for n in range(4)))
    await http.aclose()
    print(json.dumps({"requests": len(statuses), "429s": statuses.count(429)}))
asyncio.run(main())
"""


def processes_run(codes: int, processes: int) -> dict[str, Any]:
    """`processes` processes sharing one adaptive window in Redis, each adding a share in calls of CALL."""
    with redis_server() as storage:
        if storage is None:
            return {"skipped": "redis-server is not installed (make tools)"}
        with sandbox(*SERVER) as url:
            share = codes // processes
            rest = [DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, str(VOUCHER_A)]
            started = time.perf_counter()
            workers = [
                subprocess.Popen(
                    [sys.executable, "-c", WORKER, url, storage, f"R{index}", str(share), *rest],
                    stdout=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                )
                for index in range(processes)
            ]
            results = [json.loads(worker.communicate(timeout=900)[0]) for worker in workers]
            wall = time.perf_counter() - started
            check = stored_check(
                url, [f"R{index}-{n}" for index in range(processes) for n in range(share)], SERVER_LIMIT
            )
    return {
        "processes": processes,
        "codes": share * processes,
        "requests": sum(result["requests"] for result in results),
        "429s": sum(result["429s"] for result in results),
        "wall_seconds": round(wall, 2),
        **check,
    }


def stricter_server(codes: int, shared_codes: int, shared_runs: int = 5) -> dict[str, Any]:
    """Every figure of this module; the three processes `shared_runs` times in a row (the 429s of each run bounded)."""
    shared = [processes_run(shared_codes, 3) for _ in range(shared_runs)]
    return {
        "server_limit": "20 requests per 2 s",
        "client_limit": "RateLimit(200, 30)",
        "call_size": CALL,
        "eight_threads": {
            "adaptive": threads_run(codes, 8, CLIENT, "A"),
            "not_adaptive": threads_run(codes, 8, attrs.evolve(CLIENT, adaptive=False), "F"),
        },
        "three_processes_redis": shared[0],
        "three_processes_redis_429s_per_run": [run.get("429s") for run in shared],
    }


def print_figures(figures: dict[str, Any]) -> None:
    """The lines `make bench` prints."""
    print(f"a stricter server ({figures['server_limit']}, client {figures['client_limit']}, calls of 50):")
    for name, run in figures["eight_threads"].items():
        print(
            f"  8 threads, {run['codes']:,} codes, {name:<12} 429s {run['429s']:>4} of {run['requests']} requests "
            f"in {run['wall_seconds']:.1f} s  lost {run['lost']} duplicated {run['duplicated']}"
        )
    shared = figures["three_processes_redis"]
    if "skipped" in shared:
        print(f"  three processes sharing Redis: skipped ({shared['skipped']})")
    else:
        print(
            f"  three processes sharing Redis, {shared['codes']:,} codes: 429s {shared['429s']} of "
            f"{shared['requests']} requests in {shared['wall_seconds']:.1f} s  "
            f"lost {shared['lost']} duplicated {shared['duplicated']}; 429s in each of "
            f"{len(figures['three_processes_redis_429s_per_run'])} runs in a row: "
            f"{figures['three_processes_redis_429s_per_run']}"
        )
