from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.enterprise import Enterprise


T = TypeVar("T", bound="EnterpriseResult")


@_attrs_define
class EnterpriseResult:
    """
    Attributes:
        enterprises (list[Enterprise]):
        cursor (None | Unset | UUID): Identifier of the last item returned; pass it in `Limitation` for the next page.
    """

    enterprises: list[Enterprise]
    cursor: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enterprises = []
        for enterprises_item_data in self.enterprises:
            enterprises_item = enterprises_item_data.to_dict()
            enterprises.append(enterprises_item)

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        elif isinstance(self.cursor, UUID):
            cursor = str(self.cursor)
        else:
            cursor = self.cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Enterprises": enterprises,
            }
        )
        if cursor is not UNSET:
            field_dict["Cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.enterprise import Enterprise

        d = dict(src_dict)
        enterprises = []
        _enterprises = d.pop("Enterprises")
        for enterprises_item_data in _enterprises:
            enterprises_item = Enterprise.from_dict(enterprises_item_data)

            enterprises.append(enterprises_item)

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

        enterprise_result = cls(
            enterprises=enterprises,
            cursor=cursor,
        )

        enterprise_result.additional_properties = d
        return enterprise_result

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
