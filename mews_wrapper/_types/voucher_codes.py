"""Voucher codes as users see them: `NewVoucherCode` to add, `VoucherCode` as Mews holds it (aware UTC, no Unset)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._types._value import NO_FIELDS, PublicValue
from mews_wrapper._validation import from_mapping, to_uuid, validity_end, validity_start

__all__ = ["MAX_VALUE_LENGTH", "NewVoucherCode", "VoucherCode", "check_value"]

MAX_VALUE_LENGTH = 128
"""The longest voucher code `Value`."""


def check_value(value: object) -> str:
    """A voucher code value a guest can type: 1 to 128 characters, sendable as UTF-8, kept exactly as given.

    Refused: only whitespace; a control character (C0, DEL, C1) or a line or paragraph separator anywhere; and
    whitespace at either end. The value is never trimmed or changed here: Mews compares values exactly (an add
    refuses a value already active, a delete by value must find it), so a silent trim would name another code.
    """
    if not isinstance(value, str):
        raise MewsValidationError(f"value must be a string, got {type(value).__name__}")
    if not 1 <= len(value) <= MAX_VALUE_LENGTH:
        raise MewsValidationError(f"value must be 1 to {MAX_VALUE_LENGTH} characters long, got {len(value)}")
    if not _is_utf8(value):
        raise MewsValidationError(f"value {value!r} holds a lone surrogate, which cannot be sent as UTF-8")
    control = _UNTYPABLE.search(value)
    if control is not None:
        character = f"U+{ord(control.group()):04X}"
        raise MewsValidationError(f"value {value!r} holds {character}, a control character or line break nobody types")
    if not value.strip():
        raise MewsValidationError(f"value {value!r} is only whitespace")
    if value != value.strip():
        raise MewsValidationError(f"value {value!r} begins or ends with whitespace (strip it first, if that is meant)")
    return value


# Unicode's control characters (category Cc: C0, DEL and C1) and the line and paragraph separators.
_UNTYPABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The converters' parameter types are what `NewVoucherCode(...)` shows and type checkers hold callers to; each still
# checks at run time, since callers (and mappings) may pass anything.


def _voucher_id(value: str | uuid.UUID) -> uuid.UUID:
    return to_uuid(value, "voucher_id")


def _value(value: str) -> str:
    return check_value(value)


def _start(value: dt.datetime | None) -> dt.datetime | None:
    return validity_start(value, "validity_start_utc")


def _end(value: dt.datetime | None) -> dt.datetime | None:
    return validity_end(value, "validity_end_utc")


@attrs.frozen
class NewVoucherCode:
    """A voucher code to add: the voucher it belongs to, its value, and an optional validity interval.

    Checked on construction (`MewsValidationError`): a UUID (or its text) for `voucher_id`, a `value` of 1 to 128
    characters, timezone-aware datetimes, and a start that is not after the end. The validity datetimes are kept in
    UTC and in whole seconds, as Mews writes them: a fraction widens the interval outward (the start rounds down,
    the end up), so the code is valid at every instant the caller asked for.
    """

    voucher_id: uuid.UUID = attrs.field(converter=_voucher_id)
    value: str = attrs.field(converter=_value)
    validity_start_utc: dt.datetime | None = attrs.field(default=None, converter=_start)
    validity_end_utc: dt.datetime | None = attrs.field(default=None, converter=_end)

    def __attrs_post_init__(self) -> None:
        """Refuse a validity interval that ends before it starts."""
        start, end = self.validity_start_utc, self.validity_end_utc
        if start is not None and end is not None and start > end:
            raise MewsValidationError("validity_start_utc must not be after validity_end_utc")

    @classmethod
    def coerce(cls, item: object) -> NewVoucherCode:
        """A NewVoucherCode from itself or from a mapping with the same keys."""
        return from_mapping(cls, item, "voucher code", ("voucher_id", "value"))


class VoucherCode(PublicValue, frozen=True, gc=False):
    """A voucher code as Mews holds it: frozen, typed, equal and hashed by value; datetimes are aware UTC.

    `is_active` comes from `IsActive`, or from the deprecated `ActivityState` when Mews leaves `IsActive` out.
    `extra` keeps fields that this version does not know (not part of equality, hashing or the repr).

    A `msgspec.Struct` rather than an attrs class: made in C and never tracked by the garbage collector, which is
    most of what reading a page costs (`msgspec.structs.replace` and `msgspec.structs.asdict` work on it).
    """

    id: uuid.UUID
    voucher_id: uuid.UUID
    value: str | None
    validity_start_utc: dt.datetime | None
    validity_end_utc: dt.datetime | None
    created_utc: dt.datetime | None
    updated_utc: dt.datetime | None
    is_active: bool
    extra: Mapping[str, Any] = NO_FIELDS
