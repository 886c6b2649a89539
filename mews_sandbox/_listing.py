"""Paging over what the configuration holds (services, vouchers), the way Mews pages: newest first, by cursor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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


class Listing(Generic[_T]):
    """Configured items, newest first, each created a minute after the one before it in the configuration.

    Built once per sandbox state: a page starts right after its cursor's item (found by id, not by a scan) and reads
    on until it has `count` items that match, so paging through a listing of any size costs each item once.
    """

    def __init__(self, items: Sequence[tuple[str, _T]]) -> None:
        """List `items` (id, item) in creation order."""
        rows = [Listed(item_id, item, CREATED_BASE + index * 60_000_000) for index, (item_id, item) in enumerate(items)]
        self.newest_first = rows[::-1]
        self._position = {row.id: index for index, row in enumerate(self.newest_first)}

    def page(
        self, keep: Callable[[Listed[_T]], bool], count: int, cursor: str | None, *, repeat_cursor: bool = False
    ) -> list[Listed[_T]]:
        """Up to `count` items that `keep` takes, newest first, after the cursor's item when there is one.

        `repeat_cursor` (a fault) ignores the cursor: every page is the first, and so is its cursor.
        """
        start = 0
        if cursor is not None and not repeat_cursor:
            if cursor not in self._position:
                raise rules.bad("Limitation.Cursor", f"unknown cursor {cursor}.")
            start = self._position[cursor] + 1
        found: list[Listed[_T]] = []
        rows = self.newest_first
        for index in range(start, len(rows)):
            if keep(rows[index]):
                found.append(rows[index])
                if len(found) == count:
                    break
        return found
