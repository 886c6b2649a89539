"""`mews-vouchers generate`: unique, unguessable codes for one voucher, written to a file and (with `--import`) added.

The voucher's active values are read first, so no generated code equals one already there. The codes are always
written to a file before anything is added, and the file is never written over: a run interrupted during its import
is settled by importing that file again (`import FILE`, or the same `generate` command, which finds its file and
imports it rather than making a second set).
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from mews_vouchers._commands._code_pattern import (
    DEFAULT_ALPHABET,
    DEFAULT_LENGTH,
    CodePattern,
    PatternError,
    check_space,
    guessing,
    unique_codes,
)
from mews_vouchers._commands.import_ import run_import
from mews_vouchers._files.datetimes import DateReading, format_utc
from mews_vouchers._files.import_file import END, START, VALUE, VOUCHER_ID, ImportFile, read_import_file
from mews_vouchers._files.output_file import written_file
from mews_vouchers._files.table_file import is_spreadsheet
from mews_vouchers._files.workbook_out import write_text_sheet
from mews_vouchers._shared.console import CommandError, Output, Summary, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    IsoDatetime,
    moment_option,
    one_voucher,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_vouchers._shared.vouchers import VoucherNames
from mews_wrapper import MewsClient

COLUMNS = (VOUCHER_ID, VALUE, START, END)


class GeneratedFileError(CommandError):
    """The file for generated codes exists and holds something other than this run's codes."""


@dataclass(frozen=True)
class Generation:
    """What to make: `count` codes of `pattern` for `voucher_id`, valid from `start` until `end` (either None)."""

    voucher_id: uuid.UUID
    count: int
    pattern: CodePattern
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    allow_small_space: bool = False


def default_path(generation: Generation) -> str:
    """`generated-fe568bbd-1000.csv`: a name the same command finds again, in the current folder."""
    return f"generated-{str(generation.voucher_id)[:8]}-{generation.count}.csv"


def generate(
    generation: Generation, client_options: dict[str, Any], output: Output, path: str, *, then_import: bool
) -> Summary:
    """Make the codes, write them to `path`, and add them when `then_import`; the summary (the import's, if so).

    When `path` exists and `then_import`, the codes it holds are imported when this command made them (as many,
    of its pattern, voucher and validity, and the pattern still passes the guessing floor), not a new set made;
    another file there is refused, and so is an existing `path` without `then_import`.
    """
    if Path(path).exists():
        if not then_import:
            raise GeneratedFileError(f"{path} exists: generated codes are never written over; choose another -o")
        loaded = read_import_file(path)
        if not _made_by(generation, loaded):
            raise GeneratedFileError(
                f"{path} exists and was not made by this command (it does not hold {generation.count:,} codes of "
                f"{generation.pattern.text!r} for voucher {generation.voucher_id} with this validity): choose another "
                "-o, or import it with `import`"
            )
        pattern = generation.pattern
        check_space(pattern, generation.count, 0, allow_small=generation.allow_small_space)
        output.say(f"{path} exists: importing the {counted(generation.count, 'code')} it holds (an earlier run's), "
                   "not a new set")  # fmt: skip
        return _noted(run_import(loaded, client_options, output, dry_run=False), path, resumed=True)
    with MewsClient(**client_options) as client:
        active = {
            code.value
            for code in client.voucher_codes.get_all([generation.voucher_id])
            if code.is_active and code.value is not None
        }
    pattern = generation.pattern
    check_space(pattern, generation.count, len(active), allow_small=generation.allow_small_space)
    output.say(f"{pattern.text!r}: {guessing(pattern, generation.count + len(active))}")
    values = unique_codes(pattern, generation.count, active)
    _write(path, generation, values)
    output.say(f"wrote {counted(len(values), 'code')} to {path}; keep it: if the import stops, import this file again")
    if then_import:
        return _noted(run_import(read_import_file(path), client_options, output, dry_run=False), path, resumed=False)
    details = {"file": path, "pattern": pattern.text, "bits_per_code": round(pattern.bits, 2), "space": pattern.space}
    return Summary("generate", {"generated": len(values)}, output.elapsed(), details, f"codes in {path}")


def _made_by(generation: Generation, loaded: ImportFile) -> bool:
    """Whether a file holds what this generation would make: its count of codes of its pattern, voucher, validity."""
    if loaded.bad or loaded.inactive or len(loaded.rows) != generation.count:
        return False
    validity = (generation.start, generation.end)
    return all(
        row.code.voucher_id == generation.voucher_id
        and generation.pattern.matches(row.code.value)
        and (row.code.validity_start_utc, row.code.validity_end_utc) == validity
        for row in loaded.rows
    )


def _noted(summary: Summary, path: str, *, resumed: bool) -> Summary:
    summary.details |= {"file": path, "resumed": resumed}
    summary.note = "; ".join(filter(None, [summary.note, f"codes in {path}"]))
    return summary


def _write(path: str, generation: Generation, values: list[str]) -> None:
    start, end = format_utc(generation.start), format_utc(generation.end)
    rows = ([str(generation.voucher_id), value, start, end] for value in values)
    if is_spreadsheet(path):
        with written_file(path, binary=True) as binary:
            write_text_sheet(COLUMNS, rows, binary, "Voucher codes")  # type: ignore[arg-type]
        return
    with written_file(path) as stream:
        writer = csv.writer(stream, lineterminator="\n")  # type: ignore[arg-type]
        writer.writerow(COLUMNS)
        writer.writerows(rows)


@click.command("generate", short_help="Make unique, unguessable codes for a voucher: a file, added with --import.")
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
@command_job
def command(
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
    voucher = one_voucher(voucher_id, voucher_name)
    if path is None and not then_import:
        raise click.UsageError("say where the codes go: -o FILE, or --import (or both)")
    try:
        code_pattern = CodePattern.parse(pattern, alphabet=alphabet, length=length, prefix=prefix)
    except PatternError as error:
        raise click.BadParameter(str(error), param_hint="--pattern/--alphabet/--length/--prefix") from None
    reading = DateReading(settings.zone)
    start, end = (
        moment_option(reading, valid_from, "--valid-from"),
        moment_option(reading, valid_until, "--valid-until"),
    )
    with settings.connection() as options:
        target = voucher if isinstance(voucher, uuid.UUID) else VoucherNames(options).id_of(voucher)
        generation = Generation(target, count, code_pattern, start, end, allow_small_space)
        chosen_path = path or default_path(generation)
        summary = generate(generation, options, output, chosen_path, then_import=then_import)
    return output.summary(summary)
