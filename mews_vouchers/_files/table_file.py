"""The files a command reads rows from, CSV or spreadsheet, told apart by their name, read as `Record`s.

`.xlsx`/`.xlsm`/`.ods` are read by `workbook_file` (cells as what they hold); anything else (`.csv`, `.txt`,
stdin) by `csv_file` (text, its encoding and delimiter found or given). Other spreadsheet formats are refused with a
hint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mews_vouchers._files.csv_file import DELIMITERS, CsvFileError, Record, read_records
from mews_vouchers._files.workbook_file import OTHER_SPREADSHEETS, SPREADSHEET_SUFFIXES, read_sheet


@dataclass(frozen=True)
class SourceFormat:
    """How to read a file, as the options say: None lets the reader find out (or take the first sheet)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


AS_FOUND = SourceFormat()
"""The format found from the file itself: its name, its BOM, its header line."""


def is_spreadsheet(path: str) -> bool:
    """Whether `path` names a workbook this reads (`.xlsx`, `.xlsm`, `.ods`)."""
    return path != "-" and Path(path).suffix.lower() in SPREADSHEET_SUFFIXES


def read_table(
    path: str,
    source: SourceFormat = AS_FOUND,
    header_names: Iterable[str] = (),
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """The records of the file at `path` (`-`: CSV on stdin); `CsvFileError` when it cannot be read as a whole.

    `header_names`: the columns a header may name, which tell a CSV file's delimiter when none is given.
    `on_note`: told what people should know of how the file was read (which sheet of several).
    """
    suffix = "" if path == "-" else Path(path).suffix.lower()
    if suffix in OTHER_SPREADSHEETS:
        raise CsvFileError(
            f"{path}: {suffix} files cannot be read: save it as .xlsx (Excel Workbook), .ods or CSV UTF-8"
        )
    if suffix in SPREADSHEET_SUFFIXES:
        if source.encoding is not None or source.delimiter is not None:
            raise CsvFileError(f"{path}: --encoding and --delimiter are for CSV files; a workbook says its own")
        return read_sheet(path, source.sheet, on_note)
    if source.sheet is not None:
        raise CsvFileError(f"{path}: --sheet is for workbooks (.xlsx, .ods)")
    return read_records(path, encoding=source.encoding, delimiter=source.delimiter, header_names=header_names)


def delimiter_named(text: str) -> str:
    """The delimiter `--delimiter` names (a comma, a semicolon, `tab`); `ValueError` for another."""
    try:
        return DELIMITERS[text.casefold()]
    except KeyError:
        raise ValueError(f"{text!r} is not a delimiter this reads: ',', ';' or 'tab'") from None
