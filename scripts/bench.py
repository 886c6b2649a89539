"""`make bench`: what the client costs, measured against the floor in the same run, written to reports/bench.json.

Reading (getAll): client CPU (`time.process_time()` of this process; the sandbox runs in its own process, every
import is done before the clock) to page through the same codes, every public field of every code read, for:
- plain httpx, sync and async: the same requests, `response.json()`, each field read from the dicts (the floor);
- the generated client alone (`sync_detailed`, its models, each field read);
- `MewsClient.get_all` and `AsyncMewsClient.get_all`.
The contenders alternate within each round, and every figure is a ratio to the floor of the same round (the median
over 9 rounds is reported: a round's ratio moves by 10-20 % here), so a noisy shared machine moves the absolute
figures, not the comparison.

Memory: peak traced memory while `get_all` streams 10,000 codes and while it streams 200,000: the growth must stay
well under 10 MB (about one page is held at a time). The reading contenders run without the rate limiter (the
sandbox has none here): they measure CPU, not pacing.

Throughput (`bench_throughput.py`): bulk add at the rate-limit floor with the limiter on and off, the same with four
processes sharing the window in Redis, and getAll over several streams against plain concurrent httpx.
A stricter Mews (`bench_stricter.py`): 8 threads and three processes (Redis) against a server of 20 per 2 s, with
the adaptive limiter and without. The import's memory (`bench_import.py`): the peak RSS of `mews-vouchers import`;
workbooks (`bench_workbooks.py`): the xlsx export and the xlsx import dry run against the same with CSV, time and
peak RSS.
The walk (`bench_walk.py`): from a token to every code of a property (services, vouchers, codes) against plain
concurrent httpx, and reading vouchers against the plain httpx floor.

`--smoke` runs every contender once on a few codes, so that `make test` keeps this script working.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import gc
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
from mews_connector_client import Client as GeneratedClient
from mews_connector_client.api.voucher_codes import voucher_codes_get_all
from mews_connector_client.models import Limitation, VoucherCodeFilterParameters, VoucherCodeResult
from mews_connector_client.types import UNSET

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A
from mews_wrapper import AsyncMewsClient, MewsClient, VoucherCode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_campaign  # the sibling scripts, found once their folder is on the path
import bench_import
import bench_instructions
import bench_stricter
import bench_throughput as throughput
import bench_walk
import bench_warehouse
import bench_workbooks

ROOT = Path(__file__).resolve().parents[1]
GET_ALL_PATH = "/api/connector/v1/voucherCodes/getAll"
FIELDS = ("Id", "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc", "IsActive")


def start_sandbox(seed_codes: int) -> tuple[subprocess.Popen[str], str]:
    """The sandbox in its own process, seeded, without a rate limit."""
    command = [sys.executable, "-m", "mews_sandbox", "--port", "0", "--seed", "1", "--rate-limit", "0"]
    process = subprocess.Popen([*command, "--seed-codes", str(seed_codes)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        raise SystemExit(f"the sandbox did not start: {line!r}")
    return process, line.removeprefix("listening on ")


def request_body(page_size: int, cursor: str | None) -> dict[str, Any]:
    return {
        "ClientToken": DEMO_CLIENT_TOKEN,
        "AccessToken": DEMO_ACCESS_TOKEN,
        "Client": "bench",
        "VoucherIds": [VOUCHER_A],
        "Limitation": {"Count": page_size, "Cursor": cursor},
    }


def read_dict(code: dict[str, Any]) -> None:
    for name in FIELDS:
        code[name]


def read_public(code: VoucherCode) -> None:
    (code.id, code.voucher_id, code.value, code.validity_start_utc, code.validity_end_utc)  # noqa: B018
    (code.created_utc, code.updated_utc, code.is_active, code.extra)  # noqa: B018


class Readers:
    """Each contender reads `total` codes in pages of `page_size` and returns how many it read."""

    def __init__(self, url: str, total: int, page_size: int) -> None:
        self.url, self.total, self.page_size = url, total, page_size

    def plain_httpx(self) -> int:
        count, cursor = 0, None
        with httpx.Client() as http:
            while count < self.total:
                page = http.post(self.url + GET_ALL_PATH, json=request_body(self.page_size, cursor)).json()
                for code in page["VoucherCodes"]:
                    read_dict(code)
                count += len(page["VoucherCodes"])
                cursor = page["Cursor"]
        return count

    def plain_httpx_async(self) -> int:
        async def run() -> int:
            count, cursor = 0, None
            async with httpx.AsyncClient() as http:
                while count < self.total:
                    response = await http.post(self.url + GET_ALL_PATH, json=request_body(self.page_size, cursor))
                    page = response.json()
                    for code in page["VoucherCodes"]:
                        read_dict(code)
                    count += len(page["VoucherCodes"])
                    cursor = page["Cursor"]
            return count

        return asyncio.run(run())

    def generated_client(self) -> int:
        count, cursor = 0, UNSET
        with GeneratedClient(base_url=self.url) as client:
            while count < self.total:
                body = VoucherCodeFilterParameters(
                    client_token=DEMO_CLIENT_TOKEN,
                    access_token=DEMO_ACCESS_TOKEN,
                    client="bench",
                    voucher_ids=[VOUCHER_A],  # type: ignore[list-item]
                    limitation=Limitation(count=self.page_size, cursor=cursor),
                )
                parsed = voucher_codes_get_all.sync_detailed(client=client, body=body, prefer=UNSET).parsed
                assert isinstance(parsed, VoucherCodeResult)
                for code in parsed.voucher_codes:
                    (code.id, code.voucher_id, code.value, code.validity_start_utc, code.validity_end_utc)  # noqa: B018
                    (code.created_utc, code.updated_utc, code.is_active, code.activity_state)  # noqa: B018
                count += len(parsed.voucher_codes)
                cursor = parsed.cursor  # type: ignore[assignment]
        return count

    def get_all(self) -> int:
        count = 0
        with MewsClient(DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=self.url, rate_limit=None) as client:
            codes = client.voucher_codes.get_all([VOUCHER_A], page_size=self.page_size)
            for count, code in enumerate(itertools.islice(codes, self.total), 1):  # noqa: B007 - counted, returned
                read_public(code)
        return count

    def get_all_async(self) -> int:
        async def run() -> int:
            count = 0
            async with AsyncMewsClient(
                DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=self.url, rate_limit=None
            ) as client:
                async for code in client.voucher_codes.get_all([VOUCHER_A], page_size=self.page_size):
                    read_public(code)
                    count += 1
                    if count == self.total:  # async iterators have no islice
                        break
            return count

        return asyncio.run(run())


def cpu_seconds(work: Callable[[], int], expected: int) -> float:
    gc.collect()
    started = time.process_time()
    count = work()
    elapsed = time.process_time() - started
    assert count == expected, (work, count, expected)
    return elapsed


def measure_reading(url: str, total: int, page_size: int, rounds: int) -> dict[str, Any]:
    """CPU per contender per round, and each contender's ratio to plain httpx in the same round."""
    readers = Readers(url, total, page_size)
    contenders: dict[str, Callable[[], int]] = {
        "plain_httpx": readers.plain_httpx,
        "plain_httpx_async": readers.plain_httpx_async,
        "generated_client": readers.generated_client,
        "get_all": readers.get_all,
        "get_all_async": readers.get_all_async,
    }
    for work in contenders.values():  # warm up: connections, caches, first-call costs
        cpu_seconds(work, total)
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    for round_number in range(rounds):
        order = list(contenders) if round_number % 2 == 0 else list(reversed(contenders))
        for name in order:
            seconds[name].append(cpu_seconds(contenders[name], total))
    floor = seconds["plain_httpx"]
    return {
        "codes": total,
        "page_size": page_size,
        "rounds": rounds,
        "cpu_ms_per_1000_codes_median": {
            name: round(statistics.median(values) / total * 1000 * 1000, 3) for name, values in seconds.items()
        },
        "ratio_to_plain_httpx_median": {
            name: round(statistics.median(value / base for value, base in zip(values, floor, strict=True)), 2)
            for name, values in seconds.items()
        },
        "cpu_seconds_per_round": {name: [round(value, 4) for value in values] for name, values in seconds.items()},
    }


def peak_streaming(url: str, codes: int, page_size: int) -> int:
    """Peak traced memory while `get_all` streams `codes` codes, each read and dropped."""
    gc.collect()
    tracemalloc.start()
    count = Readers(url, codes, page_size).get_all()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == codes
    return peak


def import_seconds(module: str, runs: int = 5) -> float:
    """Wall time of `import module` in a fresh interpreter (best of `runs`)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return min(float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(runs))


def command_seconds(argv: list[str], runs: int = 5) -> float:
    """Wall time of a fresh interpreter running `argv` to its end (best of `runs`), output discarded."""
    best = math.inf
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def start_up(runs: int) -> dict[str, float]:
    """`import httpx` and `import mews_wrapper` timed inside, and two whole processes: `python -c "import httpx"`
    against `mews-vouchers --help` (what a user waits for)."""
    figures = {name: import_seconds(name, runs) for name in ("httpx", "mews_wrapper")}
    figures["python_c_import_httpx"] = command_seconds(["-c", "import httpx"], runs)
    figures["mews_vouchers_help"] = command_seconds(["-m", "mews_vouchers", "--help"], runs)
    return figures


def environment() -> dict[str, Any]:
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "versions": {name: version(name) for name in ("httpx", "attrs", "msgspec", "mews-wrapper")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="reports/bench.json")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--reading-rounds", type=int, default=9, help="rounds of the reading CPU figures (rounds here vary by 10-20 %%)"
    )
    parser.add_argument("--codes", type=int, default=100_000, help="codes read per contender per round")
    parser.add_argument("--memory-codes", type=int, default=200_000, help="the longer stream of the memory figure")
    parser.add_argument("--bulk-codes", type=int, default=60_000, help="codes of the bulk-add figures")
    parser.add_argument("--bulk-rounds", type=int, default=3, help="rounds of the bulk-add figure")
    parser.add_argument("--stream-vouchers", type=int, default=5_000, help="voucher ids of the multi-stream figure")
    parser.add_argument("--import-rows", type=int, default=200_000, help="rows of the import-memory figure")
    parser.add_argument("--stricter-codes", type=int, default=20_000, help="codes of the stricter-server figure")
    parser.add_argument("--import-runs", type=int, default=5, help="fresh interpreters per import figure (best of)")
    parser.add_argument("--walk-codes", type=int, default=100_000, help="codes of the walk (10 services, 200 vouchers)")
    parser.add_argument("--read-vouchers", type=int, default=100_000, help="vouchers of the voucher-reading figure")
    parser.add_argument("--workbook-codes", type=int, default=100_000, help="codes of the workbook export figure")
    parser.add_argument("--workbook-rows", type=int, default=200_000, help="rows of the workbook import figure")
    parser.add_argument("--campaign-vouchers", type=int, default=1_000, help="vouchers created and read back")
    parser.add_argument("--find-codes", type=int, default=100_000, help="codes of the find figure (200 vouchers)")
    parser.add_argument("--find-values", type=int, default=1_000, help="values the find figure looks for")
    parser.add_argument("--warehouse-codes", type=int, default=100_000, help="codes of the warehouse figures")
    parser.add_argument("--smoke", action="store_true", help="a few codes, one round: proves the script runs")
    parser.add_argument(
        "--only",
        metavar="FIGURE,...",
        help="make only these figures (voucher_writes, find_codes, walk, ...) and update them in --out's report",
    )
    args = parser.parse_args()
    if args.smoke:  # every figure made once, as fast as it can be: make test runs it to keep the script working
        args.rounds, args.reading_rounds, args.codes, args.memory_codes, args.import_runs = 1, 1, 2_000, 4_000, 1
        args.bulk_codes, args.bulk_rounds, args.stream_vouchers, args.stricter_codes = 2_000, 1, 2_000, 600
        args.import_rows, args.walk_codes, args.read_vouchers, args.workbook_codes = 1_000, 2_000, 1_500, 500
        args.workbook_rows = 1_000
        args.campaign_vouchers, args.find_codes, args.find_values, args.warehouse_codes = 50, 2_000, 20, 1_500
    page_size = 1000
    short_stream = min(10_000, args.memory_codes // 2)
    limit, window, latency = (20, 2.0, 0.05) if not args.smoke else (2, 0.3, 0.01)

    def bulk_figures() -> tuple[dict[str, Any], dict[str, Any]]:
        bulk = throughput.bulk_add(args.bulk_codes, limit, window, latency, args.bulk_rounds)
        floor = statistics.median(bulk["floor_seconds"])
        return bulk, throughput.shared_redis(
            args.bulk_codes, limit, window, latency, 4, floor, 1.0 if args.smoke else 2.0
        )

    others: dict[str, Callable[[], Any]] = {
        "bulk": bulk_figures,
        "streams": lambda: throughput.multi_stream(args.stream_vouchers, 2, 500, latency, args.rounds),
        "stricter": lambda: bench_stricter.stricter_server(
            args.stricter_codes, args.stricter_codes // 2, 1 if args.smoke else 5
        ),
        "import_memory": lambda: bench_import.import_memory(args.import_rows),
        "workbooks": lambda: bench_workbooks.workbooks(args.workbook_codes, args.workbook_rows, min(args.rounds, 2)),
        "import_seconds": lambda: start_up(args.import_runs),
        "walk": lambda: bench_walk.walk(10, 200, args.walk_codes, args.rounds, 0.005),
        "reading_vouchers": lambda: bench_walk.reading_vouchers(args.read_vouchers, args.reading_rounds),
        "voucher_writes": lambda: bench_campaign.voucher_writes(args.campaign_vouchers, args.rounds, 0.005),
        "find_codes": lambda: bench_campaign.finding(10, 200, args.find_codes, args.find_values, args.rounds, 0.005),
        "warehouse": lambda: bench_warehouse.warehouse(args.warehouse_codes, limit, window, 0.005),
    }

    def on_a_sandbox(measure: Callable[[str], dict[str, Any]], codes: int) -> Callable[[], dict[str, Any]]:
        def run() -> dict[str, Any]:
            process, url = start_sandbox(codes)
            try:
                return measure(url)
            finally:
                process.terminate()
                process.wait(timeout=10)

        return run

    instruction_codes = 20_000
    others["reading_instructions"] = (
        (lambda: {"skipped": "not in a smoke run (valgrind takes a minute)"})
        if args.smoke
        else on_a_sandbox(
            lambda url: bench_instructions.reading_instructions(url, instruction_codes), instruction_codes
        )
    )
    if args.only:
        # in a full run, the reading is measured first, with the memory figure
        others["reading"] = on_a_sandbox(
            lambda url: measure_reading(url, args.codes, page_size, args.reading_rounds), args.codes
        )
        names = args.only.split(",")
        kept_apart = {"bulk"}  # written as two figures
        keys = {"streams": "get_all_streams", "stricter": "stricter_server"}  # the report's names for them
        if unknown := [name for name in names if name not in others or name in kept_apart]:
            parser.error(f"--only makes {', '.join(sorted(set(others) - kept_apart))}; not {', '.join(unknown)}")
        return remake(args.out, {keys.get(name, name): others[name] for name in names})
    # The smoke run judges no figure, so its independent figures (each waiting mostly on processes of its own) run at
    # once, beside the reading; a real run makes them one after another, so that none disturbs another's figure.
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(others) if args.smoke else 1) as pool:
        pending = {name: pool.submit(make) for name, make in others.items()} if args.smoke else {}
        process, url = start_sandbox(max(args.codes, args.memory_codes))
        try:
            reading = measure_reading(url, args.codes, page_size, args.reading_rounds)
            short_peak, long_peak = (
                peak_streaming(url, short_stream, page_size),
                peak_streaming(url, args.memory_codes, page_size),
            )
        finally:
            process.terminate()
            process.wait(timeout=10)
        made = {name: (pending[name].result() if name in pending else make()) for name, make in others.items()}
    bulk, shared = made["bulk"]
    figures = {
        "environment": environment(),
        "reading": reading,
        "bulk_add": bulk,
        "bulk_add_four_processes_redis": shared,
        "get_all_streams": made["streams"],
        "stricter_server": made["stricter"],
        "import_memory": made["import_memory"],
        "workbooks": made["workbooks"],
        "memory": {
            "streamed_codes": [short_stream, args.memory_codes],
            "peak_bytes": [short_peak, long_peak],
            "growth_bytes": long_peak - short_peak,
        },
        "import_seconds": made["import_seconds"],
        "reading_instructions": made["reading_instructions"],
        "walk": made["walk"],
        "reading_vouchers": made["reading_vouchers"],
        "voucher_writes": made["voucher_writes"],
        "find_codes": made["find_codes"],
        "warehouse": made["warehouse"],
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print_table(figures)
    print(f"\nwritten to {out}")
    return 0


def remake(report: str, makers: dict[str, Callable[[], Any]]) -> int:
    """Make some figures again, one after another, and write them into the existing report (the rest kept)."""
    out = Path(report)
    figures = json.loads(out.read_text(encoding="utf-8"))
    figures["environment"] = environment()
    for name, make in makers.items():
        figures[name] = make()
        print(f"{name}: {json.dumps(figures[name])}")
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {out}")
    return 0


def print_table(figures: dict[str, Any]) -> None:
    reading = figures["reading"]
    print(f"getAll, {reading['codes']:,} codes in pages of {reading['page_size']}, {reading['rounds']} rounds")
    print(f"{'contender':<20} {'CPU ms / 1000 codes':>20} {'x plain httpx':>14}")
    for name, per_thousand in reading["cpu_ms_per_1000_codes_median"].items():
        print(f"{name:<20} {per_thousand:>20.3f} {reading['ratio_to_plain_httpx_median'][name]:>14.2f}")
    bench_instructions.print_figures(figures["reading_instructions"])
    memory = figures["memory"]
    print(
        f"memory: peak {memory['peak_bytes'][0] / 1e6:.1f} MB streaming {memory['streamed_codes'][0]:,} codes, "
        f"{memory['peak_bytes'][1] / 1e6:.1f} MB streaming {memory['streamed_codes'][1]:,} "
        f"(growth {memory['growth_bytes'] / 1e6:.2f} MB)"
    )
    bulk = figures["bulk_add"]
    print(
        f"\nbulk add, {bulk['codes']:,} codes, server limit {bulk['server_limit']}, {bulk['latency_seconds']} s latency"
    )
    print(f"floor {statistics.median(bulk['floor_seconds']):.2f} s")
    for name, runs in bulk["runs"].items():
        last = runs[-1]
        print(
            f"{name:<20} x floor {bulk['x_floor_median'][name]:.2f}  429s {[run['429s'] for run in runs]}  "
            f"lost {last['lost']} duplicated {last['duplicated']} not placed {last['not_placed']}"
        )
    shared = figures["bulk_add_four_processes_redis"]
    if "skipped" in shared:
        print(f"four processes sharing Redis: skipped ({shared['skipped']})")
    else:
        print(
            f"four processes sharing Redis: x floor {shared['x_floor']:.2f}  429s {shared['429s']}  "
            f"lost {shared['lost']} duplicated {shared['duplicated']}"
        )
    streams = figures["get_all_streams"]
    print(
        f"get_all over {streams['voucher_ids']:,} voucher ids ({streams['streams']} streams), "
        f"{streams['latency_seconds']} s latency: x plain concurrent httpx {streams['x_plain_httpx_median']:.2f}"
    )
    bench_stricter.print_figures(figures["stricter_server"])
    bench_import.print_figures(figures["import_memory"])
    bench_workbooks.print_figures(figures["workbooks"])
    bench_walk.print_figures(figures["walk"], figures["reading_vouchers"])
    bench_campaign.print_figures(figures["voucher_writes"], figures["find_codes"])
    bench_warehouse.print_figures(figures["warehouse"])
    imports = figures["import_seconds"]
    print(
        f"import: httpx {imports['httpx'] * 1000:.0f} ms, mews_wrapper {imports['mews_wrapper'] * 1000:.0f} ms "
        f"({imports['mews_wrapper'] / imports['httpx']:.2f}x); mews-vouchers --help "
        f"{imports['mews_vouchers_help'] * 1000:.0f} ms against python -c 'import httpx' "
        f"{imports['python_c_import_httpx'] * 1000:.0f} ms "
        f"({imports['mews_vouchers_help'] / imports['python_c_import_httpx']:.2f}x)"
    )


if __name__ == "__main__":
    sys.exit(main())
