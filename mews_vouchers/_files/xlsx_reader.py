"""One sheet of an `.xlsx` workbook streamed row by row: memory holds a row and the workbook's shared strings.

Why not python-calamine here (it reads `.ods`): it holds a whole sheet while it is read, about 200 bytes a row of
four cells (+40 MB at 200,000 rows, 210 MB at a full sheet of 1,048,576), and it cannot iterate lazily (its
upstream issue #42); openpyxl streams, but took 2.6x the time of the same rows as CSV. This reads the sheet's XML
with expat, as `workbook_guard` does, and turns each cell into what it holds:
- text (shared, inline, or a formula's text result) as it is;
- a number as an int when it is whole, else a float; a number in a date format as a datetime (a time format alone:
  a time; an elapsed-time format such as `[h]:mm`: its text), counted from 1900 or 1904 as the workbook says;
- TRUE/FALSE as a bool; a cell showing an error as `CellError` (`#N/A`), a formula whose result was never saved as
  `NoSavedValue` (`B3`).
`workbook_guard` checks every other part before this starts; this applies the same checks to the sheet it reads,
as it reads it (declarations, the part's size, a text over a cell's limit: `WorkbookRefused`).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator

from mews_vouchers._files.csv_file import Cell, Record
from mews_vouchers._files.workbook_guard import (
    MAX_CELL_CHARACTERS,
    WorkbookScan,
    bounded_chunks,
    column_letters,
    guarded_parser,
    parse,
    parse_part,
    refuse_long_text,
)

_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
# Built-in number formats (ECMA-376 18.8.30) that show dates or times; the rest are numbers or text.
_BUILT_IN_DATES = {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58}
_BUILT_IN_TIMES = {18, 19, 20, 21, 32, 33, 45, 47, 55, 56}
_BUILT_IN_ELAPSED = {46}
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How SpreadsheetML writes a character XML cannot hold (`_x0001_`), and a literal `_x` (`_x005F_x0041_`)."""
_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?!h\]|m\]|s\]|hh\]|mm\]|ss\])[^\]]*\]', re.IGNORECASE)


class CellError(str):
    """A cell that shows an error (`#N/A`): text for the row's reader, which refuses it by its class."""

    __slots__ = ()


class NoSavedValue(CellError):
    """A cell with a formula whose result was never saved (the file was written by a program, not a spreadsheet)."""

    __slots__ = ()


def read_xlsx_sheet(archive: zipfile.ZipFile, scan: WorkbookScan, sheet: str) -> Iterator[Record]:
    """The rows of the sheet called `sheet` (which `scan` found in `archive`), empty rows left out.

    Raises `KeyError` when the workbook does not hold the sheet's part, `ValueError` when its XML or a cell's value
    cannot be read.
    """
    part = scan.part_of(sheet)
    if part is None:
        raise KeyError(f"the workbook names no part for the sheet {sheet!r}")
    parts = {kind: name for name, kind in scan.part_kinds.items()}
    strings = _shared_strings(archive, parts.get("sharedStrings"))
    kinds = _style_kinds(archive, parts.get("styles"))
    epoch = _EPOCH_1904 if scan.date1904 else _EPOCH_1900
    yield from _SheetReader(strings, kinds, epoch, part).rows(archive, part)


# How a cell's number shows, by its style: as a number, a date(time), a time of day, an elapsed time.
_NUMBER, _DATE, _TIME, _ELAPSED = 0, 1, 2, 3
_CACHED = 4096
"""Numbers and dates converted once per distinct text and style (an export repeats its validity dates)."""


class _SheetReader:
    """Expat's events for one sheet turned into records, a row at a time.

    Written for speed (2.2 million events for 200,000 rows of four cells): one handler per event kind with the
    frequent tags first, a column's letters looked up once, numbers and dates converted once per distinct text.
    It also applies the guard's checks to its own part, which the guard leaves to it (`LEFT_TO_THE_READER`).
    """

    def __init__(self, strings: list[str], kinds: list[int], epoch: dt.datetime, part: str) -> None:
        self._strings, self._kinds, self._epoch, self._part = strings, kinds, epoch, part
        self._done: list[Record] = []
        self._fields: list[Cell] = []
        self._row = self._column = -1
        self._type: str | None = None
        self._style = 0
        self._formula = False
        self._text = ""
        self._collecting = False
        self._value: str | None = None
        self._inline: list[str] = []
        self._phonetic = False
        self._prefix = 0
        self._columns: dict[str, int] = {}
        self._converted_numbers: dict[tuple[str, int], Cell] = {}

    def rows(self, archive: zipfile.ZipFile, part: str) -> Iterator[Record]:
        parser = guarded_parser(part)
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.StartElementHandler = self._root
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        self._parser = parser
        for chunk in bounded_chunks(archive, part):
            parse(parser, part, chunk, final=False)
            yield from self._done
            self._done.clear()
        parse(parser, part, b"", final=True)
        yield from self._done

    def _root(self, tag: str, attributes: dict[str, str]) -> None:
        """The first element: whether the sheet's tags carry a prefix (`x:row`), which the others then drop."""
        self._prefix = tag.index(":") + 1 if ":" in tag else 0
        self._parser.StartElementHandler = self._start if not self._prefix else self._start_prefixed
        self._parser.EndElementHandler = self._end if not self._prefix else self._end_prefixed

    def _start_prefixed(self, tag: str, attributes: dict[str, str]) -> None:
        self._start(tag[self._prefix :], attributes)

    def _end_prefixed(self, tag: str) -> None:
        self._end(tag[self._prefix :])

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "c":
            reference = attributes.get("r")
            if reference is None:
                self._column += 1
            else:
                letters = reference.rstrip("0123456789")
                column = self._columns.get(letters)
                if column is None:
                    column = self._columns[letters] = _column_number(letters)
                self._column = column
            self._type = attributes.get("t")
            style = attributes.get("s")
            self._style = int(style) if style else 0
            self._formula = False
            self._value = None
            if self._inline:
                self._inline = []
        elif tag == "v":
            self._collecting, self._text = True, ""
        elif tag == "t":
            self._collecting, self._text = not self._phonetic, ""
        elif tag == "row":
            number = attributes.get("r")
            self._row = int(number) - 1 if number else self._row + 1
            self._column = -1
            self._fields = []
        elif tag == "f":
            self._formula = True
        elif tag == "rPh":
            self._phonetic = True

    def _end(self, tag: str) -> None:
        if tag == "c":
            value = self._converted()
            if value is not None:
                fields, column = self._fields, self._column
                if len(fields) == column:
                    fields.append(value)
                elif len(fields) < column:
                    fields.extend([None] * (column - len(fields)))
                    fields.append(value)
                else:
                    fields[column] = value
        elif tag == "v":
            self._value, self._collecting = self._text, False
        elif tag == "t":
            if self._collecting:
                self._inline.append(self._text)
            self._collecting = False
        elif tag == "row":
            fields = self._fields
            while fields and (fields[-1] is None or fields[-1] == ""):
                fields.pop()
            if fields:
                self._done.append(Record(self._row + 1, fields))
        elif tag == "rPh":
            self._phonetic = False

    def _characters(self, data: str) -> None:
        if self._collecting:
            self._text += data
            if len(self._text) > MAX_CELL_CHARACTERS:
                refuse_long_text(self._part, f"{column_letters(self._column)}{self._row + 1}")

    def _converted(self) -> Cell:
        kind, raw = self._type, self._value
        if kind == "s" and raw:
            return self._strings[int(raw)] or None
        if kind == "inlineStr":
            return _unescaped("".join(self._inline)) or None
        if raw is None or (raw == "" and kind != "str"):
            return NoSavedValue(f"{column_letters(self._column)}{self._row + 1}") if self._formula else None
        if kind is None or kind == "n":
            key = (raw, self._style)
            value = self._converted_numbers.get(key)
            if value is None:
                if len(self._converted_numbers) >= _CACHED:
                    self._converted_numbers.clear()
                value = self._converted_numbers[key] = self._number(raw)
            return value
        if kind == "str":
            return _unescaped(raw) or None
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "e":
            return CellError(raw or "#ERROR")
        if kind == "d":
            return dt.datetime.fromisoformat(raw.rstrip("Z"))
        return raw  # a type this reader does not know: its text, which the rows' reader judges

    def _number(self, raw: str) -> Cell:
        number = float(raw)
        shown = self._kinds[self._style] if self._style < len(self._kinds) else _NUMBER
        if shown == _NUMBER:
            return int(number) if number.is_integer() else number
        return _moment(number, shown, self._epoch)


def _moment(number: float, shown: int, epoch: dt.datetime) -> Cell:
    """A serial number as its date format shows it, to the millisecond (what a spreadsheet keeps)."""
    since = dt.timedelta(milliseconds=round(number * 86_400_000))
    if shown == _ELAPSED:
        return str(since)
    if shown == _TIME and 0 <= number < 1:
        return (_EPOCH_1900 + since).time()
    if epoch is _EPOCH_1900 and number < 60:  # Excel's 1900 has a 29 February (serial 60) that never was
        since += dt.timedelta(days=1)
    return epoch + since


def _unescaped(text: str) -> str:
    """A text as the spreadsheet shows it: `_x0001_` is the character U+0001, `_x005F_` an underscore."""
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text) if "_x" in text else text


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    """The workbook's table of strings: each `<si>` as its text (rich runs joined, phonetic guides left out)."""
    strings: list[str] = []
    if part is None or part not in archive.namelist():
        return strings
    pieces: list[str] = []
    state = {"text": False, "phonetic": False}

    def start(tag: str, _: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "si":
            pieces.clear()
        elif local == "t":
            state["text"] = not state["phonetic"]
        elif local == "rPh":
            state["phonetic"] = True

    def end(tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "si":
            strings.append(_unescaped("".join(pieces)))
        elif local == "t":
            state["text"] = False
        elif local == "rPh":
            state["phonetic"] = False

    def characters(data: str) -> None:
        if state["text"]:
            pieces.append(data)

    _stream(archive, part, start, end, characters)
    return strings


def _style_kinds(archive: zipfile.ZipFile, part: str | None) -> list[int]:
    """Per cell style (`s="3"`), how its numbers show: as numbers, dates, times of day or elapsed times."""
    formats: dict[int, str] = {}
    kinds: list[int] = []
    where = {"cell_styles": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "numFmt":
            identifier = attributes.get("numFmtId", "")
            if identifier.isdigit():
                formats[int(identifier)] = attributes.get("formatCode", "")
        elif local == "cellXfs":
            where["cell_styles"] = True
        elif local == "xf" and where["cell_styles"]:
            identifier = attributes.get("numFmtId", "0")
            kinds.append(_kind_of(int(identifier) if identifier.isdigit() else 0, formats))

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] == "cellXfs":
            where["cell_styles"] = False

    if part is not None and part in archive.namelist():
        _stream(archive, part, start, end, None)
    return kinds


def _kind_of(identifier: int, formats: dict[int, str]) -> int:
    if identifier in formats:
        code = _LITERALS.sub("", formats[identifier].split(";")[0]).lower()
        if re.search(r"\[(h|hh|m|mm|s|ss)\]", code):
            return _ELAPSED
        if "d" in code or "y" in code or ("m" in code and "h" not in code and "s" not in code):
            return _DATE
        return _TIME if "h" in code or "s" in code else _NUMBER
    if identifier in _BUILT_IN_DATES:
        return _DATE
    if identifier in _BUILT_IN_TIMES:
        return _TIME
    return _ELAPSED if identifier in _BUILT_IN_ELAPSED else _NUMBER


def _stream(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    characters: Callable[[str], None] | None,
) -> None:
    parser = guarded_parser(part)
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if characters is not None:
        parser.CharacterDataHandler = characters
    parse_part(parser, archive, part)
