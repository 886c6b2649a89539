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

from mews_vouchers._code_pattern import CodePattern, check_space, guessing, unique_codes
from mews_vouchers._console import CommandError, Output, Summary, counted
from mews_vouchers._datetimes import format_utc
from mews_vouchers._import_file import END, START, VALUE, VOUCHER_ID, read_import_file
from mews_vouchers._import_job import run_import
from mews_vouchers._output_file import written_file
from mews_vouchers._table_file import is_spreadsheet
from mews_vouchers._xlsx_out import write_text_sheet
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

    When `path` exists and `then_import`, the codes it holds are imported (when they are this voucher's and as
    many as asked for), not a new set made; without `then_import` an existing `path` is refused.
    """
    if Path(path).exists():
        if not then_import:
            raise GeneratedFileError(f"{path} exists: generated codes are never written over; choose another -o")
        loaded = read_import_file(path)
        vouchers = loaded.rows.vouchers()
        if loaded.bad or vouchers != [generation.voucher_id] or len(loaded.rows) != generation.count:
            raise GeneratedFileError(
                f"{path} exists and does not hold {generation.count:,} codes of voucher {generation.voucher_id}: "
                "choose another -o"
            )
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
