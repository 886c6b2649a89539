"""`mews-vouchers rates`: the rates of the services the token reaches, by name: what a voucher can unlock."""

from __future__ import annotations

from typing import Any

import click

from mews_vouchers._commands._catalog import print_rows, service_named
from mews_vouchers._shared.console import Output, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient

COLUMNS = ("Name", "Id", "ServiceName", "ServiceId", "Type", "ShortName", "IsBaseRate", "IsActive", "IsEnabled")


def list_rates(client_options: dict[str, Any], output: Output, *, service: str | None, long: bool = False) -> int:
    """Print the rates of every service the token reaches (or of the one named), sorted by service and name."""
    with MewsClient(**client_options) as client:
        services = {found.id: found for found in client.services.get_all()}
        chosen = list(services) if service is None else [service_named(service, services)]
        rates = list(client.rates.get_all(chosen)) if chosen else []
    rows = [
        {
            "Name": rate.name,
            "Id": str(rate.id),
            "ServiceName": services[rate.service_id].name if rate.service_id in services else None,
            "ServiceId": str(rate.service_id),
            "Type": rate.type,
            "ShortName": rate.short_name,
            "IsBaseRate": rate.is_base_rate,
            "IsActive": rate.is_active,
            "IsEnabled": rate.is_enabled,
        }
        for rate in sorted(rates, key=lambda rate: (str(rate.service_id), (rate.name or "").casefold(), str(rate.id)))
    ]
    print_rows(rows, COLUMNS, output, counted(len(rows), "rate"), long=long)
    return 0


@click.command("rates", short_help="Show the rates of the services the token reaches, by name.")
@click.option("--service", metavar="NAME|ID", help="Only this service's rates (its name, as `services` shows it).")
@click.option("--long", is_flag=True, help="In the table, whole ids (lines and --json always have them).")
@shared_options(enterprise=False)
@command_job
def command(output: Output, settings: Settings, service: str | None, long: bool) -> int:
    """Show the rates of every service the token reaches: a table, tab-separated lines when piped (--json: JSON lines).

    The columns: Name, Id, ServiceName, ServiceId, Type (Public, Private or AvailabilityBlock), ShortName,
    IsBaseRate, IsActive, IsEnabled. A rate's name here is what a voucher's --rate takes.
    """
    with settings.connection() as options:
        return list_rates(options, output, service=service, long=long)
