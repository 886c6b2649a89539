"""`make demo` end to end: the quick start against a sandbox started in its own process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_the_quickstart_against_a_sandbox_and_stops_it() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "sandbox listening on http://127.0.0.1:" in out
    for section in ("1. added 5 codes", "2. paged through them", "3. filtered", "4. deleted two", "5. an error"):
        assert section in out
    assert "BadRequestError  400" in out
    assert out.rstrip().endswith("sandbox stopped")
