"""`make bench`, the walk from a token to every code, and reading vouchers.

1. The walk: a property of S services, V vouchers (spread over them) and C codes (spread over the vouchers), read
   from the token alone: services/getAll, vouchers/getAll for every service, voucherCodes/getAll for every
   voucher. `MewsClient` (`client.vouchers.get_all()`, then `client.voucher_codes.get_all(ids)`) against plain
   httpx doing the same requests, 4 at a time where there is more than one stream; wall time against a sandbox
   with 5 ms of latency, contenders alternating, the median of their ratios.
2. Reading N vouchers of one service in pages of 1000: client CPU per 1000 vouchers, `get_all` against plain httpx
   reading every field from `response.json()` (the floor), as the voucher-code reading figure does.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from bench_throughput import CREDENTIALS, alternating, sandbox

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, ENTERPRISE_A
from mews_wrapper import AsyncMewsClient, MewsClient, NewVoucherCode

BASE = {"ClientToken": DEMO_CLIENT_TOKEN, "AccessToken": DEMO_ACCESS_TOKEN, "Client": "bench"}
API = "/api/connector/v1/"
VOUCHER_FIELDS = (
    "Id", "ServiceId", "EnterpriseId", "Name", "Type", "CompanyId", "TravelAgencyId", "OccupiableIntervalStartUtc",
    "OccupiableIntervalEndUtc", "ExternalIdentifier", "IsActive", "CreatedUtc", "UpdatedUtc",
)  # fmt: skip
CODE_FIELDS = ("Id", "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc", "IsActive")


def property_config(services: int, vouchers: int) -> tuple[str, list[str]]:
    """A --config file with `services` bookable services and `vouchers` vouchers spread over them; the voucher ids."""
    service_ids = [str(uuid.UUID(int=900_000 + n, version=4)) for n in range(services)]
    voucher_ids = [str(uuid.UUID(int=1_000_000 + n, version=4)) for n in range(vouchers)]
    config = {
        "services": {
            service_id: {"enterprise_id": ENTERPRISE_A, "names": {"en-US": f"Service {n}"}}
            for n, service_id in enumerate(service_ids)
        },
        "vouchers": {
            voucher_id: {"enterprise_id": ENTERPRISE_A, "service_id": service_ids[n % services], "name": f"Offer {n}"}
            for n, voucher_id in enumerate(voucher_ids)
        },
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(config, file)
    return file.name, voucher_ids


async def _paged(http: httpx.AsyncClient, url: str, operation: str, body: dict[str, Any], key: str) -> list[Any]:
    """Every item of one paged read, as plain dicts."""
    items: list[Any] = []
    cursor = None
    while True:
        sent = {**BASE, **body, "Limitation": {"Count": 1000, "Cursor": cursor}}
        response = await http.post(url + API + operation, json=sent, headers={"Prefer": "return=minimal"})
        if response.status_code == 204:
            return items
        response.raise_for_status()
        page = response.json()
        found = page[key] or []
        items.extend(found)
        if len(found) < 1000:
            return items
        cursor = page["Cursor"]


async def plain_walk(url: str) -> int:
    """Plain httpx: services, their vouchers, the vouchers' codes (voucher ids in chunks of 1000, 4 streams at once)."""
    async with httpx.AsyncClient(timeout=120) as http:
        services = await _paged(http, url, "services/getAll", {}, "Services")
        service_ids = [service["Id"] for service in services]
        extent = {"Vouchers": True, "VoucherAssignments": False, "Rates": False}
        vouchers = await _paged(http, url, "vouchers/getAll", {"ServiceIds": service_ids, "Extent": extent}, "Vouchers")
        ids = [voucher["Id"] for voucher in vouchers]
        chunks = [ids[start : start + 1000] for start in range(0, len(ids), 1000)]
        gate = asyncio.Semaphore(4)

        async def stream(chunk: list[str]) -> int:
            async with gate:
                codes = await _paged(http, url, "voucherCodes/getAll", {"VoucherIds": chunk}, "VoucherCodes")
                return sum(1 for code in codes if [code[name] for name in CODE_FIELDS])

        return sum(await asyncio.gather(*(stream(chunk) for chunk in chunks)))


async def wrapper_walk(url: str) -> int:
    """`AsyncMewsClient`: every voucher the token reaches, then every code of them."""
    async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
        ids = [voucher.id async for voucher in client.vouchers.get_all()]
        return sum([1 async for _ in client.voucher_codes.get_all(ids)])


def fill(url: str, voucher_ids: list[str], codes: int) -> None:
    """`codes` codes spread over the vouchers."""
    batch = [NewVoucherCode(voucher_ids[n % len(voucher_ids)], f"WALK-{n:07d}") for n in range(codes)]

    async def add() -> None:
        async with AsyncMewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
            await client.voucher_codes.add(batch)

    asyncio.run(add())


def walk(services: int, vouchers: int, codes: int, rounds: int, latency: float) -> dict[str, Any]:
    """Figure 1."""
    config, voucher_ids = property_config(services, vouchers)
    try:
        with sandbox("--config", config, "--rate-limit", "0", "--latency", str(latency)) as url:
            fill(url, voucher_ids, codes)
            contenders: dict[str, Callable[[], int]] = {
                "plain_httpx": lambda: asyncio.run(plain_walk(url)),
                "walk": lambda: asyncio.run(wrapper_walk(url)),
            }
            seconds = alternating(contenders, rounds, time.perf_counter, codes)
    finally:
        Path(config).unlink()
    ratios = [ours / plain for ours, plain in zip(seconds["walk"], seconds["plain_httpx"], strict=True)]
    return {
        "services": services,
        "vouchers": vouchers,
        "codes": codes,
        "wall_seconds": {name: [round(value, 3) for value in values] for name, values in seconds.items()},
        "x_plain_httpx_median": round(statistics.median(ratios), 3),
    }


def plain_vouchers(url: str, service_id: str) -> int:
    """Plain httpx: every voucher of the service, every field read from the dicts."""
    read = 0
    with httpx.Client(timeout=120) as http:
        cursor = None
        extent = {"Vouchers": True, "VoucherAssignments": False, "Rates": False}
        while True:
            body = {
                **BASE,
                "ServiceIds": [service_id],
                "Extent": extent,
                "Limitation": {"Count": 1000, "Cursor": cursor},
            }
            page = http.post(url + API + "vouchers/getAll", json=body).json()
            found = page["Vouchers"] or []
            read += sum(1 for voucher in found if [voucher.get(name) for name in VOUCHER_FIELDS])
            if len(found) < 1000:
                return read
            cursor = page["Cursor"]


def wrapper_vouchers(url: str, service_id: str) -> int:
    """`MewsClient.vouchers.get_all`, every public field read."""
    with MewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
        return sum(
            1
            for voucher in client.vouchers.get_all([service_id])
            if (voucher.id, voucher.name, voucher.type, voucher.is_active, voucher.created_utc, voucher.updated_utc)
        )


def reading_vouchers(count: int, rounds: int) -> dict[str, Any]:
    """Figure 2."""
    config, _ = property_config(1, count)
    service_id = str(uuid.UUID(int=900_000, version=4))
    try:
        with sandbox("--config", config, "--rate-limit", "0") as url:
            contenders: dict[str, Callable[[], int]] = {
                "plain_httpx": lambda: plain_vouchers(url, service_id),
                "get_all": lambda: wrapper_vouchers(url, service_id),
            }
            cpu = alternating(contenders, rounds, time.process_time, count)
    finally:
        Path(config).unlink()
    ratios = [ours / plain for ours, plain in zip(cpu["get_all"], cpu["plain_httpx"], strict=True)]
    return {
        "vouchers": count,
        "cpu_ms_per_1000_vouchers_median": {
            name: round(statistics.median(values) * 1000 / (count / 1000), 3) for name, values in cpu.items()
        },
        "x_plain_httpx_median": round(statistics.median(ratios), 3),
    }


def print_figures(walked: dict[str, Any], read: dict[str, Any]) -> None:
    """The lines `make bench` prints."""
    print(
        f"the walk, {walked['services']} services, {walked['vouchers']} vouchers, {walked['codes']:,} codes: "
        f"x plain concurrent httpx {walked['x_plain_httpx_median']:.2f}"
    )
    per = read["cpu_ms_per_1000_vouchers_median"]
    print(
        f"vouchers/getAll, {read['vouchers']:,} vouchers: get_all {per['get_all']:.2f} CPU ms per 1000 against "
        f"plain httpx {per['plain_httpx']:.2f}, x {read['x_plain_httpx_median']:.2f}"
    )
