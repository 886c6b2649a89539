"""`make demo`: start the sandbox on a free loopback port, run examples/quickstart.py against it, stop it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "mews_sandbox", "--host", "127.0.0.1", "--port", "0", "--seed", "2026"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert sandbox.stdout is not None
        line = sandbox.stdout.readline().strip()
        if not line.startswith("listening on "):
            print(f"the sandbox did not start: {line!r}", file=sys.stderr)
            return 1
        print(f"sandbox {line}")
        env = {
            **os.environ,
            "MEWS_PLATFORM_URL": line.removeprefix("listening on "),
            "MEWS_CLIENT_TOKEN": DEMO_CLIENT_TOKEN,
            "MEWS_ACCESS_TOKEN": DEMO_ACCESS_TOKEN,
            "MEWS_CLIENT": "mews-wrapper quickstart",
        }
        env.pop("MEWS_PORTFOLIO", None)
        env.pop("MEWS_ENTERPRISE_ID", None)
        return subprocess.run(
            [sys.executable, str(ROOT / "examples" / "quickstart.py")], env=env, check=False
        ).returncode
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)
        print("sandbox stopped")


if __name__ == "__main__":
    sys.exit(main())
