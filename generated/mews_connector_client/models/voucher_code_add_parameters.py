from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherCodeAddParameters")


@_attrs_define
class VoucherCodeAddParameters:
    """
    Attributes:
        voucher_id (UUID): Unique identifier of Voucher the code belongs to.
        value (str): Value of voucher code used by customers.
        validity_start_utc (datetime.datetime | None | Unset): If specified, marks the beginning of interval in which
            the code can be used.
        validity_end_utc (datetime.datetime | None | Unset): If specified, marks the end of interval in which the code
            can be used.
    """

    voucher_id: UUID
    value: str
    validity_start_utc: datetime.datetime | None | Unset = UNSET
    validity_end_utc: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        voucher_id = str(self.voucher_id)

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "VoucherId": voucher_id,
                "Value": value,
            }
        )
        if validity_start_utc is not UNSET:
            field_dict["ValidityStartUtc"] = validity_start_utc
        if validity_end_utc is not UNSET:
            field_dict["ValidityEndUtc"] = validity_end_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        voucher_id = UUID(d.pop("VoucherId"))

        value = d.pop("Value")

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

        voucher_code_add_parameters = cls(
            voucher_id=voucher_id,
            value=value,
            validity_start_utc=validity_start_utc,
            validity_end_utc=validity_end_utc,
        )

        return voucher_code_add_parameters
