"""`make bench`, workbooks against CSV: the export of N codes and the import dry run of M rows, time and peak memory.

Each command runs as its own process (its entry point), as `bench_import` measures the import: against a sandbox in
another process with no rate limit, its `VmHWM` read by itself as it ends, its time from its own `--json` summary.
The contenders alternate within each round (CSV, then the workbook) and the best of the rounds is kept, so that a
noisy shared machine moves both alike. The export reads the codes from the sandbox and writes them (`-o FILE`); the
import dry run reads a file of M new codes (text codes, datetime cells: what an export holds) and checks every row
against the voucher's codes, sending nothing. The workbook is written by the command's own writer, the CSV file by
this script, with the same rows.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_import import measured_command
from bench_throughput import sandbox

from mews_sandbox import VOUCHER_A
from mews_vouchers._files.xlsx_writer import TEXT, SheetWriter

_COLUMNS = ["VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc"]
_START, _END = dt.datetime(2026, 6, 1), dt.datetime(2026, 12, 31, 23, 59, 59)


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "elapsed_seconds": min(run["elapsed_seconds"] for run in runs),
        "peak_rss_bytes": min(run["peak_rss_bytes"] for run in runs),
        "elapsed_seconds_each": [run["elapsed_seconds"] for run in runs],
    }


def export_figure(codes: int, rounds: int) -> dict[str, Any]:
    """`export VOUCHER -o codes.xlsx` against `-o codes.csv`, `codes` codes, best of `rounds`."""
    runs: dict[str, list[dict[str, Any]]] = {"csv": [], "xlsx": []}
    with tempfile.TemporaryDirectory() as folder, sandbox("--rate-limit", "0", "--seed-codes", str(codes)) as url:
        for _ in range(rounds):
            for file_format, done in runs.items():
                target = Path(folder) / f"codes.{file_format}"
                run = measured_command(url, "export", VOUCHER_A, "-o", str(target))
                assert run["summary"]["exported"] == codes, run["summary"]
                done.append(run | {"file_bytes": target.stat().st_size})
    return _compared({"codes": codes}, runs)


def import_figure(rows: int, rounds: int) -> dict[str, Any]:
    """`import FILE --dry-run` of a workbook against the same rows as CSV, best of `rounds`."""
    runs: dict[str, list[dict[str, Any]]] = {"csv": [], "xlsx": []}
    with tempfile.TemporaryDirectory() as folder, sandbox("--rate-limit", "0") as url:
        files = {"csv": Path(folder) / "codes.csv", "xlsx": Path(folder) / "codes.xlsx"}
        _write_rows(files, rows)
        for _ in range(rounds):
            for file_format, done in runs.items():
                run = measured_command(url, "import", str(files[file_format]), "--dry-run")
                assert run["summary"]["would_add"] == rows, run["summary"]
                done.append(run | {"file_bytes": files[file_format].stat().st_size})
    return _compared({"rows": rows}, runs)


def _write_rows(files: dict[str, Path], rows: int) -> None:
    start, end = _START.isoformat() + "Z", _END.isoformat() + "Z"
    with files["csv"].open("w", encoding="utf-8") as out:
        out.write(",".join(_COLUMNS) + "\n")
        for number in range(rows):
            out.write(f"{VOUCHER_A},WB-{number:07d},{start},{end}\n")
    with files["xlsx"].open("wb") as binary, SheetWriter(binary, "Codes", _COLUMNS, [38, 20, 21, 21]) as sheet:
        styles = [0, TEXT, 0, 0]
        for number in range(rows):
            sheet.append([VOUCHER_A, f"WB-{number:07d}", _START, _END], styles)


def _compared(size: dict[str, int], runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    best = {name: _best(each) | {"file_bytes": each[-1]["file_bytes"]} for name, each in runs.items()}
    csv, xlsx = best["csv"], best["xlsx"]
    return size | {
        "runs": best,
        "xlsx_x_csv_seconds": round(xlsx["elapsed_seconds"] / csv["elapsed_seconds"], 2),
        "xlsx_peak_over_csv_bytes": xlsx["peak_rss_bytes"] - csv["peak_rss_bytes"],
    }


def workbooks(export_codes: int, import_rows: int, rounds: int) -> dict[str, Any]:
    """Both figures, as `reports/bench.json` keeps them under `workbooks`."""
    return {"export": export_figure(export_codes, rounds), "import_dry_run": import_figure(import_rows, rounds)}


def print_figures(figures: dict[str, Any]) -> None:
    """The lines `make bench` prints."""
    for name, size in (("export", "codes"), ("import_dry_run", "rows")):
        figure = figures[name]
        csv, xlsx = figure["runs"]["csv"], figure["runs"]["xlsx"]
        print(
            f"workbooks, {name.replace('_', ' ')} of {figure[size]:,} {size}: xlsx {xlsx['elapsed_seconds']:.1f} s "
            f"vs CSV {csv['elapsed_seconds']:.1f} s ({figure['xlsx_x_csv_seconds']:.2f}x); peak "
            f"{xlsx['peak_rss_bytes'] / 1e6:.0f} MB vs {csv['peak_rss_bytes'] / 1e6:.0f} MB "
            f"({figure['xlsx_peak_over_csv_bytes'] / 1e6:+.0f} MB)"
        )


if __name__ == "__main__":
    print_figures(workbooks(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, 200_000, 2))
