"""The value classes users see: frozen, slotted, typed, never `Unset`; datetimes are aware UTC."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import attrs

from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._validation import check_value, to_uuid, validity_end, validity_start

__all__ = ["NewVoucherCode", "Page", "VoucherCode"]

_T = TypeVar("_T")


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
        if isinstance(item, NewVoucherCode):
            return item
        if not isinstance(item, Mapping):
            raise MewsValidationError(f"expected a NewVoucherCode or a mapping, got {type(item).__name__}")
        unknown = set(item) - {field.name for field in attrs.fields(cls)}
        if unknown:
            raise MewsValidationError(f"unknown keys for a voucher code: {', '.join(sorted(map(str, unknown)))}")
        if "voucher_id" not in item or "value" not in item:
            raise MewsValidationError("a voucher code needs 'voucher_id' and 'value'")
        return cls(**item)


@attrs.frozen
class VoucherCode:
    """A voucher code as Mews holds it.

    `is_active` comes from `IsActive`, or from the deprecated `ActivityState` when Mews leaves `IsActive` out.
    `extra` keeps fields that this version does not know (not part of equality or hashing).
    """

    id: uuid.UUID
    voucher_id: uuid.UUID
    value: str | None
    validity_start_utc: dt.datetime | None
    validity_end_utc: dt.datetime | None
    created_utc: dt.datetime | None
    updated_utc: dt.datetime | None
    is_active: bool
    extra: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class Page(Generic[_T]):
    """One page of results: its items (newest first), the cursor Mews returned, and the Mews request id."""

    items: tuple[_T, ...]
    cursor: uuid.UUID | None
    request_id: str | None = None

    def __len__(self) -> int:
        """How many items the page holds."""
        return len(self.items)
