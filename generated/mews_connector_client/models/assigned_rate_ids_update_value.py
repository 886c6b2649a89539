from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignedRateIdsUpdateValue")


@_attrs_define
class AssignedRateIdsUpdateValue:
    """The whole new set of rates the voucher unlocks (at most 10); null or empty assigns none.

    Attributes:
        value (list[UUID] | None | Unset):
    """

    value: list[UUID] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: list[str] | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, list):
            value = []
            for value_type_0_item_data in self.value:
                value_type_0_item = str(value_type_0_item_data)
                value.append(value_type_0_item)

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

        def _parse_value(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_0 = []
                _value_type_0 = data
                for value_type_0_item_data in _value_type_0:
                    value_type_0_item = UUID(value_type_0_item_data)

                    value_type_0.append(value_type_0_item)

                return value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        value = _parse_value(d.pop("Value", UNSET))

        assigned_rate_ids_update_value = cls(
            value=value,
        )

        return assigned_rate_ids_update_value
