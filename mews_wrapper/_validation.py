"""Checks on what the caller passes, done before anything is sent; each failure is a `MewsValidationError`."""

from __future__ import annotations

import datetime as dt
import ipaddress
import uuid
from collections.abc import Iterable
from urllib.parse import urlsplit

from mews_wrapper._constants import MAX_ITEMS, MAX_VALUE_LENGTH
from mews_wrapper._exceptions import MewsValidationError

IdLike = str | uuid.UUID
TimeWindow = tuple[dt.datetime, dt.datetime]


def to_uuid(value: object, name: str) -> uuid.UUID:
    """A UUID from a `uuid.UUID` or its text."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    raise MewsValidationError(f"{name}: {value!r} is not a UUID")


def to_uuid_list(values: Iterable[IdLike] | None, name: str, *, required: bool = False) -> list[uuid.UUID] | None:
    """Ids as UUIDs, in order and without repeats; None stays None unless the list is required."""
    if values is None:
        if required:
            raise MewsValidationError(f"{name} is required")
        return None
    if isinstance(values, (str, bytes, uuid.UUID)):
        raise MewsValidationError(f"{name} must be a collection of ids, not a single {type(values).__name__}")
    ids = list(dict.fromkeys(to_uuid(value, f"{name}[{index}]") for index, value in enumerate(values)))
    if not ids:
        raise MewsValidationError(f"{name} must not be empty")
    return ids


def aware_utc(value: object, name: str) -> dt.datetime:
    """A timezone-aware datetime, converted to UTC; a naive one is refused rather than guessed."""
    if not isinstance(value, dt.datetime):
        raise MewsValidationError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise MewsValidationError(f"{name} must be timezone-aware (for example datetime(..., tzinfo=UTC))")
    return value.astimezone(dt.UTC)


def aware_utc_or_none(value: object, name: str) -> dt.datetime | None:
    """`aware_utc`, letting None through."""
    return None if value is None else aware_utc(value, name)


def check_value(value: object) -> str:
    """A voucher code value of 1 to 128 characters."""
    if not isinstance(value, str):
        raise MewsValidationError(f"value must be a string, got {type(value).__name__}")
    if not 1 <= len(value) <= MAX_VALUE_LENGTH:
        raise MewsValidationError(f"value must be 1 to {MAX_VALUE_LENGTH} characters long, got {len(value)}")
    return value


def check_page_size(page_size: object) -> int:
    """A page size from 1 to 1000."""
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 1 <= page_size <= MAX_ITEMS:
        raise MewsValidationError(f"page_size must be an integer from 1 to {MAX_ITEMS}, got {page_size!r}")
    return page_size


def check_window(window: object) -> TimeWindow | None:
    """A `(start, end)` pair of aware datetimes with start <= end, in UTC; any length."""
    if window is None:
        return None
    if not isinstance(window, tuple) or len(window) != 2:
        raise MewsValidationError("updated_utc must be a (start, end) pair of datetimes")
    start, end = aware_utc(window[0], "updated_utc start"), aware_utc(window[1], "updated_utc end")
    if start > end:
        raise MewsValidationError("updated_utc start must not be after its end")
    return start, end


def check_platform_url(url: str) -> str:
    """An https:// address, or http:// to a loopback host (a local sandbox); without a trailing slash."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise MewsValidationError(f"platform_url must be an http(s) address, got {url!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise MewsValidationError("platform_url must use https:// (plain http:// is allowed only to a loopback host)")
    if parts.query or parts.fragment:
        raise MewsValidationError("platform_url must not carry a query or a fragment")
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_credential(value: str | None, name: str, env: str) -> str:
    """A non-empty credential, from the argument or the environment."""
    if not value:
        raise MewsValidationError(f"{name} is missing: pass {name}=... or set {env}")
    return value
