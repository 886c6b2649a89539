"""Datetimes as the command line reads and writes them: ISO 8601, UTC, `Z` for the zone."""

from __future__ import annotations

import datetime as dt

EXAMPLE = "2026-06-01T00:00:00Z"


def parse_utc(text: str) -> dt.datetime:
    """An aware UTC datetime from ISO 8601 text (`2026-06-01`, `2026-06-01T08:00:00Z`, `...+02:00`).

    Text without a zone is read as UTC (the columns and options it comes from are named `...Utc`). Raises
    `ValueError` with a message that shows the expected form, or says that the instant falls outside the years 1
    to 9999 once in UTC (`0001-01-01T00:00:00+01:00`, `9999-12-31T23:59:59-01:00`).
    """
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 datetime (for example {EXAMPLE})") from None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # .NET's minimum date with a positive offset, its maximum with a negative one
        raise ValueError(f"{text!r} is outside the years 1 to 9999 in UTC") from None


def format_utc(value: dt.datetime | None) -> str:
    """`2026-06-01T08:00:00Z` (fractions kept), or the empty string for None."""
    if value is None:
        return ""
    text = value.astimezone(dt.UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
