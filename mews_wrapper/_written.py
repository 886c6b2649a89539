"""What a write returns: its results in input order, and the Mews `RequestId` of each request that carried them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

_T = TypeVar("_T")


class Written(list[_T]):
    """The results of a write (a plain list: the created codes, the vouchers, the deleted ids) in input order.

    `request_ids` holds the `RequestId` Mews gave each request of the write, one per chunk of 1000 in input order
    (None where a response carried none): what Mews support asks for about a write that went in.
    """

    request_ids: tuple[str | None, ...]

    def __init__(self, results: Iterable[_T] = (), request_ids: Iterable[str | None] = ()) -> None:
        """The results, and the request ids of the chunks that wrote them."""
        super().__init__(results)
        self.request_ids = tuple(request_ids)

    def __repr__(self) -> str:
        """The list, then its request ids."""
        return f"Written({list.__repr__(self)}, request_ids={self.request_ids!r})"
