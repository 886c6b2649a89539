from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateExtent")


@_attrs_define
class RateExtent:
    """
    Attributes:
        rates (bool | None | Unset):
        rate_groups (bool | None | Unset):
        availability_block_assignments (bool | Unset):
    """

    rates: bool | None | Unset = UNSET
    rate_groups: bool | None | Unset = UNSET
    availability_block_assignments: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rates: bool | None | Unset
        if isinstance(self.rates, Unset):
            rates = UNSET
        else:
            rates = self.rates

        rate_groups: bool | None | Unset
        if isinstance(self.rate_groups, Unset):
            rate_groups = UNSET
        else:
            rate_groups = self.rate_groups

        availability_block_assignments = self.availability_block_assignments

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if rates is not UNSET:
            field_dict["Rates"] = rates
        if rate_groups is not UNSET:
            field_dict["RateGroups"] = rate_groups
        if availability_block_assignments is not UNSET:
            field_dict["AvailabilityBlockAssignments"] = availability_block_assignments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_rates(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        rates = _parse_rates(d.pop("Rates", UNSET))

        def _parse_rate_groups(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        rate_groups = _parse_rate_groups(d.pop("RateGroups", UNSET))

        availability_block_assignments = d.pop("AvailabilityBlockAssignments", UNSET)

        rate_extent = cls(
            rates=rates,
            rate_groups=rate_groups,
            availability_block_assignments=availability_block_assignments,
        )

        return rate_extent
