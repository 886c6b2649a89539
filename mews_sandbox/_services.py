"""services/getAll: the configured services of the enterprises a token reaches, paged like Mews."""

from __future__ import annotations

from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant, ServiceSpec
from mews_sandbox._listing import Listed
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState

SERVICE_TYPES = ("Bookable", "Additional")
_BOOKABLE_DATA = {
    "StartOffset": "P0M0DT14H0M0S",
    "EndOffset": "P0M1DT12H0M0S",
    "OccupancyStartOffset": "P0M0DT0H0M0S",
    "OccupancyEndOffset": "P0M0DT23H59M59S",
    "TimeUnit": "Day",  # deprecated, and still required by Mews' document: sent as Mews sends it
    "TimeUnitPeriod": "Day",
}
_ADDITIONAL_DATA = {
    "Promotions": {
        "BeforeCheckIn": True,
        "AfterCheckIn": True,
        "DuringStay": True,
        "BeforeCheckOut": False,
        "AfterCheckOut": False,
        "DuringCheckOut": False,
    }
}


def service_json(row: Listed[ServiceSpec]) -> dict[str, Any]:
    """A service as Mews writes it (with the deprecated `Name` beside `Names`)."""
    service = row.item
    return {
        "Id": row.id,
        "EnterpriseId": service.enterprise_id,
        "IsActive": service.is_active,
        "Name": service.names.get("en-US") or next(iter(service.names.values()), ""),
        "Names": dict(service.names),
        "Options": {"BillAsPackage": False},
        "Ordering": service.ordering,
        "Data": {
            "Discriminator": service.type,
            "Value": _BOOKABLE_DATA if service.type == "Bookable" else _ADDITIONAL_DATA,
        },
        "ExternalIdentifier": None,
        "CreatedUtc": format_micros(row.created),
        "UpdatedUtc": format_micros(row.created),
    }


def get_all(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any] | None:
    """services/getAll: one page, newest first; the Cursor is the oldest id returned, null on an empty page."""
    rules.only_fields(
        body, (*rules.COMMON_FIELDS, "Limitation", "EnterpriseIds", "ServiceIds", "ServiceType", "UpdatedUtc")
    )
    count, cursor = rules.limitation(body)
    enterprises = rules.enterprises_in_scope(body, grant)
    ids = rules.id_list(body, "ServiceIds", required=False)
    kind = rules.choice(body, "ServiceType", SERVICE_TYPES)
    interval = rules.updated_interval(body)
    wanted = None if ids is None else set(ids)

    def keep(row: Listed[ServiceSpec]) -> bool:
        return (
            row.item.enterprise_id in enterprises
            and (wanted is None or row.id in wanted)
            and (kind is None or row.item.type == kind)
            and rules.in_interval(row.created, interval)
        )

    found = state.services.page(keep, count, cursor, repeat_cursor=state.faults.repeat_cursor)
    if not found:
        return None
    return {"Services": [service_json(row) for row in found], "Cursor": found[-1].id}


ROUTES = (Route("services/getAll", get_all, {"Services": [], "Cursor": None}),)
