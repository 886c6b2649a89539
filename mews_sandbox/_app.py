"""The Starlette application: every operation's route, with faults, rate limits and Mews-shaped errors.

Each resource module (`_voucher_codes`, `_services`, `_vouchers`, `_rates`, `_enterprises`) declares its routes by
full path; what every operation shares (JSON, the rate limit, the tokens, faults, `Prefer`) is here.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route as StarletteRoute
from starlette.types import Receive, Scope, Send

from mews_sandbox import _enterprises, _rates, _services, _voucher_codes, _voucher_writes, _vouchers
from mews_sandbox import _rules as rules
from mews_sandbox._config import SandboxConfig
from mews_sandbox._faults import AFTER_ACTING
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState, Served

ROUTES: tuple[Route, ...] = (
    *_voucher_codes.ROUTES,
    *_services.ROUTES,
    *_vouchers.ROUTES,
    *_voucher_writes.ROUTES,
    *_rates.ROUTES,
    *_enterprises.ROUTES,
)
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


def endpoint(route: Route) -> Callable[[Request], Awaitable[Response]]:
    """The Starlette endpoint of a route."""

    async def serve(request: Request) -> Response:
        return await handle(request, route)

    return serve


async def handle(request: Request, route: Route) -> Response:
    """Every operation, noted in `served`: the injected fault, if any, then the operation itself."""
    state: SandboxState = request.app.state.sandbox
    response = await _faulted_or_served(request, route, state)
    windowed = bool(getattr(request.state, "windowed", False))
    state.served.append(Served(route.name, response.status_code, windowed, response.headers.get("Request-Id")))
    return response


async def _faulted_or_served(request: Request, route: Route, state: SandboxState) -> Response:
    request_id = state.ids.new()
    if state.faults.latency_seconds:
        await asyncio.sleep(state.faults.latency_seconds)
    fault = state.faults.next_fault()
    fault_response = None if fault in AFTER_ACTING else injected_fault(fault, request_id, state.faults.retry_after)
    if fault_response is not None:
        return fault_response
    response = await _operate(request, state, route, request_id)
    if state.faults.latency_after_seconds:  # acted, then slow to answer: a client may time out on a done write
        await asyncio.sleep(state.faults.latency_after_seconds)
    if fault == "corrupt":
        return corrupted(response)
    if fault == "misshapen":
        return Response(b"[]", status_code=200, headers={"Request-Id": request_id}, media_type="application/json")
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


async def _operate(request: Request, state: SandboxState, route: Route, request_id: str) -> Response:
    """JSON, rate limit, authentication, the operation's rules, and Prefer."""
    try:
        raw = await _limited_body(request)
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise rules.ApiError(400, "The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise rules.ApiError(400, "The request body must be a JSON object.")
        request.state.windowed = body.get("UpdatedUtc") is not None
        access = body.get("AccessToken")
        wait = state.limiter.retry_after(access if isinstance(access, str) else "")
        if wait is not None:
            raise rules.ApiError(429, "Too many requests: wait before sending more.", None, {"Retry-After": str(wait)})
        client_token, access_token = rules.credentials(body)
        rules.language(body)
        grant = state.config.grant_for(access_token)
        if client_token not in state.config.client_tokens or grant is None:
            raise rules.ApiError(401, "Invalid ClientToken or AccessToken.")
        result = route.handler(state, body, grant)
    except rules.ApiError as error:
        return error_response(error, request_id)
    except Exception:  # a bug in the sandbox still answers in Mews' shape, never a bare page
        return error_response(rules.ApiError(500, "Internal error in the sandbox."), request_id)
    if result is None:  # an empty page, or a delete
        if request.headers.get("prefer", "").strip().lower() == "return=minimal":
            return Response(status_code=204, headers={"Request-Id": request_id})
        result = route.empty if route.empty is not None else {}
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
        routes=[StarletteRoute(route.path, endpoint(route), methods=["POST"]) for route in ROUTES],
        exception_handlers={HTTPException: http_error},
    )
    app.router.redirect_slashes = False  # Mews answers a trailing slash with 404, not a redirect
    app.state.sandbox = SandboxState(config or SandboxConfig())
    return app
