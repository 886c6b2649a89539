from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.additional_service_data_promotions import AdditionalServiceDataPromotions


T = TypeVar("T", bound="AdditionalServiceData")


@_attrs_define
class AdditionalServiceData:
    """The `Value` of an `Additional` service's `Data`.

    Attributes:
        promotions (AdditionalServiceDataPromotions | Unset): When the service is offered to guests.
    """

    promotions: AdditionalServiceDataPromotions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        promotions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.promotions, Unset):
            promotions = self.promotions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if promotions is not UNSET:
            field_dict["Promotions"] = promotions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.additional_service_data_promotions import AdditionalServiceDataPromotions

        d = dict(src_dict)
        _promotions = d.pop("Promotions", UNSET)
        promotions: AdditionalServiceDataPromotions | Unset
        if isinstance(_promotions, Unset):
            promotions = UNSET
        else:
            promotions = AdditionalServiceDataPromotions.from_dict(_promotions)

        additional_service_data = cls(
            promotions=promotions,
        )

        additional_service_data.additional_properties = d
        return additional_service_data

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
