"""`mews-vouchers find CODE...`: which voucher a code is on, whether it is active, and until when."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from mews_vouchers._commands._catalog import print_rows
from mews_vouchers._files.codes_out import escaped
from mews_vouchers._files.datetimes import format_moment
from mews_vouchers._shared.console import EXIT_OK, EXIT_SOME_FAILED, Output, counted
from mews_vouchers._shared.enterprises import enterprise_names
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import MewsClient

COLUMNS = (
    "Value",
    "IsActive",
    "VoucherName",
    "ServiceName",
    "EnterpriseName",
    "ValidityStart",
    "ValidityEnd",
    "Id",
    "VoucherId",
)


def find_codes(client_options: dict[str, Any], output: Output, values: list[str], settings: Settings) -> int:
    """Print every code with one of these values (active and deleted), with its voucher; 1 when one is not found."""
    zone = settings.zone
    with MewsClient(**client_options) as client:
        codes = client.voucher_codes.find(values)
        holders = sorted({code.voucher_id for code in codes})
        vouchers = {voucher.id: voucher for voucher in client.vouchers.get_all(voucher_ids=holders)} if holders else {}
        services = {service.id: service.name for service in client.services.get_all()} if holders else {}
        enterprises = enterprise_names(client) if holders else {}
    rows = []
    for code in codes:
        voucher = vouchers.get(code.voucher_id)
        rows.append(
            {
                "Value": code.value,
                "IsActive": code.is_active,
                "VoucherName": None if voucher is None else voucher.name,
                "ServiceName": None if voucher is None else services.get(voucher.service_id),
                "EnterpriseName": None
                if voucher is None or voucher.enterprise_id is None
                else enterprises.get(voucher.enterprise_id),
                "ValidityStart": format_moment(code.validity_start_utc, zone) or None,
                "ValidityEnd": format_moment(code.validity_end_utc, zone) or None,
                "Id": str(code.id),
                "VoucherId": str(code.voucher_id),
            }
        )
    print_rows(rows, COLUMNS, output, counted(len(rows), "code"))
    missing = [value for value in values if value not in {code.value for code in codes}]
    for value in missing:
        output.warn(f"no code is {escaped(value)!r} (values are compared exactly, letter case included)")
    if output.as_json and missing:
        print(json.dumps({"not_found": missing}, ensure_ascii=False))
    sys.stdout.flush()
    return EXIT_SOME_FAILED if missing else EXIT_OK


@click.command("find", short_help="Which voucher a code is on, whether it is active, and until when.")
@click.argument("values", metavar="CODE...", nargs=-1, required=True)
@shared_options(enterprise=False)
@command_job
def command(output: Output, settings: Settings, values: tuple[str, ...]) -> int:
    """Find codes by value across every voucher the token reaches: a table, lines when piped (--json: JSON lines).

    The columns: Value, IsActive, VoucherName, ServiceName, EnterpriseName, ValidityStart, ValidityEnd (in
    --timezone, else UTC), Id, VoucherId. Deleted codes are shown too (IsActive false). Values are compared exactly,
    as Mews compares them. Exit code 1 when a value matches no code.
    """
    with settings.connection() as options:
        return find_codes(options, output, list(dict.fromkeys(values)), settings)
