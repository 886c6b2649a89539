"""Answers, read by the generated parsers (`_build_response`), turned into public values or the right `MewsError`.

A body the generated parser cannot read (an HTML page from a proxy, a success without the documented shape) still
gives the right error, with the status, the Mews request id and a short excerpt. Any token that a server echoes
back is redacted before it can reach a message.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx
from mews_connector_client import Client as GeneratedClient
from mews_connector_client.models import ConnectorApiExceptionResult
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
from mews_wrapper._retry import parse_retry_after

if TYPE_CHECKING:
    from mews_wrapper._endpoint import Endpoint

_ItemT = TypeVar("_ItemT")

_EXCERPT_LENGTH = 200

# What each httpx failure means, in words (the httpx class and its text follow in brackets).
_TRANSPORT_MEANINGS: tuple[tuple[type[httpx.RequestError], str], ...] = (
    (httpx.ConnectTimeout, "timed out while connecting"),
    (httpx.ReadTimeout, "timed out waiting for the answer"),
    (httpx.WriteTimeout, "timed out while sending the request"),
    (httpx.PoolTimeout, "timed out waiting for a free connection in the pool"),
    (httpx.TimeoutException, "timed out"),
    (httpx.ConnectError, "could not connect"),
    (httpx.ReadError, "the connection broke while reading the answer"),
    (httpx.WriteError, "the connection broke while sending the request"),
    (httpx.RemoteProtocolError, "the server closed the connection or broke the HTTP protocol"),
    (httpx.LocalProtocolError, "the request could not be sent over HTTP"),
    (httpx.ProxyError, "the proxy refused or failed the request"),
    (httpx.UnsupportedProtocol, "the address uses a protocol httpx does not support"),
    (httpx.DecodingError, "the answer arrived but could not be decoded (a corrupt or mislabelled body)"),
    (httpx.TooManyRedirects, "too many redirects"),
)


def generated_client(config: ClientConfig) -> GeneratedClient:
    """The generated client whose parsers read the answers (its own httpx client is never opened)."""
    return GeneratedClient(base_url=config.platform_url, raise_on_unexpected_status=False)


@attrs.frozen
class Answer(Generic[_ItemT]):
    """What a successful exchange gave: the items (none for a 204 or an empty object), the cursor, the request id."""

    items: tuple[_ItemT, ...]
    cursor: uuid.UUID | None
    request_id: str | None
    no_content: bool


def transport_error(endpoint: Endpoint[Any], error: httpx.RequestError, config: ClientConfig) -> MewsError:
    """A `MewsConnectionError` (or `MewsTimeoutError`) that says in words what failed, and at which address.

    Its `__cause__` is a copy of httpx's exception without the request body (the original holds the tokens).
    """
    kind = MewsTimeoutError if isinstance(error, httpx.TimeoutException) else MewsConnectionError
    meaning = next((text for cls, text in _TRANSPORT_MEANINGS if isinstance(error, cls)), "the request failed")
    detail = config.scrubber.text(str(error)).strip()
    cause = f"httpx.{type(error).__name__}: {detail}" if detail else f"httpx.{type(error).__name__}"
    translated = kind(f"{endpoint.name}: {meaning} ({config.platform_url}; {cause})")
    translated.__cause__ = config.scrubber.transport_error(error)
    return translated


def request_id_of(response: httpx.Response, config: ClientConfig) -> str | None:
    """The `Request-Id` header, scrubbed (a proxy may echo anything)."""
    return config.scrubber.optional(response.headers.get("Request-Id"))


def read_answer(
    endpoint: Endpoint[_ItemT], response: httpx.Response, parser: GeneratedClient, config: ClientConfig
) -> Answer[_ItemT]:
    """The answer of a successful exchange, or the `MewsError` that the response means (raised).

    A 200 is read by the endpoint's fast reader when it has one and takes the body, else by the reference.
    """
    request_id = request_id_of(response, config)
    if response.status_code >= 300:
        raise api_error(response, config)
    if response.status_code == 204:
        if endpoint.no_content_error is not None:
            raise MewsResponseError(
                f"{endpoint.name}: {endpoint.no_content_error}", request_id=request_id, status_code=204
            )
        return Answer((), None, request_id, no_content=True)
    if response.status_code != 200:
        raise _shape_error(endpoint, response, config, f"unexpected success status {response.status_code}")
    fast = endpoint.reader.fast
    if fast is not None and (read := fast(response.content)) is not None:
        return Answer(read[0], read[1], request_id, no_content=False)
    return reference_answer(endpoint, response, parser, config)


def reference_answer(
    endpoint: Endpoint[_ItemT], response: httpx.Response, parser: GeneratedClient, config: ClientConfig
) -> Answer[_ItemT]:
    """A 200's answer read by the generated parser, the reference reader: whatever the fast reading did not take.

    The reasons of its errors may quote the body: they go through the scrubber, and the errors are raised outside
    the handlers, so that the parser's own exception (a JSONDecodeError keeps the whole body) is not their context.
    """
    request_id = request_id_of(response, config)
    reader = endpoint.reader
    parsed, failure = _parse(endpoint, response, parser)
    if failure is not None:
        raise _shape_error(endpoint, response, config, failure)
    if not isinstance(parsed, reader.result_type):
        raise _shape_error(endpoint, response, config, f"expected {reader.expected}")
    items, failure = _public_items(reader.items, parsed)
    if failure is not None:
        raise _shape_error(endpoint, response, config, failure)
    cursor = getattr(parsed, "cursor", None)
    if isinstance(cursor, Unset):
        cursor = None
    if cursor is not None and not isinstance(cursor, uuid.UUID):
        raise _shape_error(endpoint, response, config, f"Cursor {cursor!r} is not a UUID")
    return Answer(items, cursor, request_id, no_content=False)


def _parse(endpoint: Endpoint[Any], response: httpx.Response, parser: GeneratedClient) -> tuple[Any, str | None]:
    """The generated parser's model of the body, or why there is none."""
    try:
        return endpoint.module._build_response(client=parser, response=response).parsed, None
    except (ValueError, KeyError, TypeError, AttributeError) as error:  # JSONDecodeError is a ValueError
        return None, _parse_failure(error)


def _public_items(items: Callable[[Any], tuple[_ItemT, ...]], parsed: Any) -> tuple[tuple[_ItemT, ...], str | None]:
    """The public items of a parsed body, or why they cannot be made."""
    try:
        return items(parsed), None
    except (TypeError, ValueError) as error:
        return (), str(error)
    except (AttributeError, KeyError, IndexError) as error:  # a shape the conversion did not foresee: still a refusal
        return (), f"{type(error).__name__}: {error}"


def _parse_failure(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"the field {error.args[0]!r} is missing" if error.args else "a field is missing"
    if isinstance(error, json.JSONDecodeError):
        return f"the body is not JSON: {error.msg} at line {error.lineno} column {error.colno}"
    return f"{type(error).__name__}: {error}"


def _shape_error(
    endpoint: Endpoint[Any], response: httpx.Response, config: ClientConfig, reason: str
) -> MewsResponseError:
    return MewsResponseError(
        f"{endpoint.name}: the response is not the documented shape ({config.scrubber.text(reason)})",
        request_id=request_id_of(response, config),
        status_code=response.status_code,
    )


def api_error(response: httpx.Response, config: ClientConfig) -> MewsAPIError:
    """The `MewsAPIError` subclass for an error status, from a Mews error body or whatever else came back.

    Every string it keeps is scrubbed, and `response` is a copy without the request body that carried the tokens.
    """
    status = response.status_code
    message, request_id, details = _error_fields(response)
    scrubber = config.scrubber
    request_id = scrubber.optional(request_id) or request_id_of(response, config)
    message = scrubber.text(message)
    details = scrubber.json(details)
    response = scrubber.response(response)
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


def _error_fields(response: httpx.Response) -> tuple[str, str | None, Any]:
    """Message, RequestId and Details from a `ConnectorApiExceptionResult` body, else a description of the body."""
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
            message = parsed.message if isinstance(parsed.message, str) and parsed.message.strip() else None
            request_id = parsed.request_id if isinstance(parsed.request_id, str) else None
            details = None if isinstance(parsed.details, Unset) else parsed.details
            return message or _reason(response), request_id, details
    return _describe_foreign_body(response), None, None


def _reason(response: httpx.Response) -> str:
    return response.reason_phrase or "error"


def _describe_foreign_body(response: httpx.Response) -> str:
    """The reason phrase, and what came instead of a Mews error (an HTML page from a proxy, say), in words.

    A page whose text only repeats the status line (`502 Bad Gateway`) is not quoted again.
    """
    reason = _reason(response)
    if not response.content:
        return f"{reason} (an empty body instead of a Mews error)"
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip() or "untyped"
    text = re.sub(r"<(head|script|style)\b.*?</\1>", " ", response.text, flags=re.S | re.I)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    status_line = f"{response.status_code} {reason}".lower()
    while text.lower().startswith(status_line):
        text = text[len(status_line) :].strip()
    if not text:
        return f"{reason} (a {media_type} page instead of a Mews error, probably from a proxy)"
    excerpt = text if len(text) <= _EXCERPT_LENGTH else text[: _EXCERPT_LENGTH - 1] + "…"
    return f"{reason} (a {media_type} body instead of a Mews error: {excerpt!r})"
