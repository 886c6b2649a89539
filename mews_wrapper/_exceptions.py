"""Every error mews-wrapper raises, in one tree.

```
MewsError
├── MewsValidationError (also a ValueError): bad input found before anything was sent
├── ClientClosedError (also a RuntimeError): the client was used after close()
├── CircuitOpenError: the platform failed too often in a row; this call failed fast (.platform_url .retry_at)
├── MewsConnectionError: the network failed, or the answer arrived damaged (after retries)
│   └── MewsTimeoutError
├── MewsResponseError: a success status with a body that is not the documented shape, or a repeated cursor
├── BatchError: a chunked add/delete failed part-way; .succeeded, .failed, .unknown, __cause__ the error
├── NoMatchError (also a LookupError): no voucher has the name asked for (`vouchers.find`)
├── AmbiguousMatchError (also a LookupError): several have; .matches lists them
└── MewsAPIError: .status_code .message .request_id .details .response
    ├── BadRequestError 400       ├── AuthenticationError 401   ├── ForbiddenError 403
    ├── NotFoundError 404         ├── RequestTimeoutError 408   ├── ConflictError 409
    ├── PayloadTooLargeError 413  ├── RateLimitError 429 (.retry_after seconds or None)
    ├── ServerError 5xx           └── UnexpectedStatusError (any other status)
```
Transport failures keep httpx's exception as `__cause__` (a copy that holds no request body). No message, and no
object reachable from these exceptions' attributes, holds a token. Every class survives `pickle` with its fields.

Every exception that escapes `add` or `delete` once a request may have been sent carries `batch_error`: a
`BatchError` whose `succeeded`, `failed` and `unknown` account for every input item (a `BatchError` is its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import httpx

__all__ = [
    "AmbiguousMatchError",
    "AuthenticationError",
    "BadRequestError",
    "BatchError",
    "CircuitOpenError",
    "ClientClosedError",
    "ConflictError",
    "ForbiddenError",
    "MewsAPIError",
    "MewsConnectionError",
    "MewsError",
    "MewsResponseError",
    "MewsTimeoutError",
    "MewsValidationError",
    "NoMatchError",
    "NotFoundError",
    "PayloadTooLargeError",
    "RateLimitError",
    "RequestTimeoutError",
    "ServerError",
    "UnexpectedStatusError",
]


def _restore(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    """Recreate an exception for `pickle` without calling its `__init__` (the fields come back as its state)."""
    return cls.__new__(cls, *args)


class MewsError(Exception):
    """The base of every error raised by mews-wrapper.

    `batch_error` is set on an error that escapes `add` or `delete` after a request may have been sent: the
    `BatchError` that says which items went in, which did not, and which are unknown. It is None otherwise.
    """

    batch_error: BatchError[Any, Any] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by state: keyword-only constructors and fields survive `pickle` and `multiprocessing`."""
        return (_restore, (type(self), self.args), dict(self.__dict__))


class MewsValidationError(MewsError, ValueError):
    """Bad input, found before anything was sent."""


class ClientClosedError(MewsError, RuntimeError):
    """The client (or the httpx client given to it) was closed before this call."""


class CircuitOpenError(MewsError):
    """The platform failed `failures` times in a row: this call failed fast, and nothing was sent.

    `platform_url` is the address; `retry_at` (aware UTC) when the next probe may go out.
    """

    def __init__(self, platform_url: str, retry_at: dt.datetime, failures: int) -> None:
        """Say which platform, how many failures, and when the next probe goes out."""
        self.platform_url = platform_url
        self.retry_at = retry_at
        self.failures = failures
        super().__init__(
            f"{platform_url} failed {failures} times in a row: calls to it fail fast until "
            f"{retry_at.strftime('%Y-%m-%dT%H:%M:%SZ')}, when one probe goes out (nothing was sent)"
        )


class MewsConnectionError(MewsError):
    """The network failed, or the answer arrived damaged (after any retries); the httpx exception is the `__cause__`."""


class MewsTimeoutError(MewsConnectionError):
    """The request timed out (after any retries)."""


class MewsResponseError(MewsError):
    """A success status whose body is not the documented shape, or a cursor that repeats."""

    def __init__(self, message: str, *, request_id: str | None = None, status_code: int | None = None) -> None:
        """Keep the Mews request id, when there is one, for support."""
        super().__init__(message if request_id is None else f"{message} (request id {request_id})")
        self.request_id = request_id
        self.status_code = status_code


class NoMatchError(MewsError, LookupError):
    """Nothing the token reaches has the name asked for (`vouchers.find`); the message names the closest ones."""


class AmbiguousMatchError(MewsError, LookupError):
    """Several things the token reaches have the name asked for; `matches` holds them, and the message lists them."""

    def __init__(self, message: str, matches: Sequence[Any] = ()) -> None:
        """Keep the matches, for the caller to choose by id."""
        super().__init__(message)
        self.matches = list(matches)


class MewsAPIError(MewsError):
    """Mews answered with an error status.

    `response` is a copy of what came back (status, headers, body, and the request's method and URL), with any
    echoed token redacted and without the request body that carried the tokens.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        details: Any = None,
        response: httpx.Response | None = None,
    ) -> None:
        """Keep everything Mews said; `str()` shows the status, the message and the request id."""
        self.status_code = status_code
        self.message = message
        self.request_id = request_id
        self.details = details
        self.response = response
        super().__init__(str(self))

    def __str__(self) -> str:
        """`<status> <message> (request id <id>)`."""
        text = f"{self.status_code} {self.message}".rstrip()
        return text if self.request_id is None else f"{text} (request id {self.request_id})"

    def __repr__(self) -> str:
        """The class, status, message and request id; never the request."""
        return (
            f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r}, "
            f"request_id={self.request_id!r})"
        )


class BadRequestError(MewsAPIError):
    """400: Mews found the request malformed or an identifier invalid (a bug in the caller)."""


class AuthenticationError(MewsAPIError):
    """401: invalid or expired tokens, missing permission, or a disabled enterprise or integration."""


class ForbiddenError(MewsAPIError):
    """403: a business rule or server-side validation failed; show the message to the end user."""


class NotFoundError(MewsAPIError):
    """404: the path is wrong."""


class RequestTimeoutError(MewsAPIError):
    """408: the request was too heavy for Mews; ask for smaller batches."""


class ConflictError(MewsAPIError):
    """409: the data changed meanwhile; refresh and resubmit."""


class PayloadTooLargeError(MewsAPIError):
    """413: the request body was too large; split it."""


class RateLimitError(MewsAPIError):
    """429: too many requests; `retry_after` is the wait Mews asked for, in seconds, when it said one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        """Keep the wait Mews asked for."""
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(MewsAPIError):
    """5xx: a fault on the Mews side (or a proxy in front of it)."""


class UnexpectedStatusError(MewsAPIError):
    """Any status that Mews does not document."""


_T = TypeVar("_T")
_R = TypeVar("_R")


class BatchError(MewsError, Generic[_T, _R]):
    """A chunked add or delete failed part-way.

    `succeeded` holds what certainly went in (for add, the created codes), `failed` the inputs that certainly did
    not (the refused chunk and every chunk never sent), `unknown` the inputs whose outcome cannot be known (a
    chunk cut off by a timeout, a dropped connection or a 5xx). The error that stopped the batch is `__cause__`.
    """

    def __init__(self, operation: str, *, succeeded: Sequence[_R], failed: Sequence[_T], unknown: Sequence[_T]) -> None:
        """Account for every input."""
        self.operation = operation
        self.succeeded = list(succeeded)
        self.failed = list(failed)
        self.unknown = list(unknown)
        self.batch_error = self
        super().__init__(f"{operation} failed part-way: {self.summary()}")

    def summary(self) -> str:
        """The counts, for a message or a note: `N succeeded, N failed, N unknown`."""
        return f"{len(self.succeeded)} succeeded, {len(self.failed)} failed, {len(self.unknown)} unknown"


_STATUS_CLASSES: dict[int, type[MewsAPIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}


def error_class_for(status_code: int) -> type[MewsAPIError]:
    """The exception class for an error status."""
    if status_code in _STATUS_CLASSES:
        return _STATUS_CLASSES[status_code]
    return ServerError if 500 <= status_code <= 599 else UnexpectedStatusError


for _name in __all__:  # `mews_wrapper.RateLimitError`, not `mews_wrapper._exceptions.RateLimitError`, in reprs
    globals()[_name].__module__ = "mews_wrapper"  # pickle finds them there too (mews_wrapper imports on demand)
del _name
