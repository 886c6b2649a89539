"""Codes written out: CSV, JSON and JSON Lines for export (streamed), a table or plain lines for list.

Every format carries every field under its Mews name (`Id`, `VoucherId`, `Value`, `ValidityStartUtc`,
`ValidityEndUtc`, `CreatedUtc`, `UpdatedUtc`, `IsActive`), so that an export can be imported as it is.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mews_vouchers._datetimes import format_utc
from mews_wrapper import VoucherCode

COLUMNS = ("Id", "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc", "IsActive")
FORMATS = ("csv", "json", "jsonl")


def as_mews_fields(code: VoucherCode) -> dict[str, Any]:
    """A code as Mews names its fields: datetimes as ISO 8601 UTC text (None when absent).

    Fields that this version of the client does not know are kept, after the others.
    """
    fields = {
        "Id": str(code.id),
        "VoucherId": str(code.voucher_id),
        "Value": code.value,
        "ValidityStartUtc": format_utc(code.validity_start_utc) or None,
        "ValidityEndUtc": format_utc(code.validity_end_utc) or None,
        "CreatedUtc": format_utc(code.created_utc) or None,
        "UpdatedUtc": format_utc(code.updated_utc) or None,
        "IsActive": code.is_active,
    }
    return {**fields, **{key: value for key, value in code.extra.items() if key not in fields}}


def write_codes(
    codes: Iterable[VoucherCode], stream: TextIO, file_format: str, names: Mapping[uuid.UUID, str] | None = None
) -> Iterator[int]:
    """Write `codes` to `stream` as they come; yields after each code (so that a caller can count), in `format`.

    With `names` (voucher id -> name), each code also carries its voucher's name (`VoucherName`, after `VoucherId`).
    """
    columns = COLUMNS if names is None else (*COLUMNS[:2], "VoucherName", *COLUMNS[2:])

    def fields_of(code: VoucherCode) -> dict[str, Any]:
        fields = as_mews_fields(code)
        if names is None:
            return fields
        return {name: names.get(code.voucher_id) if name == "VoucherName" else fields[name] for name in columns} | {
            key: value for key, value in fields.items() if key not in columns
        }

    if file_format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for code in codes:
            fields = fields_of(code)
            writer.writerow([cell_text(fields[name]) for name in columns])
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


def plain_line(code: VoucherCode) -> str:
    """One tab-separated line, the columns of an export, for pipes (every cell `escaped`: one code, one line)."""
    fields = as_mews_fields(code)
    cells = [cell_text(fields[name]) for name in COLUMNS]
    return "\t".join(escaped(cell) for cell in cells)


def table(codes: Iterable[VoucherCode], console: Console) -> int:
    """Print a readable table of `codes` on a terminal; returns how many."""
    view = Table(header_style="bold", show_lines=False, expand=False)
    for title in ("Value", "Active", "Valid from", "Valid until", "Updated", "Code id", "Voucher id"):
        view.add_column(title, overflow="fold")
    count = 0
    for code in codes:
        cells = (
            escaped(code.value or ""),
            "yes" if code.is_active else "no",
            format_utc(code.validity_start_utc) or "-",
            format_utc(code.validity_end_utc) or "-",
            format_utc(code.updated_utc),
            str(code.id),
            str(code.voucher_id),
        )
        view.add_row(*(Text(cell) for cell in cells))  # Text: a value is never read as markup
        count += 1
    console.print(view)
    return count
