"""What every resource module shares: the portfolio's target enterprise, the log of a split query, flat items."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any, TypeVar

from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._page import Page
from mews_wrapper._pagination import PagedQuery
from mews_wrapper._validation import to_uuid

logger = logging.getLogger(LOGGER_NAME)

_T = TypeVar("_T")


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
