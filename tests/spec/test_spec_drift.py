"""`make spec-drift`: the vendored Mews document gives no new difference; a changed copy gives exactly its changes."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parents[2]
MEWS: dict[str, Any] = yaml.safe_load((ROOT / "contracts" / "mews-connector-openapi.yaml").read_text("utf-8"))


def _drift(mews: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "scripts" / "spec_drift.py")]
    env = {"PATH": "/usr/bin:/bin"} | ({"MEWS_SPEC": str(mews)} if mews else {})
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=ROOT, timeout=60)


def test_the_vendored_document_has_no_new_difference() -> None:
    result = _drift()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith(", 0 new\n")
    assert "no longer different" not in result.stdout  # every known difference still holds


def test_a_changed_document_reports_each_change_and_nothing_else(tmp_path: Path) -> None:
    changed = copy.deepcopy(MEWS)
    schemas = changed["components"]["schemas"]
    schemas["VoucherCodeFilterParameters"]["properties"]["SortOrder"] = {"type": "string"}
    schemas["VoucherCodeFilterParameters"]["required"].append("SortOrder")  # a new required request field
    schemas["ServiceDataDiscriminatorEnum"]["enum"].remove("Additional")  # a removed enum value
    schemas["VoucherCodeAddParameters"]["properties"]["Value"]["maxLength"] = 64  # a tightened limit
    schemas["GuidNullableUpdateValue"]["properties"]["Value"]["nullable"] = False  # behind an allOf, after others
    path = tmp_path / "mews-newer.yaml"
    path.write_text(yaml.safe_dump(changed), encoding="utf-8")

    result = _drift(path)

    assert result.returncode == 1
    new = [line.removeprefix("  new: ") for line in result.stdout.splitlines() if line.startswith("  new: ")]
    assert sorted(new) == [
        "services/getAll request ServiceType: enum value Additional only in ours",
        "voucherCodes/add request VoucherCodeParameters[].Value: maxLength ours 128, Mews 64",
        "voucherCodes/getAll request SortOrder: only in Mews (required)",
        "vouchers/update request VoucherUpdates[].CompanyId.Value: nullable ours True, Mews False",
    ]


def test_no_known_difference_hides_a_character_class_in_its_glob() -> None:
    entries = yaml.safe_load((ROOT / "contracts" / "known-differences.yaml").read_text("utf-8"))["differences"]
    for entry in entries:  # `[0]`-style indexes: `[*]` is a class matching a literal '*', not any index
        assert "[*]" not in entry["match"], entry["match"]
        assert "[?]" not in entry["match"], entry["match"]
