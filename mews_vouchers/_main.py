"""The entry point of `mews-vouchers`: the command line, or a clear word when its extra is missing."""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_OK, EXIT_SOME_FAILED, EXIT_BAD_INPUT = 0, 1, 2
"""Done; some items failed or their outcome is unknown (or Mews refused); bad usage or input."""
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, as shells report it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    0 done, 1 some items failed or their outcome is unknown, 2 bad usage or input, 130 interrupted by Ctrl-C.
    """
    try:
        try:
            from mews_vouchers._cli import run  # noqa: PLC0415 - imported here to catch a missing extra
        except ImportError as missing:  # installed without the cli extra: click, rich or the sandbox's server is absent
            print(
                f"mews-vouchers: needs the 'cli' extra ({missing.name or missing} is not installed): "
                "pip install 'mews-wrapper[cli]'",
                file=sys.stderr,
            )
            return 2
        return run(argv)
    except KeyboardInterrupt:  # Ctrl-C while the command starts (its imports take a moment) or ends
        print("mews-vouchers: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
