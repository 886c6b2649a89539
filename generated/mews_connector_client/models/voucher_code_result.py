from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voucher_code import VoucherCode


T = TypeVar("T", bound="VoucherCodeResult")


@_attrs_define
class VoucherCodeResult:
    """
    Attributes:
        voucher_codes (list[VoucherCode]): Information about voucher codes used by customers.
        cursor (None | Unset | UUID): Unique identifier of the item one newer in time order than the items to be
            returned. If Cursor is not specified, i.e. null, then the latest or most recent items will be returned. In a
            response, the id of the oldest item returned; null only when the page is empty.
    """

    voucher_codes: list[VoucherCode]
    cursor: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voucher_codes = []
        for voucher_codes_item_data in self.voucher_codes:
            voucher_codes_item = voucher_codes_item_data.to_dict()
            voucher_codes.append(voucher_codes_item)

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        elif isinstance(self.cursor, UUID):
            cursor = str(self.cursor)
        else:
            cursor = self.cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "VoucherCodes": voucher_codes,
            }
        )
        if cursor is not UNSET:
            field_dict["Cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voucher_code import VoucherCode

        d = dict(src_dict)
        voucher_codes = []
        _voucher_codes = d.pop("VoucherCodes")
        for voucher_codes_item_data in _voucher_codes:
            voucher_codes_item = VoucherCode.from_dict(voucher_codes_item_data)

            voucher_codes.append(voucher_codes_item)

        def _parse_cursor(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cursor_type_0 = UUID(data)

                return cursor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        cursor = _parse_cursor(d.pop("Cursor", UNSET))

        voucher_code_result = cls(
            voucher_codes=voucher_codes,
            cursor=cursor,
        )

        voucher_code_result.additional_properties = d
        return voucher_code_result

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
