"""The import file: a CSV of codes to add, read and checked row by row, each row known by its line number.

Columns (a header row names them, in any order and letter case): `VoucherId`, `Value`, and optionally
`ValidityStartUtc`, `ValidityEndUtc`. Other columns are ignored, so an export can be imported as it is; an
`IsActive` column (an export has one) leaves out the rows that say `false`. The file is UTF-8, with or without a BOM,
read by `_csv_file` (the one CSV reader of the command: its rules and line numbers).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from mews_vouchers._console import CommandError
from mews_vouchers._csv_file import Record, read_records, shown
from mews_vouchers._datetimes import parse_utc
from mews_vouchers._import_rows import RowTable
from mews_wrapper import MewsValidationError, NewVoucherCode

VOUCHER_ID, VALUE, START, END, IS_ACTIVE = "VoucherId", "Value", "ValidityStartUtc", "ValidityEndUtc", "IsActive"
KNOWN_COLUMNS = (VOUCHER_ID, VALUE, START, END, IS_ACTIVE)
_TRUE, _FALSE = {"true", "1", "yes", ""}, {"false", "0", "no"}
# The wrapper's checks name its own fields; a row's problem is told in the file's column names.
_FIELD_TO_COLUMN = {"validity_start_utc": START, "validity_end_utc": END, "voucher_id": VOUCHER_ID}


class ImportFileError(CommandError):
    """The file as a whole cannot be used (unreadable, not UTF-8, no header, a required column missing)."""


@dataclass(frozen=True)
class BadRow:
    """A row that is not sent: its line number and what is wrong with it."""

    line: int
    reason: str


@dataclass
class ImportFile:
    """What a file holds: the good rows, the bad ones, and the lines marked inactive (left out)."""

    rows: RowTable = field(default_factory=RowTable)
    bad: list[BadRow] = field(default_factory=list)
    inactive: list[int] = field(default_factory=list)


def read_import_file(path: str, voucher_id: uuid.UUID | None = None) -> ImportFile:
    """Read and check every row of `path` (`-` for stdin); `voucher_id` puts every row into that voucher.

    Raises `ImportFileError` (or `CsvFileError`, naming the line) when the file as a whole cannot be used; a bad
    row only becomes a `BadRow`.
    """
    return _read(read_records(path), voucher_id)


def _read(records: Iterator[Record], voucher_override: uuid.UUID | None) -> ImportFile:
    result = ImportFile()
    header: dict[str, int] | None = None
    for record in records:
        line, fields = record.line, record.fields
        if header is None:
            header = _header(fields, voucher_override)
            continue
        try:
            code, active = _row(fields, header, voucher_override)
        except ValueError as error:
            result.bad.append(BadRow(line, str(error)))
            continue
        if not active:
            result.inactive.append(line)
            continue
        first = result.rows.add(line, code)
        if first is not None:
            result.bad.append(BadRow(line, f"Value {code.value!r} repeats line {first} (same voucher)"))
    if header is None:
        raise ImportFileError(f"no header row: the first line must name the columns ({VOUCHER_ID},{VALUE},...)")
    return result


def _header(fields: Sequence[str], voucher_override: uuid.UUID | None) -> dict[str, int]:
    """Column name -> position, for the columns this reader knows (matched without regard to case or spaces)."""
    canonical = {name.casefold(): name for name in KNOWN_COLUMNS}
    positions: dict[str, int] = {}
    for position, cell in enumerate(fields):
        name = canonical.get(cell.strip().casefold())
        if name is None:
            continue
        if name in positions:
            raise ImportFileError(f"the header names {name} twice")
        positions[name] = position
    required = [VALUE] if voucher_override is not None else [VOUCHER_ID, VALUE]
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportFileError(
            f"the header lacks {', '.join(missing)} (expected {VOUCHER_ID},{VALUE},{START},{END}; "
            f"found {shown(','.join(cell.strip() for cell in fields))})"
        )
    return positions


def _row(
    fields: Sequence[str], header: dict[str, int], voucher_override: uuid.UUID | None
) -> tuple[NewVoucherCode, bool]:
    """The code a row adds and whether it is active; `ValueError` says what is wrong with it."""

    def cell(name: str) -> str:
        position = header.get(name)
        return fields[position] if position is not None and position < len(fields) else ""

    voucher: str | uuid.UUID
    if voucher_override is not None:
        voucher = voucher_override
    else:
        voucher = cell(VOUCHER_ID).strip()
        if not voucher:
            raise ValueError(f"{VOUCHER_ID} is empty")
        try:
            voucher = uuid.UUID(voucher)
        except ValueError:
            raise ValueError(f"{VOUCHER_ID} {voucher!r} is not a UUID") from None
    active_text = cell(IS_ACTIVE).strip().casefold()
    if active_text not in _TRUE | _FALSE:
        raise ValueError(f"{IS_ACTIVE} {cell(IS_ACTIVE)!r} is neither true nor false")
    start, end = (_datetime(cell(name), name) for name in (START, END))
    try:
        code = NewVoucherCode(voucher, cell(VALUE), start, end)
    except MewsValidationError as error:
        raise ValueError(_in_column_names(str(error))) from None
    return code, active_text not in _FALSE


def _datetime(text: str, column: str) -> dt.datetime | None:
    if not text.strip():
        return None
    try:
        return parse_utc(text)
    except ValueError as error:
        raise ValueError(f"{column} {error}") from None


def _in_column_names(message: str) -> str:
    """A wrapper message about `validity_end_utc` told about `ValidityEndUtc`."""
    for name, column in _FIELD_TO_COLUMN.items():
        message = message.replace(name, column)
    return VALUE + message[len(VALUE) :] if message.startswith("value ") else message
