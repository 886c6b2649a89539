"""The service resource: `services/getAll` as `get_all` and `get_all_pages`, checked before anything is sent."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any, Literal

from mews_connector_client.api.services import services_get_all
from mews_connector_client.models import Limitation, ServiceFilterParameters, ServiceTypeEnum
from mews_connector_client.types import UNSET

from mews_wrapper._config import ClientConfig
from mews_wrapper._endpoint import Endpoint, credentials, list_or_unset, unset_if_none, window_or_unset
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._matching import match_named
from mews_wrapper._page import Page
from mews_wrapper._pagination import WINDOW, PagedQuery
from mews_wrapper._program import Session
from mews_wrapper._resource import ResourceCalls, announce, async_items
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import arguments_of
from mews_wrapper._types.services import Service
from mews_wrapper._validation import check_choice, check_page_size, check_window, to_uuid_list
from mews_wrapper._wire.services import SERVICES

__all__ = ["GET_ALL", "AsyncServices", "Services", "match_service"]

GET_ALL = Endpoint("services/getAll", services_get_all, idempotent=True, reader=SERVICES)
SERVICE_TYPES = ("Bookable", "Additional")


def _page_body(
    config: ClientConfig, planned: Mapping[str, Any], count: int, cursor: uuid.UUID | None
) -> ServiceFilterParameters:
    service_type = planned["service_type"]
    return ServiceFilterParameters(
        **credentials(config),
        limitation=Limitation(count=count, cursor=unset_if_none(cursor)),
        service_ids=list_or_unset(planned["service_ids"]),
        enterprise_ids=list_or_unset(planned["enterprise_ids"]),
        service_type=UNSET if service_type is None else ServiceTypeEnum(service_type),
        updated_utc=window_or_unset(planned[WINDOW]),
    )


class _Calls(ResourceCalls):
    """The parameters of each call, declared once and checked; `Services` and `AsyncServices` run them."""

    def get_all(
        self,
        *,
        service_ids: Iterable[str | uuid.UUID] | None = None,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        service_type: Literal["Bookable", "Additional"] | None = None,
        updated_utc: tuple[dt.datetime, dt.datetime] | None = None,
        page_size: int = 1000,
    ) -> PagedQuery[Service]:
        """The arguments of getAll (`get_all`, `get_all_pages`).

        - `service_ids`: only these services (any number); None for every service the token reaches.
        - `enterprise_ids`: only these enterprises (a portfolio token); None for every enterprise it reaches.
        - `service_type`: `"Bookable"` (accommodation and other bookable services) or `"Additional"`; None for both.
        - `updated_utc`: a `(start, end)` pair of timezone-aware datetimes, half-open, any length.
        - `page_size`: services per request, 1 to 1000.

        Lists over 1000 ids and windows over 3 months are split into queries Mews accepts, paged up to the
        client's `max_concurrency` at once. Mews asks integrations to cache services, which rarely change: read
        them once per job, not per voucher. Bad arguments raise `MewsValidationError` before anything is sent.
        """
        query = PagedQuery(
            GET_ALL,
            _page_body,
            chunked={
                "service_ids": to_uuid_list(service_ids, "service_ids"),
                "enterprise_ids": to_uuid_list(enterprise_ids, "enterprise_ids"),
            },
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
            fixed={"service_type": check_choice(service_type, "service_type", SERVICE_TYPES)},
        )
        self._shell.check_open()
        return announce(query)

    def find(self, name: str, *, enterprise_ids: Iterable[str | uuid.UUID] | None = None) -> PagedQuery[Service]:
        """The arguments of `find`.

        - `name`: the service's name as hotel staff see it (`Accommodation`). An exact match wins; else a match that
          differs only in case and surrounding spaces.
        - `enterprise_ids`: only the services of these enterprises (a portfolio token); None for every one.

        Raises `NoMatchError` (naming the closest names) when no service has that name, and `AmbiguousMatchError`
        (listing every match, `matches`) when several have: with a portfolio token, name the enterprise.
        """
        if not isinstance(name, str) or not name.strip():
            raise MewsValidationError(f"name must be a non-empty string, got {name!r}")
        return self.get_all(enterprise_ids=enterprise_ids)


class Services:
    """Services through a `MewsClient` (`client.services`): `get_all`, `get_all_pages`, `find`."""

    def __init__(self, session: Session, shell: SyncShell) -> None:
        """Bound to one client's session and shell (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> Iterator[Service]:
        """Every service that matches, fetched page by page as you iterate."""
        return itertools.chain.from_iterable(page.items for page in self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> Iterator[Page[Service]]:
        """The same as `get_all`, a `Page` (items, cursor, Mews request id) at a time; empty pages are skipped."""
        pages: Iterator[Page[Service]] = self._shell.merge(self._calls.streams(self._calls.get_all(*args, **kwargs)))
        return pages

    @arguments_of(_Calls.find)
    def find(self, name: str, *args: Any, **kwargs: Any) -> Service:
        """The one service with this name."""
        query = self._calls.find(name, *args, **kwargs)
        pages: Iterator[Page[Service]] = self._shell.merge(self._calls.streams(query))
        return match_service(name, [service for page in pages for service in page.items])


class AsyncServices:
    """Services through an `AsyncMewsClient`: the calls of `Services`, as async iterators (`find` awaited)."""

    def __init__(self, session: Session, shell: AsyncShell) -> None:
        """Bound to one client's session and shell (made by the client)."""
        self._calls = _Calls(session, shell)
        self._shell = shell

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> AsyncIterator[Service]:
        """Every service that matches, as an async iterator (`async for service in ...`)."""
        return async_items(self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> AsyncIterator[Page[Service]]:
        """The same as `get_all`, an async iterator of `Page` objects (items, cursor, Mews request id)."""
        query = self._calls.get_all(*args, **kwargs)
        pages: AsyncIterator[Page[Service]] = self._shell.merge(self._calls.streams(query))
        return pages

    @arguments_of(_Calls.find)
    async def find(self, name: str, *args: Any, **kwargs: Any) -> Service:
        """The one service with this name (awaited)."""
        query = self._calls.find(name, *args, **kwargs)
        pages: AsyncIterator[Page[Service]] = self._shell.merge(self._calls.streams(query))
        return match_service(name, [service async for page in pages for service in page.items])


def match_service(name: str, services: Iterable[Service]) -> Service:
    """The one service called `name` in `services` (exactly, else up to case and spaces), as `vouchers.find` matches.

    Raises `NoMatchError` (naming the closest names) or `AmbiguousMatchError` (listing the matches).
    """
    return match_named(
        name,
        list(services),
        kind="service",
        name_of=lambda service: service.name,
        about=lambda service: f"{service.name!r} {service.id} (enterprise {service.enterprise_id})",
    )
