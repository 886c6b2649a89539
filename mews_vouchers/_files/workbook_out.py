"""Codes written to an `.xlsx` workbook that a spreadsheet shows as they are, streamed by `xlsx_writer`.

Values and ids are text cells (a value's formatted as Text too, so that `000123` keeps its zeros and long digits
stay digits when edited; a value that begins with `=` stays a value, never a formula); datetimes are real datetime
cells, in UTC or in the timezone asked for (a workbook has no timezone, so the header says it); `IsActive` is a
TRUE/FALSE cell. The header is bold and frozen, the columns are wide enough to read. Rows go into the zip as they
come: memory holds one batch of rows, whatever the number of codes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO

from mews_vouchers._files.codes_out import columns_of, named_fields
from mews_vouchers._files.xlsx_writer import TEXT, SheetWriter
from mews_wrapper import VoucherCode

_DATETIME_COLUMNS = ("ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc")
_WIDTHS = {"Id": 38, "VoucherId": 38, "VoucherName": 24, "Value": 28, "IsActive": 9}
_DATETIME_WIDTH = 21


def header_of(column: str, zone: zoneinfo.ZoneInfo | None) -> str:
    """A column's header cell: `ValidityStartUtc`, or `ValidityStart (Europe/Prague)` in a timezone."""
    if zone is None or column not in _DATETIME_COLUMNS:
        return column
    return f"{column.removesuffix('Utc')} ({zone.key})"


def write_workbook(
    codes: Iterable[VoucherCode],
    target: IO[bytes],
    names: Mapping[uuid.UUID, str] | None = None,
    zone: zoneinfo.ZoneInfo | None = None,
    enterprises: Mapping[uuid.UUID, str | None] | None = None,
) -> Iterator[int]:
    """Write `codes` to `target` as one sheet, `Voucher codes`; yields after each code, like `write_codes`."""
    columns = columns_of(names, enterprises)
    utc = zone or dt.UTC

    def moment(value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else value.astimezone(utc).replace(tzinfo=None)  # a workbook has no zone

    styles = [TEXT if column == "Value" else 0 for column in columns]
    sheet = SheetWriter(target, "Voucher codes", [header_of(column, zone) for column in columns], _widths(columns))
    for code in codes:
        fields: dict[str, object] = {
            "Id": str(code.id),  # ids: text cells as they are (a UUID never reads as a formula or a number)
            "VoucherId": str(code.voucher_id),
            **named_fields(code, names, enterprises),
            "Value": code.value,
            "ValidityStartUtc": moment(code.validity_start_utc),
            "ValidityEndUtc": moment(code.validity_end_utc),
            "CreatedUtc": moment(code.created_utc),
            "UpdatedUtc": moment(code.updated_utc),
            "IsActive": code.is_active,
        }
        sheet.append([fields[column] for column in columns], styles)  # type: ignore[misc]
        yield 1
    sheet.close()


def write_text_sheet(columns: Sequence[str], rows: Iterable[Sequence[str]], target: IO[bytes], title: str) -> None:
    """A sheet of text cells only (formatted as Text, never formulas), with a bold frozen header: generated codes."""
    sheet = SheetWriter(target, title, columns, _widths(columns))
    styles = [TEXT] * len(columns)
    for row in rows:
        sheet.append([value or None for value in row], styles)  # an empty cell for ""
    sheet.close()


def _widths(columns: Sequence[str]) -> list[float]:
    return [_DATETIME_WIDTH if column in _DATETIME_COLUMNS else _WIDTHS.get(column, 16) for column in columns]
