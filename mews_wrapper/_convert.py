"""From the generated models to public values: no `Unset`, aware UTC datetimes, a `TypeError` naming a bad field.

The reference readers of the resource modules build their public items with these; a `TypeError` or `ValueError`
becomes the `MewsResponseError` of a body that is not the documented shape.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from mews_connector_client.types import Unset

from mews_wrapper._types._value import NO_FIELDS


def required_uuid(value: object, name: str) -> uuid.UUID:
    """A UUID Mews must send."""
    if not isinstance(value, uuid.UUID):
        raise TypeError(f"{name} {value!r} is not a UUID")
    return value


def optional_uuid(value: object, name: str) -> uuid.UUID | None:
    """A UUID, or None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    return required_uuid(value, name)


def optional_str(value: object, name: str) -> str | None:
    """A string, or None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} {value!r} is not a string")
    return value


def optional_int(value: object, name: str) -> int | None:
    """A whole number, or None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} {value!r} is not a whole number")
    return value


def utc(value: object, name: str) -> dt.datetime | None:
    """An aware UTC datetime (one without an offset is taken as UTC), or None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} {value!r} is not an ISO 8601 datetime")
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def is_active(value: object, activity_state: object) -> bool:
    """`IsActive`, or the deprecated `ActivityState` (`Active`/`Deleted`) when `IsActive` is absent."""
    if isinstance(value, bool):
        return value
    state = getattr(activity_state, "value", activity_state)
    if state == "Active":
        return True
    if state == "Deleted":
        return False
    raise TypeError(f"neither IsActive nor a known ActivityState (got {activity_state!r})")


def enum_value(value: object) -> str | None:
    """The text of a generated enum member (or of a plain string), None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    text = getattr(value, "value", value)
    if not isinstance(text, str):
        raise TypeError(f"{value!r} is not a text value")
    return text


def unknown_fields(model: Any) -> Mapping[str, Any]:
    """The fields a generated model did not know (its `additional_properties`) as a dict; none: `NO_FIELDS`."""
    properties = getattr(model, "additional_properties", None)
    return dict(properties) if isinstance(properties, Mapping) and properties else NO_FIELDS


def optional_bool(value: object, name: str) -> bool | None:
    """A boolean, or None for null and absent."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{name} {value!r} is not a boolean")
    return value
