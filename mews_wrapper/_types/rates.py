"""`Rate` as users see it: a price of a service that a voucher can unlock, known to people by its name."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

from mews_wrapper._types._value import NO_FIELDS, PublicValue

__all__ = ["Rate"]

_SHOWN = ("id", "service_id", "name", "type", "is_active", "is_enabled", "is_public", "is_base_rate")


class Rate(PublicValue, frozen=True, gc=False):
    """A rate of a service.

    - `name`: the name in `Names` (its `en-US` entry, else the first), falling back to the deprecated `Name`;
      `names` holds every language.
    - `type`: `"Public"`, `"Private"` or `"AvailabilityBlock"`; a kind Mews adds later is kept as given.
    - `is_base_rate`, `base_rate_id`: a base rate, or the one a derived rate follows.
    - `extra` keeps fields that this version does not know (not part of equality, hashing or the repr).
    """

    id: uuid.UUID
    service_id: uuid.UUID
    name: str | None
    names: Mapping[str, str]
    type: str | None
    is_active: bool | None
    is_enabled: bool | None
    is_public: bool | None
    is_base_rate: bool | None
    base_rate_id: uuid.UUID | None
    group_id: uuid.UUID | None
    short_name: str | None
    external_identifier: str | None
    updated_utc: dt.datetime | None
    extra: Mapping[str, Any] = NO_FIELDS

    _shown: ClassVar[tuple[str, ...] | None] = _SHOWN
