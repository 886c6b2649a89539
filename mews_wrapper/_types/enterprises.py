"""`Enterprise` as users see it: a property the token reaches, with its name and timezone."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from mews_wrapper._types._value import NO_FIELDS, PublicValue

__all__ = ["Enterprise"]


class Enterprise(PublicValue, frozen=True, gc=False):
    """An enterprise (a property): what a Portfolio Access Token's `EnterpriseIds` name.

    - `time_zone`: the property's IANA timezone (`"Europe/Prague"`): its local time, in which people type dates.
    - `chain_id`, `chain_name`: the chain the property belongs to.
    - `default_language`: its default language code (`"en-US"`).
    - `extra` keeps every other field Mews sends (address, pricing...), not part of equality, hashing or the repr.
    """

    id: uuid.UUID
    name: str | None
    chain_id: uuid.UUID | None
    chain_name: str | None
    time_zone: str | None
    external_identifier: str | None
    short_name: str | None
    default_language: str | None
    linked_utc: dt.datetime | None
    created_utc: dt.datetime | None
    updated_utc: dt.datetime | None
    extra: Mapping[str, Any] = NO_FIELDS
