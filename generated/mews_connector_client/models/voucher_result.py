from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voucher import Voucher
    from ..models.voucher_assignment import VoucherAssignment
    from ..models.voucher_code import VoucherCode
    from ..models.voucher_result_companies_type_0_item import VoucherResultCompaniesType0Item
    from ..models.voucher_result_rates_type_0_item import VoucherResultRatesType0Item


T = TypeVar("T", bound="VoucherResult")


@_attrs_define
class VoucherResult:
    """The vouchers and what the extent asked for; no field is required. `Rates` (Mews' `RateForExtent`) is not modelled:
    openapi-python-client drops that schema, and this project never asks for the `Rates` extent, so its items are kept
    as plain objects.

        Attributes:
            vouchers (list[Voucher] | None | Unset):
            voucher_assignments (list[VoucherAssignment] | None | Unset):
            rates (list[VoucherResultRatesType0Item] | None | Unset):
            voucher_codes (list[VoucherCode] | None | Unset):
            companies (list[VoucherResultCompaniesType0Item] | None | Unset):
            cursor (None | Unset | UUID): The id of the oldest item returned; null only when the page is empty.
    """

    vouchers: list[Voucher] | None | Unset = UNSET
    voucher_assignments: list[VoucherAssignment] | None | Unset = UNSET
    rates: list[VoucherResultRatesType0Item] | None | Unset = UNSET
    voucher_codes: list[VoucherCode] | None | Unset = UNSET
    companies: list[VoucherResultCompaniesType0Item] | None | Unset = UNSET
    cursor: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vouchers: list[dict[str, Any]] | None | Unset
        if isinstance(self.vouchers, Unset):
            vouchers = UNSET
        elif isinstance(self.vouchers, list):
            vouchers = []
            for vouchers_type_0_item_data in self.vouchers:
                vouchers_type_0_item = vouchers_type_0_item_data.to_dict()
                vouchers.append(vouchers_type_0_item)

        else:
            vouchers = self.vouchers

        voucher_assignments: list[dict[str, Any]] | None | Unset
        if isinstance(self.voucher_assignments, Unset):
            voucher_assignments = UNSET
        elif isinstance(self.voucher_assignments, list):
            voucher_assignments = []
            for voucher_assignments_type_0_item_data in self.voucher_assignments:
                voucher_assignments_type_0_item = voucher_assignments_type_0_item_data.to_dict()
                voucher_assignments.append(voucher_assignments_type_0_item)

        else:
            voucher_assignments = self.voucher_assignments

        rates: list[dict[str, Any]] | None | Unset
        if isinstance(self.rates, Unset):
            rates = UNSET
        elif isinstance(self.rates, list):
            rates = []
            for rates_type_0_item_data in self.rates:
                rates_type_0_item = rates_type_0_item_data.to_dict()
                rates.append(rates_type_0_item)

        else:
            rates = self.rates

        voucher_codes: list[dict[str, Any]] | None | Unset
        if isinstance(self.voucher_codes, Unset):
            voucher_codes = UNSET
        elif isinstance(self.voucher_codes, list):
            voucher_codes = []
            for voucher_codes_type_0_item_data in self.voucher_codes:
                voucher_codes_type_0_item = voucher_codes_type_0_item_data.to_dict()
                voucher_codes.append(voucher_codes_type_0_item)

        else:
            voucher_codes = self.voucher_codes

        companies: list[dict[str, Any]] | None | Unset
        if isinstance(self.companies, Unset):
            companies = UNSET
        elif isinstance(self.companies, list):
            companies = []
            for companies_type_0_item_data in self.companies:
                companies_type_0_item = companies_type_0_item_data.to_dict()
                companies.append(companies_type_0_item)

        else:
            companies = self.companies

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        elif isinstance(self.cursor, UUID):
            cursor = str(self.cursor)
        else:
            cursor = self.cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vouchers is not UNSET:
            field_dict["Vouchers"] = vouchers
        if voucher_assignments is not UNSET:
            field_dict["VoucherAssignments"] = voucher_assignments
        if rates is not UNSET:
            field_dict["Rates"] = rates
        if voucher_codes is not UNSET:
            field_dict["VoucherCodes"] = voucher_codes
        if companies is not UNSET:
            field_dict["Companies"] = companies
        if cursor is not UNSET:
            field_dict["Cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voucher import Voucher
        from ..models.voucher_assignment import VoucherAssignment
        from ..models.voucher_code import VoucherCode
        from ..models.voucher_result_companies_type_0_item import VoucherResultCompaniesType0Item
        from ..models.voucher_result_rates_type_0_item import VoucherResultRatesType0Item

        d = dict(src_dict)

        def _parse_vouchers(data: object) -> list[Voucher] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                vouchers_type_0 = []
                _vouchers_type_0 = data
                for vouchers_type_0_item_data in _vouchers_type_0:
                    vouchers_type_0_item = Voucher.from_dict(vouchers_type_0_item_data)

                    vouchers_type_0.append(vouchers_type_0_item)

                return vouchers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Voucher] | None | Unset, data)

        vouchers = _parse_vouchers(d.pop("Vouchers", UNSET))

        def _parse_voucher_assignments(data: object) -> list[VoucherAssignment] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                voucher_assignments_type_0 = []
                _voucher_assignments_type_0 = data
                for voucher_assignments_type_0_item_data in _voucher_assignments_type_0:
                    voucher_assignments_type_0_item = VoucherAssignment.from_dict(voucher_assignments_type_0_item_data)

                    voucher_assignments_type_0.append(voucher_assignments_type_0_item)

                return voucher_assignments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VoucherAssignment] | None | Unset, data)

        voucher_assignments = _parse_voucher_assignments(d.pop("VoucherAssignments", UNSET))

        def _parse_rates(data: object) -> list[VoucherResultRatesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rates_type_0 = []
                _rates_type_0 = data
                for rates_type_0_item_data in _rates_type_0:
                    rates_type_0_item = VoucherResultRatesType0Item.from_dict(rates_type_0_item_data)

                    rates_type_0.append(rates_type_0_item)

                return rates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VoucherResultRatesType0Item] | None | Unset, data)

        rates = _parse_rates(d.pop("Rates", UNSET))

        def _parse_voucher_codes(data: object) -> list[VoucherCode] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                voucher_codes_type_0 = []
                _voucher_codes_type_0 = data
                for voucher_codes_type_0_item_data in _voucher_codes_type_0:
                    voucher_codes_type_0_item = VoucherCode.from_dict(voucher_codes_type_0_item_data)

                    voucher_codes_type_0.append(voucher_codes_type_0_item)

                return voucher_codes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VoucherCode] | None | Unset, data)

        voucher_codes = _parse_voucher_codes(d.pop("VoucherCodes", UNSET))

        def _parse_companies(data: object) -> list[VoucherResultCompaniesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                companies_type_0 = []
                _companies_type_0 = data
                for companies_type_0_item_data in _companies_type_0:
                    companies_type_0_item = VoucherResultCompaniesType0Item.from_dict(companies_type_0_item_data)

                    companies_type_0.append(companies_type_0_item)

                return companies_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VoucherResultCompaniesType0Item] | None | Unset, data)

        companies = _parse_companies(d.pop("Companies", UNSET))

        def _parse_cursor(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cursor_type_0 = UUID(data)

                return cursor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        cursor = _parse_cursor(d.pop("Cursor", UNSET))

        voucher_result = cls(
            vouchers=vouchers,
            voucher_assignments=voucher_assignments,
            rates=rates,
            voucher_codes=voucher_codes,
            companies=companies,
            cursor=cursor,
        )

        voucher_result.additional_properties = d
        return voucher_result

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
