from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VoucherNameUpdateValue")


@_attrs_define
class VoucherNameUpdateValue:
    """The new name (a voucher always has one, so it cannot be cleared).

    Attributes:
        value (str):
    """

    value: str

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "Value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        value = d.pop("Value")

        voucher_name_update_value = cls(
            value=value,
        )

        return voucher_name_update_value
