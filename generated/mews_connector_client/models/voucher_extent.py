from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherExtent")


@_attrs_define
class VoucherExtent:
    """Which parts of the result to return; send it always (Mews' default extent needs more permissions).

    Attributes:
        vouchers (bool | None | Unset): Whether to return the vouchers.
        voucher_assignments (bool | None | Unset): Whether to return the vouchers' assignments to rates.
        rates (bool | None | Unset): Whether to return the assigned rates (this project never asks; see
            `VoucherResult.Rates`).
        voucher_codes (bool | None | Unset): Deprecated; use voucherCodes/getAll.
        companies (bool | None | Unset): Deprecated; use companies/getAll.
    """

    vouchers: bool | None | Unset = UNSET
    voucher_assignments: bool | None | Unset = UNSET
    rates: bool | None | Unset = UNSET
    voucher_codes: bool | None | Unset = UNSET
    companies: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        vouchers: bool | None | Unset
        if isinstance(self.vouchers, Unset):
            vouchers = UNSET
        else:
            vouchers = self.vouchers

        voucher_assignments: bool | None | Unset
        if isinstance(self.voucher_assignments, Unset):
            voucher_assignments = UNSET
        else:
            voucher_assignments = self.voucher_assignments

        rates: bool | None | Unset
        if isinstance(self.rates, Unset):
            rates = UNSET
        else:
            rates = self.rates

        voucher_codes: bool | None | Unset
        if isinstance(self.voucher_codes, Unset):
            voucher_codes = UNSET
        else:
            voucher_codes = self.voucher_codes

        companies: bool | None | Unset
        if isinstance(self.companies, Unset):
            companies = UNSET
        else:
            companies = self.companies

        field_dict: dict[str, Any] = {}

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_vouchers(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        vouchers = _parse_vouchers(d.pop("Vouchers", UNSET))

        def _parse_voucher_assignments(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        voucher_assignments = _parse_voucher_assignments(d.pop("VoucherAssignments", UNSET))

        def _parse_rates(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        rates = _parse_rates(d.pop("Rates", UNSET))

        def _parse_voucher_codes(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        voucher_codes = _parse_voucher_codes(d.pop("VoucherCodes", UNSET))

        def _parse_companies(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        companies = _parse_companies(d.pop("Companies", UNSET))

        voucher_extent = cls(
            vouchers=vouchers,
            voucher_assignments=voucher_assignments,
            rates=rates,
            voucher_codes=voucher_codes,
            companies=companies,
        )

        return voucher_extent
