"""A paged read that Mews requires `ServiceIds` for (vouchers, rates).

The query is made once the services are known; when the caller named none, they are read first (and logged).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._endpoint import Endpoint
from mews_wrapper._pagination import PagedQuery
from mews_wrapper._resource import announce

__all__ = ["ServicePlan", "services_read"]

logger = logging.getLogger(LOGGER_NAME)
_ItemT = TypeVar("_ItemT")


@attrs.frozen
class ServicePlan(Generic[_ItemT]):
    """A checked getAll of something per service: its query once the services are known (read first if not)."""

    endpoint: Endpoint[_ItemT]
    page_body: Callable[..., Any]
    filters: Mapping[str, Sequence[Any] | None]
    fixed: Mapping[str, Any]
    window: tuple[dt.datetime, dt.datetime] | None
    page_size: int
    service_ids: Sequence[uuid.UUID] | None
    enterprise_ids: Sequence[uuid.UUID] | None

    def query(self, service_ids: Sequence[uuid.UUID]) -> PagedQuery[_ItemT] | None:
        """The paged query over these services; None when there are none (nothing to read)."""
        if not service_ids:
            return None
        return announce(
            PagedQuery(
                self.endpoint,
                self.page_body,
                chunked={"service_ids": list(service_ids), **self.filters},
                window=self.window,
                page_size=self.page_size,
                fixed=self.fixed,
            )
        )


def services_read(plan: ServicePlan[Any], services: Iterable[Any]) -> list[uuid.UUID]:
    """The ids of the services read for a plan without `service_ids`, logged."""
    ids = [service.id for service in services]
    logger.info("%s: no service_ids given: read services/getAll, %d services", plan.endpoint.name, len(ids))
    return ids
