"""What a voucher write takes: `NewVoucher` to add, `VoucherUpdate` to change, `UNCHANGED` to leave a field alone.

Both are checked on construction (`MewsValidationError`), so a bad voucher is refused before anything is sent.
Mews' update wrappers (`{"Value": ...}`) never appear here: a field of a `VoucherUpdate` is `UNCHANGED` (the
default: left as it is), None (cleared), or the new value.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._types.vouchers import Voucher
from mews_wrapper._validation import aware_utc, ceil_second, floor_second, from_mapping, to_uuid

__all__ = [
    "MAX_RATES",
    "MAX_VOUCHER_NAME_LENGTH",
    "UNCHANGED",
    "VOUCHER_TYPES",
    "NewVoucher",
    "Unchanged",
    "VoucherUpdate",
]

MAX_RATES = 10
"""The most rates one voucher may unlock (Mews raised it to 10 in November 2024)."""

MAX_VOUCHER_NAME_LENGTH = 128
"""The longest voucher `Name`."""

MAX_EXTERNAL_IDENTIFIER_LENGTH = 255
"""The longest `ExternalIdentifier`."""

VOUCHER_TYPES = ("Public", "PartnerCompany", "TravelAgency")
"""Who may use a voucher: anyone with a code, a partner company's guests, or a travel agency's."""

COMPANY_TYPES = ("PartnerCompany", "TravelAgency")
"""The voucher types that need a `company_id`."""


class Unchanged(enum.Enum):
    """The type of `UNCHANGED`, the one value that means "leave this field as it is" in a `VoucherUpdate`."""

    UNCHANGED = "UNCHANGED"

    def __repr__(self) -> str:
        """`UNCHANGED`, as it is written."""
        return "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED
"""Leave the field as it is (the default of every field of a `VoucherUpdate`); None clears a field instead."""

_UNTYPABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_voucher_name(value: object, name: str = "name") -> str:
    """A voucher name of 1 to 128 characters, no control characters, no spaces at either end; kept as given."""
    if not isinstance(value, str):
        raise MewsValidationError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise MewsValidationError(f"{name} must not be empty or only whitespace")
    if len(value) > MAX_VOUCHER_NAME_LENGTH:
        raise MewsValidationError(f"{name} must be at most {MAX_VOUCHER_NAME_LENGTH} characters long, got {len(value)}")
    if _UNTYPABLE.search(value):
        raise MewsValidationError(f"{name} {value!r} holds a control character or a line break")
    if value != value.strip():
        raise MewsValidationError(f"{name} {value!r} begins or ends with whitespace")
    return value


def check_voucher_type(value: object, name: str = "type") -> str:
    """One of `VOUCHER_TYPES`, spelled as Mews spells it."""
    if value not in VOUCHER_TYPES:
        raise MewsValidationError(f"{name} must be one of {', '.join(VOUCHER_TYPES)}, got {value!r}")
    return str(value)


def check_rate_ids(value: object, name: str = "rate_ids") -> tuple[uuid.UUID, ...]:
    """At most 10 distinct rate ids (`str` or `uuid.UUID`), in the order given."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise MewsValidationError(f"{name} must be a collection of rate ids, got {type(value).__name__}")
    ids = [to_uuid(item, f"{name}[{index}]") for index, item in enumerate(value)]
    repeated = next((rate for index, rate in enumerate(ids) if rate in ids[:index]), None)
    if repeated is not None:
        raise MewsValidationError(f"{name} names rate {repeated} twice")
    if len(ids) > MAX_RATES:
        raise MewsValidationError(f"{name}: a voucher unlocks at most {MAX_RATES} rates, got {len(ids)}")
    return tuple(ids)


def check_external_identifier(value: object, name: str = "external_identifier") -> str | None:
    """None, or a text of 1 to 255 characters."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise MewsValidationError(f"{name} must be a non-empty string or None, got {value!r}")
    if len(value) > MAX_EXTERNAL_IDENTIFIER_LENGTH:
        raise MewsValidationError(
            f"{name} must be at most {MAX_EXTERNAL_IDENTIFIER_LENGTH} characters long, got {len(value)}"
        )
    return value


def _stay_start(value: object, name: str = "stay_start_utc") -> dt.datetime | None:
    return None if value is None else floor_second(aware_utc(value, name))


def _stay_end(value: object, name: str = "stay_end_utc") -> dt.datetime | None:
    return None if value is None else ceil_second(aware_utc(value, name), name)


def _check_stay(start: object, end: object) -> None:
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and start > end:
        raise MewsValidationError("stay_start_utc must not be after stay_end_utc")


# The converters' parameter types are what `NewVoucher(...)` shows and type checkers hold callers to; each still
# checks at run time, since callers (and mappings) may pass anything.


def _service_id(value: str | uuid.UUID) -> uuid.UUID:
    return to_uuid(value, "service_id")


def _name(value: str) -> str:
    return check_voucher_name(value)


def _type(value: str) -> str:
    return check_voucher_type(value)


def _company_id(value: str | uuid.UUID | None) -> uuid.UUID | None:
    return None if value is None else to_uuid(value, "company_id")


def _rates(value: Iterable[str | uuid.UUID]) -> tuple[uuid.UUID, ...]:
    return check_rate_ids(value)


def _start(value: dt.datetime | None) -> dt.datetime | None:
    return _stay_start(value)


def _end(value: dt.datetime | None) -> dt.datetime | None:
    return _stay_end(value)


def _external(value: str | None) -> str | None:
    return check_external_identifier(value)


@attrs.frozen
class NewVoucher:
    """A voucher to add: its service, its name, who may use it, and the rates it unlocks.

    - `service_id`: the service (accommodation, usually) the voucher belongs to.
    - `name`: as hotel staff will see it, 1 to 128 characters (no spaces at either end).
    - `type`: `"Public"` (the default), `"PartnerCompany"` or `"TravelAgency"`; the last two need `company_id`.
    - `rate_ids`: the rates the voucher unlocks, at most 10, each once (`rates.find` turns a name into one).
    - `stay_start_utc`, `stay_end_utc`: when the stays it is for may happen (Mews' `OccupiableInterval`), aware
      datetimes kept in UTC and widened outward to whole seconds, the start not after the end.
    - `external_identifier`: the voucher's id in another system, up to 255 characters.

    Checked on construction (`MewsValidationError`).
    """

    service_id: uuid.UUID = attrs.field(converter=_service_id)
    name: str = attrs.field(converter=_name)
    type: str = attrs.field(default="Public", kw_only=True, converter=_type)
    rate_ids: tuple[uuid.UUID, ...] = attrs.field(default=(), kw_only=True, converter=_rates)
    company_id: uuid.UUID | None = attrs.field(default=None, kw_only=True, converter=_company_id)
    stay_start_utc: dt.datetime | None = attrs.field(default=None, kw_only=True, converter=_start)
    stay_end_utc: dt.datetime | None = attrs.field(default=None, kw_only=True, converter=_end)
    external_identifier: str | None = attrs.field(default=None, kw_only=True, converter=_external)

    def __attrs_post_init__(self) -> None:
        """Refuse a company voucher without its company, and a stay interval that ends before it starts."""
        if self.type in COMPANY_TYPES and self.company_id is None:
            raise MewsValidationError(f"a {self.type} voucher needs company_id (the company whose guests may use it)")
        _check_stay(self.stay_start_utc, self.stay_end_utc)

    @classmethod
    def coerce(cls, item: object) -> NewVoucher:
        """A NewVoucher from itself or from a mapping with the same keys."""
        return from_mapping(cls, item, "voucher", ("service_id", "name"))


def _updated_company(value: str | uuid.UUID | Unchanged | None) -> uuid.UUID | Unchanged | None:
    return UNCHANGED if value is UNCHANGED else _company_id(value)


def _updated_start(value: dt.datetime | Unchanged | None) -> dt.datetime | Unchanged | None:
    return UNCHANGED if value is UNCHANGED else _stay_start(value)


def _updated_end(value: dt.datetime | Unchanged | None) -> dt.datetime | Unchanged | None:
    return UNCHANGED if value is UNCHANGED else _stay_end(value)


def _updated_external(value: str | Unchanged | None) -> str | Unchanged | None:
    return UNCHANGED if value is UNCHANGED else check_external_identifier(value)


def _voucher_id(value: str | uuid.UUID) -> uuid.UUID:
    return to_uuid(value, "voucher_id")


def _updated_name(value: str | Unchanged) -> str | Unchanged:
    if value is None:
        raise MewsValidationError("name cannot be cleared: a voucher always has a name (UNCHANGED leaves it)")
    return UNCHANGED if value is UNCHANGED else check_voucher_name(value)


def _updated_type(value: str | Unchanged) -> str | Unchanged:
    if value is None:
        raise MewsValidationError("type cannot be cleared: a voucher always has a type (UNCHANGED leaves it)")
    return UNCHANGED if value is UNCHANGED else check_voucher_type(value)


def _updated_rates(value: Iterable[str | uuid.UUID] | Unchanged | None) -> tuple[uuid.UUID, ...] | Unchanged:
    if value is UNCHANGED:
        return UNCHANGED
    return () if value is None else check_rate_ids(value)


_CHANGES = (
    "name",
    "type",
    "company_id",
    "stay_start_utc",
    "stay_end_utc",
    "external_identifier",
    "rate_ids",
)


@attrs.frozen(repr=False)
class VoucherUpdate:
    """The changes to one voucher. Every field but `voucher_id` defaults to `UNCHANGED`: the field is left as it is.

    - `name`, `type`: the new name or type (neither can be cleared; a company type needs a company in Mews).
    - `company_id`, `stay_start_utc`, `stay_end_utc`, `external_identifier`: the new value, or None to clear it.
    - `rate_ids`: the **whole new set** of rates the voucher unlocks (at most 10): it replaces the set, it does not
      add to it; `()` or None assigns none. To add or remove one rate, `VoucherUpdate.adding_rates` and
      `removing_rates` start from the voucher as read (see their caveat).

    Checked on construction (`MewsValidationError`), including that the update changes something. The repr shows
    only what changes.
    """

    voucher_id: uuid.UUID = attrs.field(converter=_voucher_id)
    name: str | Unchanged = attrs.field(default=UNCHANGED, kw_only=True, converter=_updated_name)
    type: str | Unchanged = attrs.field(default=UNCHANGED, kw_only=True, converter=_updated_type)
    company_id: uuid.UUID | Unchanged | None = attrs.field(default=UNCHANGED, kw_only=True, converter=_updated_company)
    stay_start_utc: dt.datetime | Unchanged | None = attrs.field(
        default=UNCHANGED, kw_only=True, converter=_updated_start
    )
    stay_end_utc: dt.datetime | Unchanged | None = attrs.field(default=UNCHANGED, kw_only=True, converter=_updated_end)
    external_identifier: str | Unchanged | None = attrs.field(
        default=UNCHANGED, kw_only=True, converter=_updated_external
    )
    rate_ids: tuple[uuid.UUID, ...] | Unchanged = attrs.field(default=UNCHANGED, kw_only=True, converter=_updated_rates)

    def __attrs_post_init__(self) -> None:
        """Refuse an update that changes nothing, a company type with its company cleared, a reversed stay."""
        if not self.changes:
            raise MewsValidationError(f"the update of voucher {self.voucher_id} changes nothing")
        if self.type in COMPANY_TYPES and self.company_id is None:
            raise MewsValidationError(f"a {self.type} voucher needs a company: company_id cannot be cleared with it")
        _check_stay(self.stay_start_utc, self.stay_end_utc)

    @property
    def changes(self) -> dict[str, Any]:
        """The fields this update changes, with their new values (None: cleared)."""
        return {name: getattr(self, name) for name in _CHANGES if getattr(self, name) is not UNCHANGED}

    def __repr__(self) -> str:
        """The voucher and what changes."""
        shown = "".join(f", {name}={value!r}" for name, value in self.changes.items())
        return f"VoucherUpdate(voucher_id={self.voucher_id!r}{shown})"

    @classmethod
    def coerce(cls, item: object) -> VoucherUpdate:
        """A VoucherUpdate from itself or from a mapping with the same keys."""
        return from_mapping(cls, item, "voucher update", ("voucher_id",))

    @classmethod
    def adding_rates(cls, voucher: Voucher, rate_ids: Iterable[str | uuid.UUID]) -> VoucherUpdate:
        """The update that adds these rates to the ones `voucher` unlocks (read with `with_rates=True`).

        Mews only replaces the whole set, so this writes the set as it was read plus these rates: a change made by
        someone else between the read and the write is overwritten. Read right before writing.
        """
        current = _rates_read(voucher)
        added = [rate for rate in check_rate_ids(rate_ids) if rate not in current]
        return cls(voucher.id, rate_ids=(*current, *added))

    @classmethod
    def removing_rates(cls, voucher: Voucher, rate_ids: Iterable[str | uuid.UUID]) -> VoucherUpdate:
        """The update that removes these rates from the ones `voucher` unlocks (read with `with_rates=True`).

        The same caveat as `adding_rates`: the set written is the one read, less these rates.
        """
        current = _rates_read(voucher)
        removed = set(check_rate_ids(rate_ids))
        return cls(voucher.id, rate_ids=tuple(rate for rate in current if rate not in removed))


def _rates_read(voucher: object) -> tuple[uuid.UUID, ...]:
    if not isinstance(voucher, Voucher):
        raise MewsValidationError(f"expected a Voucher, got {type(voucher).__name__}")
    if voucher.rate_ids is None:
        raise MewsValidationError(
            f"voucher {voucher.name!r} was read without its rates: read it with with_rates=True first"
        )
    return voucher.rate_ids
