"""The voucher-code resource: `get_all`, `get_all_pages`, `add`, `delete`, checked before anything is sent."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._models import NewVoucherCode, Page, VoucherCode
from mews_wrapper._program import GetAllQuery, Program, Session, add_codes, delete_codes, get_all_pages
from mews_wrapper._validation import IdLike, TimeWindow, check_page_size, check_window, to_uuid, to_uuid_list

if TYPE_CHECKING:
    from mews_wrapper._client import AsyncMewsClient, MewsClient

NewCodeLike = NewVoucherCode | Mapping[str, Any]


class _VoucherCodesPrograms:
    """Argument checking and the programs to run, shared by the sync and async resources."""

    _session: Session

    def _pages_program(
        self,
        voucher_ids: Iterable[IdLike],
        voucher_code_ids: Iterable[IdLike] | None,
        enterprise_ids: Iterable[IdLike] | None,
        updated_utc: TimeWindow | None,
        page_size: int,
    ) -> Program:
        query = GetAllQuery(
            voucher_ids=to_uuid_list(voucher_ids, "voucher_ids", required=True) or [],
            voucher_code_ids=to_uuid_list(voucher_code_ids, "voucher_code_ids"),
            enterprise_ids=to_uuid_list(enterprise_ids, "enterprise_ids"),
            window=check_window(updated_utc),
            page_size=check_page_size(page_size),
        )
        return get_all_pages(self._session, query)

    def _add_program(self, codes: Iterable[NewCodeLike], enterprise_id: IdLike | None) -> Program | None:
        if isinstance(codes, (str, bytes, Mapping, NewVoucherCode)):
            raise MewsValidationError("codes must be a collection of NewVoucherCode (or mappings)")
        checked = [NewVoucherCode.coerce(code) for code in codes]
        target = self._target_enterprise(enterprise_id)
        return add_codes(self._session, checked, target) if checked else None

    def _delete_program(self, voucher_code_ids: Iterable[IdLike], enterprise_id: IdLike | None) -> Program | None:
        if isinstance(voucher_code_ids, (str, bytes, uuid.UUID)):
            raise MewsValidationError("voucher_code_ids must be a collection of ids, not a single id")
        ids = list(voucher_code_ids)
        checked = to_uuid_list(ids, "voucher_code_ids") if ids else []
        target = self._target_enterprise(enterprise_id)
        return delete_codes(self._session, checked or [], target) if checked else None

    def _target_enterprise(self, enterprise_id: IdLike | None) -> uuid.UUID | None:
        """The EnterpriseId for add/delete: the argument, else the client's default; required with a portfolio."""
        config = self._session.config
        target = to_uuid(enterprise_id, "enterprise_id") if enterprise_id is not None else config.enterprise_id
        if target is None and config.portfolio:
            raise MewsValidationError(
                "enterprise_id is required with a Portfolio Access Token: pass enterprise_id=... "
                "or set a default on the client (enterprise_id=... or MEWS_ENTERPRISE_ID)"
            )
        return target


_PagesT = TypeVar("_PagesT")
_CodesT = TypeVar("_CodesT")
_AddT = TypeVar("_AddT")
_DeleteT = TypeVar("_DeleteT")


class _VoucherCodesBase(_VoucherCodesPrograms, Generic[_PagesT, _CodesT, _AddT, _DeleteT]):
    """The four calls, written once; the sync and async resources only say how a program is run."""

    def get_all(
        self,
        voucher_ids: Iterable[IdLike],
        *,
        voucher_code_ids: Iterable[IdLike] | None = None,
        enterprise_ids: Iterable[IdLike] | None = None,
        updated_utc: TimeWindow | None = None,
        page_size: int = 1000,
    ) -> _CodesT:
        """Every voucher code matching the filters, page after page, fetched lazily as you iterate.

        Any number of ids, as `str` or `uuid.UUID`, and any `(start, end)` window of timezone-aware datetimes:
        longer lists and windows are split into requests Mews accepts. `enterprise_ids=None` means every
        enterprise the token reaches. Bad arguments raise `MewsValidationError` here, before anything is sent.
        (Async: an async iterator, `async for`.)
        """
        return self._codes(
            self.get_all_pages(
                voucher_ids,
                voucher_code_ids=voucher_code_ids,
                enterprise_ids=enterprise_ids,
                updated_utc=updated_utc,
                page_size=page_size,
            )
        )

    def get_all_pages(
        self,
        voucher_ids: Iterable[IdLike],
        *,
        voucher_code_ids: Iterable[IdLike] | None = None,
        enterprise_ids: Iterable[IdLike] | None = None,
        updated_utc: TimeWindow | None = None,
        page_size: int = 1000,
    ) -> _PagesT:
        """The same as `get_all`, one `Page` (items, cursor, request id) at a time; empty pages are skipped."""
        program = self._pages_program(voucher_ids, voucher_code_ids, enterprise_ids, updated_utc, page_size)
        return self._pages(program)

    def add(self, codes: Iterable[NewCodeLike], *, enterprise_id: IdLike | None = None) -> _AddT:
        """Add codes (any number, in chunks of 1000, in input order) and return them as Mews created them.

        `codes` holds `NewVoucherCode`s or mappings with the same keys. Empty input sends nothing and returns [].
        When a chunk fails after others went in, `BatchError` says which codes did and which did not.
        (Async: awaited.)
        """
        return self._added(self._add_program(codes, enterprise_id))

    def delete(self, voucher_code_ids: Iterable[IdLike], *, enterprise_id: IdLike | None = None) -> _DeleteT:
        """Delete codes (any number, in chunks of 1000); Mews marks them deleted and getAll still returns them.

        Empty input sends nothing. (Async: awaited.)
        """
        return self._deleted(self._delete_program(voucher_code_ids, enterprise_id))

    def _pages(self, program: Program) -> _PagesT:
        raise NotImplementedError

    def _codes(self, pages: _PagesT) -> _CodesT:
        raise NotImplementedError

    def _added(self, program: Program | None) -> _AddT:
        raise NotImplementedError

    def _deleted(self, program: Program | None) -> _DeleteT:
        raise NotImplementedError


class VoucherCodes(_VoucherCodesBase[Iterator[Page[VoucherCode]], Iterator[VoucherCode], list[VoucherCode], None]):
    """Voucher codes through a `MewsClient`: `get_all`, `get_all_pages`, `add`, `delete`."""

    def __init__(self, client: MewsClient) -> None:
        """Bound to one client."""
        self._client = client
        self._session = client._session

    def _pages(self, program: Program) -> Iterator[Page[VoucherCode]]:
        pages: Iterator[Page[VoucherCode]] = self._client._drive(program)
        return pages

    def _codes(self, pages: Iterator[Page[VoucherCode]]) -> Iterator[VoucherCode]:
        return (code for page in pages for code in page.items)

    def _added(self, program: Program | None) -> list[VoucherCode]:
        created: list[VoucherCode] = [] if program is None else self._client._result(program)
        return created

    def _deleted(self, program: Program | None) -> None:
        if program is not None:
            self._client._result(program)


class AsyncVoucherCodes(
    _VoucherCodesBase[
        AsyncIterator[Page[VoucherCode]], AsyncIterator[VoucherCode], Awaitable[list[VoucherCode]], Awaitable[None]
    ]
):
    """Voucher codes through an `AsyncMewsClient`: the same calls, awaited (`async for` for `get_all`)."""

    def __init__(self, client: AsyncMewsClient) -> None:
        """Bound to one client."""
        self._client = client
        self._session = client._session

    def _pages(self, program: Program) -> AsyncIterator[Page[VoucherCode]]:
        pages: AsyncIterator[Page[VoucherCode]] = self._client._drive(program)
        return pages

    def _codes(self, pages: AsyncIterator[Page[VoucherCode]]) -> AsyncIterator[VoucherCode]:
        return _items(pages)

    async def _added(self, program: Program | None) -> list[VoucherCode]:
        created: list[VoucherCode] = [] if program is None else await self._client._result(program)
        return created

    async def _deleted(self, program: Program | None) -> None:
        if program is not None:
            await self._client._result(program)


async def _items(pages: AsyncIterator[Page[VoucherCode]]) -> AsyncIterator[VoucherCode]:
    async for page in pages:
        for code in page.items:
            yield code
