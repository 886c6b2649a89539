"""Paged reads of any size: a `PagedQuery` plans the requests Mews accepts, a `CursorState` follows each cursor.

Nothing here knows a resource: an endpoint's query names the filters that split into chunks of 1000 and the
`UpdatedUtc` window that splits into 3-month windows, and gives the function that builds one page's body.
"""

from __future__ import annotations

import itertools
import logging
import math
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic

import attrs

from mews_wrapper._chunking import count_windows, optional_chunks, optional_windows
from mews_wrapper._config import ClientConfig
from mews_wrapper._endpoint import Endpoint, ItemT
from mews_wrapper._exceptions import MewsResponseError
from mews_wrapper._responses import Answer
from mews_wrapper._validation import TimeWindow

WINDOW = "updated_utc"
"""The key of a planned query's 3-month window (None when the query has none)."""

PageBody = Callable[[ClientConfig, Mapping[str, Any], int, "uuid.UUID | None"], Any]
"""Builds one page's request body from a planned query (its chunks and window), the page size and the cursor."""


@attrs.frozen
class PagedQuery(Generic[ItemT]):
    """A checked paged read of any size; `plan()` splits it into queries Mews accepts.

    `chunked` maps each filter that may exceed 1000 values to its values (None: the filter is not set); `window`
    is the `UpdatedUtc` interval of any length; `fixed` holds the arguments every planned query keeps as they are;
    `body` builds one page's request from a planned query.
    """

    endpoint: Endpoint[ItemT]
    body: PageBody = attrs.field(repr=False)
    chunked: Mapping[str, Sequence[Any] | None]
    window: TimeWindow | None
    page_size: int
    fixed: Mapping[str, Any] = attrs.field(factory=dict)

    def plan(self) -> Iterator[dict[str, Any]]:
        """Every combination of the chunked filters and the 3-month windows: one paged query each, lazily."""
        names = list(self.chunked)
        parts = [optional_chunks(self.chunked[name]) for name in names]
        for *chosen, window in itertools.product(*parts, optional_windows(self.window)):
            yield {**self.fixed, **dict(zip(names, chosen, strict=True)), WINDOW: window}

    def plan_size(self) -> int:
        """How many paged queries `plan()` makes."""
        sizes = [len(optional_chunks(values)) for values in self.chunked.values()]
        return math.prod(sizes) * count_windows(self.window)


PAGES_WARNED = (1_000, 10_000, 100_000)
"""After this many full pages of one query, the log warns (a cursor followed this long may never end)."""


class CursorState:
    """Where one paged query is: the cursor to send next, and whether the last page was reached.

    The end comes with a short page (no extra request), an empty page or a 204. The documentation gives a null
    cursor only to an empty page: a full page without one, or with a cursor Mews already returned for this query,
    raises `MewsResponseError` instead of ending silently or looping forever.
    """

    def __init__(self, name: str, page_size: int, max_pages: int | None = None) -> None:
        """Start before the first (newest) page of the endpoint `name`; follow at most `max_pages` (None: any)."""
        self.name = name
        self.page_size = page_size
        self.max_pages = max_pages
        self.pages = 0
        self.cursor: uuid.UUID | None = None
        self.done = False
        self._seen: set[uuid.UUID] = set()

    def advance(self, answer: Answer[Any]) -> None:
        """Take in one page's answer."""
        if answer.no_content or not answer.items or len(answer.items) < self.page_size:
            self.done = True
            return
        if answer.cursor is None:
            raise MewsResponseError(
                f"{self.name}: a full page of {len(answer.items)} items came without a Cursor, so the rest cannot "
                "be read; Mews documents a null Cursor only for an empty page",
                request_id=answer.request_id,
            )
        if answer.cursor in self._seen:
            raise MewsResponseError(
                f"{self.name}: Mews returned the cursor {answer.cursor} again; stopping instead of looping",
                request_id=answer.request_id,
            )
        self._seen.add(answer.cursor)
        self.cursor = answer.cursor
        self.pages += 1
        if self.max_pages is not None and self.pages >= self.max_pages:
            raise MewsResponseError(
                f"{self.name}: {self.pages:,} full pages and the cursor goes on: stopped at max_pages={self.max_pages}",
                request_id=answer.request_id,
            )
        if self.pages in PAGES_WARNED:
            logging.getLogger("mews_wrapper").warning(
                "%s: %s full pages of %s items and the cursor goes on (a server that never ends a query is followed "
                "until max_pages stops it)",
                self.name,
                f"{self.pages:,}",
                self.page_size,
            )
