"""The voucher resource: `vouchers/getAll` as `get_all`, `get_all_pages` and `find`, checked before anything is sent.

`service_ids` is what Mews requires; without it a call reads `services/getAll` first, for every service the token
reaches (and logs so), which is the chain from a token to its vouchers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from typing import Any

from mews_connector_client.api.vouchers import vouchers_get_all
from mews_connector_client.models import ActivityStateEnum, Limitation, VoucherExtent, VoucherFilterParameters

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
from mews_wrapper._resources.voucher_writes import VoucherWriteCalls
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import arguments_of
from mews_wrapper._types.voucher_codes import MAX_VALUE_LENGTH
from mews_wrapper._types.vouchers import Voucher
from mews_wrapper._validation import check_flag, check_page_size, check_window, to_text_list, to_uuid_list
from mews_wrapper._wire.vouchers import VOUCHERS
from mews_wrapper._written import Written

__all__ = ["GET_ALL", "AsyncVouchers", "Vouchers"]

logger = logging.getLogger(LOGGER_NAME)

GET_ALL = Endpoint("vouchers/getAll", vouchers_get_all, idempotent=True, reader=VOUCHERS)


def _page_body(
    config: ClientConfig, planned: Mapping[str, Any], count: int, cursor: uuid.UUID | None
) -> VoucherFilterParameters:
    """One page's body, with the `Extent` always explicit (Mews' default extent needs more permissions)."""
    active = planned["active"]
    return VoucherFilterParameters(
        **credentials(config),
        limitation=Limitation(count=count, cursor=unset_if_none(cursor)),
        extent=VoucherExtent(vouchers=True, voucher_assignments=planned["with_rates"], rates=False),
        service_ids=list(planned["service_ids"]),
        enterprise_ids=list_or_unset(planned["enterprise_ids"]),
        voucher_ids=list_or_unset(planned["voucher_ids"]),
        company_ids=list_or_unset(planned["company_ids"]),
        voucher_code_values=list_or_unset(planned["code_values"]),
        external_identifiers=list_or_unset(planned["external_identifiers"]),
        activity_states=unset_if_none(
            None if active is None else [ActivityStateEnum.ACTIVE if active else ActivityStateEnum.DELETED]
        ),
        updated_utc=window_or_unset(planned[WINDOW]),
    )


VoucherPlan = ServicePlan[Voucher]
"""A checked getAll of vouchers: its query once the services are known."""


class _Calls(ResourceCalls):
    """The parameters of each call, declared once and checked; `Vouchers` and `AsyncVouchers` run them."""

    def get_all(
        self,
        service_ids: Iterable[str | uuid.UUID] | None = None,
        *,
        voucher_ids: Iterable[str | uuid.UUID] | None = None,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        company_ids: Iterable[str | uuid.UUID] | None = None,
        code_values: Iterable[str] | None = None,
        external_identifiers: Iterable[str] | None = None,
        active: bool | None = None,
        updated_utc: tuple[dt.datetime, dt.datetime] | None = None,
        with_rates: bool = False,
        page_size: int = 1000,
    ) -> VoucherPlan:
        """The arguments of getAll (`get_all`, `get_all_pages`).

        - `service_ids`: the services whose vouchers to read (any number). None reads `services/getAll` first and
          takes every service the token reaches (of `enterprise_ids`, when given): one more paged read, logged.
        - `voucher_ids`, `company_ids`: only these vouchers, only the vouchers of these partner companies.
        - `code_values`: only the vouchers that have codes with these values; `external_identifiers` likewise.
        - `enterprise_ids`: only these enterprises (a portfolio token); None for every enterprise it reaches.
        - `active`: True for active vouchers only, False for deleted ones only, None for both.
        - `updated_utc`: a `(start, end)` pair of timezone-aware datetimes, half-open, any length.
        - `with_rates`: also ask for the `VoucherAssignments` extent: each voucher's `rate_ids`.
        - `page_size`: vouchers per request, 1 to 1000.

        The request always sends `Extent` (vouchers, and assignments when asked), since Mews' default extent needs
        permissions a token may lack. Lists over 1000 values and windows over 3 months are split into queries Mews
        accepts, paged up to the client's `max_concurrency` at once. Bad arguments raise `MewsValidationError`
        before anything is sent.
        """
        services = to_uuid_list(service_ids, "service_ids")
        enterprises = to_uuid_list(enterprise_ids, "enterprise_ids")
        plan = VoucherPlan(
            GET_ALL,
            _page_body,
            filters={
                "enterprise_ids": enterprises,
                "voucher_ids": to_uuid_list(voucher_ids, "voucher_ids"),
                "company_ids": to_uuid_list(company_ids, "company_ids"),
                "code_values": to_text_list(code_values, "code_values", MAX_VALUE_LENGTH),
                "external_identifiers": to_text_list(external_identifiers, "external_identifiers", 255),
            },
            fixed={
                "active": check_flag(active, "active", optional=True),
                "with_rates": check_flag(with_rates, "with_rates"),
            },
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
            service_ids=services,
            enterprise_ids=enterprises,
        )
        self._shell.check_open()
        return plan

    def find(
        self,
        name: str,
        *,
        service_ids: Iterable[str | uuid.UUID] | None = None,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        active: bool | None = None,
    ) -> VoucherPlan:
        """The arguments of `find`.

        - `name`: the voucher's name as hotel staff see it. An exact match wins; else a match that differs only in
          case and surrounding spaces.
        - `service_ids`, `enterprise_ids`, `active`: as in `get_all` (None reads every service the token reaches).

        Raises `NoMatchError` (naming the closest names) when no voucher has that name, and `AmbiguousMatchError`
        (listing every match, `matches`) when several have.
        """
        if not isinstance(name, str) or not name.strip():
            raise MewsValidationError(f"name must be a non-empty string, got {name!r}")
        return self.get_all(service_ids, enterprise_ids=enterprise_ids, active=active)


def match_voucher(name: str, vouchers: Sequence[Voucher]) -> Voucher:
    """The one voucher called `name` in `vouchers`, by the rule of `find`: exactly, else up to case and spaces.

    For matching many names against one read of `vouchers.get_all()` (a file that names its vouchers). Raises
    `NoMatchError` (naming the closest names) or `AmbiguousMatchError` (listing the matches, `matches`).
    """
    return match_named(
        name,
        vouchers,
        kind="voucher",
        name_of=lambda voucher: voucher.name,
        about=lambda voucher: f"{voucher.name!r} {voucher.id} (service {voucher.service_id})",
    )


class Vouchers:
    """Vouchers through a `MewsClient` (`client.vouchers`): reads, `find`, and `add`, `update`, `delete`.

    Every call checks its arguments first: a bad one raises `MewsValidationError` naming it, and nothing is sent.
    """

    def __init__(self, session: Session, shell: SyncShell, services: Services) -> None:
        """Bound to one client's session, shell and services (made by the client)."""
        self._calls = _Calls(session, shell)
        self._writes = VoucherWriteCalls(session, shell)
        self._shell = shell
        self._services = services

    @arguments_of(VoucherWriteCalls.add)
    def add(self, *args: Any, **kwargs: Any) -> Written[Voucher]:
        """Add vouchers and return them as Mews created them, in input order (with `request_ids`)."""
        write = self._writes.add(*args, **kwargs)
        created: Written[Voucher] = Written() if write is None else self._shell.write(write)
        return created

    @arguments_of(VoucherWriteCalls.update)
    def update(self, *args: Any, **kwargs: Any) -> Written[Voucher]:
        """Change vouchers (`VoucherUpdate` values); as they are now, in input order (with `request_ids`)."""
        write = self._writes.update(*args, **kwargs)
        updated: Written[Voucher] = Written() if write is None else self._shell.write(write)
        return updated

    @arguments_of(VoucherWriteCalls.delete)
    def delete(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        """Delete vouchers by id (Mews keeps them, inactive; their codes stay); the ids, with `request_ids`."""
        write = self._writes.delete(*args, **kwargs)
        deleted: Written[uuid.UUID] = Written() if write is None else self._shell.write(write)
        return deleted

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> Iterator[Voucher]:
        """Every voucher that matches, fetched page by page as you iterate."""
        return itertools.chain.from_iterable(page.items for page in self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> Iterator[Page[Voucher]]:
        """The same as `get_all`, a `Page` (items, cursor, Mews request id) at a time; empty pages are skipped."""
        return self._pages(self._calls.get_all(*args, **kwargs))

    @arguments_of(_Calls.find)
    def find(self, name: str, *args: Any, **kwargs: Any) -> Voucher:
        """The one voucher with this name."""
        plan = self._calls.find(name, *args, **kwargs)
        return match_voucher(name, [voucher for page in self._pages(plan) for voucher in page.items])

    def _pages(self, plan: VoucherPlan) -> Iterator[Page[Voucher]]:
        service_ids = plan.service_ids
        if service_ids is None:
            service_ids = services_read(plan, self._services.get_all(enterprise_ids=plan.enterprise_ids))
        pages: Iterator[Page[Voucher]] = self._shell.merge(self._calls.streams(plan.query(service_ids)))
        yield from pages


class AsyncVouchers:
    """Vouchers through an `AsyncMewsClient`: the calls of `Vouchers`, as async iterators (the others awaited)."""

    def __init__(self, session: Session, shell: AsyncShell, services: AsyncServices) -> None:
        """Bound to one client's session, shell and services (made by the client)."""
        self._calls = _Calls(session, shell)
        self._writes = VoucherWriteCalls(session, shell)
        self._shell = shell
        self._services = services

    @arguments_of(VoucherWriteCalls.add)
    async def add(self, *args: Any, **kwargs: Any) -> Written[Voucher]:
        """Add vouchers and return them as Mews created them, in input order (awaited; with `request_ids`)."""
        write = self._writes.add(*args, **kwargs)
        created: Written[Voucher] = Written() if write is None else await self._shell.write(write)
        return created

    @arguments_of(VoucherWriteCalls.update)
    async def update(self, *args: Any, **kwargs: Any) -> Written[Voucher]:
        """Change vouchers (`VoucherUpdate` values), awaited; as they are now, in input order (with `request_ids`)."""
        write = self._writes.update(*args, **kwargs)
        updated: Written[Voucher] = Written() if write is None else await self._shell.write(write)
        return updated

    @arguments_of(VoucherWriteCalls.delete)
    async def delete(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        """Delete vouchers by id (awaited): Mews keeps them, inactive; the ids, with `request_ids`."""
        write = self._writes.delete(*args, **kwargs)
        deleted: Written[uuid.UUID] = Written() if write is None else await self._shell.write(write)
        return deleted

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> AsyncIterator[Voucher]:
        """Every voucher that matches, as an async iterator (`async for voucher in ...`)."""
        return async_items(self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> AsyncIterator[Page[Voucher]]:
        """The same as `get_all`, an async iterator of `Page` objects (items, cursor, Mews request id)."""
        return self._pages(self._calls.get_all(*args, **kwargs))

    @arguments_of(_Calls.find)
    async def find(self, name: str, *args: Any, **kwargs: Any) -> Voucher:
        """The one voucher with this name (awaited)."""
        plan = self._calls.find(name, *args, **kwargs)
        return match_voucher(name, [voucher async for page in self._pages(plan) for voucher in page.items])

    async def _pages(self, plan: VoucherPlan) -> AsyncIterator[Page[Voucher]]:
        service_ids = plan.service_ids
        if service_ids is None:
            found = [service async for service in self._services.get_all(enterprise_ids=plan.enterprise_ids)]
            service_ids = services_read(plan, found)
        pages: AsyncIterator[Page[Voucher]] = self._shell.merge(self._calls.streams(plan.query(service_ids)))
        async for page in pages:
            yield page
