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

import codecs
import csv
import datetime as dt
import itertools
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mews_vouchers._shared.console import CommandError

_BOM = b"\xef\xbb\xbf"
_UTF16_LE, _UTF16_BE = b"\xff\xfe", b"\xfe\xff"
SHOWN_CHARACTERS = 120
"""The most of a file's text that an error message quotes."""


class CsvFileError(CommandError):
    """The file as a whole cannot be read (unreadable, not UTF-8, not CSV): the message names the line."""


Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None
"""A field: text from a CSV file; from a spreadsheet, what the cell holds (a number, a date, text, nothing)."""


@dataclass(frozen=True)
class Record:
    """One record: the line (or spreadsheet row) it starts on (1-based) and its fields."""

    line: int
    fields: Sequence[Cell]

    @property
    def is_empty(self) -> bool:
        """An empty line (or only separators): not a row. A field of spaces is not empty: it is a bad row."""
        return all(field is None or field == "" for field in self.fields)


def read_records(
    path: str, *, encoding: str | None = None, delimiter: str | None = None, header_names: Iterable[str] = ()
) -> Iterator[Record]:
    """The records of the CSV file at `path` (`-`: stdin), in order, empty lines left out.

    - `encoding`: a Python codec name (`cp1252`, `latin-1`); None finds UTF-16 by its BOM, else reads UTF-8 (a
      UTF-8 BOM dropped).
    - `delimiter`: `,`, `;` or a tab; None takes the one that makes the first line name most of `header_names`
      (what a spreadsheet in a European locale writes is `;`), `,` when none does.

    Raises `CsvFileError` when the file cannot be opened or read as a whole.
    """
    if encoding is not None:
        encoding = _codec(encoding)
    try:
        binary: BinaryIO = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise CsvFileError(f"{path}: {error.strerror or error}") from None
    try:
        lines = _decoded_lines(path, binary, encoding)
        first, lines = _peeked(lines)
        chosen = delimiter or _delimiter_of(first, tuple(header_names))
        yield from _records(path, lines, chosen)
    except OSError as error:
        raise CsvFileError(f"{path}: {error.strerror or error}") from None
    finally:
        if binary is not sys.stdin.buffer:
            binary.close()


DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
"""What `--delimiter` accepts (a tab as `tab` or `\\t`), and the delimiter each means."""


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise CsvFileError(f"{name!r} is not an encoding Python knows (for example utf-8, cp1252, utf-16)") from None


def _peeked(lines: Iterator[str]) -> tuple[str, Iterator[str]]:
    """The first line that is not blank (for the delimiter), and every line still to read."""
    held: list[str] = []
    for line in lines:
        held.append(line)
        if line.strip():
            break
    return (held[-1] if held else ""), itertools.chain(held, lines)


def _delimiter_of(first_line: str, header_names: tuple[str, ...]) -> str:
    """The delimiter that splits `first_line` into the most known column names; `,` when none names any."""
    known = {name.casefold() for name in header_names}
    best, best_count = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            fields = next(csv.reader([first_line], delimiter=candidate), [])
        except csv.Error:  # a quote left open, a field over the limit: the reader proper will say so
            continue
        count = sum(field.strip().casefold() in known for field in fields)
        if count > best_count:
            best, best_count = candidate, count
    return best


def _decoded_lines(path: str, binary: BinaryIO, encoding: str | None) -> Iterator[str]:
    """The file's physical lines (split on line feeds only, endings kept) as text, a leading BOM dropped."""
    start = binary.peek(4)[:4] if hasattr(binary, "peek") else b""
    if start == b"PK\x03\x04":
        raise CsvFileError(f"{path}: this is a workbook (a zip file), not CSV: give it the name .xlsx")
    if encoding is None and start.startswith((_UTF16_LE, _UTF16_BE)):
        encoding = "utf-16"
    if encoding is not None and "\n".encode(encoding) != b"\n":  # UTF-16 and the like: decode, then split
        yield from _wide_lines(path, binary, encoding)
        return
    for number, raw in enumerate(binary, 1):
        data = raw[len(_BOM) :] if number == 1 and raw.startswith(_BOM) and encoding in (None, "utf-8") else raw
        try:
            yield data.decode(encoding or "utf-8")
        except UnicodeDecodeError as error:
            shown = data[max(0, error.start - 10) : error.start + 10]
            where = f"{path}: line {number} is not {encoding or 'UTF-8'} (byte {error.start + 1}, near {shown!r})"
            if encoding is None:
                page, region = likely_code_page(data)
                raise CsvFileError(
                    f'{where}; a file saved by a spreadsheet as "CSV" on Windows is in its code page, here most likely '
                    f"{region}: pass --encoding {page} (or save it as CSV UTF-8)"
                ) from None
            raise CsvFileError(f"{where}; pass the encoding it was saved in with --encoding") from None


_CENTRAL_EUROPEAN = set("čďěňřšťůžČĎĚŇŘŠŤŮŽąćęłńśźżĄĆĘŁŃŚŹŻőűŐŰĺľŕĹĽŔ")
_WESTERN = set("èìòùøåæçñãõÈÌÒÙØÅÆÇÑÃÕßàâêîôœŒ")


def likely_code_page(data: bytes) -> tuple[str, str]:
    """The Windows code page that `data` (not UTF-8) was most likely written in, and its region's name."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x8D: Ť in cp1250)
        return "cp1250", "Windows-1250 (Central European)"
    central = data.decode("cp1250", errors="replace")
    if sum(character in _CENTRAL_EUROPEAN for character in central) > sum(
        character in _WESTERN for character in western
    ):
        return "cp1250", "Windows-1250 (Central European)"
    return "cp1252", "Windows-1252 (Western European)"


def _wide_lines(path: str, binary: BinaryIO, encoding: str) -> Iterator[str]:
    """Lines of a file in an encoding where a line feed is not the byte 0x0A (UTF-16, UTF-32)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending, number = "", 1
    while True:
        chunk = binary.read(1 << 16)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            number += pending.count("\n")
            raise CsvFileError(f"{path}: near line {number}, the bytes are not {encoding}; pass --encoding") from None
        pending += text
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
            number += 1
        if not chunk:
            break
    if pending:
        yield pending


def _records(path: str, lines: Iterable[str], delimiter: str) -> Iterator[Record]:
    reader = csv.reader(lines, strict=True, delimiter=delimiter)
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
