from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voucher_update_parameters import VoucherUpdateParameters


T = TypeVar("T", bound="MultipleVoucherUpdateParameters")


@_attrs_define
class MultipleVoucherUpdateParameters:
    """
    Attributes:
        client_token (str): Token identifying the client application.
        access_token (str): Access token of the client application.
        client (str): Name and version of the client application.
        voucher_updates (list[VoucherUpdateParameters]): The changes, one item per voucher.
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
    voucher_updates: list[VoucherUpdateParameters]
    language_code: None | str | Unset = UNSET
    culture_code: None | str | Unset = UNSET
    enterprise_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_token = self.client_token

        access_token = self.access_token

        client = self.client

        voucher_updates = []
        for voucher_updates_item_data in self.voucher_updates:
            voucher_updates_item = voucher_updates_item_data.to_dict()
            voucher_updates.append(voucher_updates_item)

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
                "VoucherUpdates": voucher_updates,
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
        from ..models.voucher_update_parameters import VoucherUpdateParameters

        d = dict(src_dict)
        client_token = d.pop("ClientToken")

        access_token = d.pop("AccessToken")

        client = d.pop("Client")

        voucher_updates = []
        _voucher_updates = d.pop("VoucherUpdates")
        for voucher_updates_item_data in _voucher_updates:
            voucher_updates_item = VoucherUpdateParameters.from_dict(voucher_updates_item_data)

            voucher_updates.append(voucher_updates_item)

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

        multiple_voucher_update_parameters = cls(
            client_token=client_token,
            access_token=access_token,
            client=client,
            voucher_updates=voucher_updates,
            language_code=language_code,
            culture_code=culture_code,
            enterprise_id=enterprise_id,
        )

        return multiple_voucher_update_parameters
