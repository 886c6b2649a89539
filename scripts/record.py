"""`make record`: re-record every cassette.

Against the sandbox (the default) each test starts its own seeded sandbox on a fixed port, so a re-recording
without a behaviour change leaves `git diff cassettes/` empty; stale cassettes are removed first. With
MEWS_PLATFORM_URL (and MEWS_CLIENT_TOKEN, MEWS_ACCESS_TOKEN, MEWS_VOUCHER_ID, ...) set, the tests that need no
injected fault are recorded against that platform instead, and the others keep their sandbox recordings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    against_mews = bool(os.environ.get("MEWS_PLATFORM_URL"))
    if against_mews:
        missing = [name for name in ("MEWS_CLIENT_TOKEN", "MEWS_ACCESS_TOKEN") if not os.environ.get(name)]
        if missing:
            print(f"recording against {os.environ['MEWS_PLATFORM_URL']} needs {', '.join(missing)}", file=sys.stderr)
            return 2
    else:
        for cassette in (ROOT / "cassettes").glob("*.yaml"):
            cassette.unlink()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/cassettes",
        "-m",
        "vcr",
        "--record-mode=rewrite",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
