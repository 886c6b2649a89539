"""voucherCodes/getAll, add and delete: codes in the SQLite store, checked as Mews checks them."""

from __future__ import annotations

from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState
from mews_sandbox._store import CodeQuery, NewCode, StoredCode


def code_json(code: StoredCode) -> dict[str, Any]:
    """A voucher code as Mews writes it (with IsActive and the deprecated ActivityState)."""
    return {
        "Id": code.id,
        "VoucherId": code.voucher_id,
        "Value": code.value,
        "ValidityStartUtc": None if code.validity_start is None else format_micros(code.validity_start),
        "ValidityEndUtc": None if code.validity_end is None else format_micros(code.validity_end),
        "CreatedUtc": format_micros(code.created),
        "UpdatedUtc": format_micros(code.updated),
        "IsActive": code.is_active,
        "ActivityState": "Active" if code.is_active else "Deleted",
    }


def get_all(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any] | None:
    """voucherCodes/getAll: one page, newest first; the Cursor is the oldest id returned, null on an empty page."""
    rules.only_fields(
        body, (*rules.COMMON_FIELDS, "Limitation", "EnterpriseIds", "VoucherCodeIds", "VoucherIds", "UpdatedUtc")
    )
    count, cursor = rules.limitation(body)
    voucher_ids = rules.id_list(body, "VoucherIds", required=True) or []
    code_ids = rules.id_list(body, "VoucherCodeIds", required=False)
    enterprises = rules.enterprises_in_scope(body, grant)
    interval = rules.updated_interval(body)
    rules.known_vouchers(
        voucher_ids, "VoucherIds", state.store.vouchers.enterprises_of(voucher_ids), grant.enterprise_ids
    )
    before = None
    if cursor is not None and not state.faults.repeat_cursor:
        found = state.store.by_ids([cursor])
        if not found or found[0].voucher_id not in voucher_ids:
            raise rules.bad("Limitation.Cursor", f"unknown cursor {cursor}.")
        before = found[0].seq
    query = CodeQuery(
        voucher_ids=voucher_ids,
        enterprise_ids=enterprises,
        code_ids=code_ids,
        updated_from=None if interval is None else interval.start,
        updated_to=None if interval is None else interval.end,
        before_seq=before,
        limit=count,
    )
    page = state.store.query(query)
    if not page:
        return None
    return {"VoucherCodes": [code_json(code) for code in page], "Cursor": page[-1].id}


def add(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any]:
    """voucherCodes/add: all or none, in input order; a value may not repeat among a voucher's active codes."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherCodeParameters"))
    enterprise = rules.target_enterprise(body, grant)
    codes = rules.codes_to_add(body)
    owners = state.store.vouchers.enterprises_of(sorted({code.voucher_id for code in codes}))
    for index, code in enumerate(codes):
        rules.known_vouchers([code.voucher_id], f"VoucherCodeParameters[{index}].VoucherId", owners, [enterprise])
    taken = state.store.active_values((code.voucher_id, code.value) for code in codes)
    for code in codes:
        key = (code.voucher_id, code.value)
        if key in taken:
            raise rules.ApiError(403, f"Voucher {code.voucher_id} already has an active code {code.value!r}.")
        taken.add(key)  # a value repeated within the call
    now = state.clock.now_micros()
    stored = state.store.insert(
        [
            NewCode(
                state.ids.new(), code.voucher_id, enterprise, code.value, code.validity_start, code.validity_end, now
            )
            for code in codes
        ]
    )
    return {"VoucherCodes": [code_json(code) for code in stored]}


def delete(state: SandboxState, body: rules.Body, grant: AccessGrant) -> None:
    """voucherCodes/delete: marks codes deleted (they stay visible to getAll); unknown ids refuse the whole call."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherCodeIds"))
    enterprise = rules.target_enterprise(body, grant)
    ids = rules.id_list(body, "VoucherCodeIds", required=True) or []
    found = {code.id for code in state.store.by_ids(ids) if code.enterprise_id == enterprise}
    unknown = [code_id for code_id in ids if code_id not in found]
    if unknown:
        raise rules.bad("VoucherCodeIds", f"unknown voucher code identifiers: {', '.join(unknown)}.")
    state.store.deactivate(ids, state.clock.now_micros())


ROUTES = (
    Route("voucherCodes/getAll", get_all, {"VoucherCodes": [], "Cursor": None}),
    Route("voucherCodes/add", add, None),
    Route("voucherCodes/delete", delete, {}),
)
