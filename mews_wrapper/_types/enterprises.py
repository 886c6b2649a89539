"""`Enterprise` as users see it: a property the token reaches, with its name and timezone."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

import msgspec

__all__ = ["Enterprise"]

_FIELDS = (
    "id",
    "name",
    "chain_id",
    "chain_name",
    "time_zone",
    "external_identifier",
    "short_name",
    "default_language",
    "linked_utc",
    "created_utc",
    "updated_utc",
)


class Enterprise(msgspec.Struct, frozen=True, gc=False):
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
    extra: Mapping[str, Any] = msgspec.field(default_factory=dict)

    def _identity(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        """Equal when every field but `extra` is."""
        if not isinstance(other, Enterprise) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        """The hash of every field but `extra`."""
        return hash(self._identity())

    def __repr__(self) -> str:
        """Every field but `extra`."""
        return f"Enterprise({', '.join(f'{name}={getattr(self, name)!r}' for name in _FIELDS)})"
