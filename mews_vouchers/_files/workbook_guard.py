"""A workbook's XML checked before a reader holds any of it: bounded, plain, and with its cells seen.

An `.xlsx` or `.ods` file is a zip of XML parts. Each part is streamed through expat once, before the reader loads
it (an `.xlsx`'s worksheets are left to `xlsx_reader`, which streams the one it reads through the same checks; the
others are never read), so that:
- a document type or an entity declaration (the "billion laughs" and external-entity attacks) is refused: no part
  of a spreadsheet needs one;
- a text longer than `MAX_CELL_CHARACTERS` (Excel's own limit for a cell) is refused while it streams, before it is
  held (a 0.3 MB file can hold a 300 MB cell), and so is a part that unpacks to more than `MAX_PART_BYTES`;
- in an `.ods`, the cells python-calamine shows as empty are found: a formula whose result was never saved, and a
  cell showing an error (`#N/A`), which would skip a row, or a code, unseen;
- what the readers need and do not say is noted: which sheet is active, which part holds which sheet, which are
  hidden, from which year dates count.

A large part is first read at C speed (expat with no element handler, and byte searches): only a part that holds a
formula or a long run of text is read again element by element, so a large plain part costs a fraction of reading
it. Memory stays at expat's buffer and the one text being counted.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn
from xml.parsers import expat

MAX_CELL_CHARACTERS = 32_767
"""The most characters of one text in a workbook: Excel's limit for a cell."""
MAX_PART_BYTES = 1 << 30
"""The most bytes one part of a workbook may unpack to (1 GiB: a full sheet of 1,048,576 rows needs far less)."""
_CHUNK = 1 << 20
_SMALL_PART = 1 << 18
"""A part this small (as its zip entry says) is read element by element at once: its checks cost nothing."""
_CELLS_OF_NOTE = (b":formula=",)
"""A formula in an `.ods` (`table:formula=`): its cell may show an error, or have no saved value."""
_LONG_TEXT = re.compile(rb">[^<]{%d,}" % (MAX_CELL_CHARACTERS + 1))
"""A text of more bytes than a cell's characters (a byte is at most a character): counted by the close reading."""


class WorkbookRefused(ValueError):
    """The workbook is refused as a whole; the message says which part, and why, in one line."""


@dataclass(frozen=True)
class NotedCell:
    """A cell the reader shows as empty: `error` its shown text (`#N/A`), or None for a formula with no saved result.

    `row` and `column` count from 0; `reference` is how a spreadsheet names the cell (`B3`).
    """

    row: int
    column: int
    error: str | None

    @property
    def reference(self) -> str:
        """`B3`."""
        return f"{column_letters(self.column)}{self.row + 1}"


@dataclass
class WorkbookScan:
    """What the scan found: the noted cells of each sheet, the active sheet, which part holds which sheet."""

    noted_cells: dict[str, list[NotedCell]] = field(default_factory=dict)
    """An `.ods`'s, per sheet name."""
    active_index: int | None = None
    """An `.xlsx`'s active sheet as its position among all sheets (`workbookView activeTab`; absent: the first)."""
    active_name: str | None = None
    """An `.ods`'s active sheet, by name (settings.xml `ActiveTable`)."""
    sheet_targets: dict[str, str] = field(default_factory=dict)
    """An `.xlsx`'s sheet name -> relationship id, from its workbook part, in the workbook's order."""
    sheet_states: dict[str, str] = field(default_factory=dict)
    """An `.xlsx`'s sheet name -> `visible`, `hidden` or `veryHidden`."""
    date1904: bool = False
    """Whether an `.xlsx` counts its dates from 1904 (old Excel for Mac), not from 1900."""
    relationships: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per relationships part, id -> the part it names (resolved to a path inside the zip)."""
    part_kinds: dict[str, str] = field(default_factory=dict)
    """Part -> what a relationship says it is (`worksheet`, `chartsheet`, `sharedStrings`, `styles`)."""
    workbook_part: str | None = None

    def cells_of(self, sheet: str) -> list[NotedCell]:
        """The noted cells of an `.ods`'s sheet called `sheet`."""
        return self.noted_cells.get(sheet, [])

    def part_of(self, sheet: str) -> str | None:
        """The zip part holding an `.xlsx`'s sheet called `sheet`."""
        if self.workbook_part is None or sheet not in self.sheet_targets:
            return None
        folder, name = posixpath.split(self.workbook_part)
        targets = self.relationships.get(posixpath.join(folder, "_rels", name + ".rels"), {})
        return targets.get(self.sheet_targets[sheet])


def column_letters(column: int) -> str:
    """0 -> `A`, 27 -> `AB`."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


LEFT_TO_THE_READER = "xl/worksheets/"
"""Where an `.xlsx` keeps its worksheets: `xlsx_reader` checks the one it reads as it streams it."""


def scan_workbook(path: str) -> WorkbookScan:
    """Stream every XML part of the workbook at `path` through the checks; `WorkbookRefused` on the first problem.

    Raises `zipfile.BadZipFile` or `OSError` when the file is not a zip that can be read.
    """
    scan = WorkbookScan()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            is_xml = info.filename.endswith((".xml", ".rels")) and not info.is_dir()
            if not is_xml or info.filename.startswith(LEFT_TO_THE_READER):
                continue
            if info.file_size < _SMALL_PART or _needs_close_reading(archive, info):
                _PartScan(info.filename, scan).run(archive, info)
    return scan


def _needs_close_reading(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part holds what only an element-by-element reading can judge; refuses what it can refuse at once.

    Bytes are searched (memchr), not matched by a regular expression (5x faster on a large part), so a pattern
    split between two chunks is looked for in the joint too; a text run is followed across chunks.
    """
    parser = guarded_parser(info.filename)
    tail, text_run = b"", -1  # the bytes of text the last chunk ended with; -1: it ended in a tag
    for chunk in bounded_chunks(archive, info):
        parse(parser, info.filename, chunk, final=False)
        joint = tail + chunk[:16]
        if any(needle in joint or needle in chunk for needle in _CELLS_OF_NOTE):
            return True
        first_tag = chunk.find(b"<")
        if text_run >= 0 and text_run + (len(chunk) if first_tag < 0 else first_tag) > MAX_CELL_CHARACTERS:
            return True
        if _LONG_TEXT.search(chunk):
            return True
        text_run = _trailing_text(chunk, text_run)
        tail = chunk[-16:]
    parse(parser, info.filename, b"", final=True)
    return False


def _trailing_text(chunk: bytes, before: int) -> int:
    """The bytes of text the chunk ends with (after its last tag; -1 inside a tag), going on from `before`."""
    last_open, last_close = chunk.rfind(b"<"), chunk.rfind(b">")
    if last_open < 0 and last_close < 0:
        return before + len(chunk) if before >= 0 else -1
    return -1 if last_open > last_close else len(chunk) - last_close - 1


def bounded_chunks(archive: zipfile.ZipFile, part: str | zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes as it unpacks, a chunk at a time; refused once it passes `MAX_PART_BYTES`."""
    name = part if isinstance(part, str) else part.filename
    unpacked = 0
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > MAX_PART_BYTES:
                raise WorkbookRefused(f"{name} unpacks to more than {MAX_PART_BYTES:,} bytes")
            yield chunk


def guarded_parser(name: str) -> expat.XMLParserType:
    """An expat parser for the part `name` that refuses a document type or an entity declaration as it meets one."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = lambda *_: _refuse_doctype(name)
    parser.EntityDeclHandler = lambda entity, *_: _refuse_entity(name, entity)
    return parser


def parse_part(parser: expat.XMLParserType, archive: zipfile.ZipFile, part: str | zipfile.ZipInfo) -> None:
    """Feed the whole part to `parser`, bounded (`bounded_chunks`) and refused when it is not well-formed."""
    name = part if isinstance(part, str) else part.filename
    for chunk in bounded_chunks(archive, part):
        parse(parser, name, chunk, final=False)
    parse(parser, name, b"", final=True)


def parse(parser: expat.XMLParserType, name: str, data: bytes, *, final: bool) -> None:
    """Feed `data` to `parser`; XML that is not well-formed is refused, naming the part."""
    try:
        parser.Parse(data, final)
    except expat.ExpatError as error:
        raise WorkbookRefused(f"{name} is not well-formed XML ({error})") from None


def refuse_long_text(name: str, cell: str | None) -> NoReturn:
    """Refuse the part `name` for a text over a cell's limit (`cell`: where, when known)."""
    where = f" (cell {cell})" if cell else ""
    raise WorkbookRefused(
        f"{name} holds a text{where} of more than {MAX_CELL_CHARACTERS:,} characters, a spreadsheet cell's limit "
        "(a code has at most 128)"
    )


def _refuse_doctype(name: str) -> NoReturn:
    raise WorkbookRefused(f"{name} declares a document type, which no spreadsheet part needs")


def _refuse_entity(name: str, entity: str) -> NoReturn:
    raise WorkbookRefused(f"{name} declares the entity {entity!r}, which no spreadsheet part needs")


class _PartScan:
    """One part read element by element: texts counted, noted cells kept with their position, sheet facts kept."""

    def __init__(self, name: str, scan: WorkbookScan) -> None:
        self._name = name
        self._scan = scan
        self._parser = guarded_parser(name)
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._text
        self._text_length = 0
        self._noted: list[NotedCell] = []
        self._sheet: str | None = None  # an .ods table being read
        # the .ods cell being read: its position; and the text kept (an error's, the active table's name)
        self._row, self._column, self._next_column, self._rows_repeated = -1, -1, 0, 1
        self._kept: list[str] | None = None
        self._keep_as: str | None = None

    def run(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        parse_part(self._parser, archive, info)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        self._text_length = 0
        if local in _STARTS:
            _STARTS[local](self, attributes)

    # .ods: <table:table table:name="Codes"><table:table-row><table:table-cell table:formula="of:=NA()"
    #       office:value-type="string" calcext:value-type="error"><text:p>#N/A</text:p>
    def _ods_table(self, attributes: dict[str, str]) -> None:
        self._sheet = attributes.get("table:name", "")
        self._row = -1

    def _ods_row(self, attributes: dict[str, str]) -> None:
        self._row += 1
        self._next_column = 0
        self._rows_repeated = _count(attributes.get("table:number-rows-repeated"))

    def _ods_cell(self, attributes: dict[str, str]) -> None:
        self._column = self._next_column
        self._next_column += _count(attributes.get("table:number-columns-repeated"))
        formula = "table:formula" in attributes
        if formula and attributes.get("calcext:value-type") == "error":
            self._kept, self._keep_as = [], "ods error"
        elif formula and "office:value-type" not in attributes:
            self._note(NotedCell(self._row, self._column, None))

    # .xlsx workbook part and its relationships; .ods settings
    def _sheet_entry(self, attributes: dict[str, str]) -> None:
        name = attributes.get("name")
        target = next((value for key, value in attributes.items() if key.rpartition(":")[2] == "id"), None)
        if name is not None and target is not None and self._scan.workbook_part in (None, self._name):
            self._scan.sheet_targets[name] = target
            self._scan.sheet_states[name] = attributes.get("state", "visible")
            self._scan.workbook_part = self._name

    def _workbook_properties(self, attributes: dict[str, str]) -> None:
        self._scan.date1904 = attributes.get("date1904", "0").lower() in ("1", "true")

    def _workbook_view(self, attributes: dict[str, str]) -> None:
        if self._scan.active_index is None:  # the first view is the one a spreadsheet opens with
            tab = attributes.get("activeTab", "0")
            self._scan.active_index = int(tab) if tab.isdigit() else 0

    def _relationship(self, attributes: dict[str, str]) -> None:
        ident, target = attributes.get("Id"), attributes.get("Target")
        if ident is None or target is None or attributes.get("TargetMode") == "External":
            return
        # xl/_rels/workbook.xml.rels names parts relative to xl/ (or from the root, with a leading /)
        source_folder = posixpath.dirname(posixpath.dirname(self._name))
        part = target.lstrip("/") if target.startswith("/") else posixpath.join(source_folder, target)
        self._scan.relationships.setdefault(self._name, {})[ident] = posixpath.normpath(part)
        self._scan.part_kinds[posixpath.normpath(part)] = attributes.get("Type", "").rpartition("/")[2]

    def _config_item(self, attributes: dict[str, str]) -> None:
        if attributes.get("config:name") == "ActiveTable":
            self._kept, self._keep_as = [], "active table"

    def _end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if self._kept is not None and local in ("table-cell", "config-item"):
            self._kept_ends(local)
        if local == "table-row":
            self._row += self._rows_repeated - 1
        elif local == "table":
            if self._noted:
                self._scan.noted_cells[self._sheet or ""] = self._noted
            self._noted, self._sheet = [], None

    def _kept_ends(self, local: str) -> None:
        text, kind = "".join(self._kept or []), self._keep_as
        if local == "table-cell" and kind == "ods error":
            self._note(NotedCell(self._row, self._column, text.strip() or "#ERROR"))
        elif local == "config-item" and kind == "active table" and self._scan.active_name is None:
            self._scan.active_name = text
        else:
            return
        self._kept = self._keep_as = None

    def _note(self, cell: NotedCell) -> None:
        self._noted.append(cell)

    def _text(self, data: str) -> None:
        self._text_length += len(data)
        if self._kept is not None:
            self._kept.append(data)
        if self._text_length > MAX_CELL_CHARACTERS:
            cell = f"{column_letters(self._column)}{self._row + 1}" if self._column >= 0 else None
            refuse_long_text(self._name, cell)


_STARTS = {
    "table": _PartScan._ods_table,
    "table-row": _PartScan._ods_row,
    "table-cell": _PartScan._ods_cell,
    "covered-table-cell": _PartScan._ods_cell,
    "sheet": _PartScan._sheet_entry,
    "workbookView": _PartScan._workbook_view,
    "workbookPr": _PartScan._workbook_properties,
    "Relationship": _PartScan._relationship,
    "config-item": _PartScan._config_item,
}


def _count(text: str | None) -> int:
    return int(text) if text and text.isdigit() and int(text) > 0 else 1
