from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_state_enum import ActivityStateEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherCode")


@_attrs_define
class VoucherCode:
    """A voucher code. The reference lists `IsActive` as required, but the documented response examples leave it out and
    carry only the deprecated `ActivityState`; the schema accepts what Mews really sends, so `IsActive` is optional here
    and a reader derives it from `ActivityState` when it is missing.

        Attributes:
            id (UUID): Unique identifier of the voucher code.
            voucher_id (UUID): Unique identifier of Voucher the code belongs to.
            value (None | str | Unset): Value of voucher code used by customers.
            validity_start_utc (datetime.datetime | None | Unset): If specified, marks the beginning of interval in which
                the code can be used.
            validity_end_utc (datetime.datetime | None | Unset): If specified, marks the end of interval in which the code
                can be used.
            created_utc (datetime.datetime | None | Unset): Creation date and time of the voucher in UTC timezone in ISO
                8601 format.
            updated_utc (datetime.datetime | None | Unset): Last update date and time of the voucher in UTC timezone in ISO
                8601 format.
            is_active (bool | Unset): Whether the voucher code is still active (added 1 Aug 2024). Documented as required
                but missing from the documented examples, so optional here.
            activity_state (ActivityStateEnum | None | Unset): Whether voucher code is active or deleted. Deprecated! Use
                IsActive instead.
    """

    id: UUID
    voucher_id: UUID
    value: None | str | Unset = UNSET
    validity_start_utc: datetime.datetime | None | Unset = UNSET
    validity_end_utc: datetime.datetime | None | Unset = UNSET
    created_utc: datetime.datetime | None | Unset = UNSET
    updated_utc: datetime.datetime | None | Unset = UNSET
    is_active: bool | Unset = UNSET
    activity_state: ActivityStateEnum | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        voucher_id = str(self.voucher_id)

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        validity_start_utc: None | str | Unset
        if isinstance(self.validity_start_utc, Unset):
            validity_start_utc = UNSET
        elif isinstance(self.validity_start_utc, datetime.datetime):
            validity_start_utc = self.validity_start_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            validity_start_utc = self.validity_start_utc

        validity_end_utc: None | str | Unset
        if isinstance(self.validity_end_utc, Unset):
            validity_end_utc = UNSET
        elif isinstance(self.validity_end_utc, datetime.datetime):
            validity_end_utc = self.validity_end_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            validity_end_utc = self.validity_end_utc

        created_utc: None | str | Unset
        if isinstance(self.created_utc, Unset):
            created_utc = UNSET
        elif isinstance(self.created_utc, datetime.datetime):
            created_utc = self.created_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            created_utc = self.created_utc

        updated_utc: None | str | Unset
        if isinstance(self.updated_utc, Unset):
            updated_utc = UNSET
        elif isinstance(self.updated_utc, datetime.datetime):
            updated_utc = self.updated_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            updated_utc = self.updated_utc

        is_active = self.is_active

        activity_state: None | str | Unset
        if isinstance(self.activity_state, Unset):
            activity_state = UNSET
        elif isinstance(self.activity_state, ActivityStateEnum):
            activity_state = self.activity_state.value
        else:
            activity_state = self.activity_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Id": id,
                "VoucherId": voucher_id,
            }
        )
        if value is not UNSET:
            field_dict["Value"] = value
        if validity_start_utc is not UNSET:
            field_dict["ValidityStartUtc"] = validity_start_utc
        if validity_end_utc is not UNSET:
            field_dict["ValidityEndUtc"] = validity_end_utc
        if created_utc is not UNSET:
            field_dict["CreatedUtc"] = created_utc
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc
        if is_active is not UNSET:
            field_dict["IsActive"] = is_active
        if activity_state is not UNSET:
            field_dict["ActivityState"] = activity_state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("Id"))

        voucher_id = UUID(d.pop("VoucherId"))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("Value", UNSET))

        def _parse_validity_start_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                validity_start_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return validity_start_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        validity_start_utc = _parse_validity_start_utc(d.pop("ValidityStartUtc", UNSET))

        def _parse_validity_end_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                validity_end_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return validity_end_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        validity_end_utc = _parse_validity_end_utc(d.pop("ValidityEndUtc", UNSET))

        def _parse_created_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return created_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_utc = _parse_created_utc(d.pop("CreatedUtc", UNSET))

        def _parse_updated_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return updated_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_utc = _parse_updated_utc(d.pop("UpdatedUtc", UNSET))

        is_active = d.pop("IsActive", UNSET)

        def _parse_activity_state(data: object) -> ActivityStateEnum | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activity_state_type_1 = ActivityStateEnum(data)

                return activity_state_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivityStateEnum | None | Unset, data)

        activity_state = _parse_activity_state(d.pop("ActivityState", UNSET))

        voucher_code = cls(
            id=id,
            voucher_id=voucher_id,
            value=value,
            validity_start_utc=validity_start_utc,
            validity_end_utc=validity_end_utc,
            created_utc=created_utc,
            updated_utc=updated_utc,
            is_active=is_active,
            activity_state=activity_state,
        )

        voucher_code.additional_properties = d
        return voucher_code

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
