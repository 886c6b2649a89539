"""A workbook's XML checked before the spreadsheet library holds any of it: bounded, plain, and with its formulas seen.

An `.xlsx` file is a zip of XML parts. Each part is streamed through expat once, before openpyxl reads it, so that:
- a document type or an entity declaration (the "billion laughs" and external-entity attacks) is refused: no part
  of a spreadsheet needs one;
- a text longer than `MAX_CELL_CHARACTERS` (Excel's own limit for a cell) is refused while it streams, before it is
  held (a 0.3 MB file can hold a 300 MB cell), and so is a part that unpacks to more than `MAX_PART_BYTES`;
- cells whose formula has no saved result are found: openpyxl reads them as empty, which would skip a row unseen.
Memory stays at expat's buffer and the one text being counted, whatever the file holds.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

MAX_CELL_CHARACTERS = 32_767
"""The most characters of one text in a workbook: Excel's limit for a cell."""
MAX_PART_BYTES = 1 << 30
"""The most bytes one part of a workbook may unpack to (1 GiB: a full sheet of 1,048,576 rows needs far less)."""
_CHUNK = 1 << 20


class WorkbookRefused(ValueError):
    """The workbook is refused as a whole; the message says which part, and why, in one line."""


@dataclass
class WorkbookScan:
    """What the scan found: per worksheet part, the cells (`A3`) whose formula has no saved result."""

    formulas_without_value: dict[str, set[str]] = field(default_factory=dict)


def scan_workbook(path: str) -> WorkbookScan:
    """Stream every XML part of the workbook at `path` through the checks; `WorkbookRefused` on the first problem.

    Raises `zipfile.BadZipFile` or `OSError` when the file is not a zip that can be read.
    """
    scan = WorkbookScan()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")) and not info.is_dir():
                found = _PartScan(info.filename).run(archive, info)
                if found:
                    scan.formulas_without_value[info.filename] = found
    return scan


class _PartScan:
    def __init__(self, name: str) -> None:
        self._name = name
        self._parser = expat.ParserCreate()
        self._parser.StartDoctypeDeclHandler = self._doctype
        self._parser.EntityDeclHandler = self._entity
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._text
        self._text_length = 0
        self._cell: str | None = None
        self._formula = False
        self._value = False
        self._in_value = False
        self._without_value: set[str] = set()

    def run(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> set[str]:
        unpacked = 0
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_PART_BYTES:
                    raise WorkbookRefused(f"{self._name} unpacks to more than {MAX_PART_BYTES:,} bytes")
                self._feed(chunk, final=False)
        self._feed(b"", final=True)
        return self._without_value

    def _feed(self, data: bytes, *, final: bool) -> None:
        try:
            self._parser.Parse(data, final)
        except expat.ExpatError as error:
            raise WorkbookRefused(f"{self._name} is not well-formed XML ({error})") from None

    def _doctype(self, *_: object) -> None:
        raise WorkbookRefused(f"{self._name} declares a document type, which no spreadsheet part needs")

    def _entity(self, name: str, *_: object) -> None:
        raise WorkbookRefused(f"{self._name} declares the entity {name!r}, which no spreadsheet part needs")

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        self._text_length = 0
        if local == "c":
            self._cell, self._formula, self._value = attributes.get("r"), False, False
        elif local == "f":
            self._formula = True
        elif local == "v":
            self._in_value = True

    def _end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "v":
            self._in_value = False
        elif local == "c":
            if self._formula and not self._value:
                self._without_value.add(self._cell or "?")
            self._cell = None

    def _text(self, data: str) -> None:
        self._text_length += len(data)
        if self._in_value and data.strip():
            self._value = True
        if self._text_length > MAX_CELL_CHARACTERS:
            where = f" (cell {self._cell})" if self._cell else ""
            raise WorkbookRefused(
                f"{self._name} holds a text{where} of more than {MAX_CELL_CHARACTERS:,} characters, a spreadsheet "
                "cell's limit (a code has at most 128)"
            )
