"""`make bench`, the import's memory: the peak resident size of `mews-vouchers import` for a file of N rows.

The command runs as its own process (its entry point, `mews_vouchers.main`) against a sandbox in another process,
with no rate limit, so that the figure is the command's alone: its `VmHWM` (the peak resident size of its own
memory, which starts anew at exec; `ru_maxrss` would count the forking parent's pages too), read by the process
itself as it ends. Two sizes give the growth per row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_throughput import sandbox

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A

RUN_AND_MEASURE = """
import sys
from mews_vouchers import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) * 1024, file=sys.stderr)
sys.exit(code)
"""


def command_env(url: str) -> dict[str, str]:
    """The environment of a measured command: this one's, with no Mews settings but the sandbox at `url`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEWS_")}
    return env | {
        "MEWS_PLATFORM_URL": url,
        "MEWS_CLIENT_TOKEN": DEMO_CLIENT_TOKEN,
        "MEWS_ACCESS_TOKEN": DEMO_ACCESS_TOKEN,
    }


def measured_command(url: str, *arguments: str, python: str = sys.executable) -> dict[str, Any]:
    """`mews-vouchers ARGUMENTS --json --quiet` against the sandbox at `url`, as its own process (`python`'s): its
    peak RSS, its elapsed seconds and its summary (both from its own `--json` summary)."""
    done = subprocess.run(
        [python, "-c", RUN_AND_MEASURE, *arguments, "--json", "--quiet"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=command_env(url),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{arguments[0]} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    errors = done.stderr.decode().strip().splitlines()
    peak = int(errors[-1])
    # the summary is stdout's last line; a dry run's rows are its stdout, and its summary goes to stderr
    lines = [*done.stdout.decode().strip().splitlines()[-1:], *errors[:-1]]
    summary = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    return {"peak_rss_bytes": peak, "elapsed_seconds": summary["elapsed_seconds"], "summary": summary}


def peak_of_import(rows: int, python: str = sys.executable) -> dict[str, Any]:
    """Import a file of `rows` new codes into an empty sandbox; the command's peak RSS and its elapsed seconds.

    `python` is the interpreter whose `mews_vouchers` runs (another checkout's, to compare).
    """
    with tempfile.TemporaryDirectory() as folder, sandbox("--rate-limit", "0") as url:
        path = Path(folder) / "codes.csv"
        with path.open("w", encoding="utf-8") as out:
            out.write("VoucherId,Value,ValidityStartUtc,ValidityEndUtc\n")
            for number in range(rows):
                out.write(f"{VOUCHER_A},MEM-{number:07d},2026-06-01T00:00:00Z,2026-12-31T23:59:59Z\n")
        run = measured_command(url, "import", str(path), python=python)
    assert run["summary"]["added"] == rows, run["summary"]
    return {"rows": rows, "peak_rss_bytes": run["peak_rss_bytes"], "elapsed_seconds": run["elapsed_seconds"]}


def import_memory(rows: int, python: str = sys.executable) -> dict[str, Any]:
    """The peak for `rows` and for a tenth of them, and the growth per row between the two."""
    small, large = peak_of_import(max(1, rows // 10), python), peak_of_import(rows, python)
    growth = (large["peak_rss_bytes"] - small["peak_rss_bytes"]) / (large["rows"] - small["rows"])
    return {"runs": [small, large], "growth_bytes_per_row": round(growth, 1)}


def print_figures(figures: dict[str, Any]) -> None:
    """The line `make bench` prints."""
    small, large = figures["runs"]
    print(
        f"import memory: peak {large['peak_rss_bytes'] / 1e6:.0f} MB for {large['rows']:,} rows "
        f"({small['peak_rss_bytes'] / 1e6:.0f} MB for {small['rows']:,}; "
        f"{figures['growth_bytes_per_row'] / 1024:.2f} KiB per row)"
    )
