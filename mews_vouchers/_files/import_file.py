"""The import file: a CSV file or a workbook of codes to add, read and checked row by row, each known by its line.

Columns (a header row names them, in any order and letter case): `VoucherId` (or `Voucher`, the voucher's name),
`Value`, and optionally `ValidityStartUtc`, `ValidityEndUtc` (or `ValidityStart`, `ValidityEnd`; a header such as
`ValidityStart (Europe/Prague)` says the timezone of its column). Other columns are ignored, so an export can be
imported as it is; an `IsActive` column (an export has one) leaves out the rows that say `false`.

CSV is read by `csv_file` (encodings, delimiters, line numbers), `.xlsx` and `.ods` by `workbook_file`; both give
cells, which are checked here: a code must be text (a number cell has lost its leading zeros or digits), datetimes
are read as `DateReading` says (the timezone of values without an offset, the order of typed dates).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from mews_vouchers._files.csv_file import Cell, Record, shown
from mews_vouchers._files.datetimes import ISO_UTC, DateReading, zone_named
from mews_vouchers._files.import_rows import RowTable
from mews_vouchers._files.table_file import AS_FOUND, SourceFormat, read_table
from mews_vouchers._files.workbook_file import NoSavedValue, is_cell_error
from mews_vouchers._shared.console import CommandError
from mews_wrapper import MewsValidationError, NewVoucherCode

CODE_ID, VOUCHER_ID, VOUCHER, VALUE, START, END, IS_ACTIVE = (
    "Id",
    "VoucherId",
    "Voucher",
    "Value",
    "ValidityStartUtc",
    "ValidityEndUtc",
    "IsActive",
)
KNOWN_COLUMNS = (CODE_ID, VOUCHER_ID, VOUCHER, VALUE, START, END, IS_ACTIVE)
_ALIASES = {"vouchername": VOUCHER, "validitystart": START, "validityend": END}
_HEADER_CELL = re.compile(r"(?P<name>[A-Za-z]+)\s*(?:[(\[](?P<zone>[^)\]]+)[)\]])?")
_TRUE, _FALSE = {"true", "1", "yes", ""}, {"false", "0", "no"}
# The wrapper's checks name its own fields; a row's problem is told in the file's column names.
_FIELD_TO_COLUMN = {"validity_start_utc": START, "validity_end_utc": END, "voucher_id": VOUCHER_ID}
# 9.87654321098765E+019, 1.00E+05: how a spreadsheet shows a long number typed into a General cell.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[Ee][+-]?\d+")

VoucherNamed = Callable[[str], uuid.UUID]
"""The id of the voucher with a name; `ValueError` saying why not (no such voucher, several, with the candidates)."""


class ImportFileError(CommandError):
    """The file as a whole cannot be used (unreadable, not UTF-8, no header, a required column missing)."""


@dataclass(frozen=True)
class BadRow:
    """A row that is not sent: its line number and what is wrong with it."""

    line: int
    reason: str


@dataclass
class ImportFile:
    """What a file holds: the good rows, the bad ones, warnings about good ones, and the lines marked inactive.

    `reading` is how its datetimes were read; `local_times` whether any had no offset (so the timezone decided).
    """

    rows: RowTable = field(default_factory=RowTable)
    bad: list[BadRow] = field(default_factory=list)
    warnings: list[BadRow] = field(default_factory=list)
    inactive: list[int] = field(default_factory=list)
    reading: DateReading = field(default_factory=DateReading)
    local_times: bool = False
    notes: list[str] = field(default_factory=list)
    """What people should know of how the file was read (the sheet of several, a column overridden) before it runs."""
    code_ids: dict[int, uuid.UUID] = field(default_factory=dict)
    """Line -> the code id of its `Id` column (an export's rows say which code they came from)."""


def read_import_file(
    path: str,
    voucher_id: uuid.UUID | None = None,
    *,
    source: SourceFormat = AS_FOUND,
    reading: DateReading = ISO_UTC,
    voucher_named: VoucherNamed | None = None,
    only_this_voucher: bool = False,
) -> ImportFile:
    """Read and check every row of `path` (`-` for stdin); `voucher_id` puts every row into that voucher.

    `only_this_voucher`: a row whose `VoucherId` names another voucher than `voucher_id` is a bad row, rather than
    moved into it (a sync must not take a file of several vouchers for one). `voucher_named` resolves a `Voucher`
    column's names (without it, such a column is refused). Raises `ImportFileError` (or `CsvFileError`, naming the
    line) when the file as a whole cannot be used; a bad row only becomes a `BadRow`.
    """
    reader = _FileReader(voucher_id, reading, voucher_named, only_this_voucher=only_this_voucher)
    reader.legacy_encoding = source.encoding is not None and not source.encoding.casefold().startswith("utf")
    notes = reader.result.notes
    return reader.read(read_table(path, source, header_names=[*KNOWN_COLUMNS, *_ALIASES], on_note=notes.append))


@dataclass
class _Columns:
    """Where each known column is, and the reading of each datetime column (a header may name its timezone)."""

    positions: dict[str, int]
    readings: dict[str, DateReading]


class _FileReader:
    def __init__(
        self,
        voucher_override: uuid.UUID | None,
        reading: DateReading,
        named: VoucherNamed | None,
        *,
        only_this_voucher: bool = False,
    ) -> None:
        self._only_this_voucher = only_this_voucher
        self._override = voucher_override
        self._reading = reading
        self._named = named
        self.result = ImportFile(reading=reading)
        self._overridden_vouchers: set[str] = set()
        self._overridden_rows = 0
        self._broken_ids = 0
        self.legacy_encoding = False
        """Whether the text came through a legacy code page (a `?` in a value may stand for a lost letter)."""

    def read(self, records: Iterator[Record]) -> ImportFile:
        result = self.result
        columns: _Columns | None = None
        for record in records:
            if columns is None:
                columns = self._header(record.fields)
                continue
            line = record.line
            try:
                code, active = self._row(record.fields, columns, line)
            except ValueError as error:
                result.bad.append(BadRow(line, str(error)))
                continue
            if not active:
                result.inactive.append(line)
                continue
            first = result.rows.add(line, code)
            if first is not None:
                result.bad.append(BadRow(line, f"Value {code.value!r} repeats line {first} (same voucher)"))
        if columns is None:
            raise ImportFileError(f"no header row: the first line must name the columns ({VOUCHER_ID},{VALUE},...)")
        if self._overridden_rows:
            named = sorted(self._overridden_vouchers)
            shown_ids = ", ".join(voucher[:8] for voucher in named[:3]) + (" ..." if len(named) > 3 else "")
            broken = f" and {self._broken_ids:,} that are not voucher ids" if self._broken_ids else ""
            result.notes.append(
                f"warning: the {VOUCHER_ID} column named {len(named):,} other voucher(s) ({shown_ids or '-'}){broken} "
                f"on {self._overridden_rows:,} rows: the voucher given on the command line ({self._override}) "
                "overrode them, every row goes into it"
            )
        return result

    def _header(self, fields: Sequence[Cell]) -> _Columns:
        """Column name -> position, for the columns this reader knows (matched without regard to case or spaces)."""
        canonical = {name.casefold(): name for name in KNOWN_COLUMNS} | _ALIASES
        columns = _Columns({}, {})
        for position, cell in enumerate(fields):
            matched = _HEADER_CELL.fullmatch(cell.strip()) if isinstance(cell, str) else None
            name = canonical.get(matched["name"].casefold()) if matched else None
            if matched is None or name is None:
                continue
            if name in columns.positions:
                raise ImportFileError(f"the header names {name} twice")
            columns.positions[name] = position
            if matched["zone"] is not None:
                columns.readings[name] = self._zone_of_column(name, matched["zone"].strip())
        named_only = VOUCHER in columns.positions and VOUCHER_ID not in columns.positions
        if named_only and self._named is None and (self._override is None or self._only_this_voucher):
            raise ImportFileError(f"a {VOUCHER} column (names) needs the vouchers to be read: not in this mode")
        required = [VALUE] if self._override is not None else [VOUCHER_ID, VALUE]
        missing = [
            name
            for name in required
            if name not in columns.positions and not (name == VOUCHER_ID and VOUCHER in columns.positions)
        ]
        if missing:
            found = ",".join(str(cell).strip() for cell in fields if cell is not None)
            sheets = "".join(f"; {note}" for note in self.result.notes)
            raise ImportFileError(
                f"the header lacks {', '.join(missing)} (expected {VOUCHER_ID} or {VOUCHER},{VALUE},{START},{END}; "
                f"found {shown(found)}){sheets}"
            )
        return columns

    def _zone_of_column(self, column: str, zone_text: str) -> DateReading:
        try:
            zone = zone_named(zone_text)
        except ValueError as error:
            raise ImportFileError(f"the header of {column}: {error}") from None
        given = self._reading.zone
        if given is not None and given.key != zone.key:
            raise ImportFileError(
                f"the header says {column} is in {zone.key}, and --timezone says {given.key}: leave one out"
            )
        return DateReading(zone, self._reading.order)

    def _row(self, fields: Sequence[Cell], columns: _Columns, line: int) -> tuple[NewVoucherCode, bool]:
        """The code a row adds and whether it is active; `ValueError` says what is wrong with it."""

        def cell(name: str) -> Cell:
            position = columns.positions.get(name)
            return fields[position] if position is not None and position < len(fields) else None

        voucher = self._voucher(cell(VOUCHER_ID), cell(VOUCHER))
        active_text = _text(cell(IS_ACTIVE)).strip().casefold()
        if active_text not in _TRUE | _FALSE:
            raise ValueError(f"{IS_ACTIVE} {cell(IS_ACTIVE)!r} is neither true nor false")
        start, end = (self._datetime(cell(name), name, columns.readings.get(name)) for name in (START, END))
        value = _value(cell(VALUE))
        try:
            code = NewVoucherCode(voucher, value, start, end)
        except MewsValidationError as error:
            raise ValueError(_in_column_names(str(error))) from None
        warning = _looks_rewritten(value)
        if warning is None and self.legacy_encoding and "?" in value:
            warning = (
                f"{VALUE} {value!r} holds '?', which a spreadsheet writes for a letter the file's code page lacks: "
                "check the code (or save the file as CSV UTF-8)"
            )
        if warning is not None:
            self.result.warnings.append(BadRow(line, warning))
        code_id = _text(cell(CODE_ID)).strip()
        if code_id:
            with contextlib.suppress(ValueError):
                self.result.code_ids[line] = uuid.UUID(code_id)
        return code, active_text not in _FALSE

    def _voucher(self, by_id: Cell, by_name: Cell) -> uuid.UUID:
        text = _text(by_id).strip()
        name = _text(by_name)
        if self._override is not None:
            if self._only_this_voucher and text and text.casefold() != str(self._override):
                raise ValueError(f"{VOUCHER_ID} {text!r} is another voucher than {self._override}")
            if text and text.casefold() != str(self._override):
                self._overridden_rows += 1
                try:
                    self._overridden_vouchers.add(str(uuid.UUID(text)))
                except ValueError:
                    self._broken_ids += 1
            check_name = self._only_this_voucher and not text and name.strip() and self._named is not None
            if check_name and self._named(name) != self._override:  # type: ignore[misc]
                raise ValueError(f"{VOUCHER} {name!r} is another voucher than {self._override}")
            return self._override
        if text:
            try:
                return uuid.UUID(text)
            except ValueError:
                raise ValueError(f"{VOUCHER_ID} {text!r} is not a UUID") from None
        if name.strip() and self._named is not None:
            return self._named(name)
        raise ValueError(f"{VOUCHER_ID} is empty" if by_name is None else f"{VOUCHER} (a name) is empty")

    def _datetime(self, value: Cell, column: str, reading: DateReading | None) -> dt.datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        chosen = reading or self._reading
        if is_cell_error(value):
            raise ValueError(f"{column} {_shows_error(value)}")
        if isinstance(value, bool) or not isinstance(value, str | dt.date):
            raise ValueError(f"{column} {value!r} is not a date or a datetime (a cell formatted as a date, or text)")
        try:
            moment = chosen.moment(value)
        except ValueError as error:
            raise ValueError(f"{column} {error}") from None
        if chosen.is_local(value):
            self.result.local_times = True
        return moment


def _text(value: Cell) -> str:
    """A cell that should hold text, as text (a number or a date as the spreadsheet would write it)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _value(value: Cell) -> str:
    """A code's cell as its text; `ValueError` when the cell is not text, so the code cannot be trusted."""
    if is_cell_error(value):
        raise ValueError(f"{VALUE} {_shows_error(value)}")
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        raise ValueError(f"{VALUE} is a TRUE/FALSE cell, not text")
    if isinstance(value, int | float):
        raise ValueError(
            f"{VALUE} is a number cell ({value:.15G} as a spreadsheet shows it), not text: a spreadsheet drops the "
            "leading zeros of numbers and rounds long ones, so the code may not be what was typed. Format the "
            "column as Text and enter the codes again (or import the CSV they came from)"
        )
    raise ValueError(f"{VALUE} is a date or time cell ({value}), not text: format the column as Text")


def _shows_error(value: Cell) -> str:
    """What a column's cell that showed an error (or a formula never computed) tells: `shows ... #N/A`."""
    if isinstance(value, NoSavedValue):
        return (
            f"in cell {value} is a formula with no saved result (the program that wrote the file did not compute "
            "it): open and save the workbook in a spreadsheet program, or type the value"
        )
    return f"shows the spreadsheet error {value}"


def _looks_rewritten(value: str) -> str | None:
    """A warning when a value looks like what a spreadsheet made of a number, or of an --excel-safe export."""
    if _SCIENTIFIC.fullmatch(value):
        return (
            f"{VALUE} {value!r} looks like a number in scientific notation, which a spreadsheet writes for long "
            "digits typed into a General cell (the digits it dropped are lost): check that it is the code meant"
        )
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return (
            f"{VALUE} {value!r} begins with an apostrophe, as --excel-safe writes a value that begins with "
            f"{value[1]!r}: it is imported with the apostrophe"
        )
    return None


def _in_column_names(message: str) -> str:
    """A wrapper message about `validity_end_utc` told about `ValidityEndUtc`."""
    for name, column in _FIELD_TO_COLUMN.items():
        message = message.replace(name, column)
    return VALUE + message[len(VALUE) :] if message.startswith("value ") else message
