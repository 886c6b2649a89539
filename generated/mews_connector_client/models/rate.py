from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_strings import LocalizedStrings


T = TypeVar("T", bound="Rate")


@_attrs_define
class Rate:
    """A rate of a service; read leniently (only the ids are required).

    Attributes:
        id (UUID):
        service_id (UUID):
        group_id (None | Unset | UUID):
        base_rate_id (None | Unset | UUID):
        is_base_rate (bool | None | Unset):
        business_segment_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        is_enabled (bool | None | Unset):
        is_public (bool | None | Unset):
        is_default (bool | None | Unset):
        type_ (None | str | Unset): `Public`, `Private` or `AvailabilityBlock` (a kind added later is kept as given).
        name (None | str | Unset):
        names (LocalizedStrings | Unset): Texts by language code, e.g. `{"en-US": "Accommodation"}`.
        short_name (None | str | Unset):
        external_identifier (None | str | Unset):
        updated_utc (datetime.datetime | None | Unset):
    """

    id: UUID
    service_id: UUID
    group_id: None | Unset | UUID = UNSET
    base_rate_id: None | Unset | UUID = UNSET
    is_base_rate: bool | None | Unset = UNSET
    business_segment_id: None | Unset | UUID = UNSET
    is_active: bool | None | Unset = UNSET
    is_enabled: bool | None | Unset = UNSET
    is_public: bool | None | Unset = UNSET
    is_default: bool | None | Unset = UNSET
    type_: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    names: LocalizedStrings | Unset = UNSET
    short_name: None | str | Unset = UNSET
    external_identifier: None | str | Unset = UNSET
    updated_utc: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        service_id = str(self.service_id)

        group_id: None | str | Unset
        if isinstance(self.group_id, Unset):
            group_id = UNSET
        elif isinstance(self.group_id, UUID):
            group_id = str(self.group_id)
        else:
            group_id = self.group_id

        base_rate_id: None | str | Unset
        if isinstance(self.base_rate_id, Unset):
            base_rate_id = UNSET
        elif isinstance(self.base_rate_id, UUID):
            base_rate_id = str(self.base_rate_id)
        else:
            base_rate_id = self.base_rate_id

        is_base_rate: bool | None | Unset
        if isinstance(self.is_base_rate, Unset):
            is_base_rate = UNSET
        else:
            is_base_rate = self.is_base_rate

        business_segment_id: None | str | Unset
        if isinstance(self.business_segment_id, Unset):
            business_segment_id = UNSET
        elif isinstance(self.business_segment_id, UUID):
            business_segment_id = str(self.business_segment_id)
        else:
            business_segment_id = self.business_segment_id

        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        is_enabled: bool | None | Unset
        if isinstance(self.is_enabled, Unset):
            is_enabled = UNSET
        else:
            is_enabled = self.is_enabled

        is_public: bool | None | Unset
        if isinstance(self.is_public, Unset):
            is_public = UNSET
        else:
            is_public = self.is_public

        is_default: bool | None | Unset
        if isinstance(self.is_default, Unset):
            is_default = UNSET
        else:
            is_default = self.is_default

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        names: dict[str, Any] | Unset = UNSET
        if not isinstance(self.names, Unset):
            names = self.names.to_dict()

        short_name: None | str | Unset
        if isinstance(self.short_name, Unset):
            short_name = UNSET
        else:
            short_name = self.short_name

        external_identifier: None | str | Unset
        if isinstance(self.external_identifier, Unset):
            external_identifier = UNSET
        else:
            external_identifier = self.external_identifier

        updated_utc: None | str | Unset
        if isinstance(self.updated_utc, Unset):
            updated_utc = UNSET
        elif isinstance(self.updated_utc, datetime.datetime):
            updated_utc = self.updated_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            updated_utc = self.updated_utc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Id": id,
                "ServiceId": service_id,
            }
        )
        if group_id is not UNSET:
            field_dict["GroupId"] = group_id
        if base_rate_id is not UNSET:
            field_dict["BaseRateId"] = base_rate_id
        if is_base_rate is not UNSET:
            field_dict["IsBaseRate"] = is_base_rate
        if business_segment_id is not UNSET:
            field_dict["BusinessSegmentId"] = business_segment_id
        if is_active is not UNSET:
            field_dict["IsActive"] = is_active
        if is_enabled is not UNSET:
            field_dict["IsEnabled"] = is_enabled
        if is_public is not UNSET:
            field_dict["IsPublic"] = is_public
        if is_default is not UNSET:
            field_dict["IsDefault"] = is_default
        if type_ is not UNSET:
            field_dict["Type"] = type_
        if name is not UNSET:
            field_dict["Name"] = name
        if names is not UNSET:
            field_dict["Names"] = names
        if short_name is not UNSET:
            field_dict["ShortName"] = short_name
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_strings import LocalizedStrings

        d = dict(src_dict)
        id = UUID(d.pop("Id"))

        service_id = UUID(d.pop("ServiceId"))

        def _parse_group_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_id_type_0 = UUID(data)

                return group_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        group_id = _parse_group_id(d.pop("GroupId", UNSET))

        def _parse_base_rate_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                base_rate_id_type_0 = UUID(data)

                return base_rate_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        base_rate_id = _parse_base_rate_id(d.pop("BaseRateId", UNSET))

        def _parse_is_base_rate(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_base_rate = _parse_is_base_rate(d.pop("IsBaseRate", UNSET))

        def _parse_business_segment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                business_segment_id_type_0 = UUID(data)

                return business_segment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        business_segment_id = _parse_business_segment_id(d.pop("BusinessSegmentId", UNSET))

        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("IsActive", UNSET))

        def _parse_is_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_enabled = _parse_is_enabled(d.pop("IsEnabled", UNSET))

        def _parse_is_public(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_public = _parse_is_public(d.pop("IsPublic", UNSET))

        def _parse_is_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_default = _parse_is_default(d.pop("IsDefault", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("Type", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("Name", UNSET))

        _names = d.pop("Names", UNSET)
        names: LocalizedStrings | Unset
        if isinstance(_names, Unset):
            names = UNSET
        else:
            names = LocalizedStrings.from_dict(_names)

        def _parse_short_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        short_name = _parse_short_name(d.pop("ShortName", UNSET))

        def _parse_external_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_identifier = _parse_external_identifier(d.pop("ExternalIdentifier", UNSET))

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

        rate = cls(
            id=id,
            service_id=service_id,
            group_id=group_id,
            base_rate_id=base_rate_id,
            is_base_rate=is_base_rate,
            business_segment_id=business_segment_id,
            is_active=is_active,
            is_enabled=is_enabled,
            is_public=is_public,
            is_default=is_default,
            type_=type_,
            name=name,
            names=names,
            short_name=short_name,
            external_identifier=external_identifier,
            updated_utc=updated_utc,
        )

        rate.additional_properties = d
        return rate

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
