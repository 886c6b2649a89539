"""rates/getAll: the configured rates of some services, paged like Mews, with names in every language."""

from __future__ import annotations

from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant, RateSpec
from mews_sandbox._listing import Listed
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState

EXTENTS = ("Rates", "RateGroups", "AvailabilityBlockAssignments")
ACTIVITY_STATES = ("Active", "Deleted")
FIELDS = (
    *rules.COMMON_FIELDS,
    "Limitation",
    "Extent",
    "ServiceIds",
    "EnterpriseIds",
    "RateIds",
    "ExternalIdentifiers",
    "ActivityStates",
    "UpdatedUtc",
)
_GROUP = "c8b866d0-1b89-4ad5-9ac4-25a5b4e2e1e0"
_NO_RESTRICTIONS: dict[str, list[Any]] = {"DateRestrictions": [], "EarlinessRestrictions": [], "LengthRestrictions": []}
"""The deprecated `RateRestrictions`, still required by Mews' document: an object of three empty lists."""


def rate_json(row: Listed[RateSpec]) -> dict[str, Any]:
    """A rate as Mews writes it (with the deprecated `Name` beside `Names`)."""
    rate = row.item
    return {
        "Id": row.id,
        "GroupId": _GROUP,
        "ServiceId": rate.service_id,
        "BaseRateId": rate.base_rate_id,
        "IsBaseRate": rate.base_rate_id is None,
        "BusinessSegmentId": None,
        "IsActive": rate.is_active,
        "IsEnabled": rate.is_enabled,
        "IsPublic": rate.type == "Public",
        "IsDefault": False,
        "Type": rate.type,
        "Name": rate.names.get("en-US") or next(iter(rate.names.values()), ""),
        "Names": dict(rate.names),
        "ShortName": rate.short_name,
        "UpdatedUtc": format_micros(row.created),
        "ExternalNames": None,
        "Description": None,
        "ExternalIdentifier": None,
    }


def _extent(body: rules.Body) -> dict[str, Any] | None:
    """The optional Extent: `Rates` and `RateGroups` nullable booleans, `AvailabilityBlockAssignments` a boolean."""
    extent = body.get("Extent")
    if extent is None:
        return None
    if not isinstance(extent, dict):
        raise rules.bad("Extent", 'expected an object such as {"Rates": true}.')
    rules.only_fields(extent, EXTENTS, "Extent.")
    for name in EXTENTS:
        if name not in extent:
            continue
        nullable = name != "AvailabilityBlockAssignments"
        given = extent[name]
        if not isinstance(given, bool) and not (given is None and nullable):
            raise rules.bad(f"Extent.{name}", "expected true or false" + (" or null." if nullable else "."))
    return extent


def get_all(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any] | None:
    """rates/getAll: one page of the rates of `ServiceIds` (required), newest first."""
    rules.only_fields(body, FIELDS)
    count, cursor = rules.limitation(body)
    extent = _extent(body)
    enterprises = rules.enterprises_in_scope(body, grant)
    service_ids = rules.known_services(body, state.config.services, enterprises)
    rate_ids = rules.id_list(body, "RateIds", required=False)
    external = rules.text_list(body, "ExternalIdentifiers", least=0)  # Mews sets no minimum here
    states = body.get("ActivityStates")
    if states is not None and (not isinstance(states, list) or any(s not in ACTIVITY_STATES for s in states)):
        raise rules.bad("ActivityStates", f"expected an array of {', '.join(ACTIVITY_STATES)}.")
    interval = rules.updated_interval(body)
    services = set(service_ids)
    chosen = None if rate_ids is None else set(rate_ids)

    def keep(row: Listed[RateSpec]) -> bool:
        return (
            row.item.service_id in services
            and (chosen is None or row.id in chosen)
            and external is None  # no sandbox rate has an external identifier
            and (states is None or ("Active" if row.item.is_active else "Deleted") in states)
            and rules.in_interval(row.created, interval)
        )

    wants_rates = extent is None or extent.get("Rates") is not False  # Mews' default extent holds the rates
    found = state.rates.page(keep, count, cursor, repeat_cursor=state.faults.repeat_cursor) if wants_rates else []
    if not found:
        return None
    return {
        "Rates": [rate_json(row) for row in found],
        "RateGroups": [],
        "RateRestrictions": _NO_RESTRICTIONS,
        "Cursor": found[-1].id,
    }


ROUTES = (
    Route(
        "rates/getAll", get_all, {"Rates": [], "RateGroups": [], "RateRestrictions": _NO_RESTRICTIONS, "Cursor": None}
    ),
)
