"""Spreadsheets read as records: the rows of one sheet of an `.xlsx` or `.ods` workbook, each cell as what it holds.

Read with python-calamine (Rust: 14x openpyxl's speed on 200,000 rows); the workbook's XML is checked by
`workbook_guard` before calamine holds any of it. A text cell stays text exactly (leading zeros, long digits,
accents, spaces); a number stays a number (a whole one an int, as the spreadsheet shows it) and a date cell becomes
a date or a datetime, so that the reader of the rows can tell a code typed as text from one a spreadsheet turned
into a number. Formulas give the value the spreadsheet last computed; one without a saved value is `NoSavedValue`
and a cell showing an error (`#N/A`) is a `_CellError`: calamine reads both as empty, the guard finds them.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from mews_vouchers._files.csv_file import Cell, CsvFileError, Record
from mews_vouchers._files.workbook_guard import NotedCell, WorkbookRefused, WorkbookScan, scan_workbook

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
"""The workbooks this reads."""
OTHER_SPREADSHEETS = (".xls", ".numbers", ".xlsb", ".fods")
"""Formats that are spreadsheets but not this reader's: they are refused with a hint to save as .xlsx or CSV."""


def read_sheet(path: str, sheet: str | None = None, on_note: Callable[[str], None] | None = None) -> Iterator[Record]:
    """The rows of one sheet of the workbook at `path`, empty rows left out.

    Without `sheet`, the sheet a spreadsheet program would show: the active one when it is visible, else the first
    visible one; `on_note` is told which sheet was read when the workbook has several. A cell whose formula has
    no saved result is `NoSavedValue`, not empty. Raises `CsvFileError` (one line) when the file is not a workbook
    that can be read, has no such sheet, or its XML is refused by `workbook_guard`.
    """
    try:
        import python_calamine  # noqa: PLC0415 - paid only by a spreadsheet
    except ImportError:  # pragma: no cover - the cli extra brings it
        raise CsvFileError(f"{path}: a workbook is read by python-calamine: pip install 'mews-wrapper[cli]'") from None
    try:
        scan = scan_workbook(path)
        workbook = python_calamine.CalamineWorkbook.from_path(path)
    except WorkbookRefused as refused:
        raise CsvFileError(f"{path}: refused: {refused}") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, python_calamine.CalamineError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise CsvFileError(f"{path}: not a workbook that can be read ({detail})") from None
    try:
        every_sheet = list(workbook.sheets_metadata)  # chart sheets too: the active tab counts them
        sheets = [entry for entry in every_sheet if _is_worksheet(entry)]
        chosen = _chosen(path, sheets, _active(scan, every_sheet), sheet)
        if on_note is not None and len(sheets) > 1:
            on_note(f"{path}: read the sheet {chosen!r} ({_sheets_of(sheets)}; another with --sheet NAME)")
        try:
            worksheet = workbook.get_sheet_by_name(chosen)
            yield from _records(worksheet, scan.cells_of(chosen))
        except python_calamine.CalamineError as error:
            raise CsvFileError(f"{path}: the sheet {chosen!r} cannot be read ({error})") from None
    finally:
        workbook.close()


def _records(worksheet: Any, noted: list[NotedCell]) -> Iterator[Record]:
    """The sheet's rows from A1 (calamine starts at the first used cell), the noted cells put back in their place."""
    first_row, first_column = worksheet.start if worksheet.height else (0, 0)
    by_row: dict[int, list[NotedCell]] = {}
    for cell in noted:
        by_row.setdefault(cell.row, []).append(cell)
    pending = sorted(by_row)
    padding: list[Cell] = [None] * first_column
    for row, values in enumerate(worksheet.iter_rows(), first_row):
        while pending and pending[0] < row:  # a noted cell above the cells calamine saw
            yield from _record(pending[0], [], by_row.pop(pending.pop(0)))
        fields = padding + [_value(value) for value in values]
        yield from _record(row, fields, by_row.pop(pending.pop(0)) if pending and pending[0] == row else [])
    for late in pending:  # below them
        yield from _record(late, [], by_row[late])


def _record(row: int, fields: list[Cell], noted: list[NotedCell]) -> Iterator[Record]:
    for cell in noted:
        fields.extend([None] * (cell.column + 1 - len(fields)))
        fields[cell.column] = NoSavedValue(cell.reference) if cell.error is None else _CellError(cell.error)
    record = Record(row + 1, _trimmed(fields))
    if not record.is_empty:
        yield record


def _value(value: Any) -> Cell:
    """What calamine gives, as the rows' reader takes it: "" is an empty cell, a whole float the int it shows."""
    if value == "" and isinstance(value, str):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.timedelta):  # a duration cell
        return str(value)
    return value  # type: ignore[no-any-return]


def _is_worksheet(entry: Any) -> bool:
    return str(entry.typ).rpartition(".")[2] == "WorkSheet"


def _visible(entry: Any) -> bool:
    return str(entry.visible).rpartition(".")[2] == "Visible"


def _active(scan: WorkbookScan, every_sheet: list[Any]) -> str | None:
    """The name of the sheet the workbook opens at, if it says."""
    if scan.active_name is not None:
        return scan.active_name
    index = scan.active_index or 0
    return str(every_sheet[index].name) if index < len(every_sheet) else None


def _chosen(path: str, sheets: list[Any], active: str | None, sheet: str | None) -> str:
    names: list[str] = [entry.name for entry in sheets]
    if sheet is not None:
        if sheet not in names:
            raise CsvFileError(f"{path}: no sheet is called {sheet!r} (the workbook has {', '.join(map(repr, names))})")
        return sheet
    visible: list[str] = [entry.name for entry in sheets if _visible(entry)]
    if not visible:
        raise CsvFileError(f"{path}: every sheet is hidden ({_sheets_of(sheets)}): choose one with --sheet NAME")
    return active if active is not None and active in visible else visible[0]


def _sheets_of(sheets: list[Any]) -> str:
    """`the workbook has 'Codes', 'Old' (hidden)`."""
    shown = [repr(entry.name) + ("" if _visible(entry) else f" ({_state(entry)})") for entry in sheets]
    return "the workbook has " + ", ".join(shown)


def _state(entry: Any) -> str:
    """`hidden`, `veryHidden` (as openpyxl and Excel's XML name it)."""
    state = str(entry.visible).rpartition(".")[2]
    return "veryHidden" if state == "VeryHidden" else state.lower()


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
