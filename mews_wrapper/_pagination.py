"""Mews' cursor pagination as a small state machine, shared by the sync and async clients."""

from __future__ import annotations

import uuid

from mews_wrapper._exceptions import MewsResponseError
from mews_wrapper._requests import GET_ALL
from mews_wrapper._responses import Answer


class CursorState:
    """Where a getAll query is: the cursor to send next, and whether the last page was reached.

    The end comes with a short page (no extra request), an empty page or a 204. The documentation gives a null
    cursor only to an empty page: a full page without one, or with a cursor Mews already returned for this query,
    raises `MewsResponseError` instead of ending silently or looping forever.
    """

    def __init__(self, page_size: int) -> None:
        """Start before the first (newest) page."""
        self.page_size = page_size
        self.cursor: uuid.UUID | None = None
        self.done = False
        self._seen: set[uuid.UUID] = set()

    def advance(self, answer: Answer) -> None:
        """Take in one page's answer."""
        if answer.no_content or not answer.codes or len(answer.codes) < self.page_size:
            self.done = True
            return
        if answer.cursor is None:
            raise MewsResponseError(
                f"{GET_ALL.name}: a full page of {len(answer.codes)} codes came without a Cursor, so the rest cannot "
                "be read; Mews documents a null Cursor only for an empty page",
                request_id=answer.request_id,
            )
        if answer.cursor in self._seen:
            raise MewsResponseError(
                f"{GET_ALL.name}: Mews returned the cursor {answer.cursor} again; stopping instead of looping",
                request_id=answer.request_id,
            )
        self._seen.add(answer.cursor)
        self.cursor = answer.cursor
