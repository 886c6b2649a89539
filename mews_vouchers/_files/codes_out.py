"""Codes written out: CSV, JSON and JSON Lines for export (streamed), a table or plain lines for list.

Every format carries every field under its Mews name (`Id`, `VoucherId`, `Value`, `ValidityStartUtc`,
`ValidityEndUtc`, `CreatedUtc`, `UpdatedUtc`, `IsActive`), so that an export can be imported as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mews_vouchers._files.datetimes import format_moment, format_short
from mews_wrapper import VoucherCode

TEXT_COLUMNS = ("Value", "VoucherName", "EnterpriseName")
"""The columns of free text (a code's value, a voucher's name): what a spreadsheet could take for a formula."""
COLUMNS = ("Id", "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc", "IsActive")
FORMATS = ("csv", "json", "jsonl", "xlsx")


def as_mews_fields(code: VoucherCode, zone: zoneinfo.ZoneInfo | None = None) -> dict[str, Any]:
    """A code as Mews names its fields: datetimes as ISO 8601 text, in UTC or in `zone` (None when absent).

    Fields that this version of the client does not know are kept, after the others.
    """
    fields = {
        "Id": str(code.id),
        "VoucherId": str(code.voucher_id),
        "Value": code.value,
        "ValidityStartUtc": format_moment(code.validity_start_utc, zone) or None,
        "ValidityEndUtc": format_moment(code.validity_end_utc, zone) or None,
        "CreatedUtc": format_moment(code.created_utc, zone) or None,
        "UpdatedUtc": format_moment(code.updated_utc, zone) or None,
        "IsActive": code.is_active,
    }
    return {**fields, **{key: value for key, value in code.extra.items() if key not in fields}}


@dataclass(frozen=True)
class TextExport:
    """How a text export writes: datetimes in UTC or `zone`; `excel_safe` neutralises cells a spreadsheet would run.

    `on_formula_like` is told (once) of the first value that begins as a formula would, when not neutralised.
    """

    zone: zoneinfo.ZoneInfo | None = None
    excel_safe: bool = False
    on_formula_like: Callable[[str], None] | None = None


AS_STORED = TextExport()
"""Values exactly as Mews holds them, datetimes in UTC."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP's list of the characters to neutralise)."""


def excel_safe(text: str) -> str:
    """`text` as OWASP recommends for a CSV a spreadsheet opens: an apostrophe before a formula's first character."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def columns_of(
    names: Mapping[uuid.UUID, str] | None, enterprises: Mapping[uuid.UUID, str | None] | None = None
) -> tuple[str, ...]:
    """The columns of an export: `VoucherName` after `VoucherId` with voucher names, then `EnterpriseName`.

    `enterprises` (voucher id -> its enterprise's name) is for a portfolio token's export of every voucher.
    """
    named: tuple[str, ...] = ("VoucherName",) if names is not None else ()
    named += ("EnterpriseName",) if enterprises is not None else ()
    return (*COLUMNS[:2], *named, *COLUMNS[2:])


def named_fields(
    code: VoucherCode, names: Mapping[uuid.UUID, str] | None, enterprises: Mapping[uuid.UUID, str | None] | None
) -> dict[str, str | None]:
    """The names a code's row carries beside its Mews fields: its voucher's, its enterprise's."""
    return {
        "VoucherName": None if names is None else names.get(code.voucher_id),
        "EnterpriseName": None if enterprises is None else enterprises.get(code.voucher_id),
    }


def write_codes(
    codes: Iterable[VoucherCode],
    stream: TextIO,
    file_format: str,
    names: Mapping[uuid.UUID, str] | None = None,
    how: TextExport = AS_STORED,
    *,
    enterprises: Mapping[uuid.UUID, str | None] | None = None,
) -> Iterator[int]:
    """Write `codes` to `stream` as they come; yields after each code (so that a caller can count), in `format`.

    With `names` (voucher id -> name), each code also carries its voucher's name (`VoucherName`, after `VoucherId`);
    with `enterprises` (voucher id -> enterprise name), its enterprise's (`EnterpriseName`).
    """
    columns = columns_of(names, enterprises)

    def fields_of(code: VoucherCode) -> dict[str, Any]:
        fields = as_mews_fields(code, how.zone)
        if names is None and enterprises is None:
            return fields
        fields |= named_fields(code, names, enterprises)
        return {name: fields[name] for name in columns} | {
            key: value for key, value in fields.items() if key not in columns and key not in _NAMES
        }

    if file_format == "csv":
        if how.excel_safe:  # a CSV for a spreadsheet: a BOM tells it UTF-8 (without one, CAFÉ shows as CAFÃ‰)
            stream.write("\ufeff")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        tell = how.on_formula_like
        for code in codes:
            fields = fields_of(code)
            cells = [cell_text(fields[name]) for name in columns]
            if how.excel_safe:
                cells = [
                    excel_safe(cell) if name in TEXT_COLUMNS else cell
                    for name, cell in zip(columns, cells, strict=True)
                ]
            elif tell is not None and code.value and code.value.startswith(FORMULA_STARTS):
                tell(code.value)
                tell = None  # once
            writer.writerow(cells)
            yield 1
    elif file_format == "jsonl":
        for code in codes:
            stream.write(json.dumps(fields_of(code), ensure_ascii=False) + "\n")
            yield 1
    else:
        stream.write("[")
        separator = "\n"
        for code in codes:
            stream.write(separator + json.dumps(fields_of(code), ensure_ascii=False))
            separator = ",\n"
            yield 1
        stream.write("\n]\n" if separator != "\n" else "]\n")


_NAMES = ("VoucherName", "EnterpriseName")


def cell_text(value: object) -> str:
    """A field as a CSV cell or a line's column: empty for None, `true`/`false` for booleans."""
    if value is None:
        return ""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# What a terminal would act on rather than show: C0, DEL and C1 controls (an escape sequence can clear the screen or
# retitle the window), the line and paragraph separators, and the marks that reorder text (bidirectional overrides).
_UNSHOWABLE = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHORT_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escaped(text: str) -> str:
    """`text` safe to print: a backslash doubled, control and reordering characters escaped as Python writes them."""
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain_line(code: VoucherCode, zone: zoneinfo.ZoneInfo | None = None) -> str:
    """One tab-separated line, the columns of an export, for pipes (every cell `escaped`: one code, one line)."""
    fields = as_mews_fields(code, zone)
    cells = [cell_text(fields[name]) for name in COLUMNS]
    return "\t".join(escaped(cell) for cell in cells)


SHORT_ID = 8
"""The characters of an id a table shows (`--wide`: all of them)."""


def table(
    codes: Iterable[VoucherCode],
    console: Console,
    *,
    zone: zoneinfo.ZoneInfo | None = None,
    wide: bool = False,
    names: Mapping[uuid.UUID, str] | None = None,
) -> int:
    """Print a table of `codes` that fits a terminal of 80 columns; returns how many.

    Datetimes in whole seconds, in UTC or `zone` (the header says which); ids shortened to their first 8
    characters unless `wide` (which adds the update time). The voucher is named once above the table when there is
    one, else in a column.
    """
    rows = list(codes)
    vouchers = list(dict.fromkeys(code.voucher_id for code in rows))
    where = "UTC" if zone is None else zone.key
    view = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    titles = ["Value", "Active", f"Valid from ({where})", f"Valid until ({where})"]
    if wide:
        titles.append(f"Updated ({where})")
    titles.append("Code id")
    if len(vouchers) > 1:
        titles.append("Voucher")
    for title in titles:
        view.add_column(title, overflow="fold")
    for code in rows:
        cells = [
            escaped(code.value or ""),
            "yes" if code.is_active else "no",
            _when(code.validity_start_utc, zone),
            _when(code.validity_end_utc, zone),
        ]
        if wide:
            cells.append(_when(code.updated_utc, zone))
        cells.append(_id(code.id, wide))
        if len(vouchers) > 1:
            cells.append(_voucher(code.voucher_id, names, wide))
        view.add_row(*(Text(cell) for cell in cells))  # Text: a value is never read as markup
    if len(vouchers) == 1:
        console.print(Text(f"voucher {_voucher(vouchers[0], names, wide=True)}", style="bold"))
    console.print(view)
    return len(rows)


def _when(moment: dt.datetime | None, zone: zoneinfo.ZoneInfo | None) -> str:
    """Whole minutes when the seconds are zero (a validity usually is), else whole seconds."""
    text = format_short(moment, zone)
    return text[:-3] if text.endswith(":00") and len(text) == 19 else text


def _id(value: uuid.UUID, wide: bool) -> str:
    return str(value) if wide else str(value)[:SHORT_ID]


def _voucher(voucher_id: uuid.UUID, names: Mapping[uuid.UUID, str] | None, wide: bool) -> str:
    name = (names or {}).get(voucher_id)
    shown = _id(voucher_id, wide)
    return f"{escaped(name)} ({shown})" if name else shown
