"""Spreadsheets read as records: the rows of one sheet of an `.xlsx` workbook, each cell as what it holds.

Read with openpyxl in read-only mode, row by row, so a sheet of 200,000 rows is never held whole. A text cell stays
text exactly (leading zeros, long digits, accents, spaces); a number stays a number and a date cell becomes a
datetime, so that the reader of the rows can tell a code typed as text from one a spreadsheet turned into a number.
Formulas give the value the spreadsheet last computed.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from typing import Any

from mews_vouchers._files.csv_file import Cell, CsvFileError, Record

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = (".xls", ".ods", ".numbers", ".xlsb")
"""Formats that are spreadsheets but not this reader's: they are refused with a hint to save as .xlsx or CSV."""


def read_sheet(path: str, sheet: str | None = None) -> Iterator[Record]:
    """The rows of `sheet` (default: the first) of the workbook at `path`, empty rows left out.

    Raises `CsvFileError` when the file is not a workbook openpyxl can read, or has no such sheet.
    """
    try:
        import openpyxl  # noqa: PLC0415 - 0.2 s of import, paid only by a spreadsheet
    except ImportError:  # pragma: no cover - the cli extra brings it
        raise CsvFileError(f"{path}: reading .xlsx needs openpyxl: pip install 'mews-wrapper[cli]'") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise CsvFileError(f"{path}: not an .xlsx workbook that can be read ({detail})") from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            names = ", ".join(map(repr, workbook.sheetnames))
            raise CsvFileError(f"{path}: no sheet is called {sheet!r} (the workbook has {names})")
        if hasattr(worksheet, "reset_dimensions"):  # some programs write a wrong size: read every row there is
            worksheet.reset_dimensions()
        for number, cells in enumerate(worksheet.iter_rows(), 1):
            line: int = next((cell.row for cell in cells if getattr(cell, "row", None)), None) or number
            record = Record(line, _trimmed([_value(cell) for cell in cells]))
            if not record.is_empty:
                yield record
    finally:
        workbook.close()


def _value(cell: Any) -> Cell:
    value = cell.value
    if getattr(cell, "data_type", None) == "e":  # #N/A, #REF!: an error the spreadsheet shows in the cell
        return _CellError(str(value))
    if isinstance(value, dt.timedelta):  # a duration cell
        return str(value)
    return value  # type: ignore[no-any-return]


def _trimmed(values: list[Cell]) -> list[Cell]:
    """Without the empty cells at the end of a row (a sheet's used range is often wider than its data)."""
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


class _CellError(str):
    """A cell that shows an error (`#N/A`): text for the row's reader, which refuses it by its class."""

    __slots__ = ()


def is_cell_error(value: object) -> bool:
    """Whether `value` is a cell that showed an error in the spreadsheet (`#N/A`, `#REF!`)."""
    return isinstance(value, _CellError)
