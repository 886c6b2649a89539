"""The Starlette application: the three voucher-code operations, with faults, rate limits and Mews-shaped errors."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from mews_sandbox import _rules as rules
from mews_sandbox._clock import EPOCH, Clock, IdSource, format_micros, parse_utc
from mews_sandbox._config import AccessGrant, SandboxConfig
from mews_sandbox._faults import AFTER_ACTING
from mews_sandbox._ratelimit import SlidingWindowLimiter
from mews_sandbox._store import CodeQuery, NewCode, Store, StoredCode

PREFIX = "/api/connector/v1/voucherCodes/"
FAULT_MESSAGES = {
    "400": "Bad request (injected).",
    "401": "Invalid ClientToken or AccessToken (injected).",
    "403": "A business rule was violated (injected).",
    "404": "Not found (injected).",
    "408": "Request timed out (injected).",
    "409": "The data changed meanwhile (injected).",
    "413": "Request body too large (injected).",
    "429": "Too many requests (injected).",
    "500": "Internal server error (injected).",
    "503": "Service unavailable (injected).",
    "504": "Gateway timeout (injected).",
}
PROXY_502_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


class SandboxState:
    """Everything a running sandbox holds: configuration, store, clock, ids, limiter."""

    def __init__(self, config: SandboxConfig) -> None:
        """Open the store and seed it as configured."""
        self.config = config
        self.faults = config.faults
        self.store = Store(config.db_path)
        step = dt.timedelta(seconds=config.clock_step_seconds)
        kept = self.store.count()
        # A seeded sandbox restarted on a kept database goes on from where it was: a fresh id sequence (the old one
        # would repeat ids already stored) and a clock that starts after the last update it holds.
        self.ids = IdSource(None if config.seed is None else config.seed + kept)
        fixed = None
        if config.seed is not None:
            fixed = parse_utc(config.clock_start)
            if kept:
                fixed = max(fixed, EPOCH + dt.timedelta(microseconds=self.store.last_update()) + step)
        self.clock = Clock(fixed_start=fixed, step=step)
        self.limiter = SlidingWindowLimiter(config.rate_limit, config.rate_window_seconds)
        if config.seed_codes and self.store.count() == 0:
            self._seed_codes(config.seed_codes)

    def _seed_codes(self, count: int) -> None:
        voucher, enterprise = next(iter(self.config.vouchers.items()))
        for start in range(0, count, 1000):
            batch = [
                NewCode(self.ids.new(), voucher, enterprise, f"SEED-{number:07d}", None, None, self.clock.now_micros())
                for number in range(start, min(count, start + 1000))
            ]
            self.store.insert(batch)


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


def get_all(state: SandboxState, body: Mapping[str, Any], grant: AccessGrant) -> dict[str, Any] | None:
    """voucherCodes/getAll: one page, newest first; the Cursor is the oldest id returned, null on an empty page."""
    rules.only_fields(
        body, (*rules.COMMON_FIELDS, "Limitation", "EnterpriseIds", "VoucherCodeIds", "VoucherIds", "UpdatedUtc")
    )
    count, cursor = rules.limitation(body)
    voucher_ids = rules.id_list(body, "VoucherIds", required=True) or []
    code_ids = rules.id_list(body, "VoucherCodeIds", required=False)
    enterprises = rules.enterprises_in_scope(body, grant)
    interval = rules.updated_interval(body)
    rules.known_vouchers(voucher_ids, "VoucherIds", state.config.vouchers, grant.enterprise_ids)
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


def add(state: SandboxState, body: Mapping[str, Any], grant: AccessGrant) -> dict[str, Any]:
    """voucherCodes/add: all or none, in input order; a value may not repeat among a voucher's active codes."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherCodeParameters"))
    enterprise = rules.target_enterprise(body, grant)
    codes = rules.codes_to_add(body)
    for index, code in enumerate(codes):
        rules.known_vouchers(
            [code.voucher_id], f"VoucherCodeParameters[{index}].VoucherId", state.config.vouchers, [enterprise]
        )
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


def delete(state: SandboxState, body: Mapping[str, Any], grant: AccessGrant) -> None:
    """voucherCodes/delete: marks codes deleted (they stay visible to getAll); unknown ids refuse the whole call."""
    rules.only_fields(body, (*rules.COMMON_FIELDS, "EnterpriseId", "VoucherCodeIds"))
    enterprise = rules.target_enterprise(body, grant)
    ids = rules.id_list(body, "VoucherCodeIds", required=True) or []
    found = {code.id for code in state.store.by_ids(ids) if code.enterprise_id == enterprise}
    unknown = [code_id for code_id in ids if code_id not in found]
    if unknown:
        raise rules.bad("VoucherCodeIds", f"unknown voucher code identifiers: {', '.join(unknown)}.")
    state.store.deactivate(ids, state.clock.now_micros())


OPERATIONS: dict[str, Callable[[SandboxState, Mapping[str, Any], AccessGrant], dict[str, Any] | None]] = {
    "getAll": get_all,
    "add": add,
    "delete": delete,
}


def json_response(status: int, payload: Any, request_id: str, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response with the Request-Id header every Mews response carries."""
    return Response(
        json.dumps(payload, separators=(",", ":")).encode(),
        status_code=status,
        media_type="application/json",
        headers={"Request-Id": request_id, **(headers or {})},
    )


def error_response(error: rules.ApiError, request_id: str) -> Response:
    """A ConnectorApiExceptionResult body."""
    body = {"Message": error.message, "RequestId": request_id, "Details": error.details}
    return json_response(error.status, body, request_id, error.headers)


class DroppedConnection(Response):
    """Starts a response and closes the connection half-way, as a crashed proxy would."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send headers promising a body that never arrives."""
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"VoucherCodes":[', "more_body": True})
        raise ConnectionAbortedError("sandbox fault: connection dropped")


def injected_fault(fault: str, request_id: str, retry_after: str) -> Response | None:
    """The response for a fault, or None to go on normally."""
    if fault == "ok":
        return None
    if fault == "drop":
        return DroppedConnection()
    if fault == "502":
        return Response(PROXY_502_PAGE, status_code=502, media_type="text/html")
    headers = {"Retry-After": retry_after} if fault == "429" else None
    return error_response(rules.ApiError(int(fault), FAULT_MESSAGES[fault], None, headers), request_id)


async def handle(request: Request) -> Response:
    """Every voucher-code operation: the injected fault, if any, then the operation itself."""
    state: SandboxState = request.app.state.sandbox
    operation = request.url.path.rsplit("/", 1)[-1]
    request_id = state.ids.new()
    if state.faults.latency_seconds:
        await asyncio.sleep(state.faults.latency_seconds)
    fault = state.faults.next_fault()
    fault_response = None if fault in AFTER_ACTING else injected_fault(fault, request_id, state.faults.retry_after)
    if fault_response is not None:
        return fault_response
    response = await _operate(request, state, operation, request_id)
    if state.faults.latency_after_seconds:  # acted, then slow to answer: a client may time out on a done write
        await asyncio.sleep(state.faults.latency_after_seconds)
    if fault == "corrupt":
        return corrupted(response)
    if fault == "drop-after":
        return DroppedConnection()
    if fault in AFTER_ACTING:  # "<status>-after": acted, then failed
        return injected_fault(fault.removesuffix("-after"), request_id, state.faults.retry_after) or response
    return response


def corrupted(response: Response) -> Response:
    """The same status (200 for a 204, which has no body) with a body that says it is gzip and is not."""
    headers = {"Request-Id": response.headers.get("Request-Id", ""), "Content-Encoding": "gzip"}
    status = 200 if response.status_code == 204 else response.status_code
    return Response(b"\x1f\x8b this is not gzip", status_code=status, headers=headers, media_type="application/json")


async def _operate(request: Request, state: SandboxState, operation: str, request_id: str) -> Response:
    """JSON, rate limit, authentication, the operation's rules, and Prefer."""
    try:
        raw = await _limited_body(request)
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise rules.ApiError(400, "The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise rules.ApiError(400, "The request body must be a JSON object.")
        access = body.get("AccessToken")
        wait = state.limiter.retry_after(access if isinstance(access, str) else "")
        if wait is not None:
            raise rules.ApiError(429, "Too many requests: wait before sending more.", None, {"Retry-After": str(wait)})
        client_token, access_token = rules.credentials(body)
        rules.language(body)
        grant = state.config.grant_for(access_token)
        if client_token not in state.config.client_tokens or grant is None:
            raise rules.ApiError(401, "Invalid ClientToken or AccessToken.")
        result = OPERATIONS[operation](state, body, grant)
    except rules.ApiError as error:
        return error_response(error, request_id)
    except Exception:  # a bug in the sandbox still answers in Mews' shape, never a bare page
        return error_response(rules.ApiError(500, "Internal error in the sandbox."), request_id)
    if result is None:  # an empty page, or a delete
        if request.headers.get("prefer", "").strip().lower() == "return=minimal":
            return Response(status_code=204, headers={"Request-Id": request_id})
        result = {} if operation == "delete" else {"VoucherCodes": [], "Cursor": None}
    return json_response(200, result, request_id)


async def _limited_body(request: Request) -> bytes:
    """The request body, or 413 when it is larger than `MAX_BODY_BYTES` (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > rules.MAX_BODY_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > rules.MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> rules.ApiError:
    return rules.ApiError(413, f"The request body is larger than {rules.MAX_BODY_BYTES} bytes: send smaller batches.")


async def http_error(request: Request, exc: Exception) -> Response:
    """404 for a wrong path, 405 for a wrong method (with `Allow`, as HTTP requires), in Mews' error shape."""
    state: SandboxState = request.app.state.sandbox
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = {
        404: "Not found: check the path (case-sensitive, no trailing slash).",
        405: "Method not allowed: every operation is a POST.",
    }.get(status, "Error.")
    headers = {"Allow": "POST"} if status == 405 else None
    return error_response(rules.ApiError(status, message, None, headers), state.ids.new())


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """The ASGI application of a sandbox with this configuration."""
    app = Starlette(
        routes=[Route(PREFIX + operation, handle, methods=["POST"]) for operation in OPERATIONS],
        exception_handlers={HTTPException: http_error},
    )
    app.router.redirect_slashes = False  # Mews answers a trailing slash with 404, not a redirect
    app.state.sandbox = SandboxState(config or SandboxConfig())
    return app
