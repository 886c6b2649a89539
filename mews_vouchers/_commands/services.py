"""`mews-vouchers services`: every service the token reaches."""

from __future__ import annotations

from typing import Any

import click

from mews_vouchers._commands._catalog import SERVICE_COLUMNS, print_rows, with_enterprise_names
from mews_vouchers._shared.console import Output, counted
from mews_vouchers._shared.enterprises import enterprise_names
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient


def list_services(client_options: dict[str, Any], output: Output, *, long: bool = False) -> int:
    """Print every service the token reaches."""
    with MewsClient(**client_options) as client:
        services = sorted(client.services.get_all(), key=lambda service: (service.name or "", str(service.id)))
        names = enterprise_names(client) if client.portfolio else None
    rows = [
        {
            "Name": service.name,
            "Id": str(service.id),
            "Type": service.type,
            "EnterpriseId": str(service.enterprise_id),
            "IsActive": service.is_active,
        }
        for service in services
    ]
    rows, columns = with_enterprise_names(rows, SERVICE_COLUMNS, names)
    print_rows(rows, columns, output, counted(len(rows), "service"), long=long)
    return 0


@click.command("services", short_help="Show every service the token reaches (a table, or lines when piped).")
@click.option("--long", is_flag=True, help="In the table, whole ids (lines and --json always have them).")
@shared_options(enterprise=False)
@command_job
def command(output: Output, settings: Settings, long: bool) -> int:
    """Show every service the token reaches: a table, tab-separated lines when piped (--json: JSON lines).

    The columns: Name, Id, Type (Bookable or Additional), EnterpriseId, IsActive; with a portfolio token,
    EnterpriseName after EnterpriseId.
    """
    with settings.connection() as options:
        return list_services(options, output, long=long)
