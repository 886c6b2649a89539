from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assigned_rate_ids_update_value import AssignedRateIdsUpdateValue
    from ..models.date_time_nullable_update_value import DateTimeNullableUpdateValue
    from ..models.external_identifier_update_value import ExternalIdentifierUpdateValue
    from ..models.guid_nullable_update_value import GuidNullableUpdateValue
    from ..models.voucher_name_update_value import VoucherNameUpdateValue
    from ..models.voucher_type_update_value import VoucherTypeUpdateValue


T = TypeVar("T", bound="VoucherUpdateParameters")


@_attrs_define
class VoucherUpdateParameters:
    """One voucher's changes. A wrapper left out or null leaves its field unchanged; a wrapper with a null `Value` clears a
    field that may be empty. Mews' document types Name, ExternalIdentifier and the interval with one `StringUpdateValue`
    and puts the limits beside it, where they bind nothing; here each wrapper carries its own limits (a name of 1 to 128
    characters that cannot be cleared, an identifier of at most 255, datetimes).

        Attributes:
            voucher_id (UUID): Unique identifier of the voucher to change.
            name (None | Unset | VoucherNameUpdateValue):
            type_ (None | Unset | VoucherTypeUpdateValue):
            company_id (GuidNullableUpdateValue | None | Unset):
            occupiable_interval_start_utc (DateTimeNullableUpdateValue | None | Unset):
            occupiable_interval_end_utc (DateTimeNullableUpdateValue | None | Unset):
            external_identifier (ExternalIdentifierUpdateValue | None | Unset):
            assigned_rate_ids (AssignedRateIdsUpdateValue | None | Unset):
    """

    voucher_id: UUID
    name: None | Unset | VoucherNameUpdateValue = UNSET
    type_: None | Unset | VoucherTypeUpdateValue = UNSET
    company_id: GuidNullableUpdateValue | None | Unset = UNSET
    occupiable_interval_start_utc: DateTimeNullableUpdateValue | None | Unset = UNSET
    occupiable_interval_end_utc: DateTimeNullableUpdateValue | None | Unset = UNSET
    external_identifier: ExternalIdentifierUpdateValue | None | Unset = UNSET
    assigned_rate_ids: AssignedRateIdsUpdateValue | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.assigned_rate_ids_update_value import AssignedRateIdsUpdateValue
        from ..models.date_time_nullable_update_value import DateTimeNullableUpdateValue
        from ..models.external_identifier_update_value import ExternalIdentifierUpdateValue
        from ..models.guid_nullable_update_value import GuidNullableUpdateValue
        from ..models.voucher_name_update_value import VoucherNameUpdateValue
        from ..models.voucher_type_update_value import VoucherTypeUpdateValue

        voucher_id = str(self.voucher_id)

        name: dict[str, Any] | None | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        elif isinstance(self.name, VoucherNameUpdateValue):
            name = self.name.to_dict()
        else:
            name = self.name

        type_: dict[str, Any] | None | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, VoucherTypeUpdateValue):
            type_ = self.type_.to_dict()
        else:
            type_ = self.type_

        company_id: dict[str, Any] | None | Unset
        if isinstance(self.company_id, Unset):
            company_id = UNSET
        elif isinstance(self.company_id, GuidNullableUpdateValue):
            company_id = self.company_id.to_dict()
        else:
            company_id = self.company_id

        occupiable_interval_start_utc: dict[str, Any] | None | Unset
        if isinstance(self.occupiable_interval_start_utc, Unset):
            occupiable_interval_start_utc = UNSET
        elif isinstance(self.occupiable_interval_start_utc, DateTimeNullableUpdateValue):
            occupiable_interval_start_utc = self.occupiable_interval_start_utc.to_dict()
        else:
            occupiable_interval_start_utc = self.occupiable_interval_start_utc

        occupiable_interval_end_utc: dict[str, Any] | None | Unset
        if isinstance(self.occupiable_interval_end_utc, Unset):
            occupiable_interval_end_utc = UNSET
        elif isinstance(self.occupiable_interval_end_utc, DateTimeNullableUpdateValue):
            occupiable_interval_end_utc = self.occupiable_interval_end_utc.to_dict()
        else:
            occupiable_interval_end_utc = self.occupiable_interval_end_utc

        external_identifier: dict[str, Any] | None | Unset
        if isinstance(self.external_identifier, Unset):
            external_identifier = UNSET
        elif isinstance(self.external_identifier, ExternalIdentifierUpdateValue):
            external_identifier = self.external_identifier.to_dict()
        else:
            external_identifier = self.external_identifier

        assigned_rate_ids: dict[str, Any] | None | Unset
        if isinstance(self.assigned_rate_ids, Unset):
            assigned_rate_ids = UNSET
        elif isinstance(self.assigned_rate_ids, AssignedRateIdsUpdateValue):
            assigned_rate_ids = self.assigned_rate_ids.to_dict()
        else:
            assigned_rate_ids = self.assigned_rate_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "VoucherId": voucher_id,
            }
        )
        if name is not UNSET:
            field_dict["Name"] = name
        if type_ is not UNSET:
            field_dict["Type"] = type_
        if company_id is not UNSET:
            field_dict["CompanyId"] = company_id
        if occupiable_interval_start_utc is not UNSET:
            field_dict["OccupiableIntervalStartUtc"] = occupiable_interval_start_utc
        if occupiable_interval_end_utc is not UNSET:
            field_dict["OccupiableIntervalEndUtc"] = occupiable_interval_end_utc
        if external_identifier is not UNSET:
            field_dict["ExternalIdentifier"] = external_identifier
        if assigned_rate_ids is not UNSET:
            field_dict["AssignedRateIds"] = assigned_rate_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assigned_rate_ids_update_value import AssignedRateIdsUpdateValue
        from ..models.date_time_nullable_update_value import DateTimeNullableUpdateValue
        from ..models.external_identifier_update_value import ExternalIdentifierUpdateValue
        from ..models.guid_nullable_update_value import GuidNullableUpdateValue
        from ..models.voucher_name_update_value import VoucherNameUpdateValue
        from ..models.voucher_type_update_value import VoucherTypeUpdateValue

        d = dict(src_dict)
        voucher_id = UUID(d.pop("VoucherId"))

        def _parse_name(data: object) -> None | Unset | VoucherNameUpdateValue:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                name_type_1 = VoucherNameUpdateValue.from_dict(data)

                return name_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VoucherNameUpdateValue, data)

        name = _parse_name(d.pop("Name", UNSET))

        def _parse_type_(data: object) -> None | Unset | VoucherTypeUpdateValue:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                type_type_1 = VoucherTypeUpdateValue.from_dict(data)

                return type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VoucherTypeUpdateValue, data)

        type_ = _parse_type_(d.pop("Type", UNSET))

        def _parse_company_id(data: object) -> GuidNullableUpdateValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                company_id_type_1 = GuidNullableUpdateValue.from_dict(data)

                return company_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GuidNullableUpdateValue | None | Unset, data)

        company_id = _parse_company_id(d.pop("CompanyId", UNSET))

        def _parse_occupiable_interval_start_utc(data: object) -> DateTimeNullableUpdateValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                occupiable_interval_start_utc_type_1 = DateTimeNullableUpdateValue.from_dict(data)

                return occupiable_interval_start_utc_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DateTimeNullableUpdateValue | None | Unset, data)

        occupiable_interval_start_utc = _parse_occupiable_interval_start_utc(d.pop("OccupiableIntervalStartUtc", UNSET))

        def _parse_occupiable_interval_end_utc(data: object) -> DateTimeNullableUpdateValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                occupiable_interval_end_utc_type_1 = DateTimeNullableUpdateValue.from_dict(data)

                return occupiable_interval_end_utc_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DateTimeNullableUpdateValue | None | Unset, data)

        occupiable_interval_end_utc = _parse_occupiable_interval_end_utc(d.pop("OccupiableIntervalEndUtc", UNSET))

        def _parse_external_identifier(data: object) -> ExternalIdentifierUpdateValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_identifier_type_1 = ExternalIdentifierUpdateValue.from_dict(data)

                return external_identifier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExternalIdentifierUpdateValue | None | Unset, data)

        external_identifier = _parse_external_identifier(d.pop("ExternalIdentifier", UNSET))

        def _parse_assigned_rate_ids(data: object) -> AssignedRateIdsUpdateValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                assigned_rate_ids_type_1 = AssignedRateIdsUpdateValue.from_dict(data)

                return assigned_rate_ids_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssignedRateIdsUpdateValue | None | Unset, data)

        assigned_rate_ids = _parse_assigned_rate_ids(d.pop("AssignedRateIds", UNSET))

        voucher_update_parameters = cls(
            voucher_id=voucher_id,
            name=name,
            type_=type_,
            company_id=company_id,
            occupiable_interval_start_utc=occupiable_interval_start_utc,
            occupiable_interval_end_utc=occupiable_interval_end_utc,
            external_identifier=external_identifier,
            assigned_rate_ids=assigned_rate_ids,
        )

        return voucher_update_parameters
