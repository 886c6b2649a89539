"""`Service` as users see it: frozen, typed, aware UTC datetimes, never `Unset`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

from mews_wrapper._types._value import NO_FIELDS, PublicValue

__all__ = ["Service"]

_SHOWN = ("id", "enterprise_id", "name", "type", "is_active", "ordering", "external_identifier")


class Service(PublicValue, frozen=True, gc=False):
    """A service of an enterprise (accommodation, breakfast, parking...): what vouchers belong to.

    - `name`: the name in `Names` (its `en-US` entry, else the first), falling back to the deprecated `Name`;
      `names` holds every language.
    - `type`: `Data.Discriminator`, `"Bookable"` or `"Additional"` today; a kind Mews adds later is kept as given.
      `data` is that kind's `Data.Value` as Mews sent it (offsets, promotions...).
    - `extra` keeps fields that this version does not know. `data` and `extra` are not part of equality, hashing
      or the repr.
    """

    id: uuid.UUID
    enterprise_id: uuid.UUID
    is_active: bool
    name: str | None
    names: Mapping[str, str]
    type: str | None
    ordering: int | None
    external_identifier: str | None
    created_utc: dt.datetime | None
    updated_utc: dt.datetime | None
    data: Mapping[str, Any] = NO_FIELDS
    extra: Mapping[str, Any] = NO_FIELDS

    _left_out: ClassVar[frozenset[str]] = frozenset({"data", "extra"})
    _shown: ClassVar[tuple[str, ...] | None] = _SHOWN


def name_of(names: Mapping[str, str], deprecated_name: str | None) -> str | None:
    """The name to show: `en-US` from `Names`, else its first entry, else the deprecated `Name`."""
    return names.get("en-US") or next((text for text in names.values() if text), None) or deprecated_name
