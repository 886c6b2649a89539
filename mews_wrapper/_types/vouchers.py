"""`Voucher` as users see it: frozen, typed, aware UTC datetimes, never `Unset`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from mews_wrapper._types._value import NO_FIELDS, PublicValue

__all__ = ["Voucher"]


class Voucher(PublicValue, frozen=True, gc=False):
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
    extra: Mapping[str, Any] = NO_FIELDS

    @property
    def stay_start_utc(self) -> dt.datetime | None:
        """`occupiable_interval_start_utc` by the name `NewVoucher` and `VoucherUpdate` use."""
        return self.occupiable_interval_start_utc

    @property
    def stay_end_utc(self) -> dt.datetime | None:
        """`occupiable_interval_end_utc` by the name `NewVoucher` and `VoucherUpdate` use."""
        return self.occupiable_interval_end_utc
