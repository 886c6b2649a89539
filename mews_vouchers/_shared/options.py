"""Options more than one subcommand takes, declared once: datetimes, how to read a file, vouchers by name, filters.

The shared connection options (`--sandbox`, `--timezone`, `--json`...) are `settings.shared_options`; these are the
ones a command adds for its own work.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import click

from mews_vouchers._files.datetimes import DATE_ORDERS, EXAMPLE, DateReading, parse_utc
from mews_vouchers._files.table_file import SourceFormat, delimiter_named
from mews_vouchers._shared.code_query import Query
from mews_vouchers._shared.settings import Settings

_F = TypeVar("_F", bound=Callable[..., Any])


class IsoDatetime(click.ParamType[str]):
    """An ISO 8601 datetime option, checked here and read later: without an offset, in `--timezone` (else UTC)."""

    name = "DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """The text, once it is known to be a datetime; a usage error that shows the expected form."""
        try:
            parse_utc(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)
        return str(value)


def moment_option(reading: DateReading, text: str | None, option: str) -> dt.datetime | None:
    """The instant an `IsoDatetime` option's `text` means in `reading`'s timezone (None when not given).

    A usage error names `option` when the instant cannot be known (a local time the clocks skip, or one twice).
    """
    if text is None:
        return None
    try:
        return reading.moment(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


def _stacked(options: list[Callable[[_F], _F]]) -> Callable[[_F], _F]:
    def decorate(function: _F) -> _F:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


source_options = _stacked(
    [
        click.option(
            "--encoding",
            metavar="NAME",
            help="The file's encoding when it is not UTF-8 or UTF-16 with a BOM (cp1252: Excel's CSV on Windows).",
        ),
        click.option(
            "--delimiter",
            metavar="CHAR",
            help="',', ';' or 'tab' (default: found from the header line).",
        ),
        click.option(
            "--sheet",
            metavar="NAME",
            help="The sheet of a workbook (default: the active sheet when it is visible, else the first visible one).",
        ),
    ]
)
"""--encoding, --delimiter, --sheet: how to read a file."""

DATE_FORMAT = click.option(
    "--date-format",
    type=click.Choice(DATE_ORDERS, case_sensitive=False),
    help="The order of typed dates such as 31/08/2026 (DMY) or 08/31/2026 (MDY); ISO dates need none.",
)
"""--date-format: the order of typed dates."""


def source_format(encoding: str | None, delimiter: str | None, sheet: str | None) -> SourceFormat:
    """The `SourceFormat` that --encoding, --delimiter and --sheet say (a usage error for a delimiter it lacks)."""
    if delimiter is not None:
        try:
            delimiter = delimiter_named(delimiter)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--delimiter") from None
    return SourceFormat(encoding=encoding, delimiter=delimiter, sheet=sheet)


VOUCHER_BY_NAME = click.option(
    "--voucher",
    "voucher_names",
    metavar="NAME",
    multiple=True,
    help="A voucher by its name, as `mews-vouchers vouchers` shows it (repeat; beside ids).",
)
"""--voucher NAME (repeated), beside voucher ids: list and export."""


def one_voucher(voucher_id: uuid.UUID | None, voucher_name: str | None) -> uuid.UUID | str:
    """The voucher by id, or its name to resolve; a usage error unless exactly one is given."""
    if (voucher_id is None) == (voucher_name is None):
        raise click.UsageError("name the voucher: --voucher NAME or --voucher-id UUID (one of them)")
    return voucher_id if voucher_id is not None else voucher_name  # type: ignore[return-value]


def needs_yes(yes: bool, dry_run: bool, doing: str) -> None:
    """A usage error when a change would need a question and there is no terminal to ask it on."""
    if not (yes or dry_run or sys.stdin.isatty()):
        raise click.UsageError(f"{doing} needs --yes when there is no terminal to ask for confirmation")


def confirmer(yes: bool) -> Callable[[str], bool]:
    """Ask on the terminal (default no), or say yes at once with --yes."""

    def confirm(question: str) -> bool:
        return yes or click.confirm(question, default=False, err=True)

    return confirm


read_filters = _stacked(
    [
        click.option(
            "--code-id", "code_ids", metavar="UUID", multiple=True, type=click.UUID, help="Only this code (repeat)."
        ),
        click.option(
            "--enterprise-id",
            "enterprise_ids",
            metavar="UUID",
            multiple=True,
            type=click.UUID,
            help="Only this enterprise (repeat; portfolio tokens).",
        ),
        click.option(
            "--enterprise",
            "enterprise_names",
            metavar="NAME|ID",
            multiple=True,
            help="The same, by the property's name as `enterprises` shows it (repeat).",
        ),
        click.option(
            "--updated-since",
            type=IsoDatetime(),
            help=f"Only codes updated at or after this instant ({EXAMPLE}; without an offset, in --timezone).",
        ),
        click.option(
            "--updated-until",
            type=IsoDatetime(),
            help="Only codes updated before this instant (needs --updated-since).",
        ),
        click.option("--active-only", is_flag=True, help="Leave out deleted codes."),
    ]
)
"""The filters of list and export."""


def query_of(settings: Settings, **filters: Any) -> Query:
    """The `Query` that the read filters (and the vouchers named) say, datetimes read in --timezone."""
    zone = settings.zone
    reading = DateReading(zone)
    since = moment_option(reading, filters.pop("updated_since"), "--updated-since")
    until = moment_option(reading, filters.pop("updated_until"), "--updated-until")
    if until is not None and since is None:
        raise click.UsageError("--updated-until needs --updated-since")
    named = tuple(filters.pop("enterprise_names", ()) or ())
    given = filters.pop("enterprise_ids")
    enterprises = given or ((settings.enterprise_id,) if settings.enterprise_id and not named else ())
    return Query(
        voucher_ids=filters["voucher_ids"],
        voucher_names=tuple(filters.get("voucher_names") or ()),
        every_voucher=bool(filters.get("every_voucher")),
        code_ids=filters["code_ids"],
        enterprise_ids=tuple(uuid.UUID(str(enterprise)) for enterprise in enterprises),
        enterprise_names=named,
        updated_since=since,
        updated_until=until,
        active_only=filters["active_only"],
        zone=zone,
    )
