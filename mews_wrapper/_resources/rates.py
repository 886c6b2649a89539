"""The rate resource: `rates/getAll` as `get_all`, `get_all_pages` and `find`, checked before anything is sent.

`service_ids` is what Mews requires; without it a call reads `services/getAll` first, for every service the token
reaches (and logs so), as `vouchers.get_all` does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

from mews_connector_client.api.rates import rates_get_all
from mews_connector_client.models import ActivityStateEnum, Limitation, RateExtent, RateFilterParameters

from mews_wrapper._config import ClientConfig
from mews_wrapper._constants import LOGGER_NAME
from mews_wrapper._endpoint import Endpoint, credentials, list_or_unset, unset_if_none, window_or_unset
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._matching import match_named
from mews_wrapper._page import Page
from mews_wrapper._pagination import WINDOW
from mews_wrapper._program import Session
from mews_wrapper._resource import ResourceCalls, async_items
from mews_wrapper._resources.by_service import ServicePlan, services_read
from mews_wrapper._resources.services import AsyncServices, Services
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import arguments_of
from mews_wrapper._types.rates import Rate
from mews_wrapper._validation import check_flag, check_page_size, check_window, to_text_list, to_uuid_list
from mews_wrapper._wire.rates import RATES

__all__ = ["GET_ALL", "AsyncRates", "Rates", "match_rate"]

logger = logging.getLogger(LOGGER_NAME)

GET_ALL = Endpoint("rates/getAll", rates_get_all, idempotent=True, reader=RATES)


def _page_body(
    config: ClientConfig, planned: Mapping[str, Any], count: int, cursor: uuid.UUID | None
) -> RateFilterParameters:
    """One page's body, with the `Extent` explicit (the rates only, not the deprecated groups)."""
    active = planned["active"]
    tokens = credentials(config)
    return RateFilterParameters(
        client_token=tokens["client_token"],
        access_token=tokens["access_token"],
        client=tokens["client"],
        limitation=Limitation(count=count, cursor=unset_if_none(cursor)),
        service_ids=list(planned["service_ids"]),
        enterprise_ids=list_or_unset(planned["enterprise_ids"]),
        rate_ids=list_or_unset(planned["rate_ids"]),
        external_identifiers=list_or_unset(planned["external_identifiers"]),
        activity_states=unset_if_none(
            None if active is None else [ActivityStateEnum.ACTIVE if active else ActivityStateEnum.DELETED]
        ),
        updated_utc=window_or_unset(planned[WINDOW]),
        extent=RateExtent(rates=True, availability_block_assignments=False),
    )


RatePlan = ServicePlan[Rate]
"""A checked getAll of rates: its query once the services are known."""


class _Calls(ResourceCalls):
    """The parameters of each call, declared once and checked; `Rates` and `AsyncRates` run them."""

    def get_all(
        self,
        service_ids: Iterable[str | uuid.UUID] | None = None,
        *,
        rate_ids: Iterable[str | uuid.UUID] | None = None,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        external_identifiers: Iterable[str] | None = None,
        active: bool | None = None,
        updated_utc: tuple[dt.datetime, dt.datetime] | None = None,
        page_size: int = 1000,
    ) -> RatePlan:
        """The arguments of getAll (`get_all`, `get_all_pages`).

        - `service_ids`: the services whose rates to read (any number). None reads `services/getAll` first and
          takes every service the token reaches (of `enterprise_ids`, when given): one more paged read, logged.
        - `rate_ids`, `external_identifiers`: only these rates.
        - `enterprise_ids`: only these enterprises (a portfolio token); None for every enterprise it reaches.
        - `active`: True for active rates only, False for deleted ones only, None for both.
        - `updated_utc`: a `(start, end)` pair of timezone-aware datetimes, half-open, any length.
        - `page_size`: rates per request, 1 to 1000.

        Lists over 1000 values and windows over 3 months are split into queries Mews accepts, paged up to the
        client's `max_concurrency` at once. Bad arguments raise `MewsValidationError` before anything is sent.
        """
        enterprises = to_uuid_list(enterprise_ids, "enterprise_ids")
        plan = RatePlan(
            GET_ALL,
            _page_body,
            filters={
                "enterprise_ids": enterprises,
                "rate_ids": to_uuid_list(rate_ids, "rate_ids"),
                "external_identifiers": to_text_list(external_identifiers, "external_identifiers", 255),
            },
            fixed={"active": check_flag(active, "active", optional=True)},
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
            service_ids=to_uuid_list(service_ids, "service_ids"),
            enterprise_ids=enterprises,
        )
        self._shell.check_open()
        return plan

    def find(self, name: str, *, service_id: str | uuid.UUID | None = None) -> RatePlan:
        """The arguments of `find`.

        - `name`: the rate's name as hotel staff see it (its `en-US` name, else the first). An exact match wins;
          else a match that differs only in case and surrounding spaces.
        - `service_id`: only the rates of this service; None reads every service the token reaches first.

        Raises `NoMatchError` (naming the closest names) when no rate has that name, and `AmbiguousMatchError`
        (listing every match, `matches`) when several have (two services may each have a rate of that name).
        """
        if not isinstance(name, str) or not name.strip():
            raise MewsValidationError(f"name must be a non-empty string, got {name!r}")
        return self.get_all(None if service_id is None else [service_id])


def match_rate(name: str, rates: Iterable[Rate]) -> Rate:
    """The one rate called `name` in `rates`, by the rule of `find`."""
    return match_named(
        name,
        list(rates),
        kind="rate",
        name_of=lambda rate: rate.name,
        about=lambda rate: f"{rate.name!r} {rate.id} (service {rate.service_id})",
    )


class Rates:
    """Rates through a `MewsClient` (`client.rates`): `get_all`, `get_all_pages`, `find`."""

    def __init__(self, session: Session, shell: SyncShell, services: Services) -> None:
        """Bound to one client's session, shell and services (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell
        self._services = services

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> Iterator[Rate]:
        """Every rate that matches, fetched page by page as you iterate."""
        return itertools.chain.from_iterable(page.items for page in self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> Iterator[Page[Rate]]:
        """The same as `get_all`, a `Page` (items, cursor, Mews request id) at a time; empty pages are skipped."""
        return self._pages(self._calls.get_all(*args, **kwargs))

    @arguments_of(_Calls.find)
    def find(self, name: str, *args: Any, **kwargs: Any) -> Rate:
        """The one rate with this name."""
        plan = self._calls.find(name, *args, **kwargs)
        return match_rate(name, [rate for page in self._pages(plan) for rate in page.items])

    def _pages(self, plan: RatePlan) -> Iterator[Page[Rate]]:
        service_ids = plan.service_ids
        if service_ids is None:
            service_ids = services_read(plan, self._services.get_all(enterprise_ids=plan.enterprise_ids))
        pages: Iterator[Page[Rate]] = self._shell.merge(self._calls.streams(plan.query(service_ids)))
        yield from pages


class AsyncRates:
    """Rates through an `AsyncMewsClient`: the calls of `Rates`, as async iterators (`find` awaited)."""

    def __init__(self, session: Session, shell: AsyncShell, services: AsyncServices) -> None:
        """Bound to one client's session, shell and services (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell
        self._services = services

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> AsyncIterator[Rate]:
        """Every rate that matches, as an async iterator (`async for rate in ...`)."""
        return async_items(self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> AsyncIterator[Page[Rate]]:
        """The same as `get_all`, an async iterator of `Page` objects (items, cursor, Mews request id)."""
        return self._pages(self._calls.get_all(*args, **kwargs))

    @arguments_of(_Calls.find)
    async def find(self, name: str, *args: Any, **kwargs: Any) -> Rate:
        """The one rate with this name (awaited)."""
        plan = self._calls.find(name, *args, **kwargs)
        return match_rate(name, [rate async for page in self._pages(plan) for rate in page.items])

    async def _pages(self, plan: RatePlan) -> AsyncIterator[Page[Rate]]:
        service_ids = plan.service_ids
        if service_ids is None:
            found = [service async for service in self._services.get_all(enterprise_ids=plan.enterprise_ids)]
            service_ids = services_read(plan, found)
        pages: AsyncIterator[Page[Rate]] = self._shell.merge(self._calls.streams(plan.query(service_ids)))
        async for page in pages:
            yield page
