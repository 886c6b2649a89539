from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voucher import Voucher


T = TypeVar("T", bound="VoucherWriteResult")


@_attrs_define
class VoucherWriteResult:
    """The vouchers an add or an update wrote, in the order sent.

    Attributes:
        vouchers (list[Voucher] | None | Unset):
    """

    vouchers: list[Voucher] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vouchers: list[dict[str, Any]] | None | Unset
        if isinstance(self.vouchers, Unset):
            vouchers = UNSET
        elif isinstance(self.vouchers, list):
            vouchers = []
            for vouchers_type_0_item_data in self.vouchers:
                vouchers_type_0_item = vouchers_type_0_item_data.to_dict()
                vouchers.append(vouchers_type_0_item)

        else:
            vouchers = self.vouchers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vouchers is not UNSET:
            field_dict["Vouchers"] = vouchers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voucher import Voucher

        d = dict(src_dict)

        def _parse_vouchers(data: object) -> list[Voucher] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                vouchers_type_0 = []
                _vouchers_type_0 = data
                for vouchers_type_0_item_data in _vouchers_type_0:
                    vouchers_type_0_item = Voucher.from_dict(vouchers_type_0_item_data)

                    vouchers_type_0.append(vouchers_type_0_item)

                return vouchers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Voucher] | None | Unset, data)

        vouchers = _parse_vouchers(d.pop("Vouchers", UNSET))

        voucher_write_result = cls(
            vouchers=vouchers,
        )

        voucher_write_result.additional_properties = d
        return voucher_write_result

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
