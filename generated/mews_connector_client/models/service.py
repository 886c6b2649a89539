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
    from ..models.service_data import ServiceData
    from ..models.service_options import ServiceOptions
    from ..models.service_promotions_type_0 import ServicePromotionsType0


T = TypeVar("T", bound="Service")


@_attrs_define
class Service:
    """A service of an enterprise. Mews lists `Name`, `Names`, `Options`, `Ordering`, `Data`, `CreatedUtc` and `UpdatedUtc`
    as required too, but its own example lacks `Names` and `Ordering` and `Name` is deprecated: a reader requires only
    what every documented shape has.

        Attributes:
            id (UUID): Unique identifier of the service.
            enterprise_id (UUID): Unique identifier of the enterprise the service belongs to.
            is_active (bool): Whether the service is active.
            name (None | str | Unset): Name of the service. Deprecated; use `Names`.
            names (LocalizedStrings | None | Unset): Names of the service by language.
            options (None | ServiceOptions | Unset): Options of the service.
            ordering (int | None | Unset): Display order of the service.
            data (None | ServiceData | Unset): What is particular to the kind of service.
            external_identifier (None | str | Unset): Identifier of the service in an external system.
            created_utc (datetime.datetime | None | Unset): Creation date and time of the service in UTC.
            updated_utc (datetime.datetime | None | Unset): Last update date and time of the service in UTC.
            start_time (None | str | Unset): Deprecated.
            end_time (None | str | Unset): Deprecated.
            type_ (None | str | Unset): Deprecated; use `Data.Discriminator`.
            promotions (None | ServicePromotionsType0 | Unset): Deprecated; see `AdditionalServiceData`.
    """

    id: UUID
    enterprise_id: UUID
    is_active: bool
    name: None | str | Unset = UNSET
    names: LocalizedStrings | None | Unset = UNSET
    options: None | ServiceOptions | Unset = UNSET
    ordering: int | None | Unset = UNSET
    data: None | ServiceData | Unset = UNSET
    external_identifier: None | str | Unset = UNSET
    created_utc: datetime.datetime | None | Unset = UNSET
    updated_utc: datetime.datetime | None | Unset = UNSET
    start_time: None | str | Unset = UNSET
    end_time: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    promotions: None | ServicePromotionsType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.localized_strings import LocalizedStrings
        from ..models.service_data import ServiceData
        from ..models.service_options import ServiceOptions
        from ..models.service_promotions_type_0 import ServicePromotionsType0

        id = str(self.id)

        enterprise_id = str(self.enterprise_id)

        is_active = self.is_active

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        names: dict[str, Any] | None | Unset
        if isinstance(self.names, Unset):
            names = UNSET
        elif isinstance(self.names, LocalizedStrings):
            names = self.names.to_dict()
        else:
            names = self.names

        options: dict[str, Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, ServiceOptions):
            options = self.options.to_dict()
        else:
            options = self.options

        ordering: int | None | Unset
        if isinstance(self.ordering, Unset):
            ordering = UNSET
        else:
            ordering = self.ordering

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, ServiceData):
            data = self.data.to_dict()
        else:
            data = self.data

        external_identifier: None | str | Unset
        if isinstance(self.external_identifier, Unset):
            external_identifier = UNSET
        else:
            external_identifier = self.external_identifier

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

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        else:
            end_time = self.end_time

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        promotions: dict[str, Any] | None | Unset
        if isinstance(self.promotions, Unset):
            promotions = UNSET
        elif isinstance(self.promotions, ServicePromotionsType0):
            promotions = self.promotions.to_dict()
        else:
            promotions = self.promotions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Id": id,
                "EnterpriseId": enterprise_id,
                "IsActive": is_active,
            }
        )
        if name is not UNSET:
            field_dict["Name"] = name
        if names is not UNSET:
            field_dict["Names"] = names
        if options is not UNSET:
            field_dict["Options"] = options
        if ordering is not UNSET:
            field_dict["Ordering"] = ordering
        if data is not UNSET:
            field_dict["Data"] = data
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier
        if created_utc is not UNSET:
            field_dict["CreatedUtc"] = created_utc
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc
        if start_time is not UNSET:
            field_dict["StartTime"] = start_time
        if end_time is not UNSET:
            field_dict["EndTime"] = end_time
        if type_ is not UNSET:
            field_dict["Type"] = type_
        if promotions is not UNSET:
            field_dict["Promotions"] = promotions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_strings import LocalizedStrings
        from ..models.service_data import ServiceData
        from ..models.service_options import ServiceOptions
        from ..models.service_promotions_type_0 import ServicePromotionsType0

        d = dict(src_dict)
        id = UUID(d.pop("Id"))

        enterprise_id = UUID(d.pop("EnterpriseId"))

        is_active = d.pop("IsActive")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("Name", UNSET))

        def _parse_names(data: object) -> LocalizedStrings | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                names_type_1 = LocalizedStrings.from_dict(data)

                return names_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocalizedStrings | None | Unset, data)

        names = _parse_names(d.pop("Names", UNSET))

        def _parse_options(data: object) -> None | ServiceOptions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_1 = ServiceOptions.from_dict(data)

                return options_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceOptions | Unset, data)

        options = _parse_options(d.pop("Options", UNSET))

        def _parse_ordering(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ordering = _parse_ordering(d.pop("Ordering", UNSET))

        def _parse_data(data: object) -> None | ServiceData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_1 = ServiceData.from_dict(data)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceData | Unset, data)

        data = _parse_data(d.pop("Data", UNSET))

        def _parse_external_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_identifier = _parse_external_identifier(d.pop("ExternalIdentifier", UNSET))

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

        def _parse_start_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_time = _parse_start_time(d.pop("StartTime", UNSET))

        def _parse_end_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_time = _parse_end_time(d.pop("EndTime", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("Type", UNSET))

        def _parse_promotions(data: object) -> None | ServicePromotionsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                promotions_type_0 = ServicePromotionsType0.from_dict(data)

                return promotions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServicePromotionsType0 | Unset, data)

        promotions = _parse_promotions(d.pop("Promotions", UNSET))

        service = cls(
            id=id,
            enterprise_id=enterprise_id,
            is_active=is_active,
            name=name,
            names=names,
            options=options,
            ordering=ordering,
            data=data,
            external_identifier=external_identifier,
            created_utc=created_utc,
            updated_utc=updated_utc,
            start_time=start_time,
            end_time=end_time,
            type_=type_,
            promotions=promotions,
        )

        service.additional_properties = d
        return service

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
