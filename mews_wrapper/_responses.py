"""Answers, read by the generated parsers (`_build_response`), turned into public values or the right `MewsError`.

A body the generated parser cannot read (an HTML page from a proxy, a success without the documented shape) still
gives the right error, with the status, the Mews request id and a short excerpt. Any token that a server echoes
back is redacted before it can reach a message.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import attrs
import httpx
from mews_connector_client import Client as GeneratedClient
from mews_connector_client.models import ActivityStateEnum, ConnectorApiExceptionResult, Unit, VoucherCodeResult
from mews_connector_client.models import VoucherCode as GeneratedVoucherCode
from mews_connector_client.types import Unset

from mews_wrapper._config import ClientConfig
from mews_wrapper._exceptions import (
    MewsAPIError,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
    MewsTimeoutError,
    RateLimitError,
    error_class_for,
)
from mews_wrapper._models import VoucherCode
from mews_wrapper._requests import ADD, DELETE, Operation
from mews_wrapper._retry import parse_retry_after

REDACTED = "[redacted]"
_EXCERPT_LENGTH = 200


def generated_client(config: ClientConfig) -> GeneratedClient:
    """The generated client whose parsers read the answers (its own httpx client is never opened)."""
    return GeneratedClient(base_url=config.platform_url, raise_on_unexpected_status=False)


@attrs.frozen
class Answer:
    """What a successful exchange gave: the voucher codes (empty for delete or a 204), the cursor, the request id."""

    codes: tuple[VoucherCode, ...]
    cursor: uuid.UUID | None
    request_id: str | None
    no_content: bool


def transport_error(operation: Operation, error: httpx.TransportError, config: ClientConfig) -> MewsError:
    """A `MewsConnectionError` (or `MewsTimeoutError`) for a failure of the network."""
    kind = MewsTimeoutError if isinstance(error, httpx.TimeoutException) else MewsConnectionError
    translated = kind(f"{operation.name}: {type(error).__name__}: {scrub(str(error), config)}")
    translated.__cause__ = error
    return translated


def read_answer(
    operation: Operation, response: httpx.Response, parser: GeneratedClient, config: ClientConfig
) -> Answer:
    """The answer of a successful exchange, or the `MewsError` that the response means (raised)."""
    request_id = response.headers.get("Request-Id")
    if response.status_code >= 300:
        raise api_error(response, config)
    if response.status_code == 204:
        if operation is ADD:
            raise MewsResponseError(
                f"{operation.name}: 204 without the created codes", request_id=request_id, status_code=204
            )
        return Answer((), None, request_id, no_content=True)
    if response.status_code != 200:
        raise _shape_error(operation, response, f"unexpected success status {response.status_code}")
    try:
        parsed = operation.module._build_response(client=parser, response=response).parsed
    except (ValueError, KeyError, TypeError, AttributeError) as error:  # JSONDecodeError is a ValueError
        raise _shape_error(operation, response, f"{type(error).__name__}: {error}") from error
    if operation is DELETE:
        if not isinstance(parsed, Unit):
            raise _shape_error(operation, response, "expected the empty object")
        return Answer((), None, request_id, no_content=False)
    if not isinstance(parsed, VoucherCodeResult):
        raise _shape_error(operation, response, "expected VoucherCodes")
    try:
        codes = tuple(_public_code(code) for code in parsed.voucher_codes)
    except (TypeError, ValueError) as error:
        raise _shape_error(operation, response, str(error)) from error
    cursor = parsed.cursor
    if isinstance(cursor, Unset):
        cursor = None
    if cursor is not None and not isinstance(cursor, uuid.UUID):
        raise _shape_error(operation, response, f"Cursor {cursor!r} is not a UUID")
    return Answer(codes, cursor, request_id, no_content=False)


def _shape_error(operation: Operation, response: httpx.Response, reason: str) -> MewsResponseError:
    return MewsResponseError(
        f"{operation.name}: the response is not the documented shape ({reason})",
        request_id=response.headers.get("Request-Id"),
        status_code=response.status_code,
    )


def _public_code(code: GeneratedVoucherCode) -> VoucherCode:
    """A public VoucherCode from the generated one: no Unset, aware UTC datetimes, is_active always known."""
    return VoucherCode(
        id=_uuid(code.id, "Id"),
        voucher_id=_uuid(code.voucher_id, "VoucherId"),
        value=_optional_str(code.value, "Value"),
        validity_start_utc=_utc(code.validity_start_utc, "ValidityStartUtc"),
        validity_end_utc=_utc(code.validity_end_utc, "ValidityEndUtc"),
        created_utc=_utc(code.created_utc, "CreatedUtc"),
        updated_utc=_utc(code.updated_utc, "UpdatedUtc"),
        is_active=_is_active(code),
        extra=dict(code.additional_properties),
    )


def _uuid(value: object, name: str) -> uuid.UUID:
    if not isinstance(value, uuid.UUID):
        raise TypeError(f"{name} {value!r} is not a UUID")
    return value


def _optional_str(value: object, name: str) -> str | None:
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} {value!r} is not a string")
    return value


def _utc(value: object, name: str) -> dt.datetime | None:
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} {value!r} is not an ISO 8601 datetime")
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _is_active(code: GeneratedVoucherCode) -> bool:
    if isinstance(code.is_active, bool):
        return code.is_active
    if code.activity_state == ActivityStateEnum.ACTIVE:
        return True
    if code.activity_state == ActivityStateEnum.DELETED:
        return False
    raise TypeError(f"neither IsActive nor a known ActivityState (got {code.activity_state!r})")


def api_error(response: httpx.Response, config: ClientConfig) -> MewsAPIError:
    """The `MewsAPIError` subclass for an error status, from a Mews error body or whatever else came back."""
    status = response.status_code
    message, request_id, details = _error_fields(response)
    request_id = request_id or response.headers.get("Request-Id")
    message = scrub(message or response.reason_phrase or "error", config)
    details = scrub_json(details, config)
    cls = error_class_for(status)
    if cls is RateLimitError:
        return RateLimitError(
            message,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            status_code=status,
            request_id=request_id,
            details=details,
            response=response,
        )
    return cls(message, status_code=status, request_id=request_id, details=details, response=response)


def _error_fields(response: httpx.Response) -> tuple[str | None, str | None, Any]:
    """Message, RequestId and Details from a `ConnectorApiExceptionResult` body, else an excerpt of the body."""
    try:
        payload = response.json()
    except ValueError:  # not JSON: an HTML page from a proxy, say
        payload = None
    if isinstance(payload, dict):
        try:
            parsed = ConnectorApiExceptionResult.from_dict(payload)
        except (ValueError, KeyError, TypeError):  # pragma: no cover - every key of the model is optional
            parsed = None
        if parsed is not None:
            message = parsed.message if isinstance(parsed.message, str) else None
            request_id = parsed.request_id if isinstance(parsed.request_id, str) else None
            details = None if isinstance(parsed.details, Unset) else parsed.details
            return message, request_id, details
    return _excerpt(response), None, None


def _excerpt(response: httpx.Response) -> str | None:
    """A short, single-line excerpt of a body that is not a Mews error (an HTML page from a proxy, say)."""
    text = response.text
    text = re.sub(r"<(head|script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    if not text:
        return None
    return text if len(text) <= _EXCERPT_LENGTH else text[: _EXCERPT_LENGTH - 1] + "…"


def scrub(text: str, config: ClientConfig) -> str:
    """The text with any token value replaced, in case a server or proxy echoes the request back."""
    for secret in config.secrets():
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def scrub_json(value: Any, config: ClientConfig) -> Any:
    """`scrub` applied to every string inside a JSON value."""
    if isinstance(value, str):
        return scrub(value, config)
    if isinstance(value, list):
        return [scrub_json(item, config) for item in value]
    if isinstance(value, dict):
        return {scrub(str(key), config): scrub_json(item, config) for key, item in value.items()}
    return value
