from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VoucherAssignment")


@_attrs_define
class VoucherAssignment:
    """A voucher's assignment to a rate.

    Attributes:
        voucher_id (UUID):
        rate_id (UUID):
    """

    voucher_id: UUID
    rate_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voucher_id = str(self.voucher_id)

        rate_id = str(self.rate_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "VoucherId": voucher_id,
                "RateId": rate_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        voucher_id = UUID(d.pop("VoucherId"))

        rate_id = UUID(d.pop("RateId"))

        voucher_assignment = cls(
            voucher_id=voucher_id,
            rate_id=rate_id,
        )

        voucher_assignment.additional_properties = d
        return voucher_assignment

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
