"""The README's quick start, run exactly as printed against a sandbox, with the environment the README gives."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mews_sandbox import VOUCHER_A, VOUCHER_EARLY_BIRD, RunningSandbox
from tests.sandbox._http import add_codes

README = Path(__file__).resolve().parents[2] / "README.md"


def quick_start_blocks() -> tuple[str, dict[str, str]]:
    """The quick start's Python block and the variables its shell block exports."""
    section = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    (shell,) = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    exports = dict(re.findall(r"^export (\w+)=(\S+)$", shell, flags=re.M))
    return code, exports


def test_the_quick_start_shows_the_code_it_added(sandbox: RunningSandbox) -> None:
    code, exports = quick_start_blocks()
    assert set(exports) == {"MEWS_PLATFORM_URL", "MEWS_CLIENT_TOKEN", "MEWS_ACCESS_TOKEN"}
    env = {name: value for name, value in os.environ.items() if not name.startswith("MEWS_")}
    env |= exports | {"MEWS_PLATFORM_URL": sandbox.url}  # the README's port may be taken: the same sandbox elsewhere
    for run in (1, 2):  # a second run on the same sandbox shows only its own code again
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 1, (run, lines)
        assert lines[0].startswith("SUMMER-2026 True 2026-")
    assert sandbox.state.store.count() == 2  # both runs' codes, both deleted again


def test_the_walk_from_a_token_prints_every_code_with_its_voucher_name(sandbox: RunningSandbox) -> None:
    section = README.read_text(encoding="utf-8").split("## From a token to every code", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(code.strip().splitlines()) <= 10
    add_codes(sandbox.url, ["SUMMER-1", "SUMMER-2"], VOUCHER_A)
    add_codes(sandbox.url, ["EARLY-1"], VOUCHER_EARLY_BIRD)
    _, exports = quick_start_blocks()
    env = {name: value for name, value in os.environ.items() if not name.startswith("MEWS_")}
    env |= exports | {"MEWS_PLATFORM_URL": sandbox.url}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sorted(lines[:-1]) == ["Early bird EARLY-1 True", "Summer sale SUMMER-1 True", "Summer sale SUMMER-2 True"]
    assert lines[-1] == f"{VOUCHER_A} Public True"
