"""SQLite persistence for the sandbox: orders, their trackings, keyset page queries.

One connection, shared by the server thread and whoever seeds the data, behind a lock; every
write happens inside one ``BEGIN IMMEDIATE`` transaction so a rejected request leaves nothing
behind. The fields a list sorts or filters by live in their own columns (with a composite
``(key, id)`` index each, so the first and the last page cost the same); everything else of an
order or tracking is kept as JSON.

Decisions the contract leaves open:

- Timestamps are stored and served as UTC with microseconds (``2026-01-31T09:15:02.123456Z``),
  a fixed-width form, so comparing the text compares the instants.
- ``external_reference`` null and ``""`` sort together (first ascending), and only a non-empty
  reference must be unique within an account.
- A tracking is unique by account + courier + tracking number, as the contract says.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parcellab_desk.api.schema import ORDER_FIELDS, ORDER_WRITABLE, TRACKING_FIELDS

SORT_COLUMNS: dict[str, str] = {
    "created_at": "created_at",
    "updated_at": "updated_at",
    "order_number": "order_number",
    "external_reference": "external_reference",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    account INTEGER NOT NULL,
    order_number TEXT NOT NULL,
    external_reference TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS orders_account_number ON orders (account, order_number);
CREATE UNIQUE INDEX IF NOT EXISTS orders_account_reference
    ON orders (account, external_reference) WHERE external_reference != '';
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at, id);
CREATE INDEX IF NOT EXISTS orders_updated ON orders (updated_at, id);
CREATE INDEX IF NOT EXISTS orders_number ON orders (order_number, id);
CREATE INDEX IF NOT EXISTS orders_reference ON orders (external_reference, id);
CREATE TABLE IF NOT EXISTS trackings (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    account INTEGER NOT NULL,
    courier TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (account, courier, tracking_number)
);
CREATE INDEX IF NOT EXISTS trackings_order ON trackings (order_id, id);
CREATE INDEX IF NOT EXISTS trackings_number ON trackings (tracking_number);
CREATE INDEX IF NOT EXISTS orders_email
    ON orders (lower(json_extract(data, '$.recipient_email')));
CREATE INDEX IF NOT EXISTS orders_customer ON orders (json_extract(data, '$.customer_number'));
"""

_ORDER_COLUMNS = "id, external_id, account, created_at, updated_at, data"


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_ts(moment: datetime) -> str:
    """The one text form of an instant the sandbox stores and serves."""
    # isoformat pads the year to four digits; strftime("%Y") does not on every platform
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def blank_order_fields() -> dict[str, Any]:
    """Every writable order field but ``account`` (a column) at its empty value."""
    return {
        f.name: ([] if f.name == "tags" else None) for f in ORDER_WRITABLE if f.name != "account"
    }


def blank_tracking() -> dict[str, Any]:
    return {f.name: ([] if f.name == "tags" else None) for f in TRACKING_FIELDS}


@dataclass(slots=True)
class StoredOrder:
    """An order as the store holds it; ``fields`` are the writable ones."""

    id: int
    external_id: str
    account: int
    created_at: str
    updated_at: str
    fields: dict[str, Any]
    trackings: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The order as the API serves it, fields in the contract's order, then trackings."""
        out: dict[str, Any] = {}
        for spec in ORDER_FIELDS:
            if spec.name == "external_id":
                out[spec.name] = self.external_id
            elif spec.name == "created_at":
                out[spec.name] = self.created_at
            elif spec.name == "updated_at":
                out[spec.name] = self.updated_at
            elif spec.name == "account":
                out[spec.name] = self.account
            else:
                out[spec.name] = self.fields.get(spec.name)
        out["trackings"] = [dict(t) for t in self.trackings]
        return out


@dataclass(frozen=True, slots=True)
class NewOrder:
    """A complete order for bulk seeding."""

    external_id: str
    account: int
    created_at: str
    updated_at: str
    fields: dict[str, Any]
    trackings: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class TrackingOwner:
    order_id: int
    tracking_id: int


class Store:
    """The sandbox's SQLite database (a file; the caller chooses where)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)
        except BaseException:  # not a database (or a damaged one): nothing may stay open
            self._conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commits when the block ends, rolls back when it raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for a request that reads several times (a list page)."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def count(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT count(*) FROM orders").fetchone()
        return int(row[0])

    def accounts_with_orders(self) -> list[int]:
        with self._lock:
            rows = self._conn.execute("SELECT DISTINCT account FROM orders ORDER BY account")
            return [int(r[0]) for r in rows]

    # -- reads ------------------------------------------------------------------------------

    @staticmethod
    def _order(row: Sequence[Any]) -> StoredOrder:
        return StoredOrder(
            id=row[0],
            external_id=row[1],
            account=row[2],
            created_at=row[3],
            updated_at=row[4],
            fields=json.loads(row[5]),
        )

    def _find(
        self, conn: sqlite3.Connection, where: str, params: Sequence[Any]
    ) -> list[StoredOrder]:
        rows = conn.execute(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE {where} ORDER BY id",  # noqa: S608 - fixed text
            params,
        ).fetchall()
        orders = [self._order(r) for r in rows]
        self.attach_trackings(conn, orders)
        return orders

    def by_external_id(self, conn: sqlite3.Connection, external_id: str) -> StoredOrder | None:
        found = self._find(conn, "external_id = ?", (external_id,))
        return found[0] if found else None

    def by_number(self, conn: sqlite3.Connection, account: int, number: str) -> StoredOrder | None:
        found = self._find(conn, "account = ? AND order_number = ?", (account, number))
        return found[0] if found else None

    def by_reference(
        self, conn: sqlite3.Connection, account: int, reference: str
    ) -> StoredOrder | None:
        if not reference:
            return None
        found = self._find(conn, "account = ? AND external_reference = ?", (account, reference))
        return found[0] if found else None

    def with_number(
        self, conn: sqlite3.Connection, accounts: Iterable[int], number: str
    ) -> list[StoredOrder]:
        return self._in_accounts(conn, accounts, "order_number = ?", number)

    def with_email(
        self, conn: sqlite3.Connection, accounts: Iterable[int], email: str
    ) -> list[StoredOrder]:
        """Orders whose recipient e-mail is ``email``, in any letter case (order-info lookup)."""
        return self._in_accounts(
            conn, accounts, "lower(json_extract(data, '$.recipient_email')) = ?", email.lower()
        )

    def with_customer_number(
        self, conn: sqlite3.Connection, accounts: Iterable[int], customer_number: str
    ) -> list[StoredOrder]:
        return self._in_accounts(
            conn, accounts, "json_extract(data, '$.customer_number') = ?", customer_number
        )

    def with_tracking(
        self, conn: sqlite3.Connection, accounts: Iterable[int], courier: str, number: str
    ) -> list[StoredOrder]:
        """Orders holding the tracking ``courier`` + ``number`` (one per account at most)."""
        return self._in_accounts(
            conn,
            accounts,
            "id IN (SELECT order_id FROM trackings WHERE tracking_number = ? AND courier = ?)",
            number,
            courier,
        )

    def _in_accounts(
        self, conn: sqlite3.Connection, accounts: Iterable[int], where: str, *params: Any
    ) -> list[StoredOrder]:
        held = sorted(accounts)
        if not held:
            return []
        marks = ",".join("?" * len(held))
        return self._find(conn, f"account IN ({marks}) AND {where}", (*held, *params))

    def attach_trackings(self, conn: sqlite3.Connection, orders: Sequence[StoredOrder]) -> None:
        if not orders:
            return
        by_id = {o.id: o for o in orders}
        for o in orders:
            o.trackings = []
        marks = ",".join("?" * len(by_id))
        rows = conn.execute(
            f"SELECT order_id, data FROM trackings WHERE order_id IN ({marks}) "  # noqa: S608
            "ORDER BY order_id, id",
            tuple(by_id),
        )
        for order_id, data in rows:
            by_id[order_id].trackings.append(json.loads(data))

    def tracking_owner(
        self, conn: sqlite3.Connection, account: int, courier: str, number: str
    ) -> TrackingOwner | None:
        row = conn.execute(
            "SELECT order_id, id FROM trackings "
            "WHERE account = ? AND courier = ? AND tracking_number = ?",
            (account, courier, number),
        ).fetchone()
        return TrackingOwner(row[0], row[1]) if row else None

    def page(
        self,
        conn: sqlite3.Connection,
        *,
        accounts: Sequence[int],
        order_number: str | None,
        external_reference: str | None,
        sort: str,
        descending: bool,
        after: tuple[str, int] | None,
        limit: int,
    ) -> list[StoredOrder]:
        """Up to ``limit`` orders strictly after ``after`` in the given direction."""
        column = SORT_COLUMNS[sort]
        if not accounts:
            return []
        # "+account" keeps the planner on the (key, id) index instead of sorting a whole
        # account's rows: the first and the last page then cost the same.
        marks = ",".join("?" * len(accounts))
        where = [f"+account IN ({marks})"]
        params: list[Any] = list(accounts)
        if order_number is not None:
            where.append("order_number = ?")
            params.append(order_number)
        if external_reference is not None:
            where.append("external_reference = ?")
            params.append(external_reference)
        direction = "DESC" if descending else "ASC"
        beyond = "<" if descending else ">"

        def run(extra: list[str], extra_params: list[Any], order_by: str, n: int) -> list[Any]:
            sql = (
                f"SELECT {_ORDER_COLUMNS} FROM orders WHERE {' AND '.join(where + extra)} "  # noqa: S608
                f"ORDER BY {order_by} LIMIT ?"
            )
            return conn.execute(sql, [*params, *extra_params, n]).fetchall()

        if after is None:
            rows = run([], [], f"{column} {direction}, id {direction}", limit)
        else:
            # Two range scans of the (key, id) index instead of one row-value comparison,
            # which SQLite only narrows by the key: the rest of the tie on the cursor's key,
            # then the keys beyond it. A long run of equal keys (empty references, orders
            # updated at the same instant) then costs nothing extra.
            rows = run([f"{column} = ?", f"id {beyond} ?"], list(after), f"id {direction}", limit)
            if len(rows) < limit:
                rows += run(
                    [f"{column} {beyond} ?"],
                    [after[0]],
                    f"{column} {direction}, id {direction}",
                    limit - len(rows),
                )
        orders = [self._order(r) for r in rows]
        self.attach_trackings(conn, orders)
        return orders

    def sort_key(self, order: StoredOrder, sort: str) -> tuple[str, int]:
        if sort == "created_at":
            return (order.created_at, order.id)
        if sort == "updated_at":
            return (order.updated_at, order.id)
        value = order.fields.get(sort)
        return (value or "", order.id)

    # -- writes (inside transaction()) ------------------------------------------------------

    def insert_order(
        self,
        conn: sqlite3.Connection,
        *,
        external_id: str,
        account: int,
        fields: dict[str, Any],
        now: str,
    ) -> StoredOrder:
        cursor = conn.execute(
            "INSERT INTO orders (external_id, account, order_number, external_reference, "
            "created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                external_id,
                account,
                fields["order_number"],
                fields.get("external_reference") or "",
                now,
                now,
                json.dumps(fields),
            ),
        )
        assert cursor.lastrowid is not None
        return StoredOrder(cursor.lastrowid, external_id, account, now, now, fields, [])

    def update_order(self, conn: sqlite3.Connection, order: StoredOrder) -> None:
        conn.execute(
            "UPDATE orders SET order_number = ?, external_reference = ?, updated_at = ?, "
            "data = ? WHERE id = ?",
            (
                order.fields["order_number"],
                order.fields.get("external_reference") or "",
                order.updated_at,
                json.dumps(order.fields),
                order.id,
            ),
        )

    def replace_trackings(self, conn: sqlite3.Connection, order: StoredOrder) -> None:
        """Writes the order's trackings as they now are (insert new, update existing)."""
        existing = {
            (row[1], row[2]): row[0]
            for row in conn.execute(
                "SELECT id, courier, tracking_number FROM trackings WHERE order_id = ?",
                (order.id,),
            )
        }
        for tracking in order.trackings:
            key = (tracking["courier"], tracking["tracking_number"])
            data = json.dumps(tracking)
            if key in existing:
                conn.execute("UPDATE trackings SET data = ? WHERE id = ?", (data, existing[key]))
            else:
                conn.execute(
                    "INSERT INTO trackings (order_id, account, courier, tracking_number, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (order.id, order.account, key[0], key[1], data),
                )

    def bulk_insert(self, orders: Iterable[NewOrder]) -> int:
        """Seeds many orders in one transaction; returns how many were written."""
        batch = list(orders)
        with self.transaction() as conn:
            start = conn.execute("SELECT coalesce(max(id), 0) FROM orders").fetchone()[0] + 1
            conn.executemany(
                "INSERT INTO orders (id, external_id, account, order_number, external_reference, "
                "created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        start + i,
                        o.external_id,
                        o.account,
                        o.fields["order_number"],
                        o.fields.get("external_reference") or "",
                        o.created_at,
                        o.updated_at,
                        json.dumps(o.fields),
                    )
                    for i, o in enumerate(batch)
                ),
            )
            conn.executemany(
                "INSERT INTO trackings (order_id, account, courier, tracking_number, data) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    (start + i, o.account, t["courier"], t["tracking_number"], json.dumps(t))
                    for i, o in enumerate(batch)
                    for t in o.trackings
                ),
            )
        return len(batch)
