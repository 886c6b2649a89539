from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MultipleVoucherDeleteParameters")


@_attrs_define
class MultipleVoucherDeleteParameters:
    """
    Attributes:
        client_token (str): Token identifying the client application.
        access_token (str): Access token of the client application.
        client (str): Name and version of the client application.
        voucher_ids (list[UUID]): Unique identifiers of the vouchers to be deleted.
        language_code (None | str | Unset): Language of the response texts; takes effect only together with
            `CultureCode`.
        culture_code (None | str | Unset): Culture of the response texts; takes effect only together with
            `LanguageCode`.
        enterprise_id (None | Unset | UUID): Unique identifier of the enterprise. Required when using Portfolio Access
            Tokens, ignored otherwise.
    """

    client_token: str
    access_token: str
    client: str
    voucher_ids: list[UUID]
    language_code: None | str | Unset = UNSET
    culture_code: None | str | Unset = UNSET
    enterprise_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_token = self.client_token

        access_token = self.access_token

        client = self.client

        voucher_ids = []
        for voucher_ids_item_data in self.voucher_ids:
            voucher_ids_item = str(voucher_ids_item_data)
            voucher_ids.append(voucher_ids_item)

        language_code: None | str | Unset
        if isinstance(self.language_code, Unset):
            language_code = UNSET
        else:
            language_code = self.language_code

        culture_code: None | str | Unset
        if isinstance(self.culture_code, Unset):
            culture_code = UNSET
        else:
            culture_code = self.culture_code

        enterprise_id: None | str | Unset
        if isinstance(self.enterprise_id, Unset):
            enterprise_id = UNSET
        elif isinstance(self.enterprise_id, UUID):
            enterprise_id = str(self.enterprise_id)
        else:
            enterprise_id = self.enterprise_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ClientToken": client_token,
                "AccessToken": access_token,
                "Client": client,
                "VoucherIds": voucher_ids,
            }
        )
        if language_code is not UNSET:
            field_dict["LanguageCode"] = language_code
        if culture_code is not UNSET:
            field_dict["CultureCode"] = culture_code
        if enterprise_id is not UNSET:
            field_dict["EnterpriseId"] = enterprise_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        client_token = d.pop("ClientToken")

        access_token = d.pop("AccessToken")

        client = d.pop("Client")

        voucher_ids = []
        _voucher_ids = d.pop("VoucherIds")
        for voucher_ids_item_data in _voucher_ids:
            voucher_ids_item = UUID(voucher_ids_item_data)

            voucher_ids.append(voucher_ids_item)

        def _parse_language_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language_code = _parse_language_code(d.pop("LanguageCode", UNSET))

        def _parse_culture_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        culture_code = _parse_culture_code(d.pop("CultureCode", UNSET))

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

        multiple_voucher_delete_parameters = cls(
            client_token=client_token,
            access_token=access_token,
            client=client,
            voucher_ids=voucher_ids,
            language_code=language_code,
            culture_code=culture_code,
            enterprise_id=enterprise_id,
        )

        return multiple_voucher_delete_parameters
