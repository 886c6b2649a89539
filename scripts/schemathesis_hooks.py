"""Schemathesis hooks for make conformance (loaded with SCHEMATHESIS_HOOKS=scripts.schemathesis_hooks).

`map_case`: generated bodies carry random tokens and ids, so every positive case would stop at 401, or at the
documented 400 for an id the sandbox does not know. Where a generated value is already valid for its schema (a
non-empty token, UUIDs), it becomes a value of the same kind that the sandbox knows: the demo tokens, a known
voucher, service and enterprise, codes this hook adds first (for delete), and a null cursor (a cursor must be one
the server gave; null is just as valid). Invalid values stay as generated, so negative cases stay negative.

`filter_case`: a positive case that breaks a rule the schema cannot state is left out rather than judged: an
UpdatedUtc interval longer than 3 calendar months (Mews' rule: `x-max-interval-in-months: 3` in its document, and
its documented 400), and a validity or UpdatedUtc interval whose start is after its end. That one is our rule, not
Mews': Mews documents nothing for it. This project refuses such an interval (the client before sending, the
sandbox with a 400), as `openapi.yaml`'s TimeFilterInterval description and `contracts/known-differences.yaml` say.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import httpx
import schemathesis
from schemathesis import GenerationMode

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    DEMO_RATE,
    ENTERPRISE_A,
    RATE_BREAKFAST_INCLUDED,
    RATE_NON_REFUNDABLE,
    SERVICE_A,
    VOUCHER_A,
)

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_known_codes: list[str] = []
_spare_vouchers: list[str] = []
_RATES_OF_SERVICE_A = (DEMO_RATE, RATE_BREAKFAST_INCLUDED, RATE_NON_REFUNDABLE)


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def _uuids(value: object) -> bool:
    return isinstance(value, list) and 1 <= len(value) <= 1000 and all(_is_uuid(item) for item in value)


def _known_code() -> str:
    """The id of a code the sandbox holds (added once); deleting it again is fine."""
    if not _known_codes:
        body = {
            "ClientToken": DEMO_CLIENT_TOKEN,
            "AccessToken": DEMO_ACCESS_TOKEN,
            "Client": "schemathesis hooks",
            "VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "SCHEMATHESIS-KNOWN"}],
        }
        answer = httpx.post(os.environ["MEWS_SANDBOX_URL"] + "/api/connector/v1/voucherCodes/add", json=body)
        _known_codes.extend(code["Id"] for code in answer.json()["VoucherCodes"])
    return _known_codes[0]


def _spare(count: int) -> list[str]:
    """The ids of `count` vouchers of the demo service that this hook made, for updates and deletes to change.

    Their own, so that a generated delete or type change never reaches the vouchers the other cases name.
    """
    while len(_spare_vouchers) < count:
        body = {
            "ClientToken": DEMO_CLIENT_TOKEN,
            "AccessToken": DEMO_ACCESS_TOKEN,
            "Client": "schemathesis hooks",
            "VoucherParameters": [
                {"ServiceId": SERVICE_A, "Name": f"Schemathesis {number}", "Type": "Public"}
                for number in range(len(_spare_vouchers), min(count, len(_spare_vouchers) + 1000))
            ],
        }
        answer = httpx.post(os.environ["MEWS_SANDBOX_URL"] + "/api/connector/v1/vouchers/add", json=body)
        _spare_vouchers.extend(voucher["Id"] for voucher in answer.json()["Vouchers"])
    return _spare_vouchers[:count]


def _known_rates(value: object) -> object:
    """A list of UUIDs as rates of the demo service: up to 10 distinct ones as distinct rates (as many as it has);
    a list that repeats an id or holds more than 10 (a negative case) stays as long, repeating; else as it is."""
    if not isinstance(value, list) or not all(_is_uuid(item) for item in value):
        return value
    distinct = list(dict.fromkeys(value))
    if len(distinct) == len(value) <= 10:  # a voucher takes at most 10: more is a negative case, kept as long
        return list(_RATES_OF_SERVICE_A[: len(value)])
    known = {item: _RATES_OF_SERVICE_A[index % len(_RATES_OF_SERVICE_A)] for index, item in enumerate(distinct)}
    return [known[item] for item in value]


def _map_voucher_writes(case: Any, body: dict[str, Any]) -> None:
    """vouchers/add|update|delete: the demo service and its rates; updates and deletes on this hook's vouchers."""
    path = case.operation.path
    if path.endswith("/vouchers/delete") and _uuids(body.get("VoucherIds")):
        body["VoucherIds"] = _spare(len(body["VoucherIds"]))
        _spare_vouchers[: len(body["VoucherIds"])] = []  # deleted: never named again
    for entry in _objects(body, "VoucherParameters"):
        if _is_uuid(entry.get("ServiceId")):
            entry["ServiceId"] = SERVICE_A
        entry["AssignedRateIds"] = _known_rates(entry.get("AssignedRateIds"))
    updates = _objects(body, "VoucherUpdates")
    spare = iter(_spare(len(updates)))
    for entry in updates:
        if _is_uuid(entry.get("VoucherId")):
            entry["VoucherId"] = next(spare)
        wrapper = entry.get("AssignedRateIds")
        if isinstance(wrapper, dict):
            wrapper["Value"] = _known_rates(wrapper.get("Value"))


@schemathesis.hook
def map_case(ctx: Any, case: Any) -> Any:
    body = case.body
    if not isinstance(body, dict):
        return case
    for token, known in (("ClientToken", DEMO_CLIENT_TOKEN), ("AccessToken", DEMO_ACCESS_TOKEN)):
        if isinstance(body.get(token), str) and body[token]:
            body[token] = known
    if _uuids(body.get("VoucherIds")) and not case.operation.path.endswith("/vouchers/delete"):
        body["VoucherIds"] = [VOUCHER_A] * len(body["VoucherIds"])
    if _uuids(body.get("ServiceIds")):
        body["ServiceIds"] = [SERVICE_A] * len(body["ServiceIds"])
    if _uuids(body.get("EnterpriseIds")):
        body["EnterpriseIds"] = [ENTERPRISE_A] * len(body["EnterpriseIds"])
    if _is_uuid(body.get("EnterpriseId")):
        body["EnterpriseId"] = ENTERPRISE_A
    if case.operation.path.endswith("/delete") and _uuids(body.get("VoucherCodeIds")):
        body["VoucherCodeIds"] = [_known_code()] * len(body["VoucherCodeIds"])
    limitation = body.get("Limitation")
    if isinstance(limitation, dict) and _is_uuid(limitation.get("Cursor")):
        limitation["Cursor"] = None
    for entry in _entries(body):
        if _is_uuid(entry.get("VoucherId")):
            entry["VoucherId"] = VOUCHER_A
    _map_voucher_writes(case, body)
    return case


def _objects(body: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """The objects of an array field, whatever a negative case put there."""
    entries = body.get(field)
    return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []


def _entries(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects of `VoucherCodeParameters`, whatever a negative case put there."""
    return _objects(body, "VoucherCodeParameters")


@schemathesis.hook
def filter_case(ctx: Any, case: Any) -> bool:
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE or not isinstance(case.body, dict):
        return True
    windows = [case.body.get("UpdatedUtc"), case.body.get("LinkedUtc")]  # at most 3 months each
    validities = [
        {"StartUtc": entry.get("ValidityStartUtc"), "EndUtc": entry.get("ValidityEndUtc")}
        for entry in _entries(case.body)
    ]
    stays = [
        {"StartUtc": entry.get("OccupiableIntervalStartUtc"), "EndUtc": entry.get("OccupiableIntervalEndUtc")}
        for entry in _objects(case.body, "VoucherParameters")
    ]
    return (
        all(_documented_interval(window, months=3) for window in windows)
        and all(_documented_interval(interval, months=None) for interval in [*validities, *stays])
        and all(_has_its_company(entry) for entry in _objects(case.body, "VoucherParameters"))
        and not any(_company_type(entry.get("Type")) for entry in _objects(case.body, "VoucherUpdates"))  # its
        # vouchers stay Public, so that clearing a company is always allowed
        and not any(_reverses_a_stay(entry) for entry in _objects(case.body, "VoucherUpdates"))
        and not any(_sets_half_a_stay(entry) for entry in _objects(case.body, "VoucherUpdates"))
    )


def _company_type(value: object) -> bool:
    """Whether a type (or a type's update wrapper) is one that needs a company, which a schema cannot require."""
    kind = value.get("Value") if isinstance(value, dict) else value
    return kind in ("PartnerCompany", "TravelAgency")


def _has_its_company(entry: dict[str, Any]) -> bool:
    """Mews' rule the schema cannot state: a PartnerCompany or TravelAgency voucher names its company."""
    return not _company_type(entry.get("Type")) or _is_uuid(entry.get("CompanyId"))


def _sets_half_a_stay(entry: dict[str, Any]) -> bool:
    """An update that sets one end of the stay only: whether it is valid depends on the other end the voucher has."""
    given = [
        isinstance(entry.get(name), dict) and entry[name].get("Value") is not None
        for name in ("OccupiableIntervalStartUtc", "OccupiableIntervalEndUtc")
    ]
    return given[0] != given[1]


def _reverses_a_stay(entry: dict[str, Any]) -> bool:
    """An update that sets a stay ending before it starts (one without the other depends on the voucher)."""
    start, end = (entry.get(name) for name in ("OccupiableIntervalStartUtc", "OccupiableIntervalEndUtc"))
    values = [wrapper.get("Value") if isinstance(wrapper, dict) else None for wrapper in (start, end)]
    return not _documented_interval({"StartUtc": values[0], "EndUtc": values[1]}, months=None)


def _documented_interval(interval: object, *, months: int | None) -> bool:
    if not isinstance(interval, dict):
        return True
    start, end = _instant(interval.get("StartUtc")), _instant(interval.get("EndUtc"))
    if start is None or end is None:
        return True
    if start > end:
        return False
    return months is None or end <= start + dt.timedelta(days=28 * months)  # safely inside 3 calendar months


def _instant(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
