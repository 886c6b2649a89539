"""`mews-vouchers vouchers` and `services`: what the token reaches, by name, and voucher names turned into ids.

Both read everything first (a few hundred rows at most for a property) and print a table on a terminal,
tab-separated lines in a pipe, JSON lines with --json. `voucher_ids_named` is how `--voucher NAME` becomes an id for
list, export, import and delete; `VoucherNames` resolves the names in a file's `Voucher` column.
"""

from __future__ import annotations

import collections
import json
import sys
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mews_vouchers._codes_out import cell_text, escaped
from mews_vouchers._console import Output, counted
from mews_wrapper import AmbiguousMatchError, MewsClient, NoMatchError, Service, Voucher, match_voucher

VOUCHER_COLUMNS = ("Name", "Id", "Type", "ServiceName", "ServiceId", "EnterpriseId", "IsActive")
SERVICE_COLUMNS = ("Name", "Id", "Type", "EnterpriseId", "IsActive")


def voucher_ids_named(client: MewsClient, names: Sequence[str]) -> list[uuid.UUID]:
    """The id of each named voucher, by `vouchers.find` (`NoMatchError`/`AmbiguousMatchError` say why not)."""
    return [client.vouchers.find(name).id for name in names]


class VoucherNames:
    """Voucher names resolved to ids through one read of every voucher the token reaches (made at the first name).

    One instance serves a command's `--voucher NAME` (`id_of`: `NoMatchError` or `AmbiguousMatchError` when there is
    not one) and the names in its file's `Voucher` column (calling it: `ValueError` with the same reason, which
    makes the row a bad one), so the vouchers are read once however many names there are.
    """

    def __init__(self, client_options: dict[str, Any]) -> None:
        """Resolve through a client made with `client_options`."""
        self._options = client_options
        self._vouchers: list[Voucher] | None = None

    def id_of(self, name: str) -> uuid.UUID:
        """The id of the voucher called `name`, by the rule of `vouchers.find`."""
        if self._vouchers is None:
            with MewsClient(**self._options) as client:
                self._vouchers = list(client.vouchers.get_all())
        return match_voucher(name, self._vouchers).id

    def __call__(self, name: str) -> uuid.UUID:
        """The id of the voucher called `name`; `ValueError` saying why there is not one."""
        try:
            return self.id_of(name)
        except (NoMatchError, AmbiguousMatchError) as error:
            raise ValueError(str(error)) from None


def list_vouchers(client_options: dict[str, Any], output: Output, *, with_codes: bool) -> int:
    """Print every voucher the token reaches, with its service's name (and its number of active codes)."""
    with MewsClient(**client_options) as client:
        services = {service.id: service for service in client.services.get_all()}
        vouchers = sorted(client.vouchers.get_all(list(services)), key=_by_name) if services else []
        counts = _active_codes(client, [voucher.id for voucher in vouchers]) if with_codes else None
    rows = [_voucher_row(voucher, services, counts) for voucher in vouchers]
    columns = (*VOUCHER_COLUMNS, "ActiveCodes") if with_codes else VOUCHER_COLUMNS
    _print(rows, columns, output, counted(len(rows), "voucher"))
    return 0


def list_services(client_options: dict[str, Any], output: Output) -> int:
    """Print every service the token reaches."""
    with MewsClient(**client_options) as client:
        services = sorted(client.services.get_all(), key=lambda service: (service.name or "", str(service.id)))
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
    _print(rows, SERVICE_COLUMNS, output, counted(len(rows), "service"))
    return 0


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


def _print(rows: Iterable[dict[str, Any]], columns: Sequence[str], output: Output, counted: str) -> None:
    stdout = Console(highlight=False, soft_wrap=False)
    if output.as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif stdout.is_terminal:
        view = Table(header_style="bold")
        for column in columns:
            view.add_column(column, overflow="fold")
        for row in rows:
            view.add_row(*(Text(escaped(cell_text(row[column]))) for column in columns))
        stdout.print(view)
        output.say(counted)
    else:
        for row in rows:
            print("\t".join(escaped(cell_text(row[column])) for column in columns))
    sys.stdout.flush()
