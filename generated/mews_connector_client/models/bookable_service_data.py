from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bookable_service_data_time_unit_period import BookableServiceDataTimeUnitPeriod
from ..types import UNSET, Unset

T = TypeVar("T", bound="BookableServiceData")


@_attrs_define
class BookableServiceData:
    """The `Value` of a `Bookable` service's `Data`.

    Attributes:
        start_offset (str | Unset): ISO 8601 duration from the start of a time unit to the start of the service.
        end_offset (str | Unset): ISO 8601 duration from the end of a time unit to the end of the service.
        occupancy_start_offset (str | Unset): ISO 8601 duration from the start of a time unit to the start of occupancy.
        occupancy_end_offset (str | Unset): ISO 8601 duration from the end of a time unit to the end of occupancy.
        time_unit_period (BookableServiceDataTimeUnitPeriod | Unset): The time unit the service is sold in.
        time_unit (None | str | Unset): Deprecated; use `TimeUnitPeriod`.
    """

    start_offset: str | Unset = UNSET
    end_offset: str | Unset = UNSET
    occupancy_start_offset: str | Unset = UNSET
    occupancy_end_offset: str | Unset = UNSET
    time_unit_period: BookableServiceDataTimeUnitPeriod | Unset = UNSET
    time_unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_offset = self.start_offset

        end_offset = self.end_offset

        occupancy_start_offset = self.occupancy_start_offset

        occupancy_end_offset = self.occupancy_end_offset

        time_unit_period: str | Unset = UNSET
        if not isinstance(self.time_unit_period, Unset):
            time_unit_period = self.time_unit_period.value

        time_unit: None | str | Unset
        if isinstance(self.time_unit, Unset):
            time_unit = UNSET
        else:
            time_unit = self.time_unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start_offset is not UNSET:
            field_dict["StartOffset"] = start_offset
        if end_offset is not UNSET:
            field_dict["EndOffset"] = end_offset
        if occupancy_start_offset is not UNSET:
            field_dict["OccupancyStartOffset"] = occupancy_start_offset
        if occupancy_end_offset is not UNSET:
            field_dict["OccupancyEndOffset"] = occupancy_end_offset
        if time_unit_period is not UNSET:
            field_dict["TimeUnitPeriod"] = time_unit_period
        if time_unit is not UNSET:
            field_dict["TimeUnit"] = time_unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_offset = d.pop("StartOffset", UNSET)

        end_offset = d.pop("EndOffset", UNSET)

        occupancy_start_offset = d.pop("OccupancyStartOffset", UNSET)

        occupancy_end_offset = d.pop("OccupancyEndOffset", UNSET)

        _time_unit_period = d.pop("TimeUnitPeriod", UNSET)
        time_unit_period: BookableServiceDataTimeUnitPeriod | Unset
        if isinstance(_time_unit_period, Unset):
            time_unit_period = UNSET
        else:
            time_unit_period = BookableServiceDataTimeUnitPeriod(_time_unit_period)

        def _parse_time_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_unit = _parse_time_unit(d.pop("TimeUnit", UNSET))

        bookable_service_data = cls(
            start_offset=start_offset,
            end_offset=end_offset,
            occupancy_start_offset=occupancy_start_offset,
            occupancy_end_offset=occupancy_end_offset,
            time_unit_period=time_unit_period,
            time_unit=time_unit,
        )

        bookable_service_data.additional_properties = d
        return bookable_service_data

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
