from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_data_value_type_0 import ServiceDataValueType0


T = TypeVar("T", bound="ServiceData")


@_attrs_define
class ServiceData:
    """What is particular to the kind of service: a tagged union (Mews marks it `x-coproduct`, with no OpenAPI
    discriminator mapping). `Discriminator` names the kind, `Value` holds `BookableServiceData` for `Bookable` and
    `AdditionalServiceData` for `Additional`. Modelled as a plain string and an open object on purpose: a kind Mews adds
    later is data to keep, not an error. Mews' document does not require `Discriminator`: without it the kind is unknown
    (None), not an error.

        Attributes:
            discriminator (str | Unset): `Bookable` or `Additional` (today's kinds; another one is kept as given).
            value (None | ServiceDataValueType0 | Unset): `BookableServiceData` or `AdditionalServiceData`, as
                `Discriminator` says.
    """

    discriminator: str | Unset = UNSET
    value: None | ServiceDataValueType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.service_data_value_type_0 import ServiceDataValueType0

        discriminator = self.discriminator

        value: dict[str, Any] | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, ServiceDataValueType0):
            value = self.value.to_dict()
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if discriminator is not UNSET:
            field_dict["Discriminator"] = discriminator
        if value is not UNSET:
            field_dict["Value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.service_data_value_type_0 import ServiceDataValueType0

        d = dict(src_dict)
        discriminator = d.pop("Discriminator", UNSET)

        def _parse_value(data: object) -> None | ServiceDataValueType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_type_0 = ServiceDataValueType0.from_dict(data)

                return value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceDataValueType0 | Unset, data)

        value = _parse_value(d.pop("Value", UNSET))

        service_data = cls(
            discriminator=discriminator,
            value=value,
        )

        service_data.additional_properties = d
        return service_data

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
