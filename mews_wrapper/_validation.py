"""Checks on what the caller passes, done before anything is sent; each failure is a `MewsValidationError`."""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar
from urllib.parse import urlsplit

import attrs

from mews_wrapper._constants import MAX_ITEMS
from mews_wrapper._exceptions import MewsValidationError

TimeWindow = tuple[dt.datetime, dt.datetime]
_T = TypeVar("_T")


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


def as_list(values: object, name: str, what: str) -> list[object]:
    """The items of a collection (a list, tuple, set, generator...), refusing None, text and single values."""
    if values is None:
        raise MewsValidationError(f"{name} must be a collection of {what}, got None")
    if isinstance(values, (str, bytes, bytearray, uuid.UUID)) or not isinstance(values, Iterable):
        raise MewsValidationError(f"{name} must be a collection of {what}, not a single {type(values).__name__}")
    if isinstance(values, Mapping):
        raise MewsValidationError(f"{name} must be a collection of {what}, not a mapping")
    return list(values)


def to_uuid_list(values: object, name: str, *, required: bool = False) -> list[uuid.UUID] | None:
    """Ids as UUIDs, in order and without repeats; None stays None unless the list is required."""
    if values is None:
        if required:
            raise MewsValidationError(f"{name} is required")
        return None
    items = as_list(values, name, "ids")
    ids = list(dict.fromkeys(to_uuid(value, f"{name}[{index}]") for index, value in enumerate(items)))
    if not ids:
        raise MewsValidationError(f"{name} must not be empty")
    return ids


def to_text_list(values: object, name: str, max_length: int) -> list[str] | None:
    """Strings of 1 to `max_length` characters, in order and without repeats; None stays None."""
    if values is None:
        return None
    items = as_list(values, name, "strings")
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise MewsValidationError(f"{name}[{index}] must be a string, got {type(item).__name__}")
        if not 1 <= len(item) <= max_length:
            raise MewsValidationError(f"{name}[{index}] must be 1 to {max_length} characters long, got {len(item)}")
    texts = list(dict.fromkeys(str(item) for item in items))
    if not texts:
        raise MewsValidationError(f"{name} must not be empty")
    return texts


def check_choice(value: object, name: str, choices: Sequence[str]) -> str | None:
    """One of `choices`, or None."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        raise MewsValidationError(f"{name} must be one of {', '.join(map(repr, choices))} or None, got {value!r}")
    return value


def check_flag(value: object, name: str, *, optional: bool = False) -> bool | None:
    """True or False (or None, when `optional`)."""
    if value is None and optional:
        return None
    if not isinstance(value, bool):
        allowed = "True, False or None" if optional else "True or False"
        raise MewsValidationError(f"{name} must be {allowed}, got {value!r}")
    return value


def aware_utc(value: object, name: str) -> dt.datetime:
    """A timezone-aware datetime, converted to UTC; a naive one is refused rather than guessed."""
    if not isinstance(value, dt.datetime):
        raise MewsValidationError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise MewsValidationError(f"{name} must be timezone-aware (for example datetime(..., tzinfo=UTC))")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise MewsValidationError(f"{name} {value.isoformat()} is outside the years 1 to 9999 in UTC") from None


def floor_second(value: dt.datetime) -> dt.datetime:
    """The whole second at or before `value` (Mews' datetimes have no fractions)."""
    return value.replace(microsecond=0)


def ceil_second(value: dt.datetime, name: str) -> dt.datetime:
    """The whole second at or after `value`; refused when that leaves the year 9999."""
    if not value.microsecond:
        return value
    try:
        return value.replace(microsecond=0) + dt.timedelta(seconds=1)
    except OverflowError:
        raise MewsValidationError(f"{name} {value.isoformat()} rounds up past the year 9999") from None


def validity_start(value: object, name: str) -> dt.datetime | None:
    """A validity start in UTC, rounded down to a whole second (an interval widens outward); None stays None."""
    return None if value is None else floor_second(aware_utc(value, name))


def validity_end(value: object, name: str) -> dt.datetime | None:
    """A validity end in UTC, rounded up to a whole second (an interval widens outward); None stays None."""
    return None if value is None else ceil_second(aware_utc(value, name), name)


def check_page_size(page_size: object) -> int:
    """A page size from 1 to 1000."""
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 1 <= page_size <= MAX_ITEMS:
        raise MewsValidationError(f"page_size must be an integer from 1 to {MAX_ITEMS}, got {page_size!r}")
    return page_size


def check_window(window: object) -> TimeWindow | None:
    """A `(start, end)` pair of aware datetimes with start <= end, in UTC, widened outward to whole seconds.

    Mews' datetimes have no fractions: the start rounds down and the end up, so nothing the caller asked for is
    left out, and the seams of a split window stay exact. Any length.
    """
    if window is None:
        return None
    if not isinstance(window, tuple) or len(window) != 2:
        raise MewsValidationError("updated_utc must be a (start, end) pair of datetimes")
    start, end = aware_utc(window[0], "updated_utc start"), aware_utc(window[1], "updated_utc end")
    if start > end:
        raise MewsValidationError("updated_utc start must not be after its end")
    return floor_second(start), ceil_second(end, "updated_utc end")


def check_platform_url(url: object) -> str:
    """An https:// address, or http:// to a loopback host (a local sandbox): scheme, host and port only."""
    if not isinstance(url, str):
        raise MewsValidationError(f"platform_url must be a string, got {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        hostname, _port = parts.hostname, parts.port
    except ValueError as error:
        raise MewsValidationError(f"platform_url {url!r} is not a valid address: {error}") from None
    if parts.scheme not in ("https", "http") or not hostname:
        raise MewsValidationError(f"platform_url must be an http(s) address such as https://api.mews.com, got {url!r}")
    if parts.username is not None or parts.password is not None:
        raise MewsValidationError(
            "platform_url must not hold credentials (user:password@): the Connector API takes its tokens in the body"
        )
    if parts.scheme == "http" and not _is_loopback(hostname):
        raise MewsValidationError("platform_url must use https:// (plain http:// is allowed only to a loopback host)")
    if parts.query or parts.fragment:
        raise MewsValidationError("platform_url must not carry a query or a fragment")
    if parts.path.strip("/"):
        raise MewsValidationError(
            f"platform_url is the platform address only (such as {parts.scheme}://{parts.netloc}), "
            f"without a path: got {parts.path!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_text(value: object, name: str) -> str:
    """A non-blank string without control characters or lone surrogates (a token, the client's name); never shown."""
    if not isinstance(value, str):
        raise MewsValidationError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise MewsValidationError(f"{name} must not be empty or blank")
    if value != value.strip():
        raise MewsValidationError(f"{name} must not start or end with white space")
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise MewsValidationError(f"{name} must not hold control characters (a newline, a tab, ...) or lone surrogates")
    return value


def check_credential(argument: object, env_value: str | None, name: str, env: str) -> str:
    """A token from the argument or, when the argument is None, from the environment variable `env`."""
    if argument is not None:
        return check_text(argument, name)
    if env_value is None:
        raise MewsValidationError(f"{name} is missing: pass {name}=... or set {env}")
    return check_text(env_value, env)


def check_timeout(timeout: object) -> float | None:
    """A finite, positive number of seconds (or None); `nan`, `inf` and zero are refused."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise MewsValidationError(f"timeout must be a number of seconds or an httpx.Timeout, got {timeout!r}")
    if not math.isfinite(timeout) or timeout <= 0:
        raise MewsValidationError(f"timeout must be a finite number of seconds above 0, got {timeout!r}")
    return float(timeout)


def from_mapping(cls: type[_T], item: object, kind: str, required: Sequence[str]) -> _T:
    """An attrs value class from itself or from a mapping with its keys (`required` among them), checked."""
    if isinstance(item, cls):
        return item
    if not isinstance(item, Mapping):
        raise MewsValidationError(f"expected a {cls.__name__} or a mapping, got {type(item).__name__}")
    unknown = set(item) - {field.name for field in attrs.fields(cls)}  # type: ignore[arg-type]
    if unknown:
        raise MewsValidationError(f"unknown keys for a {kind}: {', '.join(sorted(map(str, unknown)))}")
    if any(key not in item for key in required):
        raise MewsValidationError(f"a {kind} needs {' and '.join(repr(key) for key in required)}")
    return cls(**item)
