"""Codes written to an `.xlsx` workbook that a spreadsheet shows as they are, streamed in openpyxl's write-only mode.

Values and ids are text cells (a value's formatted as Text too, so that `000123` keeps its zeros and long digits
stay digits when edited; a value that begins with `=` stays a value, never a formula); datetimes are real datetime
cells, in UTC or in the timezone asked for (a workbook has no timezone, so the header says it); `IsActive` is a
TRUE/FALSE cell. The header is bold and frozen, the columns are wide enough to read. Rows go to a temporary file as
they come, so 100,000 codes cost the text of their values (openpyxl keeps a table of distinct strings), not a
workbook in memory.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from mews_vouchers._codes_out import as_mews_fields, columns_of, escaped
from mews_wrapper import VoucherCode

_DATETIME_COLUMNS = ("ValidityStartUtc", "ValidityEndUtc", "CreatedUtc", "UpdatedUtc")
_FREE_TEXT_COLUMNS = ("VoucherName", "Value")
_WIDTHS = {"Id": 38, "VoucherId": 38, "VoucherName": 24, "Value": 28, "IsActive": 9}
_DATETIME_WIDTH = 21
TEXT_FORMAT = "@"


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
) -> Iterator[int]:
    """Write `codes` to `target` as one sheet, `Voucher codes`; yields after each code, like `write_codes`."""
    from openpyxl import Workbook  # noqa: PLC0415 - 0.2 s of import, paid only by an xlsx export
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet("Voucher codes")
    columns = columns_of(names)
    for position, column in enumerate(columns, 1):
        width = _DATETIME_WIDTH if column in _DATETIME_COLUMNS else _WIDTHS.get(column, 16)
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header(column: str) -> Any:
        cell = WriteOnlyCell(sheet, value=header_of(column, zone))
        cell.font = bold
        return cell

    def text(value: str | None, *, formatted: bool) -> Any:
        if value is None:
            return None
        if ILLEGAL_CHARACTERS_RE.search(value):  # a control character no workbook may hold: shown escaped
            value = escaped(value)
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the value begins with
        if formatted:  # a code's cell is formatted as Text, so that an edit in the spreadsheet stays text
            cell.number_format = TEXT_FORMAT
        return cell

    def moment(value: dt.datetime | None) -> dt.datetime | None:
        # a datetime cell: openpyxl gives it a date format of its own (a styled cell per datetime costs twice)
        return None if value is None else value.astimezone(zone or dt.UTC).replace(tzinfo=None)

    sheet.append([header(column) for column in columns])
    for code in codes:
        fields = as_mews_fields(code)
        if names is not None:
            fields["VoucherName"] = names.get(code.voucher_id)
        datetimes = {
            "ValidityStartUtc": code.validity_start_utc,
            "ValidityEndUtc": code.validity_end_utc,
            "CreatedUtc": code.created_utc,
            "UpdatedUtc": code.updated_utc,
        }
        row = [
            moment(datetimes[column])
            if column in _DATETIME_COLUMNS
            else text(fields[column], formatted=column == "Value")
            if column in _FREE_TEXT_COLUMNS
            else fields[column]  # ids: text cells as they are (a UUID never reads as a formula or a number)
            for column in columns
        ]
        sheet.append(row)
        yield 1
    workbook.save(target)


def write_text_sheet(columns: Sequence[str], rows: Iterable[Sequence[str]], target: IO[bytes], title: str) -> None:
    """A sheet of text cells only (formatted as Text, never formulas), with a bold frozen header: generated codes."""
    from openpyxl import Workbook  # noqa: PLC0415 - 0.2 s of import, paid only by an xlsx file
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(title)
    for position, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(position)].width = _WIDTHS.get(column, _DATETIME_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: str, *, header: bool = False) -> Any:
        made = WriteOnlyCell(sheet, value=value or None)
        if header:
            made.font = bold
        elif value:
            made.data_type = "s"
            made.number_format = TEXT_FORMAT
        return made

    sheet.append([cell(column, header=True) for column in columns])
    for row in rows:
        sheet.append([cell(value) for value in row])
    workbook.save(target)
