from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherAssignment")


@_attrs_define
class VoucherAssignment:
    """A voucher's assignment to a rate. Mews' document requires neither field; a pair without one assigns nothing, and the
    client leaves it out.

        Attributes:
            voucher_id (UUID | Unset):
            rate_id (UUID | Unset):
    """

    voucher_id: UUID | Unset = UNSET
    rate_id: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voucher_id: str | Unset = UNSET
        if not isinstance(self.voucher_id, Unset):
            voucher_id = str(self.voucher_id)

        rate_id: str | Unset = UNSET
        if not isinstance(self.rate_id, Unset):
            rate_id = str(self.rate_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if voucher_id is not UNSET:
            field_dict["VoucherId"] = voucher_id
        if rate_id is not UNSET:
            field_dict["RateId"] = rate_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _voucher_id = d.pop("VoucherId", UNSET)
        voucher_id: UUID | Unset
        if isinstance(_voucher_id, Unset):
            voucher_id = UNSET
        else:
            voucher_id = UUID(_voucher_id)

        _rate_id = d.pop("RateId", UNSET)
        rate_id: UUID | Unset
        if isinstance(_rate_id, Unset):
            rate_id = UNSET
        else:
            rate_id = UUID(_rate_id)

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
