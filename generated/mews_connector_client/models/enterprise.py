from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Enterprise")


@_attrs_define
class Enterprise:
    """An enterprise (property) as `EnterprisePortfolio` of Mews' document: the fields a user needs are modelled, the
    others (address, pricing, subscription...) are kept as they come. Only `Id` is required: Mews marks about 25 fields
    required, and its own examples leave some out.

        Attributes:
            id (UUID):
            name (None | str | Unset):
            chain_id (None | Unset | UUID):
            chain_name (None | str | Unset):
            time_zone_identifier (None | str | Unset): The IANA timezone of the property (`Europe/Prague`).
            external_identifier (None | str | Unset):
            short_name (None | str | Unset):
            default_language_code (None | str | Unset):
            linked_utc (datetime.datetime | None | Unset):
            created_utc (datetime.datetime | None | Unset):
            updated_utc (datetime.datetime | None | Unset):
    """

    id: UUID
    name: None | str | Unset = UNSET
    chain_id: None | Unset | UUID = UNSET
    chain_name: None | str | Unset = UNSET
    time_zone_identifier: None | str | Unset = UNSET
    external_identifier: None | str | Unset = UNSET
    short_name: None | str | Unset = UNSET
    default_language_code: None | str | Unset = UNSET
    linked_utc: datetime.datetime | None | Unset = UNSET
    created_utc: datetime.datetime | None | Unset = UNSET
    updated_utc: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        chain_id: None | str | Unset
        if isinstance(self.chain_id, Unset):
            chain_id = UNSET
        elif isinstance(self.chain_id, UUID):
            chain_id = str(self.chain_id)
        else:
            chain_id = self.chain_id

        chain_name: None | str | Unset
        if isinstance(self.chain_name, Unset):
            chain_name = UNSET
        else:
            chain_name = self.chain_name

        time_zone_identifier: None | str | Unset
        if isinstance(self.time_zone_identifier, Unset):
            time_zone_identifier = UNSET
        else:
            time_zone_identifier = self.time_zone_identifier

        external_identifier: None | str | Unset
        if isinstance(self.external_identifier, Unset):
            external_identifier = UNSET
        else:
            external_identifier = self.external_identifier

        short_name: None | str | Unset
        if isinstance(self.short_name, Unset):
            short_name = UNSET
        else:
            short_name = self.short_name

        default_language_code: None | str | Unset
        if isinstance(self.default_language_code, Unset):
            default_language_code = UNSET
        else:
            default_language_code = self.default_language_code

        linked_utc: None | str | Unset
        if isinstance(self.linked_utc, Unset):
            linked_utc = UNSET
        elif isinstance(self.linked_utc, datetime.datetime):
            linked_utc = self.linked_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        else:
            linked_utc = self.linked_utc

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Id": id,
            }
        )
        if name is not UNSET:
            field_dict["Name"] = name
        if chain_id is not UNSET:
            field_dict["ChainId"] = chain_id
        if chain_name is not UNSET:
            field_dict["ChainName"] = chain_name
        if time_zone_identifier is not UNSET:
            field_dict["TimeZoneIdentifier"] = time_zone_identifier
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier
        if short_name is not UNSET:
            field_dict["ShortName"] = short_name
        if default_language_code is not UNSET:
            field_dict["DefaultLanguageCode"] = default_language_code
        if linked_utc is not UNSET:
            field_dict["LinkedUtc"] = linked_utc
        if created_utc is not UNSET:
            field_dict["CreatedUtc"] = created_utc
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("Id"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("Name", UNSET))

        def _parse_chain_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                chain_id_type_0 = UUID(data)

                return chain_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        chain_id = _parse_chain_id(d.pop("ChainId", UNSET))

        def _parse_chain_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        chain_name = _parse_chain_name(d.pop("ChainName", UNSET))

        def _parse_time_zone_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone_identifier = _parse_time_zone_identifier(d.pop("TimeZoneIdentifier", UNSET))

        def _parse_external_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_identifier = _parse_external_identifier(d.pop("ExternalIdentifier", UNSET))

        def _parse_short_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        short_name = _parse_short_name(d.pop("ShortName", UNSET))

        def _parse_default_language_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_language_code = _parse_default_language_code(d.pop("DefaultLanguageCode", UNSET))

        def _parse_linked_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                linked_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return linked_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        linked_utc = _parse_linked_utc(d.pop("LinkedUtc", UNSET))

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

        enterprise = cls(
            id=id,
            name=name,
            chain_id=chain_id,
            chain_name=chain_name,
            time_zone_identifier=time_zone_identifier,
            external_identifier=external_identifier,
            short_name=short_name,
            default_language_code=default_language_code,
            linked_utc=linked_utc,
            created_utc=created_utc,
            updated_utc=updated_utc,
        )

        enterprise.additional_properties = d
        return enterprise

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
