"""`Voucher` as users see it: frozen, typed, aware UTC datetimes, never `Unset`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

import msgspec

__all__ = ["Voucher"]

_FIELDS = (
    "id",
    "service_id",
    "enterprise_id",
    "name",
    "type",
    "company_id",
    "travel_agency_id",
    "occupiable_interval_start_utc",
    "occupiable_interval_end_utc",
    "external_identifier",
    "is_active",
    "created_utc",
    "updated_utc",
    "rate_ids",
)


class Voucher(msgspec.Struct, frozen=True, gc=False):
    """A voucher: the named offer whose codes customers type in, in one service of one enterprise.

    - `type`: `"Public"`, `"PartnerCompany"` or `"TravelAgency"`; `company_id`/`travel_agency_id` go with the last
      two.
    - `is_active` comes from `IsActive`, or from the deprecated `ActivityState` when Mews leaves it out.
    - `rate_ids`: the rates the voucher is assigned to (from the `VoucherAssignments` extent) when read with
      `with_rates=True`; None otherwise.
    - `extra` keeps fields that this version does not know (not part of equality, hashing or the repr).
    """

    id: uuid.UUID
    service_id: uuid.UUID
    enterprise_id: uuid.UUID | None
    name: str
    type: str | None
    company_id: uuid.UUID | None
    travel_agency_id: uuid.UUID | None
    occupiable_interval_start_utc: dt.datetime | None
    occupiable_interval_end_utc: dt.datetime | None
    external_identifier: str | None
    is_active: bool
    created_utc: dt.datetime | None
    updated_utc: dt.datetime | None
    rate_ids: tuple[uuid.UUID, ...] | None = None
    extra: Mapping[str, Any] = msgspec.field(default_factory=dict)

    @property
    def stay_start_utc(self) -> dt.datetime | None:
        """`occupiable_interval_start_utc` by the name `NewVoucher` and `VoucherUpdate` use."""
        return self.occupiable_interval_start_utc

    @property
    def stay_end_utc(self) -> dt.datetime | None:
        """`occupiable_interval_end_utc` by the name `NewVoucher` and `VoucherUpdate` use."""
        return self.occupiable_interval_end_utc

    def _identity(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        """Equal when every field but `extra` is."""
        if not isinstance(other, Voucher) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        """The hash of every field but `extra`."""
        return hash(self._identity())

    def __repr__(self) -> str:
        """Every field but `extra`."""
        return f"Voucher({', '.join(f'{name}={getattr(self, name)!r}' for name in _FIELDS)})"
