"""Splitting what is too large for one request: id lists into chunks of 1000, long windows into 3-month ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TypeVar

from mews_wrapper._constants import MAX_ITEMS, MAX_WINDOW_MONTHS
from mews_wrapper._validation import TimeWindow

_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int = MAX_ITEMS) -> list[Sequence[_T]]:
    """Consecutive slices of at most `size` items, in order (none for an empty sequence)."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def add_months(value: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months later, clamped to the last day of a shorter month."""
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = (first_of_next - dt.timedelta(days=1)).day
    return value.replace(year=year, month=month, day=min(value.day, last_day))


def split_window(window: TimeWindow, months: int = MAX_WINDOW_MONTHS) -> Iterator[TimeWindow]:
    """Consecutive half-open windows of at most `months` calendar months that together cover `window` exactly.

    Each window ends `months` after its own start, the length Mews measures (counting from the original start
    instead would give Apr 30 to Jul 31 after a Jan 31 start: longer than three months from Apr 30). A window no
    longer than the limit comes back unchanged. Lazy: a window of centuries is thousands of windows, made one by
    one; near the year 9999 the last window simply ends where the given one does.
    """
    start, end = window
    while (upper := _months_later(start, months)) is not None and upper < end:
        yield start, upper
        start = upper
    yield start, end


def count_windows(window: TimeWindow | None) -> int:
    """How many windows `split_window` makes (1 for no window), without keeping them."""
    return 1 if window is None else sum(1 for _ in split_window(window))


def _months_later(value: dt.datetime, months: int) -> dt.datetime | None:
    """`add_months`, or None past the year 9999 (later than any end)."""
    try:
        return add_months(value, months)
    except (ValueError, OverflowError):
        return None


def optional_chunks(items: Sequence[_T] | None) -> list[Sequence[_T] | None]:
    """`chunks`, or a single None for a filter that is not set."""
    return [None] if items is None else list(chunks(items))


def optional_windows(window: TimeWindow | None) -> Iterator[TimeWindow | None]:
    """`split_window`, or a single None for no window."""
    if window is None:
        yield None
    else:
        yield from split_window(window)
