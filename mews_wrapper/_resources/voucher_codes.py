"""The voucher-code resource: its endpoints, and `get_all`, `get_all_pages`, `add`, `delete`, checked first.

`_Calls` checks the arguments and makes the program of each call, once for both clients; `VoucherCodes` and
`AsyncVoucherCodes` only state their own signatures and hand the program to their shell.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from typing import Any

from mews_connector_client.api.voucher_codes import voucher_codes_add, voucher_codes_delete, voucher_codes_get_all
from mews_connector_client.models import (
    Limitation,
    MultipleVoucherCodeAddParameters,
    MultipleVoucherCodeDeleteParameters,
    Unit,
    VoucherCodeAddParameters,
    VoucherCodeFilterParameters,
)

from mews_wrapper._config import ClientConfig
from mews_wrapper._endpoint import Endpoint, Reader, credentials, list_or_unset, unset_if_none, window_or_unset
from mews_wrapper._exceptions import MewsResponseError, MewsValidationError
from mews_wrapper._page import Page
from mews_wrapper._pagination import WINDOW, PagedQuery
from mews_wrapper._program import ChunkedWrite, Session
from mews_wrapper._resource import ResourceCalls, announce, async_items, target_enterprise
from mews_wrapper._resources.vouchers import AsyncVouchers, Vouchers
from mews_wrapper._responses import Answer
from mews_wrapper._shells import AsyncShell, SyncShell
from mews_wrapper._signatures import arguments_of
from mews_wrapper._types.voucher_codes import MAX_VALUE_LENGTH, NewVoucherCode, VoucherCode
from mews_wrapper._validation import as_list, check_page_size, check_window, to_text_list, to_uuid_list
from mews_wrapper._wire.voucher_codes import VOUCHER_CODES
from mews_wrapper._written import Written

__all__ = ["ADD", "DELETE", "GET_ALL", "AsyncVoucherCodes", "VoucherCodes"]

GET_ALL: Endpoint[VoucherCode] = Endpoint(
    "voucherCodes/getAll", voucher_codes_get_all, idempotent=True, reader=VOUCHER_CODES
)
ADD: Endpoint[VoucherCode] = Endpoint(
    "voucherCodes/add",
    voucher_codes_add,
    idempotent=False,
    reader=VOUCHER_CODES,
    minimal=False,
    no_content_error="204 without the created codes",
)
DELETE: Endpoint[Any] = Endpoint(
    "voucherCodes/delete",
    voucher_codes_delete,
    idempotent=False,
    reader=Reader(Unit, lambda _: (), "the empty object"),
)


def _page_body(
    config: ClientConfig, planned: Mapping[str, Any], count: int, cursor: uuid.UUID | None
) -> VoucherCodeFilterParameters:
    """One getAll page's body; it asks for `Prefer: return=minimal`, so an empty page is a 204."""
    return VoucherCodeFilterParameters(
        **credentials(config),
        limitation=Limitation(count=count, cursor=unset_if_none(cursor)),
        voucher_ids=list(planned["voucher_ids"]),
        voucher_code_ids=list_or_unset(planned["voucher_code_ids"]),
        enterprise_ids=list_or_unset(planned["enterprise_ids"]),
        updated_utc=window_or_unset(planned[WINDOW]),
    )


def _add_body(
    config: ClientConfig, codes: Sequence[NewVoucherCode], enterprise_id: uuid.UUID | None
) -> MultipleVoucherCodeAddParameters:
    return MultipleVoucherCodeAddParameters(
        **credentials(config),
        enterprise_id=unset_if_none(enterprise_id),
        voucher_code_parameters=[
            VoucherCodeAddParameters(
                voucher_id=code.voucher_id,
                value=code.value,
                validity_start_utc=unset_if_none(code.validity_start_utc),
                validity_end_utc=unset_if_none(code.validity_end_utc),
            )
            for code in codes
        ],
    )


def _delete_body(
    config: ClientConfig, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None
) -> MultipleVoucherCodeDeleteParameters:
    return MultipleVoucherCodeDeleteParameters(
        **credentials(config), enterprise_id=unset_if_none(enterprise_id), voucher_code_ids=list(ids)
    )


def add_codes(
    session: Session, codes: Sequence[NewVoucherCode], enterprise_id: uuid.UUID | None
) -> ChunkedWrite[NewVoucherCode, VoucherCode]:
    """Add codes in chunks of 1000; the results are the created codes, in input order."""

    def created(part: Sequence[NewVoucherCode], answer: Answer[VoucherCode]) -> Sequence[VoucherCode]:
        if len(answer.items) != len(part):
            raise MewsResponseError(
                f"{ADD.name}: sent {len(part)} codes, Mews returned {len(answer.items)}", request_id=answer.request_id
            )
        return answer.items

    config = session.config
    return ChunkedWrite(
        session, ADD, codes, lambda part: ADD.send(config, _add_body(config, part, enterprise_id)), created
    )


def delete_codes(
    session: Session, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None
) -> ChunkedWrite[uuid.UUID, uuid.UUID]:
    """Delete codes in chunks of 1000; the results are the deleted ids."""
    config = session.config
    return ChunkedWrite(
        session,
        DELETE,
        ids,
        lambda part: DELETE.send(config, _delete_body(config, part, enterprise_id)),
        lambda part, _: part,
    )


class _Calls(ResourceCalls):
    """The parameters of each call, declared once, checked, and turned into a program (no I/O).

    `VoucherCodes` and `AsyncVoucherCodes` take their signatures and parameter docs from these methods
    (`arguments_of`), and run the programs with their shells.
    """

    def get_all(
        self,
        voucher_ids: Iterable[str | uuid.UUID],
        *,
        voucher_code_ids: Iterable[str | uuid.UUID] | None = None,
        enterprise_ids: Iterable[str | uuid.UUID] | None = None,
        updated_utc: tuple[dt.datetime, dt.datetime] | None = None,
        page_size: int = 1000,
    ) -> PagedQuery[VoucherCode]:
        """The arguments of getAll (`get_all`, `get_all_pages`).

        - `voucher_ids`: the vouchers whose codes to read (required; `str` or `uuid.UUID`, any number).
        - `voucher_code_ids`: only these codes (any number); None for every code of the vouchers.
        - `enterprise_ids`: only these enterprises (a portfolio token); None for every enterprise the token reaches.
        - `updated_utc`: a `(start, end)` pair of timezone-aware datetimes, half-open (`start <= UpdatedUtc < end`),
          any length, widened outward to whole seconds (the start rounds down, the end up).
        - `page_size`: codes per request, 1 to 1000.

        Lists over 1000 ids and windows over 3 months are split into queries Mews accepts; up to the client's
        `max_concurrency` of them are paged at once, a page of each in turn (in plan order), and no request runs
        while you hold a page: at most `max_concurrency` pages are held. Results come newest first within each
        query. A code changed while a long scan runs may be seen twice, the later copy newer. Bad arguments raise
        `MewsValidationError` at the call, before anything is sent.
        """
        query = PagedQuery(
            GET_ALL,
            _page_body,
            chunked={
                "voucher_ids": to_uuid_list(voucher_ids, "voucher_ids", required=True) or [],
                "voucher_code_ids": to_uuid_list(voucher_code_ids, "voucher_code_ids"),
                "enterprise_ids": to_uuid_list(enterprise_ids, "enterprise_ids"),
            },
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
        )
        self._shell.check_open()
        return announce(query)

    def add(
        self, codes: Iterable[NewVoucherCode | Mapping[str, Any]], *, enterprise_id: str | uuid.UUID | None = None
    ) -> ChunkedWrite[NewVoucherCode, VoucherCode] | None:
        """The arguments of `add`.

        - `codes`: `NewVoucherCode`s, or mappings with its keys (`voucher_id`, `value`, and optionally
          `validity_start_utc`, `validity_end_utc`); any number, sent in chunks of 1000 (up to the client's
          `max_concurrency` at once), the results in input order. Empty input sends nothing and returns [].
        - `enterprise_id`: the enterprise to add to; required with a portfolio token (else the client's default).

        Every exception that escapes once a request may have been sent carries `batch_error`, a `BatchError` whose
        `succeeded` (the created codes), `failed` (certainly not added) and `unknown` (a timeout, a dropped
        connection or a 5xx: Mews may have added them) cover every input. After a chunk fails no new chunk starts;
        those already out run to their end and are counted. With more than one chunk a `MewsError` comes as that
        `BatchError`, the first failed chunk's error (in input order) as its `__cause__`; a one-chunk call raises
        the error itself (`except RateLimitError` works); a cancellation or `KeyboardInterrupt` keeps its type.
        """
        items = as_list(codes, "codes", "NewVoucherCode (or mappings with its keys)")
        checked = []
        for index, item in enumerate(items):
            try:
                checked.append(NewVoucherCode.coerce(item))
            except MewsValidationError as error:
                raise MewsValidationError(f"codes[{index}]: {error}") from None
        target = target_enterprise(self._session.config, enterprise_id)
        self._shell.check_open()
        return add_codes(self._session, checked, target) if checked else None

    def delete(
        self, voucher_code_ids: Iterable[str | uuid.UUID], *, enterprise_id: str | uuid.UUID | None = None
    ) -> ChunkedWrite[uuid.UUID, uuid.UUID] | None:
        """The arguments of `delete`.

        - `voucher_code_ids`: the codes' ids (`str` or `uuid.UUID`), any number, in chunks of 1000 (up to the
          client's `max_concurrency` at once). Empty input sends nothing.
        - `enterprise_id`: the enterprise the codes belong to; required with a portfolio token (else the client's
          default).

        Failures are accounted for as in `add`, `succeeded` then holding ids.
        """
        ids = as_list(voucher_code_ids, "voucher_code_ids", "ids")
        checked = to_uuid_list(ids, "voucher_code_ids") if ids else None
        target = target_enterprise(self._session.config, enterprise_id)
        self._shell.check_open()
        return delete_codes(self._session, checked, target) if checked else None


def check_values(values: Iterable[str] | None) -> list[str]:
    """The arguments of `find`: code values, exactly as customers type them (1 to 128 characters each)."""
    listed = as_list(values, "values", "code values")
    if not listed:
        raise MewsValidationError("values must name at least one code value")
    checked = to_text_list(listed, "values", MAX_VALUE_LENGTH) or []
    return list(dict.fromkeys(checked))


def found_in_order(values: Sequence[str], codes: Iterable[VoucherCode]) -> list[VoucherCode]:
    """The codes whose value is one of `values` (compared exactly, as Mews does): in `values` order, newest first."""
    wanted = {value: index for index, value in enumerate(values)}
    kept = [code for code in codes if code.value in wanted]
    newest = sorted(kept, key=lambda code: code.updated_utc or code.created_utc or _EPOCH, reverse=True)
    return sorted(newest, key=lambda code: wanted[code.value or ""])


_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


class VoucherCodes:
    """Voucher codes through a `MewsClient` (`client.voucher_codes`): `get_all`, `get_all_pages`, `add`, `delete`.

    Every call checks its arguments first: a bad one raises `MewsValidationError` naming it, and nothing is sent.
    """

    def __init__(self, session: Session, shell: SyncShell, vouchers: Vouchers | None = None) -> None:
        """Bound to one client's session and shell (made by the client); `vouchers` serves `find`."""
        self._calls = _Calls(session, shell)
        self._shell = shell
        self._vouchers = vouchers

    def find(
        self, values: Iterable[str], *, enterprise_ids: Iterable[str | uuid.UUID] | None = None
    ) -> list[VoucherCode]:
        """The codes with these exact values (Mews compares case-sensitively), across every voucher the token reaches.

        Deleted codes come too (`is_active` False): Mews keeps them. In the order of `values`, the newest first
        within a value; a value no code has is simply absent. The cost: `services/getAll` (a page or two), then
        `vouchers/getAll` with the values (`VoucherCodeValues`, 1000 values a request), then the codes of only the
        vouchers that hold one; memory holds the matching codes, not the vouchers' others.
        """
        wanted = check_values(values)
        enterprises = to_uuid_list(enterprise_ids, "enterprise_ids")
        if self._vouchers is None:  # pragma: no cover - the client always gives it
            raise MewsValidationError("find needs the client's vouchers")
        holders = [voucher.id for voucher in self._vouchers.get_all(code_values=wanted, enterprise_ids=enterprises)]
        if not holders:
            return []
        return found_in_order(wanted, self.get_all(holders, enterprise_ids=enterprises))

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> Iterator[VoucherCode]:
        """Every voucher code that matches, fetched page by page as you iterate."""
        return itertools.chain.from_iterable(page.items for page in self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> Iterator[Page[VoucherCode]]:
        """The same as `get_all`, a `Page` (items, cursor, Mews request id) at a time; empty pages are skipped."""
        query = self._calls.get_all(*args, **kwargs)
        pages: Iterator[Page[VoucherCode]] = self._shell.merge(self._calls.streams(query))
        return pages

    @arguments_of(_Calls.add)
    def add(self, *args: Any, **kwargs: Any) -> Written[VoucherCode]:
        """Add codes and return them as Mews created them, in input order (`request_ids`: Mews' ids of the requests)."""
        write = self._calls.add(*args, **kwargs)
        created: Written[VoucherCode] = Written() if write is None else self._shell.write(write)
        return created

    @arguments_of(_Calls.delete)
    def delete(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        """Delete codes by id (Mews keeps them, inactive; getAll still returns them); the ids, with `request_ids`."""
        write = self._calls.delete(*args, **kwargs)
        deleted: Written[uuid.UUID] = Written() if write is None else self._shell.write(write)
        return deleted


class AsyncVoucherCodes:
    """Voucher codes through an `AsyncMewsClient`: the calls of `VoucherCodes`, awaited (`async for` for get_all)."""

    def __init__(self, session: Session, shell: AsyncShell, vouchers: AsyncVouchers | None = None) -> None:
        """Bound to one client's session and shell (made by the client); `vouchers` serves `find`."""
        self._calls = _Calls(session, shell)
        self._shell = shell
        self._vouchers = vouchers

    async def find(
        self, values: Iterable[str], *, enterprise_ids: Iterable[str | uuid.UUID] | None = None
    ) -> list[VoucherCode]:
        """The codes with these exact values across every voucher the token reaches (awaited); see `VoucherCodes`."""
        wanted = check_values(values)
        enterprises = to_uuid_list(enterprise_ids, "enterprise_ids")
        if self._vouchers is None:  # pragma: no cover - the client always gives it
            raise MewsValidationError("find needs the client's vouchers")
        holders = [
            voucher.id async for voucher in self._vouchers.get_all(code_values=wanted, enterprise_ids=enterprises)
        ]
        if not holders:
            return []
        return found_in_order(wanted, [code async for code in self.get_all(holders, enterprise_ids=enterprises)])

    @arguments_of(_Calls.get_all)
    def get_all(self, *args: Any, **kwargs: Any) -> AsyncIterator[VoucherCode]:
        """Every voucher code that matches, as an async iterator (`async for code in ...`)."""
        return async_items(self.get_all_pages(*args, **kwargs))

    @arguments_of(_Calls.get_all)
    def get_all_pages(self, *args: Any, **kwargs: Any) -> AsyncIterator[Page[VoucherCode]]:
        """The same as `get_all`, an async iterator of `Page` objects (items, cursor, Mews request id)."""
        query = self._calls.get_all(*args, **kwargs)
        pages: AsyncIterator[Page[VoucherCode]] = self._shell.merge(self._calls.streams(query))
        return pages

    @arguments_of(_Calls.add)
    async def add(self, *args: Any, **kwargs: Any) -> Written[VoucherCode]:
        """Add codes and return them as Mews created them, in input order (awaited; with `request_ids`)."""
        write = self._calls.add(*args, **kwargs)
        created: Written[VoucherCode] = Written() if write is None else await self._shell.write(write)
        return created

    @arguments_of(_Calls.delete)
    async def delete(self, *args: Any, **kwargs: Any) -> Written[uuid.UUID]:
        """Delete codes by id (awaited): Mews keeps them, inactive; the ids, with `request_ids`."""
        write = self._calls.delete(*args, **kwargs)
        deleted: Written[uuid.UUID] = Written() if write is None else await self._shell.write(write)
        return deleted
