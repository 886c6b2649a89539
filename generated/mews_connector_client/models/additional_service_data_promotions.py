from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdditionalServiceDataPromotions")


@_attrs_define
class AdditionalServiceDataPromotions:
    """When the service is offered to guests.

    Attributes:
        before_check_in (bool | Unset):
        after_check_in (bool | Unset):
        during_stay (bool | Unset):
        before_check_out (bool | Unset):
        after_check_out (bool | Unset):
        during_check_out (bool | Unset):
    """

    before_check_in: bool | Unset = UNSET
    after_check_in: bool | Unset = UNSET
    during_stay: bool | Unset = UNSET
    before_check_out: bool | Unset = UNSET
    after_check_out: bool | Unset = UNSET
    during_check_out: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        before_check_in = self.before_check_in

        after_check_in = self.after_check_in

        during_stay = self.during_stay

        before_check_out = self.before_check_out

        after_check_out = self.after_check_out

        during_check_out = self.during_check_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if before_check_in is not UNSET:
            field_dict["BeforeCheckIn"] = before_check_in
        if after_check_in is not UNSET:
            field_dict["AfterCheckIn"] = after_check_in
        if during_stay is not UNSET:
            field_dict["DuringStay"] = during_stay
        if before_check_out is not UNSET:
            field_dict["BeforeCheckOut"] = before_check_out
        if after_check_out is not UNSET:
            field_dict["AfterCheckOut"] = after_check_out
        if during_check_out is not UNSET:
            field_dict["DuringCheckOut"] = during_check_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        before_check_in = d.pop("BeforeCheckIn", UNSET)

        after_check_in = d.pop("AfterCheckIn", UNSET)

        during_stay = d.pop("DuringStay", UNSET)

        before_check_out = d.pop("BeforeCheckOut", UNSET)

        after_check_out = d.pop("AfterCheckOut", UNSET)

        during_check_out = d.pop("DuringCheckOut", UNSET)

        additional_service_data_promotions = cls(
            before_check_in=before_check_in,
            after_check_in=after_check_in,
            during_stay=during_stay,
            before_check_out=before_check_out,
            after_check_out=after_check_out,
            during_check_out=during_check_out,
        )

        additional_service_data_promotions.additional_properties = d
        return additional_service_data_promotions

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
