from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_state_enum import ActivityStateEnum
from ..models.voucher_type_enum import VoucherTypeEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Voucher")


@_attrs_define
class Voucher:
    """A voucher: the named offer that voucher codes unlock. Mews lists `EnterpriseId` (since November 2025), `Type`,
    `CreatedUtc`, `IsActive` and the deprecated `ActivityState` as required; a reader requires only what every
    documented shape has and takes `IsActive` from `ActivityState` when it is missing.

        Attributes:
            id (UUID): Unique identifier of the voucher.
            service_id (UUID): Unique identifier of the service the voucher belongs to.
            name (str): Name of the voucher, as hotel staff see it.
            enterprise_id (None | Unset | UUID): Unique identifier of the enterprise.
            type_ (None | Unset | VoucherTypeEnum): Who may use the voucher.
            company_id (None | Unset | UUID): The partner company (partner-company vouchers).
            travel_agency_id (None | Unset | UUID): The travel agency (travel-agency vouchers).
            occupiable_interval_start_utc (datetime.datetime | None | Unset): Start of the interval in which stays may
                happen.
            occupiable_interval_end_utc (datetime.datetime | None | Unset): End of the interval in which stays may happen.
            external_identifier (None | str | Unset): Identifier of the voucher in an external system.
            is_active (bool | Unset): Whether the voucher is active.
            activity_state (ActivityStateEnum | None | Unset): Deprecated; use `IsActive`.
            created_utc (datetime.datetime | None | Unset): Creation date and time of the voucher in UTC.
            updated_utc (datetime.datetime | None | Unset): Last update date and time of the voucher in UTC.
    """

    id: UUID
    service_id: UUID
    name: str
    enterprise_id: None | Unset | UUID = UNSET
    type_: None | Unset | VoucherTypeEnum = UNSET
    company_id: None | Unset | UUID = UNSET
    travel_agency_id: None | Unset | UUID = UNSET
    occupiable_interval_start_utc: datetime.datetime | None | Unset = UNSET
    occupiable_interval_end_utc: datetime.datetime | None | Unset = UNSET
    external_identifier: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    activity_state: ActivityStateEnum | None | Unset = UNSET
    created_utc: datetime.datetime | None | Unset = UNSET
    updated_utc: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        service_id = str(self.service_id)

        name = self.name

        enterprise_id: None | str | Unset
        if isinstance(self.enterprise_id, Unset):
            enterprise_id = UNSET
        elif isinstance(self.enterprise_id, UUID):
            enterprise_id = str(self.enterprise_id)
        else:
            enterprise_id = self.enterprise_id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, VoucherTypeEnum):
            type_ = self.type_.value
        else:
            type_ = self.type_

        company_id: None | str | Unset
        if isinstance(self.company_id, Unset):
            company_id = UNSET
        elif isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        travel_agency_id: None | str | Unset
        if isinstance(self.travel_agency_id, Unset):
            travel_agency_id = UNSET
        elif isinstance(self.travel_agency_id, UUID):
            travel_agency_id = str(self.travel_agency_id)
        else:
            travel_agency_id = self.travel_agency_id

        occupiable_interval_start_utc: None | str | Unset
        if isinstance(self.occupiable_interval_start_utc, Unset):
            occupiable_interval_start_utc = UNSET
        elif isinstance(self.occupiable_interval_start_utc, datetime.datetime):
            occupiable_interval_start_utc = (
                self.occupiable_interval_start_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
            )
        else:
            occupiable_interval_start_utc = self.occupiable_interval_start_utc

        occupiable_interval_end_utc: None | str | Unset
        if isinstance(self.occupiable_interval_end_utc, Unset):
            occupiable_interval_end_utc = UNSET
        elif isinstance(self.occupiable_interval_end_utc, datetime.datetime):
            occupiable_interval_end_utc = (
                self.occupiable_interval_end_utc.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
            )
        else:
            occupiable_interval_end_utc = self.occupiable_interval_end_utc

        external_identifier: None | str | Unset
        if isinstance(self.external_identifier, Unset):
            external_identifier = UNSET
        else:
            external_identifier = self.external_identifier

        is_active = self.is_active

        activity_state: None | str | Unset
        if isinstance(self.activity_state, Unset):
            activity_state = UNSET
        elif isinstance(self.activity_state, ActivityStateEnum):
            activity_state = self.activity_state.value
        else:
            activity_state = self.activity_state

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
                "ServiceId": service_id,
                "Name": name,
            }
        )
        if enterprise_id is not UNSET:
            field_dict["EnterpriseId"] = enterprise_id
        if type_ is not UNSET:
            field_dict["Type"] = type_
        if company_id is not UNSET:
            field_dict["CompanyId"] = company_id
        if travel_agency_id is not UNSET:
            field_dict["TravelAgencyId"] = travel_agency_id
        if occupiable_interval_start_utc is not UNSET:
            field_dict["OccupiableIntervalStartUtc"] = occupiable_interval_start_utc
        if occupiable_interval_end_utc is not UNSET:
            field_dict["OccupiableIntervalEndUtc"] = occupiable_interval_end_utc
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier
        if is_active is not UNSET:
            field_dict["IsActive"] = is_active
        if activity_state is not UNSET:
            field_dict["ActivityState"] = activity_state
        if created_utc is not UNSET:
            field_dict["CreatedUtc"] = created_utc
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("Id"))

        service_id = UUID(d.pop("ServiceId"))

        name = d.pop("Name")

        def _parse_enterprise_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                enterprise_id_type_0 = UUID(data)

                return enterprise_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        enterprise_id = _parse_enterprise_id(d.pop("EnterpriseId", UNSET))

        def _parse_type_(data: object) -> None | Unset | VoucherTypeEnum:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_1 = VoucherTypeEnum(data)

                return type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VoucherTypeEnum, data)

        type_ = _parse_type_(d.pop("Type", UNSET))

        def _parse_company_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_id_type_0 = UUID(data)

                return company_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        company_id = _parse_company_id(d.pop("CompanyId", UNSET))

        def _parse_travel_agency_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                travel_agency_id_type_0 = UUID(data)

                return travel_agency_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        travel_agency_id = _parse_travel_agency_id(d.pop("TravelAgencyId", UNSET))

        def _parse_occupiable_interval_start_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occupiable_interval_start_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return occupiable_interval_start_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occupiable_interval_start_utc = _parse_occupiable_interval_start_utc(d.pop("OccupiableIntervalStartUtc", UNSET))

        def _parse_occupiable_interval_end_utc(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occupiable_interval_end_utc_type_0 = datetime.datetime.fromisoformat(data.upper())

                return occupiable_interval_end_utc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occupiable_interval_end_utc = _parse_occupiable_interval_end_utc(d.pop("OccupiableIntervalEndUtc", UNSET))

        def _parse_external_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_identifier = _parse_external_identifier(d.pop("ExternalIdentifier", UNSET))

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

        voucher = cls(
            id=id,
            service_id=service_id,
            name=name,
            enterprise_id=enterprise_id,
            type_=type_,
            company_id=company_id,
            travel_agency_id=travel_agency_id,
            occupiable_interval_start_utc=occupiable_interval_start_utc,
            occupiable_interval_end_utc=occupiable_interval_end_utc,
            external_identifier=external_identifier,
            is_active=is_active,
            activity_state=activity_state,
            created_utc=created_utc,
            updated_utc=updated_utc,
        )

        voucher.additional_properties = d
        return voucher

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
