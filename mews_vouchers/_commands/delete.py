"""`mews-vouchers delete`: delete codes by id, or by value from one voucher, after asking (unless `--yes`).

By value, the voucher's active codes are read first: a value that is not active there is skipped (so a re-run
after an interruption deletes only what is left), and the rest are deleted by id in batches.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from mews_vouchers._files.codes_out import columns_of, escaped
from mews_vouchers._files.csv_file import Cell, shown
from mews_vouchers._files.table_file import AS_FOUND, SourceFormat, read_table
from mews_vouchers._shared.batches import Tally, send_in_batches
from mews_vouchers._shared.console import CommandError, Output, Summary, counted, describe
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    confirmer,
    needs_yes,
    source_format,
    source_options,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_vouchers._shared.vouchers import VoucherNames
from mews_wrapper import AsyncMewsClient, MewsError, MewsValidationError

MAX_VALUE_LENGTH = 128


class DeleteInputError(CommandError):
    """The ids or values to delete cannot be used (each problem on a line of the message)."""


@dataclass(frozen=True)
class Target:
    """A code to delete: its id, and its value when it was named by value."""

    id: uuid.UUID
    value: str | None = None


def read_listed(path: str, column: str, source: SourceFormat = AS_FOUND) -> list[str]:
    """The entries of a file: a CSV's or a sheet's `column` (`Id` or `Value`) when its header names it, else one each.

    A header naming the column is what an export has; without one the file is a plain list, one entry per line.
    A first line that looks like a header (several columns, or a column name of an export) but does not name
    `column` is refused rather than read as entries. Read by the command's one CSV reader (or a workbook's), so a
    quoted value keeps its line breaks and a form feed is data. Raises `DeleteInputError` naming every line that is
    not a usable entry (nothing is deleted then), or `CsvFileError`.
    """
    records = list(read_table(path, source, header_names=[column]))
    header = [_cell_text(cell).strip().casefold() for cell in records[0].fields] if records else []
    problems: list[str] = []
    entries: list[tuple[int, str]] = []
    if column.casefold() in header:
        position = header.index(column.casefold())
        for record in records[1:]:
            cell = record.fields[position] if len(record.fields) > position else ""
            entries.append((record.line, cell if isinstance(cell, str) else _not_text(record.line, cell, problems)))
    elif len(header) > 1 or (header and header[0] in _EXPORT_COLUMNS):
        found = ",".join(_cell_text(cell) for cell in records[0].fields)
        raise DeleteInputError(
            f"{path}: nothing deleted: line {records[0].line} looks like a header ({shown(found)!r}) but names no "
            f"{column} column; name one, or give one entry per line without a header"
        )
    else:
        for record in records:
            if len(record.fields) != 1:
                problems.append(
                    f"line {record.line}: {len(record.fields)} fields, where a list holds one entry per line "
                    f"(quote an entry that holds a comma, or name a {column} column in a header)"
                )
                continue
            cell = record.fields[0]
            entries.append((record.line, cell if isinstance(cell, str) else _not_text(record.line, cell, problems)))
    for line, text in entries:
        problem = _entry_problem(text, column)
        if problem:
            problems.append(f"line {line}: {problem}")
    if problems:
        more = f"\n... and {len(problems) - 20:,} more" if len(problems) > 20 else ""
        raise DeleteInputError(f"{path}: nothing deleted:\n" + "\n".join(problems[:20]) + more)
    return [text for _, text in entries]


_EXPORT_COLUMNS = {name.casefold() for name in columns_of({})}  # an export's header, with VoucherName


def _cell_text(cell: Cell) -> str:
    return "" if cell is None else str(cell)


def _not_text(line: int, cell: Cell, problems: list[str]) -> str:
    """A spreadsheet cell that is not text: a problem (a number cell has lost a code's zeros or digits)."""
    problems.append(f"line {line}: {cell!r} is a number or date cell, not text (format the column as Text)")
    return "-"


def check_values(values: Sequence[str]) -> None:
    """`DeleteInputError` for the first value named on the command line that no code can have (1 to 128 chars)."""
    for value in values:
        if not 1 <= len(value) <= MAX_VALUE_LENGTH:
            raise DeleteInputError(
                f"a value must be 1 to {MAX_VALUE_LENGTH} characters long, got {len(value)}: {value[:40]!r}"
            )


def _entry_problem(text: str, column: str) -> str | None:
    if not text.strip():
        return f"the {column} is empty" if not text else f"the {column} {text!r} is only whitespace"
    if column == "Id":
        try:
            uuid.UUID(text.strip())
        except ValueError:
            return f"{shown(text)!r} is not a code id (a UUID)"
        return None
    if len(text) > MAX_VALUE_LENGTH:
        return f"a value must be 1 to {MAX_VALUE_LENGTH} characters long, got {len(text):,}: {shown(text, 40)!r}"
    return None


def parse_ids(texts: list[str]) -> list[uuid.UUID]:
    """UUIDs from text, in order, without repeats; `DeleteInputError` lists every one that is not a UUID."""
    ids: dict[uuid.UUID, None] = {}
    bad = []
    for text in texts:
        try:
            ids[uuid.UUID(text.strip())] = None
        except ValueError:
            bad.append(text)
    if bad:
        raise DeleteInputError("not code ids (UUIDs): " + ", ".join(repr(text) for text in bad[:20]))
    return list(ids)


async def delete_codes(
    client_options: dict[str, Any],
    output: Output,
    *,
    code_ids: list[uuid.UUID],
    voucher_id: uuid.UUID | None,
    values: list[str],
    confirm: Callable[[str], bool],
    dry_run: bool,
) -> Summary:
    """Find the codes (by value, on `voucher_id`), ask, delete them in batches; the summary."""
    async with AsyncMewsClient(**client_options) as client:
        await client.voucher_codes.delete([])  # checks the enterprise (portfolio tokens need one), sends nothing
        if voucher_id is None:
            targets, missing = [Target(code_id) for code_id in code_ids], list[str]()
        else:
            try:
                targets, missing = await _by_value(client, voucher_id, values, output)
            except MewsError as error:
                if isinstance(error, MewsValidationError):
                    raise
                output.error(error, "reading the voucher's codes")
                counts = {"deleted": 0, "skipped": 0, "failed": len(values), "unknown": 0}
                return Summary("delete", counts, output.elapsed(), {"error": describe(error)})
        if missing:
            shown = ", ".join(repr(value) for value in missing[:10]) + (" ..." if len(missing) > 10 else "")
            output.say(f"skipped {counted(len(missing), 'value')} not active on the voucher: {shown}")
        if dry_run:
            for target in targets:
                print(f"{target.id}\t{escaped(target.value or '')}", flush=True)
            return Summary(
                "delete (dry run)", {"would_delete": len(targets), "skipped": len(missing)}, output.elapsed()
            )
        if targets and not confirm(f"Delete {counted(len(targets), 'voucher code')} ({_sample(targets)})?"):
            output.say("nothing deleted")
            return _summary(missing, Tally(), output)

        async def send(batch: list[Target]) -> None:
            await client.voucher_codes.delete([target.id for target in batch])

        tally = await send_in_batches(targets, send, label="delete", concurrency=client.max_concurrency, output=output)
    return _summary(missing, tally, output)


def _sample(targets: Sequence[Target], shown_at_most: int = 5) -> str:
    """`'SUMMER-1', 'SUMMER-2' and 3 more`: what a question about deleting names (values, else ids)."""
    named = [repr(escaped(target.value)) if target.value is not None else str(target.id) for target in targets]
    rest = len(named) - shown_at_most
    return ", ".join(named[:shown_at_most]) + (f" and {rest:,} more" if rest > 0 else "")


async def _by_value(
    client: AsyncMewsClient, voucher_id: uuid.UUID, values: list[str], output: Output
) -> tuple[list[Target], list[str]]:
    """The active codes of the voucher with these values, and the values that have none."""
    wanted = dict.fromkeys(values)
    found: dict[str, uuid.UUID] = {}
    with output.progress("reading the voucher's codes", None) as tracker:
        async for page in client.voucher_codes.get_all_pages([voucher_id]):
            found.update((code.value, code.id) for code in page.items if code.is_active and code.value in wanted)
            tracker.advance(len(page.items))
    targets = [Target(found[value], value) for value in wanted if value in found]
    return targets, [value for value in wanted if value not in found]


def _summary(missing: list[str], tally: Tally[Target], output: Output) -> Summary:
    failed, unknown = tally.failed, tally.unknown
    if failed:
        output.warn(f"not deleted ({len(failed):,}): " + _shown(failed))
    if unknown:
        output.warn(f"unknown ({len(unknown):,}: Mews may have deleted them): " + _shown(unknown))
    if tally.interrupted:
        output.warn(f"interrupted: {counted(tally.done, 'code')} deleted; run the same command again for the rest")
    counts = {
        "deleted": tally.done,
        "skipped": len(missing),
        "failed": len(failed),
        "unknown": len(unknown),
    }
    details = {
        "failed_ids": [str(target.id) for target in failed],
        "unknown_ids": [str(target.id) for target in unknown],
        "skipped_values": missing,
        "interrupted": tally.interrupted,
        "error": None if tally.error is None else describe(tally.error),
    }
    return Summary("delete", counts, output.elapsed(), details)


def _shown(targets: list[Target]) -> str:
    shown = ", ".join(target.value or str(target.id) for target in targets[:10])
    return shown + (" ..." if len(targets) > 10 else "")


def run_delete(client_options: dict[str, Any], output: Output, **arguments: Any) -> Summary:
    """`delete_codes` on its own event loop."""
    return asyncio.run(delete_codes(client_options, output, **arguments))


@click.command("delete", short_help="Delete codes by id, or by value from a voucher.")
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
@source_options
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--dry-run", is_flag=True, help="Show (on stdout) what would be deleted, and delete nothing.")
@shared_options()
@command_job
def command(
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
    source = source_format(encoding, delimiter, sheet)
    listed = read_listed(from_file, "Value" if by_value else "Id", source) if from_file else []
    ids = parse_ids([*code_ids, *listed]) if not by_value else []
    wanted = [*values, *listed] if by_value else []
    if not ids and not wanted:
        raise click.UsageError("name the codes to delete: CODE_ID..., or --voucher-id with --value or --from-file")
    check_values(values)  # the file's entries were checked as it was read
    needs_yes(yes, dry_run, "deleting")
    confirm = confirmer(yes)

    with settings.connection() as options:
        if voucher_name is not None:
            voucher_id = VoucherNames(options).id_of(voucher_name)
        summary = run_delete(
            options, output, code_ids=ids, voucher_id=voucher_id, values=wanted, confirm=confirm, dry_run=dry_run
        )
    return output.summary(summary, data_on_stdout=dry_run)
