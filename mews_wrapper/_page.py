"""`Page`: one page of any paged read, as the `get_all_pages` calls hand it over."""

from __future__ import annotations

import uuid
from typing import Generic, TypeVar

import attrs

__all__ = ["Page"]

_T = TypeVar("_T")


@attrs.frozen
class Page(Generic[_T]):
    """One page of results: its items (newest first), the cursor Mews returned, and the Mews request id."""

    items: tuple[_T, ...]
    cursor: uuid.UUID | None
    request_id: str | None = None

    def __len__(self) -> int:
        """How many items the page holds."""
        return len(self.items)
