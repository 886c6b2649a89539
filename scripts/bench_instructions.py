"""`make bench`, client CPU as instructions: `get_all` against plain httpx reading every field, under callgrind.

The reading figure (`bench.measure_reading`) times the client with `time.process_time()` over alternating rounds,
which a shared, noisy machine moves by about 10 % from round to round. Here each contender runs in its own
interpreter under valgrind's callgrind, which counts the instructions it executes, not seconds, so the figure
repeats whatever else the machine does: one interpreter reads the codes once, another three times, and the
difference over two is one read in steady state (imports, first-call costs and the interpreter's own start left
out). The sandbox runs in its own process, outside the count. Instructions are not time (a cache miss costs many),
so both figures are kept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

READ = """
import sys
sys.path.insert(0, {scripts!r})
import bench
contender, url, codes, times = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
readers = bench.Readers(url, codes, 1000)
for _ in range(times):
    assert getattr(readers, contender)() == codes
"""
CONTENDERS = ("plain_httpx", "plain_httpx_async", "get_all", "get_all_async")


def instructions(url: str, contender: str, codes: int, times: int) -> int:
    """The instructions an interpreter executes reading `codes` codes `times` times with `contender`."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "read.py"
        script.write_text(READ.format(scripts=str(Path(__file__).resolve().parent)), encoding="utf-8")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out", sys.executable, str(script),
             contender, url, str(codes), str(times)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    collected = re.search(r"Collected : (\d+)", done.stderr)
    if collected is None:
        raise RuntimeError(f"callgrind printed no count: {done.stderr[-500:]}")
    return int(collected[1])


def reading_instructions(url: str, codes: int) -> dict[str, Any]:
    """Each contender's steady-state instructions per 1000 codes, and its ratio to plain httpx."""
    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed (Debian: apt-get install valgrind)"}
    per_read = {
        name: (instructions(url, name, codes, 3) - instructions(url, name, codes, 1)) / 2 for name in CONTENDERS
    }
    return {
        "codes": codes,
        "instructions_per_1000_codes": {name: round(count / codes * 1000) for name, count in per_read.items()},
        "ratio_to_plain_httpx": {name: round(count / per_read["plain_httpx"], 2) for name, count in per_read.items()},
    }


def print_figures(figures: dict[str, Any]) -> None:
    """The line `make bench` prints."""
    if "skipped" in figures:
        print(f"reading, instructions: skipped ({figures['skipped']})")
        return
    ratios = ", ".join(f"{name} {ratio:.2f}x" for name, ratio in figures["ratio_to_plain_httpx"].items())
    print(f"reading {figures['codes']:,} codes, instructions (callgrind, steady state): {ratios}")
