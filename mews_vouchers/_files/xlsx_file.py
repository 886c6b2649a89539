"""Spreadsheets read as records: the rows of one sheet of an `.xlsx` workbook, each cell as what it holds.

Read with openpyxl in read-only mode, row by row, so a sheet of 200,000 rows is never held whole. A text cell stays
text exactly (leading zeros, long digits, accents, spaces); a number stays a number and a date cell becomes a
datetime, so that the reader of the rows can tell a code typed as text from one a spreadsheet turned into a number.
Formulas give the value the spreadsheet last computed; one without a saved value is `NoSavedValue`. The workbook's
XML is checked by `xlsx_guard` before openpyxl holds any of it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from mews_vouchers._files.csv_file import Cell, CsvFileError, Record
from mews_vouchers._files.xlsx_guard import WorkbookRefused, scan_workbook

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = (".xls", ".ods", ".numbers", ".xlsb")
"""Formats that are spreadsheets but not this reader's: they are refused with a hint to save as .xlsx or CSV."""


def read_sheet(path: str, sheet: str | None = None, on_note: Callable[[str], None] | None = None) -> Iterator[Record]:
    """The rows of one sheet of the workbook at `path`, empty rows left out.

    Without `sheet`, the sheet a spreadsheet program would show: the active one when it is visible, else the first
    visible one; `on_note` is told which sheet was read when the workbook has several. A cell whose formula has
    no saved result is `NoSavedValue`, not empty. Raises `CsvFileError` (one line) when the file is not a workbook
    that can be read, has no such sheet, or its XML is refused by `xlsx_guard`.
    """
    try:
        import openpyxl  # noqa: PLC0415 - 0.2 s of import, paid only by a spreadsheet
    except ImportError:  # pragma: no cover - the cli extra brings it
        raise CsvFileError(f"{path}: reading .xlsx needs openpyxl: pip install 'mews-wrapper[cli]'") from None
    try:
        scan = scan_workbook(path)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except WorkbookRefused as refused:
        raise CsvFileError(f"{path}: refused: {refused}") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise CsvFileError(f"{path}: not an .xlsx workbook that can be read ({detail})") from None
    try:
        worksheet = _chosen(path, workbook, sheet)
        if on_note is not None and len(workbook.worksheets) > 1:
            on_note(f"{path}: read the sheet {worksheet.title!r} ({_sheets_of(workbook)}; another with --sheet NAME)")
        no_value = scan.formulas_without_value.get(str(getattr(worksheet, "_worksheet_path", "")).lstrip("/"), set())
        if hasattr(worksheet, "reset_dimensions"):  # some programs write a wrong size: read every row there is
            worksheet.reset_dimensions()
        try:
            for number, cells in enumerate(worksheet.iter_rows(), 1):
                line: int = next((cell.row for cell in cells if getattr(cell, "row", None)), None) or number
                record = Record(line, _trimmed([_value(cell, no_value) for cell in cells]))
                if not record.is_empty:
                    yield record
        except (SyntaxError, ValueError, KeyError) as error:  # ElementTree's ParseError is a SyntaxError
            raise CsvFileError(f"{path}: the sheet {worksheet.title!r} cannot be read ({error})") from None
    finally:
        workbook.close()


def _chosen(path: str, workbook: Any, sheet: str | None) -> Any:
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            names = ", ".join(map(repr, workbook.sheetnames))
            raise CsvFileError(f"{path}: no sheet is called {sheet!r} (the workbook has {names})")
        return workbook[sheet]
    visible = [worksheet for worksheet in workbook.worksheets if _visible(worksheet)]
    if not visible:
        raise CsvFileError(f"{path}: every sheet is hidden ({_sheets_of(workbook)}): choose one with --sheet NAME")
    active = workbook.active
    return active if active is not None and _visible(active) else visible[0]


def _visible(worksheet: Any) -> bool:
    return getattr(worksheet, "sheet_state", "visible") == "visible"


def _sheets_of(workbook: Any) -> str:
    """`the workbook has 'Codes', 'Old' (hidden)`."""
    shown = [
        repr(worksheet.title) + ("" if _visible(worksheet) else f" ({worksheet.sheet_state})")
        for worksheet in workbook.worksheets
    ]
    return "the workbook has " + ", ".join(shown)


def _value(cell: Any, no_value: set[str]) -> Cell:
    value = cell.value
    if value is None and no_value and getattr(cell, "coordinate", None) in no_value:
        return NoSavedValue(cell.coordinate)
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


class NoSavedValue(_CellError):
    """A cell with a formula whose result was never saved (the file was written by a program, not a spreadsheet)."""

    __slots__ = ()


def is_cell_error(value: object) -> bool:
    """Whether `value` is a cell that showed an error in the spreadsheet (`#N/A`, `#REF!`)."""
    return isinstance(value, _CellError)
