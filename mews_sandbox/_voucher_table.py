"""Vouchers kept in SQLite beside the codes, so that vouchers added, changed or deleted survive a restart (`--db`).

The configured vouchers are written once, on a new store, each created a minute after the one before it; the
vouchers that `vouchers/add` makes come after them. A deleted voucher stays, inactive, as Mews keeps it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

SCHEMA = """
CREATE TABLE IF NOT EXISTS vouchers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    enterprise_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    company_id TEXT,
    stay_start INTEGER,
    stay_end INTEGER,
    external_identifier TEXT,
    rate_ids TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    is_active INTEGER NOT NULL
);
"""
_COLUMNS = (
    "id, enterprise_id, service_id, name, type, company_id, stay_start, stay_end, external_identifier, rate_ids, "
    "created, updated, is_active, seq"
)


@dataclass(frozen=True)
class StoredVoucher:
    """A voucher as the store keeps it (times in microseconds since the epoch; `seq` its place in creation order)."""

    id: str
    enterprise_id: str
    service_id: str
    name: str
    type: str
    company_id: str | None
    stay_start: int | None
    stay_end: int | None
    external_identifier: str | None
    rate_ids: tuple[str, ...]
    created: int
    updated: int
    is_active: bool = True
    seq: int = 0

    def changed(self, updated: int, **fields: object) -> StoredVoucher:
        """A copy with some fields changed and a new update time."""
        return replace(self, updated=updated, **fields)  # type: ignore[arg-type]


class VoucherTable:
    """Thread-safe access to the voucher table (the store's connection and lock)."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        """Share the store's connection and lock."""
        self._db = db
        self._lock = lock

    def insert(self, vouchers: Sequence[StoredVoucher], *, or_ignore: bool = False) -> list[StoredVoucher]:
        """Insert vouchers in order, all or none (`or_ignore`: keep a voucher already stored under that id)."""
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for voucher in vouchers:
                    self._db.execute(
                        f"{verb} INTO vouchers (id, enterprise_id, service_id, name, type, company_id, stay_start, "
                        "stay_end, external_identifier, rate_ids, created, updated, is_active) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        _values(voucher),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return self.by_ids([voucher.id for voucher in vouchers])

    def save(self, vouchers: Sequence[StoredVoucher]) -> None:
        """Write changed vouchers back, all or none."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "UPDATE vouchers SET enterprise_id = ?, service_id = ?, name = ?, type = ?, company_id = ?, "
                    "stay_start = ?, stay_end = ?, external_identifier = ?, rate_ids = ?, created = ?, updated = ?, "
                    "is_active = ? WHERE id = ?",
                    [(*_values(voucher)[1:], voucher.id) for voucher in vouchers],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def by_ids(self, ids: Sequence[str]) -> list[StoredVoucher]:
        """The vouchers with these ids, in the order asked; unknown ids are left out."""
        found: dict[str, StoredVoucher] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(f"SELECT {_COLUMNS} FROM vouchers WHERE id IN ({marks})", chunk):  # noqa: S608
                    voucher = _row(row)
                    found[voucher.id] = voucher
        return [found[voucher_id] for voucher_id in ids if voucher_id in found]

    def enterprises_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Voucher id -> its enterprise, for those of `ids` that exist."""
        return {voucher.id: voucher.enterprise_id for voucher in self.by_ids(ids)}

    def newest_first(self, service_ids: Sequence[str], before_seq: int | None) -> Iterator[StoredVoucher]:
        """The vouchers of these services, newest first, created before the cursor's voucher when there is one.

        Read a thousand at a time as the caller goes on: a page of a few that match costs a few, not every voucher.
        """
        marks = ",".join("?" * len(service_ids))
        below = before_seq
        while True:
            args: list[object] = list(service_ids)
            clause = ""
            if below is not None:
                clause = " AND seq < ?"
                args.append(below)
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {_COLUMNS} FROM vouchers WHERE service_id IN ({marks}){clause} "  # noqa: S608
                    "ORDER BY seq DESC LIMIT 1000",
                    args,
                ).fetchall()
            for row in rows:
                yield _row(row)
            if len(rows) < 1000:
                return
            below = _row(rows[-1]).seq

    def count(self) -> int:
        """How many vouchers the table holds, deleted ones included."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM vouchers").fetchone()[0])

    def last_update(self) -> int:
        """The latest update time of a voucher (0 when there is none)."""
        with self._lock:
            return int(self._db.execute("SELECT COALESCE(MAX(updated), 0) FROM vouchers").fetchone()[0])


def _values(voucher: StoredVoucher) -> tuple[object, ...]:
    return (
        voucher.id,
        voucher.enterprise_id,
        voucher.service_id,
        voucher.name,
        voucher.type,
        voucher.company_id,
        voucher.stay_start,
        voucher.stay_end,
        voucher.external_identifier,
        ",".join(voucher.rate_ids),
        voucher.created,
        voucher.updated,
        int(voucher.is_active),
    )


def _row(row: tuple[object, ...]) -> StoredVoucher:
    (
        voucher_id,
        enterprise_id,
        service_id,
        name,
        kind,
        company_id,
        start,
        end,
        external,
        rates,
        created,
        updated,
        active,
        seq,
    ) = row
    return StoredVoucher(
        id=str(voucher_id),
        enterprise_id=str(enterprise_id),
        service_id=str(service_id),
        name=str(name),
        type=str(kind),
        company_id=None if company_id is None else str(company_id),
        stay_start=None if start is None else int(str(start)),
        stay_end=None if end is None else int(str(end)),
        external_identifier=None if external is None else str(external),
        rate_ids=tuple(str(rates).split(",")) if rates else (),
        created=int(str(created)),
        updated=int(str(updated)),
        is_active=bool(active),
        seq=int(str(seq)),
    )
