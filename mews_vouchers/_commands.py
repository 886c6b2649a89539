"""The `mews-vouchers` command: its subcommands, their options and help, and the mapping of outcomes to exit codes.

Each subcommand only parses and checks its options here; the work is done in `_read_job`, `_import_job`,
`_delete_job`, `_generate_job` and `_sync_job`, on the public `mews_wrapper` API.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from mews_vouchers._catalog_job import VoucherNames, list_services, list_vouchers
from mews_vouchers._code_pattern import DEFAULT_ALPHABET, DEFAULT_LENGTH, CodePattern, PatternError
from mews_vouchers._codes_out import FORMATS
from mews_vouchers._console import EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_FAILED, Output
from mews_vouchers._csv_file import CsvFileError
from mews_vouchers._datetimes import DATE_ORDERS, EXAMPLE, DateReading, parse_utc
from mews_vouchers._delete_job import DeleteInputError, check_values, parse_ids, read_listed, run_delete
from mews_vouchers._generate_job import GeneratedFileError, Generation, default_path, generate
from mews_vouchers._import_file import ImportFileError, read_import_file
from mews_vouchers._import_job import run_import
from mews_vouchers._local_sandbox import SandboxStartError, sandbox_files, vouchers
from mews_vouchers._local_sandbox import sandbox_command as sandbox_command_line
from mews_vouchers._output_file import ExportTargetError
from mews_vouchers._read_job import Query, export_codes, list_codes
from mews_vouchers._settings import Settings, settings_of, shared_options
from mews_vouchers._signals import terminations_interrupt
from mews_vouchers._sync_job import MaxDelete, StalePlanError, SyncRefusedError, run_sync
from mews_vouchers._table_file import SourceFormat, delimiter_named
from mews_wrapper import (
    AmbiguousMatchError,
    MewsError,
    MewsValidationError,
    NoMatchError,
    __version__,
)

_F = TypeVar("_F", bound=Callable[..., Any])

HELP_EPILOG = """\b
Examples:
  mews-vouchers --sandbox vouchers --codes
  mews-vouchers --sandbox export --all -o all.csv
  mews-vouchers --sandbox import examples/codes.csv
  mews-vouchers --sandbox import examples/codes-excel.xlsx --timezone Europe/Prague --dry-run
  mews-vouchers --sandbox export fe568bbd-1ecb-4bb2-bf77-96c3698de20d -o codes.csv
  mews-vouchers list VOUCHER_ID --active-only | wc -l
  mews-vouchers delete --voucher-id VOUCHER_ID --from-file old-codes.txt --yes
  mews-vouchers --sandbox generate --count 1000 --voucher "Summer 2026" --import
  mews-vouchers --sandbox sync codes.xlsx --voucher "Summer 2026" --dry-run

\b
Configuration: MEWS_CLIENT_TOKEN, MEWS_ACCESS_TOKEN, MEWS_PLATFORM_URL, MEWS_PORTFOLIO, MEWS_ENTERPRISE_ID,
MEWS_RATE_LIMIT_STORAGE (as for MewsClient), overridden by the options. --sandbox needs none of them.
\b
Exit codes: 0 done; 1 some codes failed or their outcome is unknown (re-run the same command to settle them),
or Mews refused the request; 2 bad usage or bad input (a --voucher name that matches no voucher, or several).
"""


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


def _source_options(function: _F) -> _F:
    """The options that say how to read a file: --encoding, --delimiter, --sheet."""
    options = [
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
        click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx workbook (default: the first)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


_DATE_FORMAT = click.option(
    "--date-format",
    type=click.Choice(DATE_ORDERS, case_sensitive=False),
    help="The order of typed dates such as 31/08/2026 (DMY) or 08/31/2026 (MDY); ISO dates need none.",
)


def _source(encoding: str | None, delimiter: str | None, sheet: str | None) -> SourceFormat:
    if delimiter is not None:
        try:
            delimiter = delimiter_named(delimiter)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--delimiter") from None
    return SourceFormat(encoding=encoding, delimiter=delimiter, sheet=sheet)


_READ_FILTERS = [
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
        "--updated-since",
        type=IsoDatetime(),
        help=f"Only codes updated at or after this instant ({EXAMPLE}; without an offset, in --timezone).",
    ),
    click.option(
        "--updated-until", type=IsoDatetime(), help="Only codes updated before this instant (needs --updated-since)."
    ),
    click.option("--active-only", is_flag=True, help="Leave out deleted codes."),
]


_VOUCHER_BY_NAME = click.option(
    "--voucher",
    "voucher_names",
    metavar="NAME",
    multiple=True,
    help="A voucher by its name, as `mews-vouchers vouchers` shows it (repeat; beside ids).",
)


def _read_filters(function: _F) -> _F:
    """The filters of list and export."""
    for option in reversed(_READ_FILTERS):
        function = option(function)
    return function


def _job(function: _F) -> _F:
    """Run a subcommand with the shared settings, and turn what escapes it into one error line and an exit code."""

    @functools.wraps(function)
    def run_job(*args: Any, **kwargs: Any) -> int:
        settings = settings_of(click.get_current_context())
        output = Output(quiet=settings.quiet, as_json=settings.json, verbose=settings.verbose)
        if settings.verbose:
            logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
        try:
            result: int = function(output, settings, *args, **kwargs)
        except BrokenPipeError:  # `mews-vouchers list ... | head`: the reader left, having read what it wanted
            return _reader_left()  # (click would make it exit 1)
        except (
            MewsValidationError,
            NoMatchError,
            AmbiguousMatchError,
            ImportFileError,
            CsvFileError,
            DeleteInputError,
            ExportTargetError,
            PatternError,
            GeneratedFileError,
            SyncRefusedError,
        ) as error:
            output.error(error)
            return EXIT_BAD_INPUT
        except (MewsError, SandboxStartError, StalePlanError, OSError) as error:
            output.error(error)
            return EXIT_SOME_FAILED
        except KeyboardInterrupt as interrupted:
            output.error(interrupted)
            return EXIT_SOME_FAILED
        return result

    return run_job  # type: ignore[return-value]


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
    epilog=HELP_EPILOG,
)
@click.version_option(__version__, "--version", prog_name="mews-vouchers", message="%(prog)s %(version)s")
@shared_options()
def cli() -> None:
    """List, export, import, delete, generate and sync Mews voucher codes; find the vouchers and services.

    Every subcommand takes the options below, before or after its name. Progress goes to stderr with a summary at
    the end (added, skipped, failed, unknown, elapsed); data goes to stdout. Run `mews-vouchers COMMAND --help` for
    the options of each.
    """


@cli.command("vouchers", short_help="Show every voucher the token reaches, by name (a table, or lines when piped).")
@click.option("--codes", "with_codes", is_flag=True, help="Also count each voucher's active codes (reads them all).")
@shared_options(enterprise=False)
@_job
def vouchers_command(output: Output, settings: Settings, with_codes: bool) -> int:
    """Show every voucher the token reaches: a table on a terminal, tab-separated lines when piped (--json: JSON lines).

    The columns: Name, Id, Type, ServiceName, ServiceId, EnterpriseId, IsActive (and ActiveCodes with --codes). It
    reads services/getAll, then vouchers/getAll for those services; a name shown here works as `--voucher NAME`.
    """
    with settings.connection() as options:
        return list_vouchers(options, output, with_codes=with_codes)


@cli.command("services", short_help="Show every service the token reaches (a table, or lines when piped).")
@shared_options(enterprise=False)
@_job
def services_command(output: Output, settings: Settings) -> int:
    """Show every service the token reaches: a table, tab-separated lines when piped (--json: JSON lines).

    The columns: Name, Id, Type (Bookable or Additional), EnterpriseId, IsActive.
    """
    with settings.connection() as options:
        return list_services(options, output)


@cli.command("list", short_help="Show the codes of vouchers (a table, or lines when piped).")
@click.argument("voucher_ids", metavar="[VOUCHER_ID...]", nargs=-1, type=click.UUID)
@_VOUCHER_BY_NAME
@click.option("--wide", is_flag=True, help="In the table, whole ids and the update time.")
@_read_filters
@shared_options(enterprise=False)
@_job
def list_command(output: Output, settings: Settings, wide: bool, **filters: Any) -> int:
    """Show the codes of vouchers: a table on a terminal, tab-separated lines when piped (--json: JSON lines).

    The table fits 80 columns: ids shortened to 8 characters (--wide: whole, with the update time), datetimes in
    whole seconds in UTC or --timezone. The lines have the columns of an export, without a header: Id, VoucherId,
    Value, ValidityStartUtc, ValidityEndUtc, CreatedUtc, UpdatedUtc, IsActive. Vouchers by id, or by name with
    --voucher.
    """
    query = _query(settings, **filters)
    if not (query.voucher_ids or query.voucher_names):
        raise click.UsageError("name the vouchers: VOUCHER_ID..., or --voucher NAME")
    with settings.connection() as options:
        return list_codes(options, output, query, wide=wide)


@cli.command("export", short_help="Write every code of vouchers to CSV, an xlsx workbook, JSON or JSON Lines.")
@click.argument("voucher_ids", metavar="[VOUCHER_ID...]", nargs=-1, type=click.UUID)
@_VOUCHER_BY_NAME
@click.option(
    "--all", "every_voucher", is_flag=True, help="Every voucher the token reaches, with a VoucherName column."
)
@click.option("--format", "file_format", type=click.Choice(FORMATS), help="Default: from -o's extension, else csv.")
@click.option("-o", "--output", "path", metavar="FILE", help="Write here (default, or -: stdout).")
@click.option(
    "--excel-safe",
    is_flag=True,
    help="CSV for a spreadsheet: an apostrophe before values that begin with = + - @ (not for re-import).",
)
@_read_filters
@shared_options(enterprise=False)
@_job
def export_command(
    output: Output,
    settings: Settings,
    file_format: str | None,
    path: str | None,
    excel_safe: bool,
    **filters: Any,
) -> int:
    """Write every field of every code of vouchers to a file or stdout, as csv, xlsx, json or jsonl, streamed.

    The CSV columns are Id, VoucherId, Value, ValidityStartUtc, ValidityEndUtc, CreatedUtc, UpdatedUtc, IsActive:
    the file can be imported again as it is (rows with IsActive false are left out). Vouchers by id, by name with
    --voucher, or --all: every voucher the token reaches, each code with its voucher's name (VoucherName, after
    VoucherId).

    -o FILE.xlsx writes a workbook: values and ids as text cells (000123 keeps its zeros), datetimes as datetime
    cells in UTC or --timezone (the header names it). A CSV keeps values exactly; one that begins with = + - @ would
    run as a formula in a spreadsheet: --excel-safe neutralises them (OWASP), for reading, not for re-import.
    """
    query = _query(settings, **filters)
    if query.every_voucher and (query.voucher_ids or query.voucher_names):
        raise click.UsageError("--all exports every voucher: leave out VOUCHER_ID and --voucher")
    if not (query.voucher_ids or query.voucher_names or query.every_voucher):
        raise click.UsageError("name the vouchers: VOUCHER_ID..., --voucher NAME, or --all")
    path = None if path == "-" else path
    chosen = file_format or _format_of(path)
    if excel_safe and chosen != "csv":
        raise click.UsageError("--excel-safe is for CSV (an xlsx workbook keeps values as text cells)")
    with settings.connection() as options:
        summary = export_codes(options, output, query, chosen, path, excel_safe=excel_safe)
    return output.summary(summary, data_on_stdout=path is None)


@cli.command("import", short_help="Add the codes of a CSV file or workbook, skipping those already there.")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and show (on stdout) the rows that would be added.")
@click.option(
    "--voucher-id",
    type=click.UUID,
    metavar="UUID",
    help="Put every row into this voucher (no VoucherId column needed).",
)
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@_source_options
@_DATE_FORMAT
@shared_options()
@_job
def import_command(
    output: Output,
    settings: Settings,
    file: str,
    *,
    dry_run: bool,
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    date_format: str | None,
) -> int:
    """Add the codes of a CSV file or an .xlsx workbook (VoucherId,Value[,ValidityStartUtc,ValidityEndUtc]).

    The header names the columns, in any order; other columns are ignored (an export imports as it is). A Voucher
    column (the voucher's name) may stand for VoucherId. CSV: `,`, `;` or tab, found from the header; UTF-8 (with
    or without a BOM) or UTF-16 with a BOM, else --encoding; `-` reads stdin. A workbook: its first sheet, or
    --sheet; codes must be text cells (a number cell has lost zeros or digits, and is refused).

    Validity: a date or datetime cell, ISO 8601 (2026-06-01, 2026-06-01 10:00, 2026-06-01T08:00:00Z), or with
    --date-format 31/08/2026; without an offset it is in --timezone (default UTC). A date alone is that day's start,
    for the end too (as Mews stores a validity day). Either end may be empty. --dry-run shows each interval in the
    timezone and in UTC.

    Idempotent: values already active on their voucher are skipped and counted, so running it again after a failure
    or Ctrl-C adds only what is missing and settles the rows whose outcome was unknown.

    Bad rows (not a UUID, an empty or too long value, a bad datetime, an end before the start, a value repeated in
    the file) are reported by line number and not sent; the good rows go in (exit code 2 tells of the bad ones).
    """
    if voucher_id is not None and voucher_name is not None:
        raise click.UsageError("give --voucher-id or --voucher, not both")
    source = _source(encoding, delimiter, sheet)
    reading = DateReading(settings.zone, date_format.upper() if date_format else None)
    with settings.connection() as options:
        names = VoucherNames(options)  # one read of the vouchers, for --voucher and the file's Voucher column
        if voucher_name is not None:
            voucher_id = names.id_of(voucher_name)
        loaded = read_import_file(file, voucher_id, source=source, reading=reading, voucher_named=names)
        summary = run_import(loaded, options, output, dry_run=dry_run)
    return output.summary(summary, data_on_stdout=dry_run)


@cli.command("delete", short_help="Delete codes by id, or by value from a voucher.")
@click.argument("code_ids", metavar="[CODE_ID...]", nargs=-1)
@click.option("--voucher-id", type=click.UUID, metavar="UUID", help="Delete by value from this voucher.")
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@click.option(
    "--value", "values", metavar="TEXT", multiple=True, help="A value to delete (repeat; needs --voucher-id)."
)
@click.option(
    "--from-file",
    metavar="FILE",
    help="Values (with --voucher-id) or code ids, one per line; or a CSV or xlsx with a Value or Id column.",
)
@_source_options
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--dry-run", is_flag=True, help="Show (on stdout) what would be deleted, and delete nothing.")
@shared_options()
@_job
def delete_command(
    output: Output,
    settings: Settings,
    *,
    code_ids: tuple[str, ...],
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    values: tuple[str, ...],
    from_file: str | None,
    yes: bool,
    dry_run: bool,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
) -> int:
    """Delete codes by id, or by value from one voucher (--voucher-id with --value or --from-file).

    Asks for confirmation unless --yes (without a terminal to ask, --yes is required). By value, values not active on
    the voucher are skipped, so running it again after a failure deletes only what is left. --voucher NAME stands
    for --voucher-id.
    """
    if voucher_id is not None and voucher_name is not None:
        raise click.UsageError("give --voucher-id or --voucher, not both")
    by_value = voucher_id is not None or voucher_name is not None
    if not by_value and values:
        raise click.UsageError("--value needs --voucher-id (the voucher whose codes have these values)")
    if by_value and code_ids:
        raise click.UsageError("give code ids, or --voucher-id with --value/--from-file, not both")
    source = _source(encoding, delimiter, sheet)
    listed = read_listed(from_file, "Value" if by_value else "Id", source) if from_file else []
    ids = parse_ids([*code_ids, *listed]) if not by_value else []
    wanted = [*values, *listed] if by_value else []
    if not ids and not wanted:
        raise click.UsageError("name the codes to delete: CODE_ID..., or --voucher-id with --value or --from-file")
    check_values(values)  # the file's entries were checked as it was read
    if not (yes or dry_run or sys.stdin.isatty()):
        raise click.UsageError("deleting needs --yes when there is no terminal to ask for confirmation")

    def confirm(question: str) -> bool:
        return yes or click.confirm(question, default=False, err=True)

    with settings.connection() as options:
        if voucher_name is not None:
            voucher_id = VoucherNames(options).id_of(voucher_name)
        summary = run_delete(
            options, output, code_ids=ids, voucher_id=voucher_id, values=wanted, confirm=confirm, dry_run=dry_run
        )
    return output.summary(summary, data_on_stdout=dry_run)


@cli.command("generate", short_help="Make unique, unguessable codes for a voucher: a file, added with --import.")
@click.option("--count", type=click.IntRange(1, 1_000_000), required=True, help="How many codes.")
@click.option("--pattern", metavar="PATTERN", help="# a digit, ? a letter, * either, \\ escapes, anything else itself.")
@click.option(
    "--alphabet",
    default=DEFAULT_ALPHABET,
    show_default=True,
    help="The characters codes are drawn from (the default has no 0 O 1 I L).",
)
@click.option("--length", type=int, help=f"Without --pattern: characters drawn (default {DEFAULT_LENGTH}).")
@click.option("--prefix", default="", help="Literal text before every code.")
@click.option("--voucher-id", type=click.UUID, metavar="UUID", help="The voucher the codes are for.")
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@click.option("-o", "--output", "path", metavar="FILE", help="Write them here (.csv or .xlsx), never over a file.")
@click.option("--import", "then_import", is_flag=True, help="Then add them, as `import FILE` does.")
@click.option("--valid-from", type=IsoDatetime(), help="Validity start of every code (in --timezone without offset).")
@click.option("--valid-until", type=IsoDatetime(), help="Validity end of every code (a date: that day's start).")
@click.option("--allow-small-space", is_flag=True, help="Go on when the codes would be easy to guess.")
@shared_options()
@_job
def generate_command(
    output: Output,
    settings: Settings,
    *,
    count: int,
    pattern: str | None,
    alphabet: str,
    length: int | None,
    prefix: str,
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    path: str | None,
    then_import: bool,
    valid_from: str | None,
    valid_until: str | None,
    allow_small_space: bool,
) -> int:
    r"""Make COUNT unique codes for a voucher (the system's CSPRNG), write them to a file, and with --import add them.

    Patterns: # a digit, ? a letter, * either (from the alphabet), \ makes the next character literal, anything
    else is itself: --pattern 'SUMMER-####-????'. Without one: --prefix and --length characters of the alphabet.

    No code equals another or one already active on the voucher (they are read first). A pattern too small for
    COUNT to stay hard to guess is refused before anything is made: it must make at least 10^6 codes per valid code
    (one guess in a million finds one); the bits per code and the chance are shown. --allow-small-space insists.

    The file (-o, else generated-<voucher>-<count>.csv here) is written first and never written over; with --import,
    the same command run again after an interruption imports that file, not a second set.
    """
    voucher = _one_voucher(voucher_id, voucher_name)
    if path is None and not then_import:
        raise click.UsageError("say where the codes go: -o FILE, or --import (or both)")
    try:
        code_pattern = CodePattern.parse(pattern, alphabet=alphabet, length=length, prefix=prefix)
    except PatternError as error:
        raise click.BadParameter(str(error), param_hint="--pattern/--alphabet/--length/--prefix") from None
    reading = DateReading(settings.zone)
    start, end = (None if text is None else reading.moment(text) for text in (valid_from, valid_until))
    with settings.connection() as options:
        target = voucher if isinstance(voucher, uuid.UUID) else VoucherNames(options).id_of(voucher)
        generation = Generation(target, count, code_pattern, start, end, allow_small_space)
        chosen_path = path or default_path(generation)
        summary = generate(generation, options, output, chosen_path, then_import=then_import)
    return output.summary(summary)


@cli.command("sync", short_help="Make a voucher's active codes exactly a file's: a plan first, then apply it.")
@click.argument("file", metavar="FILE")
@click.option("--voucher-id", type=click.UUID, metavar="UUID", help="The voucher to make match the file.")
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@click.option("--dry-run", is_flag=True, help="Show the whole plan (on stdout) and change nothing.")
@click.option("-y", "--yes", is_flag=True, help="Apply without asking (required without a terminal).")
@click.option(
    "--max-delete",
    metavar="N|P%",
    help="The most codes it may delete (default: 10 % of the active codes or 100, whichever is larger).",
)
@_source_options
@_DATE_FORMAT
@shared_options()
@_job
def sync_command(
    output: Output,
    settings: Settings,
    file: str,
    *,
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    dry_run: bool,
    yes: bool,
    max_delete: str | None,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    date_format: str | None,
) -> int:
    """Make the voucher's active codes exactly FILE's: add the missing, delete the others, replace changed ones.

    FILE is read as import reads it (CSV or .xlsx; every row goes to the voucher). The plan comes first (counts,
    and a sample of each kind), then a question unless --yes; the plan is applied only as it was shown (the voucher
    is read again first: if it changed, nothing is applied). Mews has no update for codes: a replaced code is
    deleted, then added with its new validity. More deletions than --max-delete are refused; a file with bad rows
    or no codes changes nothing. Run it again after an interruption: the new plan holds only what is left.
    """
    target = _one_voucher(voucher_id, voucher_name)
    try:
        limit = MaxDelete() if max_delete is None else MaxDelete.parse(max_delete)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--max-delete") from None
    if not (yes or dry_run or sys.stdin.isatty()):
        raise click.UsageError("sync needs --yes when there is no terminal to ask for confirmation")
    source = _source(encoding, delimiter, sheet)
    reading = DateReading(settings.zone, date_format.upper() if date_format else None)

    def confirm(question: str) -> bool:
        return yes or click.confirm(question, default=False, err=True)

    with settings.connection() as options:
        names = VoucherNames(options)  # one read of the vouchers, for --voucher and the file's Voucher column
        chosen = target if isinstance(target, uuid.UUID) else names.id_of(target)
        loaded = read_import_file(
            file, chosen, source=source, reading=reading, voucher_named=names, only_this_voucher=True
        )
        summary = run_sync(loaded, chosen, options, output, dry_run=dry_run, confirm=confirm, max_delete=limit)
    return output.summary(summary, data_on_stdout=dry_run)


def _one_voucher(voucher_id: uuid.UUID | None, voucher_name: str | None) -> uuid.UUID | str:
    """The voucher by id, or its name to resolve; a usage error unless exactly one is given."""
    if (voucher_id is None) == (voucher_name is None):
        raise click.UsageError("name the voucher: --voucher NAME or --voucher-id UUID (one of them)")
    return voucher_id if voucher_id is not None else voucher_name  # type: ignore[return-value]


@cli.command(
    "sandbox",
    short_help="Start the local Mews-compatible sandbox server.",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.option("--reset", is_flag=True, help="Empty it first.")
@click.argument("sandbox_args", nargs=-1, type=click.UNPROCESSED)
def sandbox_command(reset: bool, sandbox_args: tuple[str, ...]) -> int:
    """Start the local sandbox (python -m mews_sandbox) on port 8787, with the state --sandbox uses.

    Other options go to the sandbox (`mews-vouchers sandbox --help` lists them: --port, --latency, --rate-limit,
    fault injection...). It accepts the Mews demo tokens (see the README).
    """
    if "--help" in sandbox_args or "-h" in sandbox_args:  # before anything is reset or started
        click.echo(click.get_current_context().get_help())
        click.echo("\nThe sandbox's own options (after `mews-vouchers sandbox`):\n", nl=False)
        sys.stdout.flush()
        return subprocess.call([sys.executable, "-m", "mews_sandbox", "--help"])
    database, config = sandbox_files(reset)
    arguments = ["--port", "8787", *sandbox_args]
    listing = "\n".join(f"  {voucher}  {about}" for voucher, (_, about) in vouchers().items())
    click.echo(f"state: {database}\nvouchers:\n{listing}", err=True)
    command = sandbox_command_line(database, config, *arguments)
    if os.name == "posix":  # become the sandbox: signals (Ctrl-C, a service manager's SIGTERM) reach it directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)  # noqa: S606 - our own interpreter and module
    try:
        return subprocess.call(command)  # noqa: S603 - our own interpreter and module
    except KeyboardInterrupt:  # the sandbox got the same Ctrl-C and stopped
        return EXIT_OK


def _query(settings: Settings, **filters: Any) -> Query:
    zone = settings.zone
    reading = DateReading(zone)
    since, until = (
        None if text is None else reading.moment(text)
        for text in (filters.pop("updated_since"), filters.pop("updated_until"))
    )
    if until is not None and since is None:
        raise click.UsageError("--updated-until needs --updated-since")
    enterprises = filters.pop("enterprise_ids") or ((settings.enterprise_id,) if settings.enterprise_id else ())
    return Query(
        voucher_ids=filters["voucher_ids"],
        voucher_names=tuple(filters.get("voucher_names") or ()),
        every_voucher=bool(filters.get("every_voucher")),
        code_ids=filters["code_ids"],
        enterprise_ids=tuple(uuid.UUID(str(enterprise)) for enterprise in enterprises),
        updated_since=since,
        updated_until=until,
        active_only=filters["active_only"],
        zone=zone,
    )


def _format_of(path: str | None) -> str:
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "csv"


def _reader_left() -> int:
    """Exit 0 quietly when stdout's reader has gone: what is still buffered goes nowhere, not to an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` (default: the process's), run the subcommand, and return the exit code."""
    try:
        with terminations_interrupt():
            result = cli.main(
                args=list(argv) if argv is not None else None, prog_name="mews-vouchers", standalone_mode=False
            )
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:  # usage errors: exit code 2
        error.show()
        return error.exit_code
    except click.exceptions.Abort:  # Ctrl-C or end of input at a prompt
        click.echo("mews-vouchers: aborted", err=True)
        return EXIT_SOME_FAILED
    except BrokenPipeError:  # the reader left while click itself wrote (help, usage)
        return _reader_left()
    return result if isinstance(result, int) else EXIT_OK
