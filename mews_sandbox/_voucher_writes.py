"""vouchers/add, vouchers/update and vouchers/delete, with Mews' rules: all or none, answers in the order sent.

- add: 1 to 1000 closed `VoucherParameters`; a service of the target enterprise; a name of 1 to 128 characters; a
  type; a company for `PartnerCompany` and `TravelAgency`; at most 10 distinct rates, each a rate of the voucher's
  service; a stay interval that does not end before it starts; an external identifier of at most 255 characters.
- update: 1 to 1000 `VoucherUpdates`, one per voucher; each field in a closed `{"Value": ...}` wrapper (a wrapper
  left out or null leaves the field; a null `Value` clears a field that may be empty; `AssignedRateIds` replaces
  the set); a deleted voucher cannot be changed.
- delete: 1 to 1000 `VoucherIds`; a deleted voucher stays readable, inactive; its codes are left as they are.
Unknown ids (or another enterprise's) are a 400 naming them, as for voucher codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._config import AccessGrant
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState
from mews_sandbox._voucher_table import StoredVoucher
from mews_sandbox._vouchers import voucher_json

TYPES = ("Public", "PartnerCompany", "TravelAgency")
COMPANY_TYPES = ("PartnerCompany", "TravelAgency")
MAX_RATES = 10
MAX_NAME_LENGTH = 128
MAX_EXTERNAL_IDENTIFIER_LENGTH = 255
ADD_FIELDS = (
    "ServiceId",
    "Name",
    "Type",
    "CompanyId",
    "AssignedRateIds",
    "OccupiableIntervalStartUtc",
    "OccupiableIntervalEndUtc",
    "ExternalIdentifier",
)
UPDATE_FIELDS = ("VoucherId", *(field for field in ADD_FIELDS if field != "ServiceId"))
"""What an update may change: every field of an add but the service."""


def _name(value: Any, field: str) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_NAME_LENGTH:
        raise rules.bad(field, f"expected a string of 1 to {MAX_NAME_LENGTH} characters.")
    return value


def _type(value: Any, field: str) -> str:
    if value not in TYPES:
        raise rules.bad(field, f"expected one of {', '.join(TYPES)}, got {value!r}.")
    return str(value)


def _external(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_EXTERNAL_IDENTIFIER_LENGTH:
        raise rules.bad(field, f"expected a string of at most {MAX_EXTERNAL_IDENTIFIER_LENGTH} characters or null.")
    return value


def _company(value: Any, field: str) -> str | None:
    return None if value is None else rules.uuid_text(value, field)


def _rates(state: SandboxState, value: Any, field: str, service_id: str) -> tuple[str, ...]:
    """At most 10 distinct rate ids, each a rate of the voucher's service; null is none."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise rules.bad(field, "expected an array of rate identifiers or null.")
    if len(value) > MAX_RATES:
        raise rules.bad(field, f"a voucher may be assigned at most {MAX_RATES} rates, got {len(value)}.")
    ids = [rules.uuid_text(item, f"{field}[{index}]") for index, item in enumerate(value)]
    if len(set(ids)) != len(ids):
        raise rules.bad(field, "the rate identifiers must be unique.")
    rates = state.config.rates
    unknown = [rate for rate in ids if rate not in rates or rates[rate].service_id != service_id]
    if unknown:
        raise rules.bad(field, f"unknown rates (or of another service): {', '.join(unknown)}.")
    return tuple(ids)


def _check_whole(voucher: StoredVoucher, field: str) -> None:
    """What holds between fields: a company for the company types, a stay that does not end before it starts."""
    if voucher.type in COMPANY_TYPES and voucher.company_id is None:
        raise rules.bad(f"{field}CompanyId", f"a {voucher.type} voucher needs a company.")
    if voucher.stay_start is not None and voucher.stay_end is not None and voucher.stay_start > voucher.stay_end:
        raise rules.bad(field.rstrip("."), "OccupiableIntervalStartUtc must not be after OccupiableIntervalEndUtc.")


def add(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any]:
    """vouchers/add: all or none, the vouchers answered in the order sent."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherParameters"))
    enterprise = rules.target_enterprise(body, grant)
    entries = rules.object_list(body, "VoucherParameters")
    now = state.clock.now_micros()
    made = []
    for index, entry in enumerate(entries):
        where = f"VoucherParameters[{index}]."
        rules.only_fields(entry, ADD_FIELDS, where)
        service_id = rules.uuid_text(entry.get("ServiceId"), where + "ServiceId")
        service = state.config.services.get(service_id)
        if service is None or service.enterprise_id != enterprise:
            raise rules.bad(where + "ServiceId", f"unknown service (or of another enterprise): {service_id}.")
        voucher = StoredVoucher(
            id=state.ids.new(),
            enterprise_id=enterprise,
            service_id=service_id,
            name=_name(entry.get("Name"), where + "Name"),
            type=_type(entry.get("Type"), where + "Type"),
            company_id=_company(entry.get("CompanyId"), where + "CompanyId"),
            stay_start=rules.optional_datetime(
                entry.get("OccupiableIntervalStartUtc"), where + "OccupiableIntervalStartUtc"
            ),
            stay_end=rules.optional_datetime(entry.get("OccupiableIntervalEndUtc"), where + "OccupiableIntervalEndUtc"),
            external_identifier=_external(entry.get("ExternalIdentifier"), where + "ExternalIdentifier"),
            rate_ids=_rates(state, entry.get("AssignedRateIds"), where + "AssignedRateIds", service_id),
            created=now,
            updated=now,
        )
        _check_whole(voucher, where)
        made.append(voucher)
    stored = state.store.vouchers.insert(made)
    return {"Vouchers": [voucher_json(voucher) for voucher in stored]}


def _wrapper(entry: Mapping[str, Any], name: str, where: str) -> tuple[bool, Any]:
    """(given, value) of an update wrapper: not given when left out or null; else its `Value` (null clears)."""
    wrapper = entry.get(name)
    if wrapper is None:
        return False, None
    if not isinstance(wrapper, dict):
        raise rules.bad(where + name, 'expected an object such as {"Value": ...} or null.')
    rules.only_fields(wrapper, ("Value",), f"{where}{name}.")
    return True, wrapper.get("Value")


def _changed(state: SandboxState, voucher: StoredVoucher, entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The fields one update changes, checked."""
    changes: dict[str, Any] = {}
    given, value = _wrapper(entry, "Name", where)
    if given:
        changes["name"] = _name(value, where + "Name.Value")
    given, value = _wrapper(entry, "Type", where)
    if given:
        changes["type"] = _type(value, where + "Type.Value")
    given, value = _wrapper(entry, "CompanyId", where)
    if given:
        changes["company_id"] = _company(value, where + "CompanyId.Value")
    for name, field in (("OccupiableIntervalStartUtc", "stay_start"), ("OccupiableIntervalEndUtc", "stay_end")):
        given, value = _wrapper(entry, name, where)
        if given:
            changes[field] = rules.optional_datetime(value, f"{where}{name}.Value")
    given, value = _wrapper(entry, "ExternalIdentifier", where)
    if given:
        changes["external_identifier"] = _external(value, where + "ExternalIdentifier.Value")
    given, value = _wrapper(entry, "AssignedRateIds", where)
    if given:
        changes["rate_ids"] = _rates(state, value, where + "AssignedRateIds.Value", voucher.service_id)
    return changes


def _known(state: SandboxState, ids: Sequence[str], field: str, enterprise: str) -> dict[str, StoredVoucher]:
    found = {voucher.id: voucher for voucher in state.store.vouchers.by_ids(ids) if voucher.enterprise_id == enterprise}
    unknown = [voucher_id for voucher_id in ids if voucher_id not in found]
    if unknown:
        raise rules.bad(field, f"unknown voucher identifiers: {', '.join(unknown)}.")
    return found


def update(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any]:
    """vouchers/update: all or none, the vouchers as they are now answered in the order sent."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherUpdates"))
    enterprise = rules.target_enterprise(body, grant)
    entries = rules.object_list(body, "VoucherUpdates")
    ids = []
    for index, entry in enumerate(entries):
        where = f"VoucherUpdates[{index}]."
        rules.only_fields(entry, UPDATE_FIELDS, where)
        voucher_id = rules.uuid_text(entry.get("VoucherId"), where + "VoucherId")
        if voucher_id in ids:
            raise rules.bad(where + "VoucherId", f"voucher {voucher_id} is updated twice in one request.")
        ids.append(voucher_id)
    found = _known(state, ids, "VoucherUpdates", enterprise)
    now = state.clock.now_micros()
    changed = []
    for index, (voucher_id, entry) in enumerate(zip(ids, entries, strict=True)):
        where = f"VoucherUpdates[{index}]."
        voucher = found[voucher_id]
        if not voucher.is_active:
            raise rules.bad(where + "VoucherId", f"voucher {voucher_id} is deleted and cannot be changed.")
        after = voucher.changed(now, **_changed(state, voucher, entry, where))
        _check_whole(after, where)
        changed.append(after)
    state.store.vouchers.save(changed)
    return {"Vouchers": [voucher_json(voucher) for voucher in changed]}


def delete(state: SandboxState, body: rules.Body, grant: AccessGrant) -> None:
    """vouchers/delete: marks vouchers deleted (getAll still returns them); unknown ids refuse the whole call."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherIds"))
    enterprise = rules.target_enterprise(body, grant)
    ids = rules.id_list(body, "VoucherIds", required=True) or []
    found = _known(state, ids, "VoucherIds", enterprise)
    now = state.clock.now_micros()
    state.store.vouchers.save(
        [
            found[voucher_id].changed(now, is_active=False)
            for voucher_id in dict.fromkeys(ids)
            if found[voucher_id].is_active
        ]
    )


ROUTES = (
    Route("vouchers/add", add, None),
    Route("vouchers/update", update, None),
    Route("vouchers/delete", delete, {}),
)
