"""`MEWS_LOG=info|debug`: the package's log on stderr without writing logging code (as `OPENAI_LOG` does).

Read once, when `mews_wrapper` is imported. The client's messages never hold a token (they go through the same
scrubber as errors), so turning this on is safe on a shared terminal or in a CI log.
"""

from __future__ import annotations

import logging
import os
import sys

from mews_wrapper._constants import LOGGER_NAME

VARIABLE = "MEWS_LOG"
_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_from_environment() -> logging.Handler | None:
    """Send the package's log to stderr at the level `MEWS_LOG` names (`info`, `debug`); the handler, or None.

    Another value is told once on stderr and otherwise ignored: a typo must not stop a program that imports us.
    """
    value = os.environ.get(VARIABLE, "").strip().casefold()
    if not value:
        return None
    level = _LEVELS.get(value)
    if level is None:
        print(f"mews_wrapper: {VARIABLE}={value!r} is not info or debug; the log stays off", file=sys.stderr)
        return None
    logger = logging.getLogger(LOGGER_NAME)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
