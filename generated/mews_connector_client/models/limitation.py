from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Limitation")


@_attrs_define
class Limitation:
    """Limitation on the quantity of data returned and optional Cursor for the starting point of data.

    Attributes:
        count (int): Maximum number of items to return, 1 to 1000 (the bounds are stated on the pagination page).
        cursor (None | Unset | UUID): Unique identifier of the item one newer in time order than the items to be
            returned. If not specified, the newest items are returned.
    """

    count: int
    cursor: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        elif isinstance(self.cursor, UUID):
            cursor = str(self.cursor)
        else:
            cursor = self.cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "Count": count,
            }
        )
        if cursor is not UNSET:
            field_dict["Cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        count = d.pop("Count")

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

        limitation = cls(
            count=count,
            cursor=cursor,
        )

        return limitation
