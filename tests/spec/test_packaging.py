"""The distribution: one wheel that installs the wrapper, the generated client, the sandbox and the command, typed."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_holds_all_four_packages_with_typing_markers_and_the_command(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("mews_wrapper-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = ("mews_wrapper", "mews_connector_client", "mews_sandbox", "mews_vouchers")
    for package in packages:
        assert f"{package}/__init__.py" in names
        assert f"{package}/py.typed" in names
    for module in sorted((ROOT / "mews_vouchers").glob("*.py")):  # every module of the command, not just its entry
        assert f"mews_vouchers/{module.name}" in names
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    assert "mews-vouchers = mews_vouchers:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "mews_connector_client/api/voucher_codes/voucher_codes_get_all.py" in names
    assert not any(name.startswith(("generated/", "tests/", "templates/")) for name in names)
    metadata = next(name for name in names if name.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.11" in text
    assert "Requires-Dist: httpx" in text
    assert "Provides-Extra: sandbox" in text
    assert "Provides-Extra: cli" in text
    assert "License-Expression: MIT" in text
    assert "License-File: LICENSE" in text
    assert not any("__pycache__" in name or name.endswith((".pyc", ".pyo")) for name in names)  # no caches


def test_the_wheel_and_the_sdist_pass_twine_check_and_the_sdist_holds_no_tests(tmp_path: Path) -> None:
    for target in ("wheel", "sdist"):
        subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "-t", target, "-d", str(tmp_path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
    built = sorted(str(path) for path in tmp_path.iterdir())
    assert len(built) == 2
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *built], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    assert "CHANGELOG.md" in names
    assert "README.md" in names
    assert not any(name.startswith("tests/") or "__pycache__" in name for name in names)
