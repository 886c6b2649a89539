"""Voucher codes kept in SQLite (vouchers beside them, `_voucher_table`): in memory, or in a file with --db."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mews_sandbox import _voucher_table

_SCHEMA = """
CREATE TABLE IF NOT EXISTS voucher_codes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    voucher_id TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    value TEXT NOT NULL,
    validity_start INTEGER,
    validity_end INTEGER,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    is_active INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS voucher_codes_voucher ON voucher_codes (voucher_id, seq);
CREATE INDEX IF NOT EXISTS voucher_codes_active_value ON voucher_codes (voucher_id, value) WHERE is_active = 1;
"""
_COLUMNS = "seq, id, voucher_id, enterprise_id, value, validity_start, validity_end, created, updated, is_active"


@dataclass(frozen=True)
class NewCode:
    """A code to insert (times in microseconds since the epoch)."""

    id: str
    voucher_id: str
    enterprise_id: str
    value: str
    validity_start: int | None
    validity_end: int | None
    created: int


@dataclass(frozen=True)
class StoredCode(NewCode):
    """A code as the store keeps it: its position in creation order, its last update, whether it is active."""

    seq: int
    updated: int
    is_active: bool


@dataclass(frozen=True)
class CodeQuery:
    """A getAll filter, already validated; `before_seq` is the cursor's position."""

    voucher_ids: Sequence[str]
    enterprise_ids: Sequence[str]
    code_ids: Sequence[str] | None
    updated_from: int | None
    updated_to: int | None
    before_seq: int | None
    limit: int


class Store:
    """Thread-safe access to the voucher-code table; `vouchers` is the voucher table of the same database."""

    def __init__(self, path: str | None = None) -> None:
        """Open (or create) the database; None keeps it in memory. `sqlite3.Error` when it cannot be written."""
        self._db = sqlite3.connect(path or ":memory:", check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA + _voucher_table.SCHEMA)
        self._db.execute("BEGIN IMMEDIATE")  # a read-only file fails here, at start, not with a 500 on the first add
        self._db.execute("ROLLBACK")
        self._lock = threading.Lock()
        self.vouchers = _voucher_table.VoucherTable(self._db, self._lock)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def insert(self, codes: Sequence[NewCode]) -> list[StoredCode]:
        """Insert codes in order, all or none."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for code in codes:
                    self._db.execute(
                        "INSERT INTO voucher_codes (id, voucher_id, enterprise_id, value, validity_start, "
                        "validity_end, created, updated, is_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                        (
                            code.id,
                            code.voucher_id,
                            code.enterprise_id,
                            code.value,
                            code.validity_start,
                            code.validity_end,
                            code.created,
                            code.created,
                        ),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return self.by_ids([code.id for code in codes])

    def by_ids(self, ids: Sequence[str]) -> list[StoredCode]:
        """The codes with these ids, in the order asked; unknown ids are left out."""
        found: dict[str, StoredCode] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(f"SELECT {_COLUMNS} FROM voucher_codes WHERE id IN ({marks})", chunk):  # noqa: S608
                    code = _row(row)
                    found[code.id] = code
        return [found[i] for i in ids if i in found]

    def active_values(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those of these (voucher id, value) pairs that an active code already holds.

        An index lookup per pair: the cost of an add does not grow with the codes a voucher already has.
        """
        found: set[tuple[str, str]] = set()
        with self._lock:
            for pair in set(pairs):
                row = self._db.execute(
                    "SELECT 1 FROM voucher_codes WHERE is_active = 1 AND voucher_id = ? AND value = ?", pair
                ).fetchone()
                if row is not None:
                    found.add(pair)
        return found

    def vouchers_with_values(self, values: Sequence[str]) -> set[str]:
        """The vouchers that hold a code (active or not) with one of these values."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT DISTINCT voucher_id FROM voucher_codes WHERE value IN ({','.join('?' * len(values))})",  # noqa: S608 - placeholders only
                list(values),
            ).fetchall()
        return {row[0] for row in rows}

    def deactivate(self, ids: Sequence[str], updated: int) -> None:
        """Mark codes deleted and move their update time; codes already deleted stay as they are."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "UPDATE voucher_codes SET is_active = 0, updated = ? WHERE id = ? AND is_active = 1",
                [(updated, code_id) for code_id in ids],
            )
            self._db.execute("COMMIT")

    def query(self, query: CodeQuery) -> list[StoredCode]:
        """One page of codes, newest first."""
        clauses = [
            f"voucher_id IN ({','.join('?' * len(query.voucher_ids))})",
            f"enterprise_id IN ({','.join('?' * len(query.enterprise_ids))})",
        ]
        args: list[object] = [*query.voucher_ids, *query.enterprise_ids]
        if query.code_ids is not None:
            clauses.append(f"id IN ({','.join('?' * len(query.code_ids))})")
            args.extend(query.code_ids)
        if query.updated_from is not None:
            clauses.append("updated >= ?")
            args.append(query.updated_from)
        if query.updated_to is not None:
            if query.updated_to == query.updated_from:  # the documentation: start == end matches that instant
                clauses.append("updated <= ?")
            else:
                clauses.append("updated < ?")
            args.append(query.updated_to)
        if query.before_seq is not None:
            clauses.append("seq < ?")
            args.append(query.before_seq)
        sql = f"SELECT {_COLUMNS} FROM voucher_codes WHERE {' AND '.join(clauses)} ORDER BY seq DESC LIMIT ?"  # noqa: S608
        args.append(query.limit)
        with self._lock:
            return [_row(row) for row in self._db.execute(sql, args)]

    def last_update(self) -> int:
        """The latest update time of a code or a voucher (0 when there is none)."""
        with self._lock:
            codes = int(self._db.execute("SELECT COALESCE(MAX(updated), 0) FROM voucher_codes").fetchone()[0])
        return max(codes, self.vouchers.last_update())

    def count(self) -> int:
        """How many codes the store holds, deleted ones included."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM voucher_codes").fetchone()[0])


def _row(row: tuple[int, str, str, str, str, int | None, int | None, int, int, int]) -> StoredCode:
    seq, code_id, voucher_id, enterprise_id, value, start, end, created, updated, active = row
    return StoredCode(code_id, voucher_id, enterprise_id, value, start, end, created, seq, updated, bool(active))
