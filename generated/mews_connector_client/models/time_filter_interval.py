from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeFilterInterval")


@_attrs_define
class TimeFilterInterval:
    """A half-open interval `StartUtc <= t < EndUtc`; if start equals end it matches that instant only. A start after the
    end matches nothing: this project treats it as a mistake (the client refuses it before sending, the sandbox answers
    400). Mews documents no such rule: a choice of ours, listed in contracts/known-differences.yaml.

        Attributes:
            start_utc (datetime.datetime | None | Unset): Start of the interval in UTC (inclusive).
            end_utc (datetime.datetime | None | Unset): End of the interval in UTC (exclusive).
    """

    start_utc: datetime.datetime | None | Unset = UNSET
    end_utc: datetime.datetime | None | Unset = UNSET

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

        return time_filter_interval
