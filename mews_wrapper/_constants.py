"""Documented limits and defaults, in one place."""

from typing import Final

DEMO_PLATFORM_URL: Final = "https://api.mews-demo.com"
PRODUCTION_PLATFORM_URL: Final = "https://api.mews.com"

MAX_ITEMS: Final = 1000
"""The most ids in one filter array, codes in one add, ids in one delete, and items on one page."""
MAX_WINDOW_MONTHS: Final = 3
"""The longest `UpdatedUtc` filter, in calendar months."""

DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_MAX_RETRIES: Final = 3
DEFAULT_MAX_CONCURRENCY: Final = 4
"""Requests at once for a write's chunks and for getAll's independent queries."""
MAX_RETRY_AFTER: Final = 60.0
"""The longest `Retry-After` the client waits out; a longer one raises `RateLimitError` at once."""

LOGGER_NAME: Final = "mews_wrapper"
