"""`make bench`, the warehouse: the first load of N codes into DuckDB, and the incremental run after 1 % changed.

Against a sandbox in its own process, seeded with N codes on the demo voucher, 5 ms of latency and a rate limit of
`limit` requests per `window` seconds (Mews' 200 per 30 s, scaled down as the bulk figures are):
1. The first load (`mews_warehouse.load`, DuckDB, every table) against the rate-limit floor for the requests it made
   (the time the limit alone takes to let them through: nothing below a full window's worth, then a window per
   `limit` requests) and against `mews-vouchers export --all` to CSV of the same codes.
2. After 1 % of the codes changed (deleted: a new `UpdatedUtc`), the next run, as a fraction of the first run's
   requests and time. The runs' overlap is a second here (10 minutes by default), and the changes come after it,
   as a day's changes come long after the last run's overlap.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_import import command_env
from bench_throughput import CREDENTIALS, sandbox

from mews_sandbox import VOUCHER_A
from mews_wrapper import MewsClient, RateLimit


def floor_seconds(requests: int, limit: int, window: float) -> float:
    """The least time a sliding window of `limit` per `window` seconds lets `requests` requests through in."""
    return max(0, requests - limit) / limit * window


OVERLAP = dt.timedelta(seconds=1)
"""The overlap of the runs here (10 minutes by default): a day between runs shrinks to seconds in a benchmark."""


def _load(url: str, folder: Path, name: str, rate_limit: RateLimit | None) -> Any:
    import mews_warehouse  # noqa: PLC0415 - the dlt extra, only for these figures

    return mews_warehouse.load(
        destination=_duckdb(folder / f"{name}.duckdb"),
        pipeline_name=name,
        pipelines_dir=str(folder / "pipelines"),
        client_options={**CREDENTIALS, "platform_url": url, "rate_limit": rate_limit},
        overlap=OVERLAP,
    )


def warehouse(codes: int, limit: int, window: float, latency: float) -> dict[str, Any]:
    """Both figures: against the export and the incremental run on a sandbox without a limit, then the floor."""
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    seeded = ("--seed-codes", str(codes), "--latency", str(latency))
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        with sandbox(*seeded, "--rate-limit", "0") as url:
            time.sleep(2 * OVERLAP.total_seconds())  # the seeded codes are older than the overlap, as a day's are
            first = _load(url, here, "first", None)
            started = time.perf_counter()
            exported = subprocess.run(
                [sys.executable, "-m", "mews_vouchers", "export", "--all", "-o", str(here / "all.csv"), "--json"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                env={**command_env(url), "MEWS_VOUCHERS_CACHE": str(here / "cache")},
                check=True,
            )
            export_seconds = time.perf_counter() - started
            assert json.loads(exported.stdout.decode().splitlines()[-1])["exported"] == codes
            time.sleep(2 * OVERLAP.total_seconds())
            with MewsClient(**CREDENTIALS, platform_url=url, rate_limit=None) as client:
                changed = [code.id for code in client.voucher_codes.get_all([VOUCHER_A])][: max(1, codes // 100)]
                client.voucher_codes.delete(changed)
            second = _load(url, here, "first", None)
        with sandbox(*seeded, "--rate-limit", str(limit), "--rate-window", str(window)) as url:
            limited = _load(url, here, "limited", RateLimit(limit, window))
    assert first.rows["voucher_codes"] == limited.rows["voucher_codes"] == codes, (first.rows, limited.rows)
    floor = floor_seconds(limited.total_requests, limit, window)
    return {
        "codes": codes,
        "first_load": {
            "seconds": round(first.seconds, 2),
            "requests": first.total_requests,
            "export_all_csv_seconds": round(export_seconds, 2),
            "x_export_all_csv": round(first.seconds / export_seconds, 2),
        },
        "first_load_rate_limited": {
            "server_limit": f"{limit} per {window:g} s",
            "seconds": round(limited.seconds, 2),
            "requests": limited.total_requests,
            "floor_seconds": round(floor, 2),
            "x_floor": round(limited.seconds / floor, 2) if floor else None,
        },
        "after_one_percent_changed": {
            "changed_codes": len(changed),
            "rows": second.rows.get("voucher_codes", 0),
            "seconds": round(second.seconds, 2),
            "requests": second.total_requests,
            "fraction_of_first_requests": round(second.total_requests / first.total_requests, 3),
            "fraction_of_first_seconds": round(second.seconds / first.seconds, 3),
        },
    }


def _duckdb(path: Path) -> Any:
    import dlt  # noqa: PLC0415

    return dlt.destinations.duckdb(str(path))


def print_figures(figures: dict[str, Any]) -> None:
    """The lines `make bench` prints."""
    first, second = figures["first_load"], figures["after_one_percent_changed"]
    limited = figures["first_load_rate_limited"]
    floor = f"x the floor {limited['x_floor']:.2f}" if limited["x_floor"] else "within one window's burst"
    print(
        f"warehouse, first load of {figures['codes']:,} codes into DuckDB: {first['seconds']:.1f} s, "
        f"{first['requests']} requests, x export --all to CSV {first['x_export_all_csv']:.2f}; under "
        f"{limited['server_limit']}: {limited['seconds']:.1f} s ({floor})"
    )
    print(
        f"warehouse, after 1 % changed: {second['requests']} requests "
        f"({second['fraction_of_first_requests']:.1%} of the first run's), {second['seconds']:.1f} s "
        f"({second['fraction_of_first_seconds']:.1%})"
    )
