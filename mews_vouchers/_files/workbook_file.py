"""Spreadsheets read as records: the rows of one sheet of an `.xlsx` or `.ods` workbook, each cell as what it holds.

The workbook's XML is checked by `workbook_guard` before anything reads it; then `.xlsx` is streamed by
`xlsx_reader` (a row at a time) and `.ods` read by python-calamine (`ods_reader`). A text cell stays text exactly
(leading zeros, long digits, accents, spaces); a number stays a number (a whole one an int) and a date cell becomes
a datetime, so that the reader of the rows can tell a code typed as text from one a spreadsheet turned into a
number. Formulas give the value the spreadsheet last computed; one without a saved value is `NoSavedValue` and a
cell showing an error (`#N/A`) a `CellError`, never an empty cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from mews_vouchers._files.csv_file import CsvFileError, Record
from mews_vouchers._files.workbook_guard import WorkbookRefused, WorkbookScan, scan_workbook
from mews_vouchers._files.xlsx_reader import CellError, NoSavedValue, read_xlsx_sheet

__all__ = ["OTHER_SPREADSHEETS", "SPREADSHEET_SUFFIXES", "NoSavedValue", "is_cell_error", "read_sheet"]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
"""The workbooks this reads."""
OTHER_SPREADSHEETS = (".xls", ".numbers", ".xlsb", ".fods")
"""Formats that are spreadsheets but not this reader's: they are refused with a hint to save as .xlsx or CSV."""


class _Book(Protocol):
    sheets: list[tuple[str, str]]
    """The worksheets, in the workbook's order: (name, `visible`/`hidden`/`veryHidden`)."""
    active: str | None
    error_types: tuple[type[Exception], ...]

    def records(self, sheet: str) -> Iterator[Record]: ...

    def close(self) -> None: ...


def read_sheet(path: str, sheet: str | None = None, on_note: Callable[[str], None] | None = None) -> Iterator[Record]:
    """The rows of one sheet of the workbook at `path`, empty rows left out.

    Without `sheet`, the sheet a spreadsheet program would show: the active one when it is visible, else the first
    visible one; `on_note` is told which sheet was read when the workbook has several. A cell whose formula has
    no saved result is `NoSavedValue`, not empty. Raises `CsvFileError` (one line) when the file is not a workbook
    that can be read, has no such sheet, or its XML is refused by `workbook_guard`.
    """
    book = _opened(path)
    try:
        chosen = _chosen(path, book.sheets, book.active, sheet)
        if on_note is not None and len(book.sheets) > 1:
            on_note(f"{path}: read the sheet {chosen!r} ({_sheets_of(book.sheets)}; another with --sheet NAME)")
        unreadable: tuple[type[Exception], ...] = (*book.error_types, KeyError, IndexError, ValueError)
        try:
            yield from book.records(chosen)
        except WorkbookRefused as refused:
            raise CsvFileError(f"{path}: refused: {refused}") from None
        except unreadable as error:
            raise CsvFileError(f"{path}: the sheet {chosen!r} cannot be read ({error})") from None
    finally:
        book.close()


def _opened(path: str) -> _Book:
    """The workbook at `path`, checked by the guard and open; `CsvFileError` when it cannot be."""
    try:
        scan = scan_workbook(path)
        if Path(path).suffix.lower() == ".ods":
            from mews_vouchers._files.ods_reader import OdsBook  # noqa: PLC0415 - python-calamine, for .ods only

            return OdsBook(path, scan)
        return _XlsxBook(path, scan)
    except WorkbookRefused as refused:
        raise CsvFileError(f"{path}: refused: {refused}") from None
    except ImportError:  # pragma: no cover - the cli extra brings it
        raise CsvFileError(f"{path}: .ods is read by python-calamine: pip install 'mews-wrapper[cli]'") from None
    except (OSError, zipfile.BadZipFile, KeyError, IndexError, ValueError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or type(error).__name__
        raise CsvFileError(f"{path}: not a workbook that can be read ({detail})") from None


class _XlsxBook:
    """An `.xlsx` workbook open for reading, as the guard's scan describes it."""

    error_types: tuple[type[Exception], ...] = (zipfile.BadZipFile,)

    def __init__(self, path: str, scan: WorkbookScan) -> None:
        if not scan.sheet_targets:
            raise ValueError("it names no sheet")
        self.sheets = [
            (name, scan.sheet_states.get(name, "visible"))
            for name in scan.sheet_targets
            if scan.part_kinds.get(scan.part_of(name) or "") == "worksheet"
        ]
        if not self.sheets:
            raise ValueError("none of its sheets is a worksheet it holds")
        every = list(scan.sheet_targets)  # chart sheets too: the active tab counts them
        index = scan.active_index or 0
        self.active: str | None = every[index] if index < len(every) else None
        self._scan = scan
        self._archive = zipfile.ZipFile(path)  # opened last: nothing above leaves it open

    def records(self, sheet: str) -> Iterator[Record]:
        return read_xlsx_sheet(self._archive, self._scan, sheet)

    def close(self) -> None:
        self._archive.close()


def _chosen(path: str, sheets: list[tuple[str, str]], active: str | None, sheet: str | None) -> str:
    names = [name for name, _ in sheets]
    if sheet is not None:
        if sheet not in names:
            raise CsvFileError(f"{path}: no sheet is called {sheet!r} (the workbook has {', '.join(map(repr, names))})")
        return sheet
    visible = [name for name, state in sheets if state == "visible"]
    if not visible:
        raise CsvFileError(f"{path}: every sheet is hidden ({_sheets_of(sheets)}): choose one with --sheet NAME")
    return active if active is not None and active in visible else visible[0]


def _sheets_of(sheets: list[tuple[str, str]]) -> str:
    """`the workbook has 'Codes', 'Old' (hidden)`."""
    return "the workbook has " + ", ".join(
        repr(name) + ("" if state == "visible" else f" ({state})") for name, state in sheets
    )


def is_cell_error(value: object) -> bool:
    """Whether `value` is a cell that showed an error in the spreadsheet (`#N/A`, `#REF!`)."""
    return isinstance(value, CellError)
