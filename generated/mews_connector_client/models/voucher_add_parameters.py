from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.voucher_type_enum import VoucherTypeEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherAddParameters")


@_attrs_define
class VoucherAddParameters:
    """
    Attributes:
        service_id (UUID): Unique identifier of the service the voucher belongs to.
        name (str): Name of the voucher, as hotel staff see it.
        type_ (VoucherTypeEnum): Who may use a voucher.
        company_id (None | Unset | UUID): The partner company or travel agency; required for `PartnerCompany` and
            `TravelAgency`.
        assigned_rate_ids (list[UUID] | None | Unset): The rates the voucher unlocks (at most 10).
        occupiable_interval_start_utc (datetime.datetime | None | Unset): Start of the interval in which stays may
            happen.
        occupiable_interval_end_utc (datetime.datetime | None | Unset): End of the interval in which stays may happen.
        external_identifier (None | str | Unset): Identifier of the voucher in an external system.
    """

    service_id: UUID
    name: str
    type_: VoucherTypeEnum
    company_id: None | Unset | UUID = UNSET
    assigned_rate_ids: list[UUID] | None | Unset = UNSET
    occupiable_interval_start_utc: datetime.datetime | None | Unset = UNSET
    occupiable_interval_end_utc: datetime.datetime | None | Unset = UNSET
    external_identifier: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        service_id = str(self.service_id)

        name = self.name

        type_ = self.type_.value

        company_id: None | str | Unset
        if isinstance(self.company_id, Unset):
            company_id = UNSET
        elif isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        assigned_rate_ids: list[str] | None | Unset
        if isinstance(self.assigned_rate_ids, Unset):
            assigned_rate_ids = UNSET
        elif isinstance(self.assigned_rate_ids, list):
            assigned_rate_ids = []
            for assigned_rate_ids_type_0_item_data in self.assigned_rate_ids:
                assigned_rate_ids_type_0_item = str(assigned_rate_ids_type_0_item_data)
                assigned_rate_ids.append(assigned_rate_ids_type_0_item)

        else:
            assigned_rate_ids = self.assigned_rate_ids

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ServiceId": service_id,
                "Name": name,
                "Type": type_,
            }
        )
        if company_id is not UNSET:
            field_dict["CompanyId"] = company_id
        if assigned_rate_ids is not UNSET:
            field_dict["AssignedRateIds"] = assigned_rate_ids
        if occupiable_interval_start_utc is not UNSET:
            field_dict["OccupiableIntervalStartUtc"] = occupiable_interval_start_utc
        if occupiable_interval_end_utc is not UNSET:
            field_dict["OccupiableIntervalEndUtc"] = occupiable_interval_end_utc
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        service_id = UUID(d.pop("ServiceId"))

        name = d.pop("Name")

        type_ = VoucherTypeEnum(d.pop("Type"))

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

        def _parse_assigned_rate_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                assigned_rate_ids_type_0 = []
                _assigned_rate_ids_type_0 = data
                for assigned_rate_ids_type_0_item_data in _assigned_rate_ids_type_0:
                    assigned_rate_ids_type_0_item = UUID(assigned_rate_ids_type_0_item_data)

                    assigned_rate_ids_type_0.append(assigned_rate_ids_type_0_item)

                return assigned_rate_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        assigned_rate_ids = _parse_assigned_rate_ids(d.pop("AssignedRateIds", UNSET))

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

        voucher_add_parameters = cls(
            service_id=service_id,
            name=name,
            type_=type_,
            company_id=company_id,
            assigned_rate_ids=assigned_rate_ids,
            occupiable_interval_start_utc=occupiable_interval_start_utc,
            occupiable_interval_end_utc=occupiable_interval_end_utc,
            external_identifier=external_identifier,
        )

        return voucher_add_parameters
