"""`mews-vouchers import`: add the codes of a CSV file, idempotently, and say what became of every row.

Idempotent: the values already active on their voucher are read first and skipped, so a re-run after a failure or
an interruption adds only what is missing, and settles the rows whose outcome was unknown (it finds them by value).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
import re
import uuid
import zoneinfo
from collections.abc import Iterable, Iterator, Sized
from typing import Any

import click

from mews_vouchers._files.codes_out import escaped
from mews_vouchers._files.datetimes import DateReading, format_moment, format_utc
from mews_vouchers._files.import_file import BadRow, ImportFile, ImportFileError, read_import_file
from mews_vouchers._files.import_rows import Row
from mews_vouchers._shared.batches import Tally, send_in_batches
from mews_vouchers._shared.console import Output, Summary, counted, describe, line_ranges
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    DATE_FORMAT,
    source_format,
    source_options,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_vouchers._shared.vouchers import VoucherNames
from mews_wrapper import AsyncMewsClient, MewsError, MewsValidationError


async def import_rows(
    file: ImportFile, client_options: dict[str, Any], output: Output, *, dry_run: bool, strict: bool = False
) -> Summary:
    """Skip the rows already active, add the others in batches (or list them, for a dry run); the summary.

    Bad rows are told first, before anything is read or sent; then warnings (a value that differs from the code its
    `Id` names, a validity that already ended, an inactive voucher). `strict`: any warning refuses the whole file.
    """
    for note in file.notes:
        output.warn(note)
    for bad in file.bad:
        output.warn(f"line {bad.line}: {bad.reason}")
    async with AsyncMewsClient(**client_options) as client:
        await client.voucher_codes.add([])  # checks the enterprise (portfolio tokens need one) and sends nothing
        try:
            active, values_of_ids = await _active_values(
                client, file.rows.vouchers(), output, set(file.code_ids.values())
            )
        except MewsError as error:
            if isinstance(error, MewsValidationError):
                raise
            output.error(error, "reading the codes already there")
            return _summary(file, [], Tally(failed=list(file.rows), error=error), output)
        skipped, to_add = file.rows.split(active)
        file.warnings.extend(_rewritten_numbers(to_add, active))
        file.warnings.extend(_changed_values(file, values_of_ids))
        ended = [row.line for row in _ended(to_add)]
        if ended:
            output.warn(
                f"warning: the validity of {counted(len(ended), 'row')} has ended (lines {line_ranges(ended)}): "
                "those codes can never be used"
            )
        for warning in sorted(file.warnings, key=lambda warning: warning.line):
            output.warn(f"line {warning.line}: warning: {warning.reason}")
        warned = [note for note in file.notes if note.startswith("warning:")]  # not "read the sheet ..."
        if strict and (file.warnings or warned or ended):
            raise ImportFileError(
                f"--strict: {counted(len(file.warnings) + len(warned) + bool(ended), 'warning')} above; "
                "nothing was sent"
            )
        del active  # the already-there values are no longer needed while the batches go out
        if dry_run:
            zone = file.reading.zone
            for row in to_add:
                code = row.code
                start, end = (_both(moment, zone) for moment in (code.validity_start_utc, code.validity_end_utc))
                print(f"{row.line}\t{code.voucher_id}\t{escaped(code.value)}\t{start}\t{end}", flush=True)
            await _warn_of_inactive(client, file, output)
            return _summary(file, skipped, None, output)

        async def send(batch: list[Row]) -> None:
            await client.voucher_codes.add([row.code for row in batch])

        tally = await send_in_batches(to_add, send, label="import", concurrency=client.max_concurrency, output=output)
        if tally.done:
            await _warn_of_inactive(client, file, output)
    return _summary(file, skipped, tally, output)


async def _active_values(
    client: AsyncMewsClient, vouchers: list[uuid.UUID], output: Output, ids: set[uuid.UUID]
) -> tuple[set[tuple[uuid.UUID, str]], dict[uuid.UUID, str]]:
    """(voucher, value) of every active code of these vouchers, and the value of each code whose id is in `ids`."""
    active: set[tuple[uuid.UUID, str]] = set()
    values_of_ids: dict[uuid.UUID, str] = {}
    if not vouchers:
        return active, values_of_ids
    with output.progress("reading the codes already there", None) as tracker:
        async for page in client.voucher_codes.get_all_pages(vouchers):
            active.update((code.voucher_id, code.value) for code in page.items if code.is_active and code.value)
            if ids:
                values_of_ids.update((code.id, code.value) for code in page.items if code.id in ids and code.value)
            tracker.advance(len(page.items))
    return active, values_of_ids


def _changed_values(file: ImportFile, values_of_ids: dict[uuid.UUID, str]) -> Iterator[BadRow]:
    """A warning for each row whose `Id` names a code of another value (a spreadsheet changed it, most likely)."""
    if not values_of_ids:
        return
    for row in file.rows:
        code_id = file.code_ids.get(row.line)
        was = values_of_ids.get(code_id) if code_id is not None else None
        if was is not None and was != row.code.value:
            yield BadRow(
                row.line,
                f"Value {row.code.value!r} differs from {was!r}, the value of the code {code_id} this row names in "
                "its Id column: a spreadsheet may have changed it (an encoding, a formula); --strict refuses the file",
            )


def _ended(rows: Iterable[Row]) -> Iterator[Row]:
    """The rows to add whose validity has already ended."""
    now = dt.datetime.now(dt.UTC)
    for row in rows:
        end = row.code.validity_end_utc
        if end is not None and end < now:
            yield row


async def _warn_of_inactive(client: AsyncMewsClient, file: ImportFile, output: Output) -> None:
    """Warn of the file's vouchers that are not active, read after the batches so that it never delays them.

    A failure to read them is not an error of the import: it only leaves the warning out.
    """
    vouchers = file.rows.vouchers()
    if not vouchers:
        return
    try:
        inactive = [
            voucher
            async for voucher in client.vouchers.get_all(voucher_ids=vouchers, active=False)
            if not voucher.is_active
        ]
    except MewsError:
        return
    for voucher in inactive:
        output.warn(
            f"warning: the voucher {voucher.name!r} ({voucher.id}) is not active: its codes cannot be used until it is"
        )


def _both(moment: dt.datetime | None, zone: zoneinfo.ZoneInfo | None) -> str:
    """`2026-06-01T00:00:00+02:00 = 2026-05-31T22:00:00Z` with a timezone, the UTC instant alone without."""
    if moment is None or zone is None:
        return format_utc(moment)
    return f"{format_moment(moment, zone)} = {format_utc(moment)}"


def _rewritten_numbers(rows: Iterable[Row], active: set[tuple[uuid.UUID, str]]) -> Iterator[BadRow]:
    """A warning for each value that is a number equal to an active code's but written otherwise (`123` for `000123`).

    A spreadsheet that opens an export and saves it again makes such values of codes that are numbers: it drops
    leading zeros and rewrites exponents (`1E5` becomes `1.00E+05`). The row is still imported, as it says.
    """
    numbers: dict[tuple[uuid.UUID, decimal.Decimal], str] = {}
    for voucher, value in active:
        number = _as_number(value)
        if number is not None:
            numbers.setdefault((voucher, number), value)
    if not numbers:
        return
    for row in rows:
        number = _as_number(row.code.value)
        there = numbers.get((row.code.voucher_id, number)) if number is not None else None
        if there is not None:
            yield BadRow(
                row.line,
                f"Value {row.code.value!r} is the number of the active code {there!r}, written otherwise: a "
                "spreadsheet that re-saved an export rewrites numbers so (it drops leading zeros, 1E5 becomes "
                "1.00E+05); check the file before this adds a second code",
            )


def _as_number(value: str) -> decimal.Decimal | None:
    if not _NUMBER.fullmatch(value):
        return None
    try:
        return decimal.Decimal(value.replace(",", ".")).normalize()
    except decimal.InvalidOperation:
        return None


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[Ee][+-]?\d+)?")


def _summary(file: ImportFile, skipped: Sized, tally: Tally[Row] | None, output: Output) -> Summary:
    """The counts and line numbers, told to people (stderr) unless quiet; the exit code follows from them."""
    details: dict[str, Any] = {
        "dry_run": tally is None,
        "invalid_rows": [{"line": bad.line, "reason": bad.reason} for bad in file.bad],
        "skipped_lines_inactive": file.inactive,
        "warnings": [{"line": warning.line, "reason": warning.reason} for warning in file.warnings],
        "timezone": file.reading.zone_name,
        "notes": file.notes,
    }
    note = f"times without an offset read in {file.reading.zone_name}" if file.local_times else ""
    skipped_count = len(skipped) + len(file.inactive)
    if tally is None:
        would_add = len(file.rows) - len(skipped)
        counts = {"would_add": would_add, "skipped": skipped_count, "invalid": len(file.bad)}
        return Summary("import (dry run)", counts, output.elapsed(), details, note)
    failed, unknown = [row.line for row in tally.failed], [row.line for row in tally.unknown]
    if file.inactive:
        output.say(f"left out {counted(len(file.inactive), 'row')} marked inactive (IsActive false)")
    if failed:
        output.warn(f"did not go in ({counted(len(failed), 'row')}): lines {line_ranges(failed)}")
    if unknown:
        output.warn(
            f"unknown ({counted(len(unknown), 'row')}: Mews may have added them): lines {line_ranges(unknown)}; "
            "run the same command again to settle them (it finds them by value)"
        )
    if tally.interrupted:
        output.warn(f"interrupted: {counted(tally.done, 'row')} went in; run the same command again to add the rest")
    details |= {
        "failed_lines": failed,
        "unknown_lines": unknown,
        "interrupted": tally.interrupted,
        "error": None if tally.error is None else describe(tally.error),
    }
    counts = {
        "added": tally.done,
        "skipped": skipped_count,
        "failed": len(failed),
        "unknown": len(unknown),
        "invalid": len(file.bad),
    }
    return Summary("import", counts, output.elapsed(), details, note)


def run_import(
    file: ImportFile, client_options: dict[str, Any], output: Output, *, dry_run: bool, strict: bool = False
) -> Summary:
    """`import_rows` on its own event loop."""
    return asyncio.run(import_rows(file, client_options, output, dry_run=dry_run, strict=strict))


@click.command("import", short_help="Add the codes of a CSV file or workbook, skipping those already there.")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and show (on stdout) the rows that would be added.")
@click.option(
    "--voucher-id",
    type=click.UUID,
    metavar="UUID",
    help="Put every row into this voucher (no VoucherId column needed).",
)
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse the whole file on any warning (a value that differs from the code its Id names, an ended validity).",
)
@source_options
@DATE_FORMAT
@shared_options()
@command_job
def command(
    output: Output,
    settings: Settings,
    file: str,
    *,
    dry_run: bool,
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    strict: bool,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    date_format: str | None,
) -> int:
    """Add the codes of a CSV file or a workbook (.xlsx, .ods) (VoucherId,Value[,ValidityStartUtc,ValidityEndUtc]).

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
    source = source_format(encoding, delimiter, sheet)
    reading = DateReading(settings.zone, date_format.upper() if date_format else None)
    with settings.connection() as options:
        names = VoucherNames(options)  # one read of the vouchers, for --voucher and the file's Voucher column
        if voucher_name is not None:
            voucher_id = names.id_of(voucher_name)
        loaded = read_import_file(file, voucher_id, source=source, reading=reading, voucher_named=names)
        summary = run_import(loaded, options, output, dry_run=dry_run, strict=strict)
    return output.summary(summary, data_on_stdout=dry_run)
