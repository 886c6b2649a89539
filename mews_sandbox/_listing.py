"""Paging over what the configuration holds (services, vouchers), the way Mews pages: newest first, by cursor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from mews_sandbox import _rules as rules
from mews_sandbox._clock import to_micros

_T = TypeVar("_T")

CREATED_BASE = to_micros(dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
"""When the first configured item was created; each later one a minute after the one before."""


@dataclass(frozen=True)
class Listed(Generic[_T]):
    """A configured item with its id and creation instant (microseconds), in creation order."""

    id: str
    item: _T
    created: int


def listed(items: Sequence[tuple[str, _T]]) -> list[Listed[_T]]:
    """Configured items in creation order, each created a minute after the one before."""
    return [Listed(item_id, item, CREATED_BASE + index * 60_000_000) for index, (item_id, item) in enumerate(items)]


def page(
    matching: Sequence[Listed[_T]], count: int, cursor: str | None, *, repeat_cursor: bool = False
) -> list[Listed[_T]]:
    """Up to `count` of the matching items, newest first, older than the cursor's item when there is one.

    `repeat_cursor` (a fault) ignores the cursor: every page is the first, and so is its cursor.
    """
    newest_first = list(reversed(matching))
    start = 0
    if cursor is not None and not repeat_cursor:
        position = next((index for index, found in enumerate(newest_first) if found.id == cursor), None)
        if position is None:
            raise rules.bad("Limitation.Cursor", f"unknown cursor {cursor}.")
        start = position + 1
    return newest_first[start : start + count]
