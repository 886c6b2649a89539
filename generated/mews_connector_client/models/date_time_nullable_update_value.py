from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DateTimeNullableUpdateValue")


@_attrs_define
class DateTimeNullableUpdateValue:
    """A new instant in UTC, or null to clear it.

    Attributes:
        value (datetime.datetime | None | Unset):
    """

    value: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, datetime.datetime):
            value = self.value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if value is not UNSET:
            field_dict["Value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_value(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                value_type_0 = datetime.datetime.fromisoformat(data.upper())

                return value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        value = _parse_value(d.pop("Value", UNSET))

        date_time_nullable_update_value = cls(
            value=value,
        )

        return date_time_nullable_update_value
