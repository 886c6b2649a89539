"""`make bench`, the xlsx export's memory: the peak resident size of `mews-vouchers export -o codes.xlsx` for N codes.

Measured as `bench_import` measures the import: the command as its own process (its entry point), against a
sandbox in another process seeded with the codes and no rate limit, its `VmHWM` read by itself as it ends. The
same export to CSV is the floor (it holds one page at a time); the workbook is written in openpyxl's write-only
mode, whose rows go to a temporary file, so what grows with N is openpyxl's table of distinct strings (every value
and id), not a workbook in memory. Two sizes give the growth per code.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_import import RUN_AND_MEASURE, command_env
from bench_throughput import sandbox

from mews_sandbox import VOUCHER_A


def peak_of_export(codes: int, file_format: str) -> dict[str, Any]:
    """Export `codes` seeded codes to a file in `file_format`; the command's peak RSS, elapsed time, file size."""
    with tempfile.TemporaryDirectory() as folder, sandbox("--rate-limit", "0", "--seed-codes", str(codes)) as url:
        target = Path(folder) / f"codes.{file_format}"
        done = subprocess.run(
            [sys.executable, "-c", RUN_AND_MEASURE, "export", VOUCHER_A, "-o", str(target), "--json", "--quiet"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=command_env(url),
            check=True,
        )
        size = target.stat().st_size
    peak = int(done.stderr.decode().strip().splitlines()[-1])
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert summary["exported"] == codes, summary
    return {
        "codes": codes,
        "format": file_format,
        "peak_rss_bytes": peak,
        "elapsed_seconds": summary["elapsed_seconds"],
        "file_bytes": size,
    }


def xlsx_export_memory(codes: int) -> dict[str, Any]:
    """xlsx for `codes` and a tenth of them, CSV for `codes` (the floor), and the xlsx growth per code."""
    small, large = peak_of_export(max(1, codes // 10), "xlsx"), peak_of_export(codes, "xlsx")
    floor = peak_of_export(codes, "csv")
    growth = (large["peak_rss_bytes"] - small["peak_rss_bytes"]) / (large["codes"] - small["codes"])
    return {
        "runs": [small, large, floor],
        "growth_bytes_per_code": round(growth, 1),
        "xlsx_over_csv_peak": round(large["peak_rss_bytes"] / floor["peak_rss_bytes"], 2),
    }


def print_figures(figures: dict[str, Any]) -> None:
    """The line `make bench` prints."""
    small, large, floor = figures["runs"]
    print(
        f"xlsx export memory: peak {large['peak_rss_bytes'] / 1e6:.0f} MB for {large['codes']:,} codes "
        f"({small['peak_rss_bytes'] / 1e6:.0f} MB for {small['codes']:,}; "
        f"{figures['growth_bytes_per_code']:.0f} B per code; CSV {floor['peak_rss_bytes'] / 1e6:.0f} MB, "
        f"{figures['xlsx_over_csv_peak']}x); {large['elapsed_seconds']:.1f} s vs CSV {floor['elapsed_seconds']:.1f} s"
    )


if __name__ == "__main__":
    result = xlsx_export_memory(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    print_figures(result)
