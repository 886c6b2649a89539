"""vouchers/getAll: the stored vouchers of some services, paged like Mews, with the extents asked for."""

from __future__ import annotations

from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState
from mews_sandbox._voucher_table import StoredVoucher

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


def voucher_json(voucher: StoredVoucher) -> dict[str, Any]:
    """A voucher as Mews writes it (with the deprecated `ActivityState` beside `IsActive`).

    A travel agency is a company in Mews: a `TravelAgency` voucher's company is its `TravelAgencyId` too.
    """
    return {
        "Id": voucher.id,
        "ServiceId": voucher.service_id,
        "EnterpriseId": voucher.enterprise_id,
        "Name": voucher.name,
        "Type": voucher.type,
        "CompanyId": voucher.company_id,
        "TravelAgencyId": voucher.company_id if voucher.type == "TravelAgency" else None,
        "OccupiableIntervalStartUtc": None if voucher.stay_start is None else format_micros(voucher.stay_start),
        "OccupiableIntervalEndUtc": None if voucher.stay_end is None else format_micros(voucher.stay_end),
        "ExternalIdentifier": voucher.external_identifier,
        "IsActive": voucher.is_active,
        "ActivityState": "Active" if voucher.is_active else "Deleted",
        "CreatedUtc": format_micros(voucher.created),
        "UpdatedUtc": format_micros(voucher.updated),
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


def _page(
    state: SandboxState, service_ids: list[str], keep: Any, count: int, cursor: str | None
) -> list[StoredVoucher]:
    """Up to `count` vouchers that `keep` takes, newest first, after the cursor's voucher when there is one.

    The `repeat-cursor` fault ignores the cursor: every page is the first, and so is its cursor.
    """
    before = None
    if cursor is not None and not state.faults.repeat_cursor:
        found = state.store.vouchers.by_ids([cursor])
        if not found:
            raise rules.bad("Limitation.Cursor", f"unknown cursor {cursor}.")
        before = found[0].seq
    page = []
    for voucher in state.store.vouchers.newest_first(service_ids, before):
        if keep(voucher):
            page.append(voucher)
            if len(page) == count:
                break
    return page


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
    scope = set(enterprises)
    chosen = None if voucher_ids is None else set(voucher_ids)
    companies = None if company_ids is None else set(company_ids)
    identifiers = None if external is None else set(external)
    holding = None if values is None else state.store.vouchers_with_values(values)

    def keep(voucher: StoredVoucher) -> bool:
        return (
            voucher.enterprise_id in scope
            and (chosen is None or voucher.id in chosen)
            and (companies is None or voucher.company_id in companies)
            and (identifiers is None or voucher.external_identifier in identifiers)
            and (states is None or ("Active" if voucher.is_active else "Deleted") in states)
            and (holding is None or voucher.id in holding)
            and rules.in_interval(voucher.updated, interval)
        )

    found = _page(state, service_ids, keep, count, cursor) if extent["Vouchers"] else []
    if not found:
        return None
    return {
        "Vouchers": [voucher_json(voucher) for voucher in found],
        "VoucherAssignments": (
            [{"VoucherId": voucher.id, "RateId": rate} for voucher in found for rate in voucher.rate_ids]
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
