"""What `vouchers` and `services` share: their columns, and rows printed as a table, tab-separated lines or JSON.

Both read everything first (a few hundred rows at most for a property) and print a table on a terminal,
tab-separated lines in a pipe, JSON lines with --json.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mews_vouchers._files.codes_out import cell_text, escaped
from mews_vouchers._shared.console import Output
from mews_wrapper import Service, match_service

VOUCHER_COLUMNS = ("Name", "Id", "Type", "ServiceName", "ServiceId", "EnterpriseId", "IsActive")
SERVICE_COLUMNS = ("Name", "Id", "Type", "EnterpriseId", "IsActive")
ID_COLUMNS = frozenset({"Id", "ServiceId", "EnterpriseId", "VoucherId", "ChainId", "BaseRateId"})
"""Shown by their first 8 characters in a table (whole with --long, in lines and in JSON): one line, copyable."""
SHORT_ID = 8


def print_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], output: Output, counted: str, *, long: bool = False
) -> None:
    """`rows` as a table on a terminal (then `counted` on stderr), lines in a pipe, JSON lines with --json."""
    stdout = Console(highlight=False, soft_wrap=False)
    if output.as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif stdout.is_terminal:
        view = Table(header_style="bold")
        for column in columns:
            view.add_column(column, overflow="fold", no_wrap=column in ID_COLUMNS)
        for row in rows:
            view.add_row(*(Text(_in_table(column, escaped(cell_text(row[column])), long)) for column in columns))
        stdout.print(view)
        output.say(counted)
    else:
        for row in rows:
            print("\t".join(escaped(cell_text(row[column])) for column in columns))
    sys.stdout.flush()


def _in_table(column: str, text: str, long: bool) -> str:
    return text[:SHORT_ID] if column in ID_COLUMNS and not long else text


def service_named(text: str, services: dict[uuid.UUID, Service]) -> uuid.UUID:
    """A service by its id (when `text` is one) or its name among `services` (`NoMatchError`, `AmbiguousMatchError`)."""
    try:
        found = uuid.UUID(text)
    except ValueError:
        return match_service(text, list(services.values())).id
    return found


def with_enterprise_names(
    rows: list[dict[str, Any]], columns: Sequence[str], names: dict[uuid.UUID, str | None] | None
) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """With a portfolio token's `names`: each row's `EnterpriseName` after its `EnterpriseId`; else as they are."""
    if names is None:
        return rows, tuple(columns)
    at = list(columns).index("EnterpriseId") + 1
    named = (*columns[:at], "EnterpriseName", *columns[at:])
    shown = []
    for row in rows:
        enterprise = row.get("EnterpriseId")
        row["EnterpriseName"] = None if enterprise is None else names.get(uuid.UUID(enterprise))
        shown.append({column: row[column] for column in named})  # in the order of the columns (JSON lines too)
    return shown, named
