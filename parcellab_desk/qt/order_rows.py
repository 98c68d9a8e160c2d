"""The order table's loaded rows, held compactly.

A parsed ``Order`` (a pydantic model with its trackings) takes about 6 KB; its JSON about
1 KB, and packed (``order_codec``: deflate with a dictionary of what all orders share) about
0.3 KB. A table scrolled through 100,000 orders would hold some 600 MB of parsed objects, so
each row is kept packed and parsed again when it is shown. The rows shown recently (the
screen and some scroll-back) stay parsed in a small LRU cache, with their cell texts and
badges worked out once rather than on every paint.

Packing costs more than parsing, so a page's rows are not packed as they arrive (that would
hold the GUI thread for several milliseconds per page): they are kept parsed until
``pack_some`` packs a few at a time, which the table model calls in idle moments.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from typing import Final

from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_codec import pack, unpack
from parcellab_desk.qt.order_columns import Badge, OrderColumn, badge

__all__ = ["DEFAULT_CACHE_ROWS", "KnownOrder", "OrderRows", "RowView"]

DEFAULT_CACHE_ROWS: Final = 512  # a tall screen is ~60 rows; this keeps several screens

Render = Callable[[Order], tuple[str, ...]]
KnownOrder = tuple[str, int | None, str | None]  # order number, account, external id
_COLUMNS: Final = tuple(OrderColumn)


class RowView:
    """One parsed row: the order, and its cell texts and badges once first asked for (a
    paint asks every visible cell for several roles; the view colours badges from the theme)."""

    __slots__ = ("_badges", "_render", "_texts", "order")

    def __init__(self, order: Order, render: Render) -> None:
        self.order = order
        self._render = render
        self._texts: tuple[str, ...] | None = None
        self._badges: tuple[Badge | None, ...] | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        if self._texts is None:
            self._texts = self._render(self.order)
        return self._texts

    @property
    def badges(self) -> tuple[Badge | None, ...]:
        if self._badges is None:
            self._badges = tuple(badge(self.order, column) for column in _COLUMNS)
        return self._badges


class OrderRows:
    """A list of orders addressed by row, stored packed, with an index by ``external_id``.

    ``render`` turns an order into its cell texts (one per column, in column order).
    """

    def __init__(self, render: Render, cache_rows: int = DEFAULT_CACHE_ROWS) -> None:
        self._render = render
        self._cache_rows = max(1, cache_rows)
        self._blobs: list[bytes | None] = []  # None: not packed yet, the order is in _unpacked
        self._unpacked: dict[int, Order] = {}  # insertion order: oldest first
        self._ids: list[str | None] = []
        self._row_of: dict[str, int] = {}
        self._cache: OrderedDict[int, RowView] = OrderedDict()
        self._tags: set[str] = set()
        self._known: dict[str, KnownOrder] = {}
        self._newest = -1  # the most recently used row: a paint asks it for many roles
        self.count = 0  # rows held; an attribute, as the model reads it on every data() call

    def __len__(self) -> int:
        return self.count

    @property
    def known_ids(self) -> Collection[str]:
        """The ``external_id`` of every row (a live view, for membership tests)."""
        return self._row_of.keys()

    @property
    def tags(self) -> frozenset[str]:
        """Every tag of the rows held (or held since the last ``clear``), without parsing them:
        suggestions for the tag editor."""
        return frozenset(self._tags)

    @property
    def unpacked_count(self) -> int:
        """Rows still held parsed, waiting for ``pack_some``."""
        return len(self._unpacked)

    @property
    def known_orders(self) -> Collection[KnownOrder]:
        """(order number, account, external id) of the rows held (or held since the last
        ``clear``), without parsing them: suggestions for the search box."""
        return self._known.values()

    def _note(self, order: Order) -> None:
        if order.order_number:
            key = order.external_id or f"{order.account}|{order.order_number}"
            self._known[key] = (order.order_number, order.account, order.external_id)

    def row_of(self, external_id: str) -> int | None:
        return self._row_of.get(external_id)

    def external_id(self, row: int) -> str | None:
        return self._ids[row]

    def view(self, row: int) -> RowView:
        """The parsed row; raises IndexError outside ``0..len-1``."""
        cached = self._cache.get(row)
        if cached is not None:
            if row != self._newest:
                self._cache.move_to_end(row)
                self._newest = row
            return cached
        blob = self._blobs[row]
        order = self._unpacked[row] if blob is None else unpack(blob)
        return self._remember(row, order)

    def order(self, row: int) -> Order:
        return self.view(row).order

    def extend(self, orders: Sequence[Order]) -> None:
        """Append ``orders``; they stay parsed until ``pack_some`` packs them."""
        first = len(self._blobs)
        self._blobs.extend([None] * len(orders))
        for row, order in enumerate(orders, start=first):
            self._unpacked[row] = order
            self._ids.append(order.external_id)
            if order.external_id is not None:
                self._row_of[order.external_id] = row
            self._tags.update(order.tags)
            self._note(order)
        self.count = len(self._blobs)

    def pack_some(self, limit: int) -> int:
        """Pack up to ``limit`` of the rows still held parsed, oldest first; the number of
        rows left to pack."""
        unpacked, blobs = self._unpacked, self._blobs
        for _ in range(min(limit, len(unpacked))):
            row = next(iter(unpacked))
            blobs[row] = pack(unpacked.pop(row))
        return len(unpacked)

    def pack_all(self) -> None:
        self.pack_some(len(self._unpacked))

    def replace(self, row: int, order: Order) -> None:
        old_id = self._ids[row]
        if old_id is not None and self._row_of.get(old_id) == row:
            del self._row_of[old_id]
        self._blobs[row] = None
        self._unpacked.pop(row, None)
        self._unpacked[row] = order  # the newest: packed last
        self._ids[row] = order.external_id
        if order.external_id is not None:
            self._row_of[order.external_id] = row
        self._tags.update(order.tags)
        self._note(order)
        self._remember(row, order)

    def split(self, count: int) -> OrderRows:
        """Keep the first ``count`` rows; the rest move, unparsed, into the returned store."""
        tail = OrderRows(self._render, self._cache_rows)
        tail._blobs = self._blobs[count:]
        tail._unpacked = {row - count: o for row, o in self._unpacked.items() if row >= count}
        tail._ids = self._ids[count:]
        tail._row_of = {i: row for row, i in enumerate(tail._ids) if i is not None}
        tail._tags = set(self._tags)  # a superset: tags are suggestions, not a per-row fact
        tail._known = dict(self._known)  # the same for order numbers
        tail.count = len(tail._blobs)
        self.truncate(count)
        return tail

    def absorb(self, tail: OrderRows) -> None:
        """Append the rows of ``tail`` (which is left empty) without parsing them."""
        first = len(self._blobs)
        self._blobs.extend(tail._blobs)
        for row, order in tail._unpacked.items():
            self._unpacked[first + row] = order
        self._ids.extend(tail._ids)
        for row, external_id in enumerate(tail._ids, start=first):
            if external_id is not None:
                self._row_of[external_id] = row
        self._tags |= tail._tags
        self._known.update(tail._known)
        self.count = len(self._blobs)
        tail.clear()

    def truncate(self, count: int) -> None:
        """Keep the first ``count`` rows."""
        for external_id in self._ids[count:]:
            if external_id is not None and self._row_of.get(external_id, -1) >= count:
                del self._row_of[external_id]
        del self._blobs[count:]
        del self._ids[count:]
        self.count = len(self._blobs)
        for mapping in (self._cache, self._unpacked):
            for row in [row for row in mapping if row >= count]:
                del mapping[row]
        self._newest = -1

    def clear(self) -> None:
        self.count = 0
        self._blobs.clear()
        self._unpacked.clear()
        self._ids.clear()
        self._row_of.clear()
        self._tags.clear()
        self._known.clear()
        self._cache.clear()
        self._newest = -1

    def _remember(self, row: int, order: Order) -> RowView:
        view = RowView(order, self._render)
        self._cache[row] = view
        self._cache.move_to_end(row)
        self._newest = row
        while len(self._cache) > self._cache_rows:
            self._cache.popitem(last=False)
        return view
