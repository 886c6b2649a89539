from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.voucher_type_enum import VoucherTypeEnum

T = TypeVar("T", bound="VoucherTypeUpdateValue")


@_attrs_define
class VoucherTypeUpdateValue:
    """The new type.

    Attributes:
        value (VoucherTypeEnum): Who may use a voucher.
    """

    value: VoucherTypeEnum

    def to_dict(self) -> dict[str, Any]:
        value = self.value.value

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
        value = VoucherTypeEnum(d.pop("Value"))

        voucher_type_update_value = cls(
            value=value,
        )

        return voucher_type_update_value
