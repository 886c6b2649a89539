"""`mews-vouchers list` and `export`: read codes page by page and write them as they come.

Neither holds more than the client's few pages in memory (a table on a terminal is the exception: it is drawn
once every row is known). An export to a file is written by `_output_file` (beside it, renamed when complete).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rich.console import Console

from mews_vouchers._catalog_job import voucher_ids_named
from mews_vouchers._codes_out import TextExport, as_mews_fields, escaped, plain_line, table, write_codes
from mews_vouchers._console import Output, Summary, counted
from mews_vouchers._output_file import ExportTargetError, written_file
from mews_vouchers._xlsx_out import write_workbook
from mews_wrapper import MewsClient, VoucherCode


@dataclass(frozen=True)
class Query:
    """What to read: vouchers (by id, by name, or every one the token reaches) and the filters of list and export."""

    voucher_ids: tuple[uuid.UUID, ...]
    voucher_names: tuple[str, ...] = ()
    every_voucher: bool = False
    code_ids: tuple[uuid.UUID, ...] = ()
    enterprise_ids: tuple[uuid.UUID, ...] = ()
    updated_since: dt.datetime | None = None
    updated_until: dt.datetime | None = None
    active_only: bool = False
    zone: zoneinfo.ZoneInfo | None = None
    """The timezone datetimes are shown in (None: UTC)."""

    def get_all_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `get_all` (an open `--updated-since` ends now)."""
        arguments: dict[str, Any] = {
            "voucher_code_ids": list(self.code_ids) or None,
            "enterprise_ids": list(self.enterprise_ids) or None,
        }
        if self.updated_since is not None:
            until = self.updated_until or dt.datetime.now(dt.UTC)
            arguments["updated_utc"] = (self.updated_since, until)
        return arguments


def voucher_names(client: MewsClient, query: Query) -> dict[uuid.UUID, str]:
    """The vouchers to read, by id, with their names when the query needs them (`--all`: every voucher)."""
    if query.every_voucher:
        return {voucher.id: voucher.name for voucher in client.vouchers.get_all()}
    named = voucher_ids_named(client, query.voucher_names)
    return dict.fromkeys(query.voucher_ids, "") | dict(zip(named, query.voucher_names, strict=True))


def codes(client: MewsClient, query: Query, voucher_ids: list[uuid.UUID] | None = None) -> Iterator[VoucherCode]:
    """The codes that match, page by page (of `voucher_ids`, once they are known, else of the query's)."""
    ids = list(voucher_names(client, query)) if voucher_ids is None else voucher_ids
    if not ids:
        return
    for code in client.voucher_codes.get_all(ids, **query.get_all_arguments()):
        if code.is_active or not query.active_only:
            yield code


def list_codes(client_options: dict[str, Any], output: Output, query: Query, *, wide: bool = False) -> int:
    """Print the codes: a table on a terminal, tab-separated lines in a pipe, JSON lines with --json."""
    stdout = Console(highlight=False, soft_wrap=False)
    with MewsClient(**client_options) as client:
        names = voucher_names(client, query)
        found = codes(client, query, list(names))
        if output.as_json:
            for code in found:
                print(json.dumps(as_mews_fields(code, query.zone), ensure_ascii=False), flush=False)
        elif stdout.is_terminal:
            count = table(found, stdout, zone=query.zone, wide=wide, names=names)
            output.say(counted(count, "code"))
        else:
            for code in found:
                print(plain_line(code, query.zone))
    sys.stdout.flush()
    return 0


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
        with written_file(path, binary=file_format == "xlsx") as stream, output.progress("export", None) as tracker:
            found = codes(client, query, list(names))
            steps = (
                write_workbook(found, stream, shown_names, query.zone)  # type: ignore[arg-type]
                if file_format == "xlsx"
                else write_codes(found, stream, file_format, shown_names, how)  # type: ignore[arg-type]
            )
            for step in steps:
                exported += step
                tracker.advance(step)
    where = path or "stdout"
    return Summary("export", {"exported": exported}, output.elapsed(), {"format": file_format, "file": where})
