"""Every file the command reads (imports, lists of ids or values to delete) goes through this one CSV reader.

One set of rules, so that no file is split two ways:
- records are what a CSV reader makes of the file, never lines split on every character Python calls a line break
  (form feeds, vertical tabs and file separators are data);
- each record is known by the physical line it starts on, quoted line breaks and blank lines counted;
- a file that cannot be read as CSV (a quote left open, text after a closing quote, a field longer than any value
  could be, bytes that are not UTF-8) is refused whole, naming the line: nothing after that point can be trusted
  to be the rows the author meant.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mews_vouchers._console import CommandError

_BOM = b"\xef\xbb\xbf"
SHOWN_CHARACTERS = 120
"""The most of a file's text that an error message quotes."""


class CsvFileError(CommandError):
    """The file as a whole cannot be read (unreadable, not UTF-8, not CSV): the message names the line."""


@dataclass(frozen=True)
class Record:
    """One CSV record: the physical line it starts on (1-based) and its fields."""

    line: int
    fields: list[str]

    @property
    def is_empty(self) -> bool:
        """An empty line (or only separators): not a row. A field of spaces is not empty: it is a bad row."""
        return not any(self.fields)


def read_records(path: str) -> Iterator[Record]:
    """The records of the CSV file at `path` (`-`: stdin), in order, empty lines left out.

    Raises `CsvFileError` when the file cannot be opened or read as a whole.
    """
    try:
        binary: BinaryIO = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise CsvFileError(f"{path}: {error.strerror or error}") from None
    try:
        yield from _records(path, _decoded_lines(path, binary))
    except OSError as error:
        raise CsvFileError(f"{path}: {error.strerror or error}") from None
    finally:
        if binary is not sys.stdin.buffer:
            binary.close()


def _decoded_lines(path: str, binary: BinaryIO) -> Iterator[str]:
    """The file's physical lines (split on line feeds only, endings kept) as UTF-8 text, a leading BOM dropped."""
    for number, raw in enumerate(binary, 1):
        data = raw[len(_BOM) :] if number == 1 and raw.startswith(_BOM) else raw
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError as error:
            shown = data[max(0, error.start - 10) : error.start + 10]
            raise CsvFileError(
                f"{path}: line {number} is not UTF-8 (byte {error.start + 1} of the line, near {shown!r}); "
                "save the file as UTF-8 (or CSV UTF-8)"
            ) from None


def _records(path: str, lines: Iterable[str]) -> Iterator[Record]:
    reader = csv.reader(lines, strict=True)
    next_line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvFileError(f"{path}: line {next_line}: {_explained(error)}") from None
        record = Record(next_line, fields)
        next_line = reader.line_num + 1
        if not record.is_empty:
            yield record


def _explained(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "a quoted value opens here and is never closed (the rest of the file would become one value)"
    if "field larger than field limit" in text:
        return (
            f"a value of more than {csv.field_size_limit():,} characters, where a code has at most 128 "
            "(a quote left open?)"
        )
    if "expected after" in text:
        return 'text follows a closing quote (inside a quoted value, write a quote as two: "")'
    return f"not CSV ({text})"


def shown(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` cut to `limit` characters for a message, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"
