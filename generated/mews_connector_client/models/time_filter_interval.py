from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeFilterInterval")


@_attrs_define
class TimeFilterInterval:
    """A half-open interval `StartUtc <= t < EndUtc`; if start equals end it matches that instant only.

    Attributes:
        start_utc (datetime.datetime | None | Unset): Start of the interval in UTC (inclusive).
        end_utc (datetime.datetime | None | Unset): End of the interval in UTC (exclusive).
    """

    start_utc: datetime.datetime | None | Unset = UNSET
    end_utc: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_utc: None | str | Unset
        if isinstance(self.start_utc, Unset):
            start_utc = UNSET
        elif isinstance(self.start_utc, datetime.datetime):
            start_utc = self.start_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            start_utc = self.start_utc

        end_utc: None | str | Unset
        if isinstance(self.end_utc, Unset):
            end_utc = UNSET
        elif isinstance(self.end_utc, datetime.datetime):
            end_utc = self.end_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            end_utc = self.end_utc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start_utc is not UNSET:
            field_dict["StartUtc"] = start_utc
        if end_utc is not UNSET:
            field_dict["EndUtc"] = end_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_start_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return start_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_utc = _parse_start_utc(d.pop("StartUtc", UNSET))

        def _parse_end_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return end_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_utc = _parse_end_utc(d.pop("EndUtc", UNSET))

        time_filter_interval = cls(
            start_utc=start_utc,
            end_utc=end_utc,
        )

        time_filter_interval.additional_properties = d
        return time_filter_interval

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
