"""Keyset (cursor) pagination for the list endpoint, the way DRF's CursorPagination answers.

A cursor is opaque to clients: URL-safe base64 of a small JSON object holding the direction,
the sort key and internal id of the row it continues from, and a fingerprint of the query it
was issued for. Because it continues *from a row* rather than from an offset, walking every
page while others write never repeats or skips an order that existed when the walk began
(for orderings on fields that do not change; see the contract).

Decisions the contract leaves open:

- ``ordering`` may list several comma-separated terms (as DRF allows); the first known one is
  used and the rest ignored. Unknown terms are ignored; with none left the default
  ``-created_at`` applies. Ties are always broken by the internal id, in the same direction.
- ``page_size`` that is not an integer is ignored (default 50), as DRF does; out-of-range
  values are clamped into 1..500.
- The fingerprint covers ordering, the ``account`` filter, ``order_number`` and
  ``external_reference``; ``page_size`` may change between pages.
- An empty page reached with a cursor has no ``previous`` link.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parcellab_desk.api.schema import (
    DEFAULT_ORDERING,
    PAGE_SIZE_DEFAULT,
    PAGE_SIZE_MAX,
    PAGE_SIZE_MIN,
    Ordering,
)
from parcellab_desk.sandbox.errors import not_found
from parcellab_desk.sandbox.store import Store, StoredOrder

FORWARD = "n"
BACKWARD = "p"
_KNOWN = {o.value for o in Ordering}


def parse_ordering(raw: str | None) -> tuple[str, bool]:
    """(field, descending) for an ``ordering`` parameter; unknown terms fall back to the default."""
    for term in (raw or "").split(","):
        term = term.strip()
        descending = term.startswith("-")
        name = term[1:] if descending else term
        if name in _KNOWN:
            return name, descending
    return DEFAULT_ORDERING.lstrip("-"), DEFAULT_ORDERING.startswith("-")


def parse_page_size(raw: str | None) -> int:
    try:
        size = int(raw) if raw is not None else PAGE_SIZE_DEFAULT
    except ValueError:
        size = PAGE_SIZE_DEFAULT
    return max(PAGE_SIZE_MIN, min(PAGE_SIZE_MAX, size))


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a list request asks for, after parsing; ``accounts`` are the ones it may see."""

    accounts: tuple[int, ...]
    account_filter: tuple[int, ...] | None
    order_number: str | None
    external_reference: str | None
    sort: str
    descending: bool
    page_size: int

    def fingerprint(self) -> str:
        shape = [
            self.sort,
            self.descending,
            sorted(set(self.account_filter)) if self.account_filter is not None else None,
            self.order_number,
            self.external_reference,
        ]
        return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Cursor:
    direction: str
    key: tuple[str, int]


def encode_cursor(query: ListQuery, cursor: Cursor) -> str:
    payload = {"d": cursor.direction, "k": list(cursor.key), "q": query.fingerprint()}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: ListQuery, token: str) -> Cursor:
    """The cursor in ``token``; 404 ``Invalid cursor`` when it is not ours for this query."""
    try:
        padded = token + "=" * (-len(token) % 4)
        payload: Any = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        direction, key, print_ = payload["d"], payload["k"], payload["q"]
        valid = (
            direction in (FORWARD, BACKWARD) and _valid_key(key) and print_ == query.fingerprint()
        )
    except (ValueError, UnicodeError, binascii.Error, KeyError, TypeError):
        valid = False
    if not valid:
        raise not_found("Invalid cursor")
    return Cursor(direction, (key[0], key[1]))


def _valid_key(key: Any) -> bool:
    """A [text, id] pair SQLite can bind (the fingerprint is no secret: keys may be forged)."""
    if not (isinstance(key, list) and len(key) == 2):
        return False
    text, row_id = key
    if not isinstance(text, str) or isinstance(row_id, bool) or not isinstance(row_id, int):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return 0 <= row_id < 2**63


@dataclass(frozen=True, slots=True)
class Page:
    orders: list[StoredOrder]
    next: Cursor | None
    previous: Cursor | None


def fetch_page(store: Store, query: ListQuery, cursor: Cursor | None) -> Page:
    size = query.page_size
    with store.reading() as conn:

        def run(after: tuple[str, int] | None, backwards: bool, limit: int) -> list[StoredOrder]:
            return store.page(
                conn,
                accounts=query.accounts,
                order_number=query.order_number,
                external_reference=query.external_reference,
                sort=query.sort,
                descending=query.descending != backwards,
                after=after,
                limit=limit,
            )

        def key(order: StoredOrder) -> tuple[str, int]:
            return store.sort_key(order, query.sort)

        if cursor is None or cursor.direction == FORWARD:
            after = cursor.key if cursor is not None else None
            rows = run(after, False, size + 1)
            more = len(rows) > size
            rows = rows[:size]
            next_ = Cursor(FORWARD, key(rows[-1])) if more else None
            previous = None
            if cursor is not None and rows and run(key(rows[0]), True, 1):
                previous = Cursor(BACKWARD, key(rows[0]))
            return Page(rows, next_, previous)

        rows = run(cursor.key, True, size + 1)
        more = len(rows) > size
        rows = list(reversed(rows[:size]))
        previous = Cursor(BACKWARD, key(rows[0])) if more else None
        next_ = None
        if rows and run(key(rows[-1]), False, 1):
            next_ = Cursor(FORWARD, key(rows[-1]))
        return Page(rows, next_, previous)


def visible_accounts(held: frozenset[int], requested: Sequence[int] | None) -> tuple[int, ...]:
    """The accounts a list covers: those held, narrowed by the ``account`` filter if given."""
    if requested is None:
        return tuple(sorted(held))
    return tuple(sorted(held & set(requested)))
