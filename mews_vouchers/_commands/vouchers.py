"""`mews-vouchers vouchers`: every voucher the token reaches, by name, with its service (and its active codes).

A group: alone it lists; `vouchers add|update|delete` (in `_voucher_writes`) make, change and retire a voucher.
"""

from __future__ import annotations

import collections
import uuid
from collections.abc import Callable
from typing import Any

import click

from mews_vouchers._commands import _voucher_writes
from mews_vouchers._commands._catalog import VOUCHER_COLUMNS, print_rows, with_enterprise_names
from mews_vouchers._shared.console import Output, counted
from mews_vouchers._shared.enterprises import enterprise_names
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient, Service, Voucher


def list_vouchers(
    client_options: dict[str, Any], output: Output, *, with_codes: bool, long: bool = False, with_rates: bool = False
) -> int:
    """Print every voucher the token reaches, with its service's name (its active codes, its rates by name)."""
    with MewsClient(**client_options) as client:
        services = {service.id: service for service in client.services.get_all()}
        vouchers = (
            sorted(client.vouchers.get_all(list(services), with_rates=with_rates), key=_by_name) if services else []
        )
        counts = _active_codes(client, [voucher.id for voucher in vouchers]) if with_codes else None
        rate_names = _rate_names(client, vouchers) if with_rates else None
        names = enterprise_names(client) if client.portfolio else None
    rows = [_voucher_row(voucher, services, counts) for voucher in vouchers]
    columns: tuple[str, ...] = (*VOUCHER_COLUMNS, "ActiveCodes") if with_codes else VOUCHER_COLUMNS
    if rate_names is not None:
        for row, voucher in zip(rows, vouchers, strict=True):
            row["Rates"] = "; ".join(rate_names.get(rate, str(rate)) for rate in voucher.rate_ids or ())
        columns = (*columns, "Rates")
    rows, columns = with_enterprise_names(rows, columns, names)
    print_rows(rows, columns, output, counted(len(rows), "voucher"), long=long)
    return 0


def _rate_names(client: MewsClient, vouchers: list[Voucher]) -> dict[uuid.UUID, str]:
    """The names of the rates of the vouchers' services (one rates/getAll for them all)."""
    service_ids = list({voucher.service_id for voucher in vouchers})
    if not service_ids:
        return {}
    return {rate.id: rate.name or str(rate.id) for rate in client.rates.get_all(service_ids)}


def _by_name(voucher: Voucher) -> tuple[str, str]:
    return voucher.name.casefold(), str(voucher.id)


def _active_codes(client: MewsClient, voucher_ids: list[uuid.UUID]) -> collections.Counter[uuid.UUID]:
    counts: collections.Counter[uuid.UUID] = collections.Counter()
    if voucher_ids:
        for code in client.voucher_codes.get_all(voucher_ids):
            if code.is_active:
                counts[code.voucher_id] += 1
    return counts


def _voucher_row(
    voucher: Voucher, services: dict[uuid.UUID, Service], counts: collections.Counter[uuid.UUID] | None
) -> dict[str, Any]:
    service = services.get(voucher.service_id)
    row: dict[str, Any] = {
        "Name": voucher.name,
        "Id": str(voucher.id),
        "Type": voucher.type,
        "ServiceName": None if service is None else service.name,
        "ServiceId": str(voucher.service_id),
        "EnterpriseId": None if voucher.enterprise_id is None else str(voucher.enterprise_id),
        "IsActive": voucher.is_active,
    }
    if counts is not None:
        row["ActiveCodes"] = counts[voucher.id]
    return row


@click.group(
    "vouchers",
    invoke_without_command=True,
    short_help="Show every voucher the token reaches, by name; add, update or delete one.",
)
@click.option("--codes", "with_codes", is_flag=True, help="Also count each voucher's active codes (reads them all).")
@click.option("--rates", "with_rates", is_flag=True, help="Also name the rates each voucher unlocks.")
@click.option("--long", is_flag=True, help="In the table, whole ids (lines and --json always have them).")
@shared_options(enterprise=False)
@click.pass_context
def command(context: click.Context, with_codes: bool, with_rates: bool, long: bool) -> int:
    """Show every voucher the token reaches: a table on a terminal, tab-separated lines when piped (--json: JSON lines).

    The columns: Name, Id, Type, ServiceName, ServiceId, EnterpriseId, IsActive (and ActiveCodes with --codes, Rates
    with --rates: the names of the rates it unlocks; with a portfolio token, EnterpriseName after EnterpriseId). It
    reads services/getAll, then vouchers/getAll for those services; a name shown here works as `--voucher NAME`.

    `vouchers add NAME --service NAME --rate NAME` makes a voucher; `vouchers update` and `vouchers delete` change
    and retire one (see their --help).
    """
    if context.invoked_subcommand is not None:
        return 0
    job: Callable[..., int] = command_job(_list_job)  # the wrapper supplies output and settings
    return job(with_codes=with_codes, with_rates=with_rates, long=long)


def _list_job(output: Output, settings: Settings, *, with_codes: bool, with_rates: bool, long: bool) -> int:
    with settings.connection() as options:
        return list_vouchers(options, output, with_codes=with_codes, long=long, with_rates=with_rates)


for _write in (_voucher_writes.add, _voucher_writes.update, _voucher_writes.delete):
    command.add_command(_write)
