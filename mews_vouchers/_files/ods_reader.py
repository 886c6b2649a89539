"""The rows of one sheet of an `.ods` workbook, read by python-calamine (Rust), cells as `xlsx_reader` gives them.

calamine holds the sheet while it is read (about 200 bytes a row of four cells); it reads a cell that shows an error
and a formula without a saved value as empty, so `workbook_guard` finds those (their rows and columns counted as
LibreOffice repeats them) and they are put back in their place here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from mews_vouchers._files.csv_file import Cell, Record
from mews_vouchers._files.workbook_guard import NotedCell, WorkbookScan
from mews_vouchers._files.xlsx_reader import CellError, NoSavedValue


class OdsBook:
    """An `.ods` workbook open for reading: its worksheets (name, state), the active one, and a sheet's rows."""

    def __init__(self, path: str, scan: WorkbookScan) -> None:
        import python_calamine  # noqa: PLC0415 - paid only by an .ods file

        self.error_types: tuple[type[Exception], ...] = (python_calamine.CalamineError,)
        self._scan = scan
        try:
            self._workbook = python_calamine.CalamineWorkbook.from_path(path)
        except python_calamine.CalamineError as error:
            raise ValueError(str(error) or type(error).__name__) from None
        self.sheets = [
            (str(entry.name), _state(entry)) for entry in self._workbook.sheets_metadata if _is_worksheet(entry)
        ]
        self.active = scan.active_name

    def records(self, sheet: str) -> Iterator[Record]:
        """The rows of the sheet called `sheet`, empty ones left out."""
        return _records(self._workbook.get_sheet_by_name(sheet), self._scan.cells_of(sheet))

    def close(self) -> None:
        """Let the workbook go."""
        self._workbook.close()


def _records(worksheet: Any, noted: list[NotedCell]) -> Iterator[Record]:
    """The sheet's rows from A1, the noted cells put back in their place.

    python-calamine 0.9's `iter_rows` starts at the first row but at the first used column (a sheet whose first cell
    is C3 gives rows of C and D from row 1): the columns before are put back as empty cells, and a count of rows
    other than the sheet's says so rather than misplace them.
    """
    last_row, last_column = worksheet.end if worksheet.height else (-1, -1)
    by_row: dict[int, list[NotedCell]] = {}
    for cell in noted:
        by_row.setdefault(cell.row, []).append(cell)
    row = -1
    for row, values in enumerate(worksheet.iter_rows()):
        fields = [None] * (last_column + 1 - len(values)) + [_value(value) for value in values]
        yield from _record(row, fields, by_row.pop(row, []))
    if row != last_row:
        raise ValueError(f"python-calamine gave {row + 1} rows of a sheet whose last row is {last_row + 1}")
    for late in sorted(by_row):  # below every cell calamine holds
        yield from _record(late, [], by_row[late])


def _record(row: int, fields: list[Cell], noted: list[NotedCell]) -> Iterator[Record]:
    for cell in noted:
        fields.extend([None] * (cell.column + 1 - len(fields)))
        fields[cell.column] = NoSavedValue(cell.reference) if cell.error is None else CellError(cell.error)
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


def _state(entry: Any) -> str:
    """`visible`, `hidden`, `veryHidden` (as Excel's XML names them)."""
    state = str(entry.visible).rpartition(".")[2]
    return "veryHidden" if state == "VeryHidden" else state.lower()


def _trimmed(values: list[Cell]) -> list[Cell]:
    """Without the empty cells at the end of a row (a sheet's used range is often wider than its data)."""
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values
