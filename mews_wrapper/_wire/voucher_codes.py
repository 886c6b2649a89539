"""Reading a `VoucherCodeResult`: strictly and fast with msgspec, or by the generated parser, to `VoucherCode`s."""

from __future__ import annotations

import uuid
from typing import Any, Literal

import msgspec
from mews_connector_client.models import VoucherCode as GeneratedVoucherCode
from mews_connector_client.models import VoucherCodeResult

from mews_wrapper import _convert as convert
from mews_wrapper._endpoint import Reader
from mews_wrapper._fast_reader import UTC, AwareDatetime, UuidText, decode_strictly, uuid_of
from mews_wrapper._types.voucher_codes import VoucherCode


class WireVoucherCode(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCode` of openapi.yaml, strictly.

    `Id` and `VoucherId` are required; absent and null read alike (None), except `IsActive`, which may be absent
    (UNSET) but is never null. `VoucherId` is read as text, made a UUID once per distinct value and page.
    """

    id: uuid.UUID
    voucher_id: UuidText
    value: str | None = None
    validity_start_utc: AwareDatetime | None = None
    validity_end_utc: AwareDatetime | None = None
    created_utc: AwareDatetime | None = None
    updated_utc: AwareDatetime | None = None
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    activity_state: Literal["Active", "Deleted"] | None = None


class WireVoucherCodeResult(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCodeResult` of openapi.yaml, strictly."""

    voucher_codes: list[WireVoucherCode]
    cursor: uuid.UUID | None = None


_DECODER = msgspec.json.Decoder(WireVoucherCodeResult)


def read_voucher_codes(body: bytes) -> tuple[tuple[VoucherCode, ...], uuid.UUID | None] | None:
    """The codes and the cursor of a `VoucherCodeResult` body, or None when the strict reading does not take it."""
    page = decode_strictly(_DECODER, body)
    if page is None:
        return None
    codes: list[VoucherCode] = []
    append = codes.append
    voucher_ids: dict[str, uuid.UUID] = {}
    for wire in page.voucher_codes:  # the hot loop of reading: written out, not through helpers
        is_active = wire.is_active
        if is_active.__class__ is not bool:  # absent: the deprecated ActivityState says
            if wire.activity_state is None:
                return None  # neither: the reference reader says what is wrong
            is_active = wire.activity_state == "Active"
        start, end = wire.validity_start_utc, wire.validity_end_utc
        created, updated = wire.created_utc, wire.updated_utc
        if start is not None and start.tzinfo is not UTC:
            start = start.astimezone(UTC)
        if end is not None and end.tzinfo is not UTC:
            end = end.astimezone(UTC)
        if created is not None and created.tzinfo is not UTC:
            created = created.astimezone(UTC)
        if updated is not None and updated.tzinfo is not UTC:
            updated = updated.astimezone(UTC)
        voucher_id = voucher_ids.get(wire.voucher_id)
        if voucher_id is None:
            voucher_id = uuid_of(wire.voucher_id)
            if voucher_id is None:
                return None
            voucher_ids[wire.voucher_id] = voucher_id
        append(VoucherCode(wire.id, voucher_id, wire.value, start, end, created, updated, is_active))
    return tuple(codes), page.cursor


def public_code(code: GeneratedVoucherCode) -> VoucherCode:
    """A public VoucherCode from the generated one: no Unset, aware UTC datetimes, is_active always known."""
    return VoucherCode(
        id=convert.required_uuid(code.id, "Id"),
        voucher_id=convert.required_uuid(code.voucher_id, "VoucherId"),
        value=convert.optional_str(code.value, "Value"),
        validity_start_utc=convert.utc(code.validity_start_utc, "ValidityStartUtc"),
        validity_end_utc=convert.utc(code.validity_end_utc, "ValidityEndUtc"),
        created_utc=convert.utc(code.created_utc, "CreatedUtc"),
        updated_utc=convert.utc(code.updated_utc, "UpdatedUtc"),
        is_active=convert.is_active(code.is_active, code.activity_state),
        extra=convert.unknown_fields(code),
    )


def _codes_of(parsed: Any) -> tuple[VoucherCode, ...]:
    return tuple(public_code(code) for code in parsed.voucher_codes)


VOUCHER_CODES: Reader[VoucherCode] = Reader(VoucherCodeResult, _codes_of, "VoucherCodes", read_voucher_codes)
"""How a page of voucher codes (getAll's, and add's created codes) is read."""
