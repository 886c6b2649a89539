"""Datetimes as the command line reads and writes them: as people type them, in the hotel's timezone, sent in UTC.

Read: ISO 8601 (`2026-08-31`, `2026-06-01 10:00`, `2026-06-01T10:00:00Z`, `...+02:00`), the forms spreadsheets
show (`31/08/2026`, `31.08.2026 10:00`, `8/31/2026 10:00 PM`, once `--date-format` says which order; a two-digit
year, as spreadsheets show datetimes, is of this century), and a spreadsheet's own date cells. A value with an
offset is that instant; one without is read in `--timezone` (UTC when none is given). A date without a time is
that day's start, for a start and for an end alike: Mews' own example stores the validity day 2023-10-10 in Prague
as `ValidityStartUtc` = `ValidityEndUtc` = `2023-10-09T22:00:00Z`.

A local time that does not exist (the hour skipped when clocks go forward) or happens twice (when they go back) is
refused: the user must say which instant was meant, with an offset.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

EXAMPLE = "2026-06-01T00:00:00Z"
DATE_ORDERS = ("DMY", "MDY", "YMD")

# 31/08/2026, 31.08.2026, 8-31-2026, 2026/08/31; then an optional time: 10:00, 10:00:30, 10:00 PM.
_TYPED = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<half>[AaPp][Mm])?)?"
)


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The IANA timezone `name` (`Europe/Prague`); `ValueError` saying what such a name looks like."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not an IANA timezone name (for example Europe/Prague, America/New_York, UTC)"
        ) from None


@dataclass(frozen=True)
class DateReading:
    """How the datetimes of a file or an option are read: the timezone of values without an offset, the date order.

    `zone` None is UTC; `order` None accepts ISO dates (year first) only, and refuses `31/08/2026` as ambiguous.
    """

    zone: zoneinfo.ZoneInfo | None = None
    order: str | None = None

    @property
    def zone_name(self) -> str:
        """`Europe/Prague`, or `UTC`."""
        return "UTC" if self.zone is None else self.zone.key

    def moment(self, value: str | dt.datetime | dt.date) -> dt.datetime:
        """The aware UTC instant `value` means: text as typed, or a spreadsheet's date or datetime cell.

        Raises `ValueError` with a message that shows the accepted forms, or says why the instant cannot be known.
        """
        if isinstance(value, dt.datetime):
            return self._instant(value, repr(value.isoformat(sep=" ")))
        if isinstance(value, dt.date):
            return self._instant(dt.datetime.combine(value, dt.time()), repr(value.isoformat()))
        text = value.strip()
        return self._instant(self._parsed(text), repr(text))

    def is_local(self, value: str | dt.datetime | dt.date) -> bool:
        """Whether `value` has no offset of its own, so that the timezone decides its instant."""
        if isinstance(value, dt.datetime):
            return value.tzinfo is None
        if isinstance(value, dt.date):
            return True
        try:
            return self._parsed(value.strip()).tzinfo is None
        except ValueError:
            return False

    def _parsed(self, text: str) -> dt.datetime:
        typed = _TYPED.fullmatch(text)
        if typed is None:
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    f"{text!r} is not an ISO 8601 datetime (for example {EXAMPLE} or 2026-06-01 10:00; "
                    "with --date-format, 31/08/2026)"
                ) from None
        parts = (typed["a"], typed["b"], typed["c"])
        order = "YMD" if len(parts[0]) == 4 else self.order
        if order is None:
            raise ValueError(
                f"{text!r} is ambiguous (day first or month first?): pass --date-format DMY or MDY "
                "(or write dates as 2026-08-31)"
            )
        if (len(parts[0]) == 4) != (order == "YMD") or (order != "YMD" and len(parts[2]) not in (2, 4)):
            raise ValueError(f"{text!r} is not a date in the order {order} (--date-format)")
        fields = dict(zip(order, (int(part) for part in parts), strict=True))
        if order != "YMD" and len(parts[2]) == 2:  # 30.06.26 18:30, as a spreadsheet shows a datetime
            fields["Y"] += 2000
        hour = int(typed["hour"] or 0)
        if typed["half"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"{text!r}: the hour of a time with AM or PM is 1 to 12")
            hour = hour % 12 + (12 if typed["half"].upper() == "PM" else 0)
        try:
            return dt.datetime(
                fields["Y"], fields["M"], fields["D"], hour, int(typed["minute"] or 0), int(typed["second"] or 0)
            )
        except ValueError as error:
            raise ValueError(f"{text!r} is not a real date or time in the order {order} ({error})") from None

    def _instant(self, value: dt.datetime, shown: str) -> dt.datetime:
        if value.tzinfo is None:
            value = self._localised(value, shown)
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:  # .NET's minimum date with a positive offset, its maximum with a negative one
            raise ValueError(f"{shown} is outside the years 1 to 9999 in UTC") from None

    def _localised(self, naive: dt.datetime, shown: str) -> dt.datetime:
        if self.zone is None:
            return naive.replace(tzinfo=dt.UTC)
        earlier, later = naive.replace(tzinfo=self.zone, fold=0), naive.replace(tzinfo=self.zone, fold=1)
        if earlier.utcoffset() == later.utcoffset():
            return earlier
        before, after = (_offset(moment) for moment in (earlier, later))
        written = naive.isoformat(timespec="minutes")
        back = earlier.astimezone(dt.UTC).astimezone(self.zone).replace(tzinfo=None) == naive
        if not back:
            raise ValueError(
                f"{shown} does not exist in {self.zone.key}: the clocks skip that hour (from UTC{before} to "
                f"UTC{after}); write the instant meant with an offset, for example {written}{before} "
                f"(= {_utc_text(earlier)})"
            )
        raise ValueError(
            f"{shown} happens twice in {self.zone.key}: the clocks go back (from UTC{before} to UTC{after}); write the "
            f"one meant with its offset: {written}{before} (the first, = {_utc_text(earlier)}) or {written}{after} "
            f"(the second, = {_utc_text(later)})"
        )


def _offset(moment: dt.datetime) -> str:
    """`+02:00`: the UTC offset of an aware datetime."""
    offset = moment.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="minutes") + "Z"


ISO_UTC = DateReading()
"""Values without an offset in UTC, dates in ISO order only: the reading when no option says otherwise."""


def parse_utc(text: str) -> dt.datetime:
    """An aware UTC datetime from ISO 8601 text; text without a zone is read as UTC (`ValueError` when not one)."""
    return ISO_UTC.moment(text)


def format_moment(value: dt.datetime | None, zone: zoneinfo.ZoneInfo | None = None) -> str:
    """`2026-06-01T08:00:00Z` in UTC, `2026-06-01T10:00:00+02:00` in `zone` (fractions kept); empty for None."""
    if value is None:
        return ""
    if zone is not None:
        return value.astimezone(zone).isoformat()
    return value.astimezone(dt.UTC).isoformat().removesuffix("+00:00") + "Z"


def format_utc(value: dt.datetime | None) -> str:
    """`2026-06-01T08:00:00Z` (fractions kept), or the empty string for None."""
    return format_moment(value)


def format_short(value: dt.datetime | None, zone: zoneinfo.ZoneInfo | None = None) -> str:
    """For a table: `2026-06-01 08:00:00` in UTC or `zone`, whole seconds, no zone (the header says it); `-`."""
    if value is None:
        return "-"
    return value.astimezone(zone or dt.UTC).replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
