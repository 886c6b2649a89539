"""`mews-vouchers enterprises`: the enterprises (properties) the token reaches, with their names and timezones."""

from __future__ import annotations

from typing import Any

import click

from mews_vouchers._commands._catalog import print_rows
from mews_vouchers._shared.console import Output, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient

COLUMNS = ("Name", "Id", "TimeZone", "ShortName", "ChainName", "ExternalIdentifier")


def list_enterprises(client_options: dict[str, Any], output: Output, *, long: bool = False) -> int:
    """Print every enterprise the token reaches, by name."""
    with MewsClient(**client_options) as client:
        enterprises = sorted(client.enterprises.get_all(), key=lambda found: ((found.name or "").casefold(), found.id))
    rows = [
        {
            "Name": enterprise.name,
            "Id": str(enterprise.id),
            "TimeZone": enterprise.time_zone,
            "ShortName": enterprise.short_name,
            "ChainName": enterprise.chain_name,
            "ExternalIdentifier": enterprise.external_identifier,
        }
        for enterprise in enterprises
    ]
    print_rows(rows, COLUMNS, output, counted(len(rows), "enterprise"), long=long)
    return 0


@click.command("enterprises", short_help="Show the enterprises (properties) the token reaches, with their names.")
@click.option("--long", is_flag=True, help="In the table, whole ids (lines and --json always have them).")
@shared_options(enterprise=False)
@command_job
def command(output: Output, settings: Settings, long: bool) -> int:
    """Show the enterprises the token reaches (every property of a portfolio): a table, lines when piped, JSON lines.

    The columns: Name, Id, TimeZone (the property's local time, IANA), ShortName, ChainName, ExternalIdentifier.
    """
    with settings.connection() as options:
        return list_enterprises(options, output, long=long)
