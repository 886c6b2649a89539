"""`mews-vouchers export`: every field of every code of vouchers, streamed to CSV, xlsx, JSON or JSON Lines.

Nothing more than the client's few pages is held; a file is written beside its target and renamed when complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mews_vouchers._files.codes_out import FORMATS, TextExport, escaped, write_codes
from mews_vouchers._files.output_file import ExportTargetError, written_file
from mews_vouchers._files.workbook_out import write_workbook
from mews_vouchers._shared.code_query import Query, codes, voucher_names
from mews_vouchers._shared.console import Output, Summary
from mews_vouchers._shared.enterprises import enterprise_of_vouchers
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    VOUCHER_BY_NAME,
    query_of,
    read_filters,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient


def export_codes(
    client_options: dict[str, Any],
    output: Output,
    query: Query,
    file_format: str,
    path: str | None,
    *,
    excel_safe: bool = False,
) -> Summary:
    """Stream every matching code, every field, to `path` (stdout when None) in `file_format`.

    `excel_safe`: CSV cells that a spreadsheet would run as formulas get an apostrophe first (OWASP); without it
    they are written exactly, and a warning says so once.
    """
    exported = 0
    if file_format == "xlsx" and path is None:
        raise ExportTargetError("an xlsx export is a file: give it with -o FILE.xlsx")

    def warn_of_formula(value: str) -> None:
        output.warn(
            f"warning: values such as {escaped(value)!r} begin with {value[0]!r}: a spreadsheet that opens this CSV "
            "would run them as formulas. They are written exactly (an import needs them so); to open the file in a "
            "spreadsheet, export with --excel-safe or -o FILE.xlsx"
        )

    how = TextExport(zone=query.zone, excel_safe=excel_safe, on_formula_like=warn_of_formula)
    with MewsClient(**client_options) as client:
        names = voucher_names(client, query)  # first: a name that matches nothing leaves the target alone
        shown_names = names if query.every_voucher else None
        enterprises = enterprise_of_vouchers(client, names) if query.every_voucher and client.portfolio else None
        with written_file(path, binary=file_format == "xlsx") as stream, output.progress("export", None) as tracker:
            found = codes(client, query, list(names))
            steps = (
                write_workbook(found, stream, shown_names, query.zone, enterprises)  # type: ignore[arg-type]
                if file_format == "xlsx"
                else write_codes(found, stream, file_format, shown_names, how, enterprises=enterprises)  # type: ignore[arg-type]
            )
            for step in steps:
                exported += step
                tracker.advance(step)
    where = path or "stdout"
    return Summary("export", {"exported": exported}, output.elapsed(), {"format": file_format, "file": where})


@click.command("export", short_help="Write every code of vouchers to CSV, an xlsx workbook, JSON or JSON Lines.")
@click.argument("voucher_ids", metavar="[VOUCHER_ID...]", nargs=-1, type=click.UUID)
@VOUCHER_BY_NAME
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
@read_filters
@shared_options(enterprise=False)
@command_job
def command(
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
    query = query_of(settings, **filters)
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


def _format_of(path: str | None) -> str:
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "csv"
