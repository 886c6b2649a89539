"""Voucher codes read at the speed of JSON: msgspec decodes a page straight into typed structs, in C.

The generated parser is the reference reader, and it stays the one that decides: these structs are a strict
reading of `VoucherCodeResult` and `VoucherCode` in `openapi.yaml` (a test holds them to every property's name, type,
format and nullability), and a body they do not take exactly (an unknown field, which must be kept in `extra`, a
value of the wrong type, a null where the spec has none, anything surprising) returns None, so the caller reads it
with the generated parser instead. A differential test shows that both give equal public values.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Literal

import msgspec

from mews_wrapper._models import VoucherCode

_UTC = dt.UTC
# A datetime without an offset goes to the reference (which takes it as UTC); Mews always writes one (Z).
_AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]


class _WireVoucherCode(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCode` of openapi.yaml, strictly.

    `Id` and `VoucherId` are required; absent and null read alike (None), except `IsActive`, which may be absent
    (UNSET) but is never null.
    """

    id: uuid.UUID
    voucher_id: uuid.UUID
    value: str | None = None
    validity_start_utc: _AwareDatetime | None = None
    validity_end_utc: _AwareDatetime | None = None
    created_utc: _AwareDatetime | None = None
    updated_utc: _AwareDatetime | None = None
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    activity_state: Literal["Active", "Deleted"] | None = None


class _WireVoucherCodeResult(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCodeResult` of openapi.yaml, strictly."""

    voucher_codes: list[_WireVoucherCode]
    cursor: uuid.UUID | None = None


_DECODER = msgspec.json.Decoder(_WireVoucherCodeResult)
# Where the two readers part: a fraction of more than 6 digits is rounded here and cut by the reference. Mews writes
# whole seconds; a body with such a fraction anywhere goes to the reference (a search of about 0.1 us per code).
_LONG_FRACTION = re.compile(rb"\.\d{7}")


def read_voucher_codes(body: bytes) -> tuple[tuple[VoucherCode, ...], uuid.UUID | None] | None:
    """The codes and the cursor of a `VoucherCodeResult` body, or None when the strict reading does not take it."""
    if _LONG_FRACTION.search(body):
        return None
    try:
        page = _DECODER.decode(body)
    except msgspec.DecodeError:  # not JSON, not this shape, or an unknown field (ValidationError is a DecodeError)
        return None
    codes: list[VoucherCode] = []
    append = codes.append
    for wire in page.voucher_codes:
        is_active = wire.is_active
        if is_active.__class__ is not bool:  # absent: the deprecated ActivityState says
            if wire.activity_state is None:
                return None  # neither: the reference reader says what is wrong
            is_active = wire.activity_state == "Active"
        # Every datetime here has an offset; only one other than Z (rare) needs converting.
        start, end = wire.validity_start_utc, wire.validity_end_utc
        created, updated = wire.created_utc, wire.updated_utc
        if start is not None and start.tzinfo is not _UTC:
            start = start.astimezone(_UTC)
        if end is not None and end.tzinfo is not _UTC:
            end = end.astimezone(_UTC)
        if created is not None and created.tzinfo is not _UTC:
            created = created.astimezone(_UTC)
        if updated is not None and updated.tzinfo is not _UTC:
            updated = updated.astimezone(_UTC)
        append(VoucherCode(wire.id, wire.voucher_id, wire.value, start, end, created, updated, is_active))
    return tuple(codes), page.cursor
