"""The good rows of an import file, kept as columns, so that a file of 200,000 rows costs what its values cost.

A row as objects (a dataclass, a `NewVoucherCode`, its UUID and datetimes, a tuple key for the repeat check) costs
about 0.7 KiB; kept here as a line number, an index into a few interned vouchers and validity ends, and the value
itself, it costs about a sixth of that. A `Row` (with its `NewVoucherCode`, checked again) is made only when it is
read: a batch of 1000 at a time.
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import overload

from mews_wrapper import NewVoucherCode


@dataclass(frozen=True, slots=True)
class Row:
    """A good row: its line number and the code it adds."""

    line: int
    code: NewVoucherCode


class _LazyRows(Sequence[Row]):
    """Rows made when read: a subclass says how many there are (`__len__`) and makes the one at a position."""

    def _made(self, position: int) -> Row:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        """The row at `index` (made now), or a list of them for a slice."""
        if isinstance(index, slice):
            return [self._made(position) for position in range(*index.indices(len(self)))]
        return self._made(range(len(self))[index])


class RowTable(_LazyRows):
    """The good rows, in file order; `add` refuses a value repeated for the same voucher (naming the first line)."""

    def __init__(self) -> None:
        """An empty table."""
        self._lines = array("I")
        self._vouchers = array("I")
        self._starts = array("I")
        self._ends = array("I")
        self._values: list[str] = []
        self._interned: list[object] = [None]  # vouchers and validity ends: few distinct ones in a real file
        self._index_of: dict[object, int] = {None: 0}
        self._seen: dict[int, set[str]] = {}  # voucher index -> its values: the repeat check
        self._first_lines: dict[int, dict[str, int]] = {}  # made for a voucher only once it has a repeat

    def add(self, line: int, code: NewVoucherCode) -> int | None:
        """Keep the row; when its value repeats one of the same voucher, keep nothing and return the first line."""
        voucher = self._intern(code.voucher_id)
        seen = self._seen.setdefault(voucher, set())
        if code.value in seen:
            return self._first_line(voucher, code.value)
        seen.add(code.value)
        self._lines.append(line)
        self._vouchers.append(voucher)
        self._starts.append(self._intern(code.validity_start_utc))
        self._ends.append(self._intern(code.validity_end_utc))
        self._values.append(code.value)
        lines = self._first_lines.get(voucher)
        if lines is not None:
            lines[code.value] = line
        return None

    def vouchers(self) -> list[uuid.UUID]:
        """Every voucher the rows name, in a stable order."""
        return sorted((self._interned[index] for index in self._seen), key=str)  # type: ignore[misc]

    def split(self, active: set[tuple[uuid.UUID, str]]) -> tuple[RowSelection, RowSelection]:
        """(the rows whose value is already active on their voucher, the others), in file order."""
        there, missing = array("I"), array("I")
        for index, (voucher, value) in enumerate(zip(self._vouchers, self._values, strict=True)):
            (there if (self._interned[voucher], value) in active else missing).append(index)
        return RowSelection(self, there), RowSelection(self, missing)

    def __len__(self) -> int:
        """How many good rows."""
        return len(self._lines)

    def _made(self, position: int) -> Row:
        voucher, start, end = (
            self._interned[column[position]] for column in (self._vouchers, self._starts, self._ends)
        )
        return Row(self._lines[position], NewVoucherCode(voucher, self._values[position], start, end))  # type: ignore[arg-type]

    def _intern(self, value: object) -> int:
        index = self._index_of.get(value)
        if index is None:
            index = self._index_of[value] = len(self._interned)
            self._interned.append(value)
        return index

    def _first_line(self, voucher: int, value: str) -> int:
        lines = self._first_lines.get(voucher)
        if lines is None:  # the first repeat of this voucher: index its values once
            lines = self._first_lines[voucher] = {}
            for position in range(len(self) - 1, -1, -1):
                if self._vouchers[position] == voucher:
                    lines[self._values[position]] = self._lines[position]
        return lines[value]


class RowSelection(_LazyRows):
    """Some rows of a table, by position (4 bytes each), made when read like the table's."""

    def __init__(self, table: RowTable, positions: Iterable[int]) -> None:
        """The rows of `table` at `positions`."""
        self._table = table
        self._positions = array("I", positions)

    def __len__(self) -> int:
        """How many rows."""
        return len(self._positions)

    def _made(self, position: int) -> Row:
        return self._table[self._positions[position]]
