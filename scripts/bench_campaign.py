"""`make bench`, a campaign's calls: creating vouchers and reading them back, and finding codes by value.

1. Creating N vouchers (each with a rate) with `vouchers.add` and reading them back with their rates
   (`vouchers.get_all(voucher_ids=..., with_rates=True)`), against plain httpx sending the same requests
   (`vouchers/add` in chunks of 1000, then `vouchers/getAll` with the ids and the `VoucherAssignments` extent).
2. `voucher_codes.find` of V code values over a property of S services, N vouchers and C codes, against plain httpx
   doing the same requests: services/getAll, vouchers/getAll with `VoucherCodeValues`, then voucherCodes/getAll of
   the vouchers that hold one, keeping the codes whose value was asked for.
Both against a sandbox with 5 ms of latency and no rate limit, contenders alternating; wall time per round and the
median of the ratios of one round.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from bench_throughput import CREDENTIALS, alternating, sandbox
from bench_walk import API, BASE, _paged, fill, property_config

from mews_sandbox import DEMO_RATE, SERVICE_A
from mews_wrapper import AsyncMewsClient, MewsClient, NewVoucher

_ROUND = itertools.count()


def _names(count: int) -> list[str]:
    number = next(_ROUND)
    return [f"Bench {number}-{n:05d}" for n in range(count)]


def plain_writes(url: str, count: int) -> int:
    """Plain httpx: add `count` vouchers (chunks of 1000), then read them back with their assignments."""
    made: list[str] = []
    with httpx.Client(timeout=120) as http:
        names = _names(count)
        for start in range(0, count, 1000):
            vouchers = [
                {"ServiceId": SERVICE_A, "Name": name, "Type": "Public", "AssignedRateIds": [DEMO_RATE]}
                for name in names[start : start + 1000]
            ]
            answer = http.post(url + API + "vouchers/add", json={**BASE, "VoucherParameters": vouchers})
            answer.raise_for_status()
            made.extend(voucher["Id"] for voucher in answer.json()["Vouchers"])
        read = 0
        for start in range(0, len(made), 1000):
            cursor = None
            while True:
                body = {
                    **BASE,
                    "ServiceIds": [SERVICE_A],
                    "VoucherIds": made[start : start + 1000],
                    "Extent": {"Vouchers": True, "VoucherAssignments": True, "Rates": False},
                    "Limitation": {"Count": 1000, "Cursor": cursor},
                }
                page = http.post(url + API + "vouchers/getAll", json=body, headers={"Prefer": "return=minimal"})
                if page.status_code == 204:
                    break
                found = page.json()
                rates = {pair["VoucherId"]: pair["RateId"] for pair in found["VoucherAssignments"]}
                read += sum(1 for voucher in found["Vouchers"] if voucher["Name"] and rates.get(voucher["Id"]))
                if len(found["Vouchers"]) < 1000:
                    break
                cursor = found["Cursor"]
    return read


def wrapper_writes(url: str, count: int) -> int:
    """`MewsClient`: `vouchers.add`, then `vouchers.get_all(voucher_ids=..., with_rates=True)`."""
    with MewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
        made = client.vouchers.add([NewVoucher(SERVICE_A, name, rate_ids=[DEMO_RATE]) for name in _names(count)])
        ids = [voucher.id for voucher in made]
        return sum(
            1
            for voucher in client.vouchers.get_all([SERVICE_A], voucher_ids=ids, with_rates=True)
            if voucher.name and voucher.rate_ids
        )


def voucher_writes(count: int, rounds: int, latency: float) -> dict[str, Any]:
    """Figure 1."""
    with sandbox("--rate-limit", "0", "--latency", str(latency)) as url:
        contenders: dict[str, Callable[[], int]] = {
            "plain_httpx": lambda: plain_writes(url, count),
            "add_and_read_back": lambda: wrapper_writes(url, count),
        }
        seconds = alternating(contenders, rounds, time.perf_counter, count)
    ratios = [ours / plain for ours, plain in zip(seconds["add_and_read_back"], seconds["plain_httpx"], strict=True)]
    return {
        "vouchers": count,
        "wall_seconds": {name: [round(value, 3) for value in values] for name, values in seconds.items()},
        "x_plain_httpx_median": round(statistics.median(ratios), 3),
    }


async def plain_find(url: str, values: list[str]) -> int:
    """Plain httpx: the requests of `voucher_codes.find`, the matching codes kept."""
    wanted = set(values)
    async with httpx.AsyncClient(timeout=120) as http:
        services = await _paged(http, url, "services/getAll", {}, "Services")
        body = {
            "ServiceIds": [service["Id"] for service in services],
            "VoucherCodeValues": values,
            "Extent": {"Vouchers": True, "VoucherAssignments": False, "Rates": False},
        }
        holders = [voucher["Id"] for voucher in await _paged(http, url, "vouchers/getAll", body, "Vouchers")]
        found = 0
        for start in range(0, len(holders), 1000):
            chunk = {"VoucherIds": holders[start : start + 1000]}
            codes = await _paged(http, url, "voucherCodes/getAll", chunk, "VoucherCodes")
            found += sum(1 for code in codes if code["Value"] in wanted)
    return found


async def wrapper_find(url: str, values: list[str]) -> int:
    """`AsyncMewsClient.voucher_codes.find(values)`."""
    async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
        return len(await client.voucher_codes.find(values))


def finding(services: int, vouchers: int, codes: int, values: int, rounds: int, latency: float) -> dict[str, Any]:
    """Figure 2: `values` code values spread over every voucher (so every voucher's codes are read: the worst case)."""
    config, voucher_ids = property_config(services, vouchers)
    step = max(1, codes // values) + 1  # the codes are dealt to the vouchers in turn: a step prime to their number
    asked = sorted({f"WALK-{(k * step) % codes:07d}" for k in range(values)})  # lands on every voucher
    try:
        with sandbox("--config", config, "--rate-limit", "0", "--latency", str(latency)) as url:
            fill(url, voucher_ids, codes)
            contenders: dict[str, Callable[[], int]] = {
                "plain_httpx": lambda: asyncio.run(plain_find(url, asked)),
                "find": lambda: asyncio.run(wrapper_find(url, asked)),
            }
            seconds = alternating(contenders, rounds, time.perf_counter, len(asked))
    finally:
        Path(config).unlink()
    ratios = [ours / plain for ours, plain in zip(seconds["find"], seconds["plain_httpx"], strict=True)]
    return {
        "services": services,
        "vouchers": vouchers,
        "codes": codes,
        "values": len(asked),
        "wall_seconds": {name: [round(value, 3) for value in values] for name, values in seconds.items()},
        "x_plain_httpx_median": round(statistics.median(ratios), 3),
    }


def print_figures(writes: dict[str, Any], found: dict[str, Any]) -> None:
    """The lines `make bench` prints."""
    print(
        f"vouchers.add of {writes['vouchers']:,} vouchers and reading them back: "
        f"x plain httpx {writes['x_plain_httpx_median']:.2f}"
    )
    print(
        f"voucher_codes.find of {found['values']:,} values over {found['vouchers']} vouchers and "
        f"{found['codes']:,} codes: x plain httpx {found['x_plain_httpx_median']:.2f}"
    )
