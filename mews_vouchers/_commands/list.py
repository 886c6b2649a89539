"""`mews-vouchers list`: the codes of vouchers on a terminal (a table), in a pipe (lines) or as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console

from mews_vouchers._files.codes_out import as_mews_fields, plain_line, table
from mews_vouchers._shared.code_query import Query, codes, voucher_names
from mews_vouchers._shared.console import Output, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    VOUCHER_BY_NAME,
    query_of,
    read_filters,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient


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


@click.command("list", short_help="Show the codes of vouchers (a table, or lines when piped).")
@click.argument("voucher_ids", metavar="[VOUCHER_ID...]", nargs=-1, type=click.UUID)
@VOUCHER_BY_NAME
@click.option("--wide", is_flag=True, help="In the table, whole ids and the update time.")
@read_filters
@shared_options(enterprise=False)
@command_job
def command(output: Output, settings: Settings, wide: bool, **filters: Any) -> int:
    """Show the codes of vouchers: a table on a terminal, tab-separated lines when piped (--json: JSON lines).

    The table fits 80 columns: ids shortened to 8 characters (--wide: whole, with the update time), datetimes in
    whole seconds in UTC or --timezone. The lines have the columns of an export, without a header: Id, VoucherId,
    Value, ValidityStartUtc, ValidityEndUtc, CreatedUtc, UpdatedUtc, IsActive. Vouchers by id, or by name with
    --voucher.
    """
    query = query_of(settings, **filters)
    if not (query.voucher_ids or query.voucher_names):
        raise click.UsageError("name the vouchers: VOUCHER_ID..., or --voucher NAME")
    with settings.connection() as options:
        return list_codes(options, output, query, wide=wide)
