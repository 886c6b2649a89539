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
from typing import Literal

import msgspec

from mews_wrapper._models import VoucherCode

_UTC = dt.UTC


class _WireVoucherCode(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCode` of openapi.yaml, strictly: required `Id` and `VoucherId`, the rest optional."""

    id: uuid.UUID
    voucher_id: uuid.UUID
    value: str | msgspec.UnsetType | None = msgspec.UNSET
    validity_start_utc: dt.datetime | msgspec.UnsetType | None = msgspec.UNSET
    validity_end_utc: dt.datetime | msgspec.UnsetType | None = msgspec.UNSET
    created_utc: dt.datetime | msgspec.UnsetType | None = msgspec.UNSET
    updated_utc: dt.datetime | msgspec.UnsetType | None = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    activity_state: Literal["Active", "Deleted"] | msgspec.UnsetType | None = msgspec.UNSET


class _WireVoucherCodeResult(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherCodeResult` of openapi.yaml, strictly."""

    voucher_codes: list[_WireVoucherCode]
    cursor: uuid.UUID | msgspec.UnsetType | None = msgspec.UNSET


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
    codes = []
    for wire in page.voucher_codes:
        is_active = wire.is_active
        if isinstance(is_active, msgspec.UnsetType):
            state = wire.activity_state
            if state is None or isinstance(state, msgspec.UnsetType):
                return None  # neither: the reference reader says what is wrong
            is_active = state == "Active"
        value = wire.value
        codes.append(
            VoucherCode(
                wire.id,
                wire.voucher_id,
                None if isinstance(value, msgspec.UnsetType) else value,
                _utc(wire.validity_start_utc),
                _utc(wire.validity_end_utc),
                _utc(wire.created_utc),
                _utc(wire.updated_utc),
                is_active,
            )
        )
    cursor = page.cursor
    return tuple(codes), None if isinstance(cursor, msgspec.UnsetType) else cursor


def _utc(value: dt.datetime | msgspec.UnsetType | None) -> dt.datetime | None:
    """Aware UTC, as the reference reader gives it: an offset is converted, a datetime without one taken as UTC."""
    if value is None or isinstance(value, msgspec.UnsetType):
        return None
    tz = value.tzinfo
    if tz is _UTC:
        return value
    return value.replace(tzinfo=_UTC) if tz is None else value.astimezone(_UTC)
