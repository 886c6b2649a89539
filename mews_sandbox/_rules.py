"""The documented rules of the three operations, checked on the raw JSON body.

Written for the sandbox alone (it shares nothing with the client), from the documentation (the seed pages, kept in
tests/spec/data, and the facts they refer to).
"""

from __future__ import annotations

import datetime as dt
import difflib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mews_sandbox._clock import parse_utc, to_micros
from mews_sandbox._config import AccessGrant

MAX_ITEMS = 1000
MAX_VALUE_LENGTH = 128
MAX_INTERVAL_MONTHS = 3
MAX_BODY_BYTES = 1_048_576
"""The largest request body taken (413 beyond): a full add of 1000 codes with 128-character values is under 0.7 MB."""


class ApiError(Exception):
    """A Mews-shaped error: an HTTP status, a message and (as on development environments) details."""

    def __init__(
        self, status: int, message: str, details: Any = None, headers: Mapping[str, str] | None = None
    ) -> None:
        """Keep what the response needs."""
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.headers = dict(headers or {})


def bad(field: str, message: str) -> ApiError:
    """A 400 that names the offending field."""
    return ApiError(400, f"Invalid {field}: {message}", {"Field": field})


@dataclass(frozen=True)
class Interval:
    """A half-open UpdatedUtc filter, in microseconds; None is an open end (the documentation: nullable)."""

    start: int | None
    end: int | None


#: The fields every operation takes besides its own: the credentials and, as the guidelines allow, the language.
COMMON_FIELDS = ("ClientToken", "AccessToken", "Client", "LanguageCode", "CultureCode")


def only_fields(value: Mapping[str, Any], allowed: Sequence[str], where: str = "") -> None:
    """A 400 naming the first field that the object does not list, as Mews' closed schemas do.

    Mews' published document gives every request object `additionalProperties: false`: a misspelled filter
    (`VoucherCodeId`) is refused rather than ignored, which would return every code.
    """
    for name in value:
        if name not in allowed:
            close = difflib.get_close_matches(str(name), allowed, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise bad(f"{where}{name}", f"not a field of this object{hint}; it takes {', '.join(allowed)}.")


def language(body: Mapping[str, Any]) -> None:
    """LanguageCode and CultureCode: optional strings (they take effect only together)."""
    for field in ("LanguageCode", "CultureCode"):
        value = body.get(field)
        if value is not None and not isinstance(value, str):
            raise bad(field, "expected a string or null.")


def credentials(body: Mapping[str, Any]) -> tuple[str, str]:
    """ClientToken and AccessToken, or 401 when one is missing; Client must be a non-empty string (400)."""
    client_token, access_token = body.get("ClientToken"), body.get("AccessToken")
    if not isinstance(client_token, str) or not client_token or not isinstance(access_token, str) or not access_token:
        raise ApiError(401, "Missing ClientToken or AccessToken.")
    client = body.get("Client")
    if not isinstance(client, str) or not client:
        raise bad("Client", "the name and version of the client application is required.")
    return client_token, access_token


def uuid_text(value: Any, field: str) -> str:
    """A UUID in its canonical lower-case form."""
    if not isinstance(value, str):
        raise bad(field, "expected a UUID string.")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise bad(field, f"{value!r} is not a UUID.") from None


def id_list(body: Mapping[str, Any], field: str, *, required: bool) -> list[str] | None:
    """An array of 1 to 1000 UUIDs; None when it is optional and absent or null."""
    value = body.get(field)
    if value is None:
        if required:
            raise bad(field, "is required.")
        return None
    if not isinstance(value, list):
        raise bad(field, "expected an array.")
    if not 1 <= len(value) <= MAX_ITEMS:
        raise bad(field, f"expected 1 to {MAX_ITEMS} items, got {len(value)}.")
    return [uuid_text(item, f"{field}[{index}]") for index, item in enumerate(value)]


def optional_datetime(value: Any, field: str) -> int | None:
    """An ISO 8601 datetime (UTC when it has no offset) in microseconds, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(field, "expected an ISO 8601 datetime string.")
    try:
        return to_micros(parse_utc(value))
    except (ValueError, OverflowError):  # not a datetime, or outside the years 1 to 9999 once in UTC
        raise bad(field, f"{value!r} is not an ISO 8601 datetime between the years 1 and 9999.") from None


def limitation(body: Mapping[str, Any]) -> tuple[int, str | None]:
    """Count (1 to 1000) and the optional Cursor."""
    value = body.get("Limitation")
    if not isinstance(value, dict):
        raise bad("Limitation", "is required.")
    only_fields(value, ("Count", "Cursor"), "Limitation.")
    count = value.get("Count")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_ITEMS:
        raise bad("Limitation.Count", f"expected an integer from 1 to {MAX_ITEMS}.")
    cursor = value.get("Cursor")
    return count, None if cursor is None else uuid_text(cursor, "Limitation.Cursor")


def updated_interval(body: Mapping[str, Any], field: str = "UpdatedUtc") -> Interval | None:
    """The UpdatedUtc filter (or `field`, as LinkedUtc): start <= end, at most 3 calendar months; a null end is open.

    The documentation marks both ends nullable and limits the interval to 3 months: the limit is checked where there
    are two ends to measure, and a missing end leaves that side unbounded.
    """
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad(field, "expected an object with StartUtc and EndUtc.")
    only_fields(value, ("StartUtc", "EndUtc"), f"{field}.")
    start = optional_datetime(value.get("StartUtc"), f"{field}.StartUtc")
    end = optional_datetime(value.get("EndUtc"), f"{field}.EndUtc")
    if start is not None and end is not None:
        if start > end:
            raise bad(field, "StartUtc must not be after EndUtc.")
        limit = months_later(parse_utc(value["StartUtc"]), MAX_INTERVAL_MONTHS)
        if limit is not None and end > to_micros(limit):
            raise bad(field, f"the interval must not be longer than {MAX_INTERVAL_MONTHS} months.")
    return Interval(start, end)


def months_later(value: dt.datetime, months: int) -> dt.datetime | None:
    """`add_months`, or None past the year 9999 (later than any datetime)."""
    try:
        return add_months(value, months)
    except (ValueError, OverflowError):
        return None


def add_months(value: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months later, clamped to the month's last day."""
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    next_month = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=value.tzinfo)
    last_day = (next_month - dt.timedelta(days=1)).day
    return value.replace(year=year, month=month, day=min(value.day, last_day))


def enterprises_in_scope(body: Mapping[str, Any], grant: AccessGrant) -> list[str]:
    """getAll: the enterprises to read. A portfolio token may name some (within its scope) or leave them out.

    The documented limits (1 to 1000 UUIDs) hold for every token; a single-enterprise token then ignores the list.
    """
    named = id_list(body, "EnterpriseIds", required=False)
    if not grant.portfolio or named is None:
        return list(grant.enterprise_ids)
    outside = [enterprise for enterprise in named if enterprise not in grant.enterprise_ids]
    if outside:
        raise ApiError(403, f"Enterprises outside the scope of the access token: {', '.join(outside)}.")
    return named


def target_enterprise(body: Mapping[str, Any], grant: AccessGrant) -> str:
    """add/delete: EnterpriseId is required with a portfolio token (and in scope), ignored otherwise.

    Ignored, but still a UUID when given: the schema's format holds for every token.
    """
    named = None if body.get("EnterpriseId") is None else uuid_text(body["EnterpriseId"], "EnterpriseId")
    if not grant.portfolio:
        return grant.enterprise_ids[0]
    if named is None:
        raise bad("EnterpriseId", "is required with a Portfolio Access Token.")
    enterprise = named
    if enterprise not in grant.enterprise_ids:
        raise ApiError(403, f"Enterprise {enterprise} is outside the scope of the access token.")
    return enterprise


def known_services(body: Mapping[str, Any], services: Mapping[str, Any], enterprises: Sequence[str]) -> list[str]:
    """The required `ServiceIds`, each a service of one of `enterprises` (400 naming the others)."""
    service_ids = id_list(body, "ServiceIds", required=True) or []
    unknown = [
        service_id
        for service_id in service_ids
        if service_id not in services or services[service_id].enterprise_id not in enterprises
    ]
    if unknown:
        raise bad("ServiceIds", f"unknown services (or outside the token's enterprises): {', '.join(unknown)}.")
    return service_ids


def known_vouchers(ids: Sequence[str], field: str, vouchers: Mapping[str, str], enterprises: Sequence[str]) -> None:
    """Every voucher id exists and belongs to one of the enterprises (otherwise an invalid identifier, 400)."""
    unknown = [voucher for voucher in ids if vouchers.get(voucher) not in enterprises]
    if unknown:
        raise bad(field, f"unknown voucher identifiers: {', '.join(unknown)}.")


@dataclass(frozen=True)
class CodeToAdd:
    """One validated entry of VoucherCodeParameters."""

    voucher_id: str
    value: str
    validity_start: int | None
    validity_end: int | None


def object_list(body: Mapping[str, Any], field: str) -> list[Mapping[str, Any]]:
    """A required array of 1 to 1000 objects (the items of an add or an update)."""
    entries = body.get(field)
    if not isinstance(entries, list):
        raise bad(field, "is required.")
    if not 1 <= len(entries) <= MAX_ITEMS:
        raise bad(field, f"expected 1 to {MAX_ITEMS} items, got {len(entries)}.")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise bad(f"{field}[{index}]", "expected an object.")
    return entries


def codes_to_add(body: Mapping[str, Any]) -> list[CodeToAdd]:
    """VoucherCodeParameters: 1 to 1000 entries, each with a VoucherId and a Value of 1 to 128 characters."""
    codes = []
    for index, entry in enumerate(object_list(body, "VoucherCodeParameters")):
        field = f"VoucherCodeParameters[{index}]"
        only_fields(entry, ("VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc"), f"{field}.")
        voucher = uuid_text(entry.get("VoucherId"), f"{field}.VoucherId")
        value = entry.get("Value")
        if not isinstance(value, str) or not 1 <= len(value) <= MAX_VALUE_LENGTH:
            raise bad(f"{field}.Value", f"expected a string of 1 to {MAX_VALUE_LENGTH} characters.")
        start = optional_datetime(entry.get("ValidityStartUtc"), f"{field}.ValidityStartUtc")
        end = optional_datetime(entry.get("ValidityEndUtc"), f"{field}.ValidityEndUtc")
        if start is not None and end is not None and start > end:
            raise bad(field, "ValidityStartUtc must not be after ValidityEndUtc.")
        codes.append(CodeToAdd(voucher, value, start, end))
    return codes


Body = Mapping[str, Any]
"""A request body: a JSON object."""


def in_interval(micros: int, interval: Interval | None) -> bool:
    """Whether an instant is inside an UpdatedUtc filter (half-open; start == end matches that instant)."""
    if interval is None:
        return True
    if interval.start is not None and micros < interval.start:
        return False
    if interval.end is None:
        return True
    return micros <= interval.end if interval.end == interval.start else micros < interval.end


def text_list(body: Mapping[str, Any], field: str, *, least: int = 1) -> list[str] | None:
    """An optional array of `least` (1, or 0 where Mews sets no minimum) to 1000 strings.

    The documentation bounds the array, not its strings.
    """
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, list):
        raise bad(field, "expected an array.")
    if not least <= len(value) <= MAX_ITEMS:
        raise bad(field, f"expected {least} to {MAX_ITEMS} items, got {len(value)}.")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise bad(f"{field}[{index}]", "expected a string.")
    return list(value)


def choice(body: Mapping[str, Any], field: str, allowed: Sequence[str]) -> str | None:
    """An optional value of an enumeration."""
    value = body.get(field)
    if value is None:
        return None
    if value not in allowed:
        raise bad(field, f"expected one of {', '.join(allowed)}, got {value!r}.")
    return str(value)
