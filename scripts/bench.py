"""`make bench`: throughput and memory of the client against a sandbox in its own process, written as figures.

Wall-clock numbers on a shared machine are noisy, so each figure comes with a ratio measured in the same run:
the wrapper against plain httpx sending the same requests and only decoding the JSON. Best of N runs.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A
from mews_wrapper import AsyncMewsClient, MewsClient, NewVoucherCode

ROOT = Path(__file__).resolve().parents[1]
SEEDED = 20_000
GET_ALL = "/api/connector/v1/voucherCodes/getAll"


def start_sandbox() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mews_sandbox",
            "--port",
            "0",
            "--seed",
            "1",
            "--seed-codes",
            str(SEEDED),
            "--rate-limit",
            "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        raise SystemExit(f"the sandbox did not start: {line!r}")
    return process, line.removeprefix("listening on ")


def best_of(runs: int, work: Callable[[], int]) -> tuple[float, int]:
    """The fastest of `runs` timings of `work`, and what it counted."""
    best, count = float("inf"), 0
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - started)
    return best, count


def raw_get_all(url: str, page_size: int) -> int:
    """Plain httpx: the same requests, JSON decoded, nothing else."""
    body: dict[str, Any] = {
        "ClientToken": DEMO_CLIENT_TOKEN,
        "AccessToken": DEMO_ACCESS_TOKEN,
        "Client": "bench",
        "VoucherIds": [VOUCHER_A],
        "Limitation": {"Count": page_size},
    }
    count = 0
    with httpx.Client() as http:
        while True:
            response = http.post(url + GET_ALL, json=body, headers={"Prefer": "return=minimal"})
            if response.status_code == 204:
                return count
            page = response.json()
            count += len(page["VoucherCodes"])
            if len(page["VoucherCodes"]) < page_size:
                return count
            body["Limitation"] = {"Count": page_size, "Cursor": page["Cursor"]}


def client(url: str) -> MewsClient:
    return MewsClient(DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url)


def wrapper_get_all(url: str, page_size: int) -> int:
    with client(url) as mews:
        return sum(1 for _ in mews.voucher_codes.get_all([VOUCHER_A], page_size=page_size))


def async_get_all(url: str, page_size: int) -> int:
    async def run() -> int:
        async with AsyncMewsClient(DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url) as mews:
            return len([code async for code in mews.voucher_codes.get_all([VOUCHER_A], page_size=page_size)])

    return asyncio.run(run())


def peak_memory(work: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="bench-results.json")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    process, url = start_sandbox()
    figures: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "codes_seeded": SEEDED,
        "runs_per_figure": args.runs,
    }
    try:
        raw_time, raw_count = best_of(args.runs, lambda: raw_get_all(url, 1000))
        sync_time, sync_count = best_of(args.runs, lambda: wrapper_get_all(url, 1000))
        async_time, async_count = best_of(args.runs, lambda: async_get_all(url, 1000))
        assert raw_count == sync_count == async_count == SEEDED, (raw_count, sync_count, async_count)
        figures["get_all_codes_per_second"] = {
            "raw_httpx": round(raw_count / raw_time),
            "sync": round(sync_count / sync_time),
            "async": round(async_count / async_time),
        }
        figures["get_all_time_ratio_vs_raw_httpx"] = {
            "sync": round(sync_time / raw_time, 2),
            "async": round(async_time / raw_time, 2),
        }
        small_time, _ = best_of(args.runs, lambda: wrapper_get_all(url, 100))
        raw_small, _ = best_of(args.runs, lambda: raw_get_all(url, 100))
        figures["get_all_page_100_time_ratio_vs_raw_httpx"] = round(small_time / raw_small, 2)

        def streamed() -> None:
            with client(url) as mews:
                for _ in mews.voucher_codes.get_all([VOUCHER_A], page_size=1000):
                    pass

        def materialised() -> None:
            with client(url) as mews:
                kept = list(mews.voucher_codes.get_all([VOUCHER_A], page_size=1000))
                assert len(kept) == SEEDED

        stream_peak, list_peak = peak_memory(streamed), peak_memory(materialised)
        figures["get_all_peak_memory_bytes"] = {"streamed": stream_peak, "materialised": list_peak}
        figures["get_all_streamed_over_materialised_memory"] = round(stream_peak / list_peak, 3)

        counter = iter(range(10**9))

        def add_5000() -> int:
            batch = next(counter)
            with client(url) as mews:
                return len(
                    mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"BENCH-{batch}-{n}") for n in range(5000)])
                )

        add_time, added = best_of(args.runs, add_5000)
        figures["add_codes_per_second"] = round(added / add_time)
    finally:
        process.terminate()
        process.wait(timeout=10)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
