"""vouchers/getAll: the configured vouchers of some services, paged like Mews, with the extents asked for."""

from __future__ import annotations

from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant, VoucherSpec
from mews_sandbox._listing import Listed
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState

EXTENTS = ("Vouchers", "VoucherAssignments", "Rates", "VoucherCodes", "Companies")
ACTIVITY_STATES = ("Active", "Deleted")
FIELDS = (
    *rules.COMMON_FIELDS,
    "Limitation",
    "Extent",
    "ServiceIds",
    "EnterpriseIds",
    "VoucherIds",
    "CompanyIds",
    "VoucherCodeValues",
    "ExternalIdentifiers",
    "ActivityStates",
    "UpdatedUtc",
)


def voucher_json(row: Listed[VoucherSpec]) -> dict[str, Any]:
    """A voucher as Mews writes it (with the deprecated `ActivityState` beside `IsActive`)."""
    voucher = row.item
    return {
        "Id": row.id,
        "ServiceId": voucher.service_id,
        "EnterpriseId": voucher.enterprise_id,
        "Name": voucher.name,
        "Type": voucher.type,
        "CompanyId": None,
        "TravelAgencyId": None,
        "OccupiableIntervalStartUtc": None,
        "OccupiableIntervalEndUtc": None,
        "ExternalIdentifier": None,
        "IsActive": voucher.is_active,
        "ActivityState": "Active" if voucher.is_active else "Deleted",
        "CreatedUtc": format_micros(row.created),
        "UpdatedUtc": format_micros(row.created),
    }


def _extent(body: rules.Body) -> dict[str, bool]:
    """The required Extent: an object of nullable booleans (null and absent are false)."""
    value = body.get("Extent")
    if not isinstance(value, dict):
        raise rules.bad("Extent", 'is required (an object such as {"Vouchers": true}).')
    rules.only_fields(value, EXTENTS, "Extent.")
    extent = {}
    for name in EXTENTS:
        given = value.get(name)
        if given is not None and not isinstance(given, bool):
            raise rules.bad(f"Extent.{name}", "expected true, false or null.")
        extent[name] = bool(given)
    return extent


def _activity_states(body: rules.Body) -> list[str] | None:
    value = body.get("ActivityStates")
    if value is None:
        return None
    if not isinstance(value, list) or any(state not in ACTIVITY_STATES for state in value):
        raise rules.bad("ActivityStates", f"expected an array of {', '.join(ACTIVITY_STATES)}.")
    return list(value)


def get_all(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any] | None:
    """vouchers/getAll: one page of the vouchers of `ServiceIds`, newest first, and the extents asked for."""
    rules.only_fields(body, FIELDS)
    count, cursor = rules.limitation(body)
    extent = _extent(body)
    enterprises = rules.enterprises_in_scope(body, grant)
    service_ids = rules.known_services(body, state.config.services, enterprises)
    voucher_ids = rules.id_list(body, "VoucherIds", required=False)
    company_ids = rules.id_list(body, "CompanyIds", required=False)
    values = rules.text_list(body, "VoucherCodeValues")
    external = rules.text_list(body, "ExternalIdentifiers")
    states = _activity_states(body)
    interval = rules.updated_interval(body)
    services, scope = set(service_ids), set(enterprises)
    chosen = None if voucher_ids is None else set(voucher_ids)
    holding = None if values is None else state.store.vouchers_with_values(values)

    def keep(row: Listed[VoucherSpec]) -> bool:
        return (
            row.item.service_id in services
            and row.item.enterprise_id in scope
            and (chosen is None or row.id in chosen)
            and company_ids is None  # no sandbox voucher has a company
            and external is None  # nor an external identifier
            and (states is None or ("Active" if row.item.is_active else "Deleted") in states)
            and (holding is None or row.id in holding)
            and rules.in_interval(row.created, interval)
        )

    repeat = state.faults.repeat_cursor
    found = state.vouchers.page(keep, count, cursor, repeat_cursor=repeat) if extent["Vouchers"] else []
    if not found:
        return None
    return {
        "Vouchers": [voucher_json(row) for row in found],
        "VoucherAssignments": (
            [{"VoucherId": row.id, "RateId": rate} for row in found for rate in row.item.rate_ids]
            if extent["VoucherAssignments"]
            else None
        ),
        "Rates": [] if extent["Rates"] else None,
        "VoucherCodes": [] if extent["VoucherCodes"] else None,
        "Companies": [] if extent["Companies"] else None,
        "Cursor": found[-1].id,
    }


ROUTES = (
    Route(
        "vouchers/getAll",
        get_all,
        {
            "Vouchers": [],
            "VoucherAssignments": None,
            "Rates": None,
            "VoucherCodes": None,
            "Companies": None,
            "Cursor": None,
        },
    ),
)
