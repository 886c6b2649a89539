"""What every resource module shares: its calls' state, the portfolio's target enterprise, the log of a split query."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._page import Page
from mews_wrapper._pagination import PagedQuery
from mews_wrapper._program import Session, query_streams
from mews_wrapper._steps import Program
from mews_wrapper._validation import to_uuid

if TYPE_CHECKING:
    from mews_wrapper._shells import AsyncShell, SyncShell

logger = logging.getLogger(LOGGER_NAME)

_T = TypeVar("_T")


class ResourceCalls:
    """What every resource's calls hold: the client's session and shell; `streams` pages a checked query."""

    def __init__(self, session: Session, shell: SyncShell | AsyncShell) -> None:
        """Bound to one client's session and shell."""
        self._session = session
        self._shell = shell

    def streams(self, query: PagedQuery[Any] | None) -> Iterator[Program]:
        """The paged queries of a checked read, one program each (none for no query)."""
        return iter(()) if query is None else query_streams(self._session, query)


def target_enterprise(config: ClientConfig, enterprise_id: str | uuid.UUID | None) -> uuid.UUID | None:
    """The EnterpriseId of a write: the argument, else the client's default; required with a portfolio token."""
    target = to_uuid(enterprise_id, "enterprise_id") if enterprise_id is not None else config.enterprise_id
    if target is None and config.portfolio:
        raise MewsValidationError(
            "enterprise_id is required with a Portfolio Access Token: pass enterprise_id=... "
            "or set a default on the client (enterprise_id=... or MEWS_ENTERPRISE_ID)"
        )
    return target


def announce(query: PagedQuery[Any]) -> PagedQuery[Any]:
    """Log (INFO) how many queries a paged read was split into, when more than one; returns the query."""
    if (size := query.plan_size()) > 1:
        logger.info("%s: split into %d queries (ids in chunks of 1000, windows of 3 months)", query.endpoint.name, size)
    return query


async def async_items(pages: AsyncIterator[Page[_T]]) -> AsyncIterator[_T]:
    """The items of async pages, one at a time."""
    async for page in pages:
        for item in page.items:
            yield item
