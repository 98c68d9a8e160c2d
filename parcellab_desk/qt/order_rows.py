"""The order table's loaded rows, held compactly.

A parsed ``Order`` (a pydantic model with its trackings) takes about 6 KB; its JSON about
1 KB. A table scrolled through 100,000 orders would hold some 600 MB of parsed objects, so
each row is kept as its JSON bytes and parsed again when it is shown. The rows shown recently
(the screen and some scroll-back) stay parsed in a small LRU cache, with their cell texts and
badges worked out once rather than on every paint.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from typing import Final

from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_columns import Badge, OrderColumn, badge

__all__ = ["DEFAULT_CACHE_ROWS", "OrderRows", "RowView"]

DEFAULT_CACHE_ROWS: Final = 512  # a tall screen is ~60 rows; this keeps several screens

Render = Callable[[Order], tuple[str, ...]]
_COLUMNS: Final = tuple(OrderColumn)


class RowView:
    """One parsed row: the order, and its cell texts and badges once first asked for."""

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
    """A list of orders addressed by row, stored as JSON, with an index by ``external_id``.

    ``render`` turns an order into its cell texts (one per column, in column order).
    """

    def __init__(self, render: Render, cache_rows: int = DEFAULT_CACHE_ROWS) -> None:
        self._render = render
        self._cache_rows = max(1, cache_rows)
        self._blobs: list[bytes] = []
        self._ids: list[str | None] = []
        self._row_of: dict[str, int] = {}
        self._cache: OrderedDict[int, RowView] = OrderedDict()
        self._tags: set[str] = set()
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
        order = Order.model_validate_json(self._blobs[row])
        return self._remember(row, order)

    def order(self, row: int) -> Order:
        return self.view(row).order

    def extend(self, orders: Sequence[Order]) -> None:
        first = len(self._blobs)
        for row, order in enumerate(orders, start=first):
            self._blobs.append(order.model_dump_json().encode())
            self._ids.append(order.external_id)
            if order.external_id is not None:
                self._row_of[order.external_id] = row
            self._tags.update(order.tags)
        self.count = len(self._blobs)
        # New rows are usually painted next (the view is at the bottom): keep them parsed.
        start = max(0, len(orders) - self._cache_rows)
        for offset, order in enumerate(orders[start:], start=first + start):
            self._remember(offset, order)

    def replace(self, row: int, order: Order) -> None:
        old_id = self._ids[row]
        if old_id is not None and self._row_of.get(old_id) == row:
            del self._row_of[old_id]
        self._blobs[row] = order.model_dump_json().encode()
        self._ids[row] = order.external_id
        if order.external_id is not None:
            self._row_of[order.external_id] = row
        self._tags.update(order.tags)
        self._remember(row, order)

    def split(self, count: int) -> OrderRows:
        """Keep the first ``count`` rows; the rest move, unparsed, into the returned store."""
        tail = OrderRows(self._render, self._cache_rows)
        tail._blobs = self._blobs[count:]
        tail._ids = self._ids[count:]
        tail._row_of = {i: row for row, i in enumerate(tail._ids) if i is not None}
        tail._tags = set(self._tags)  # a superset: tags are suggestions, not a per-row fact
        tail.count = len(tail._blobs)
        self.truncate(count)
        return tail

    def absorb(self, tail: OrderRows) -> None:
        """Append the rows of ``tail`` (which is left empty) without parsing them."""
        first = len(self._blobs)
        self._blobs.extend(tail._blobs)
        self._ids.extend(tail._ids)
        for row, external_id in enumerate(tail._ids, start=first):
            if external_id is not None:
                self._row_of[external_id] = row
        self._tags |= tail._tags
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
        for row in [row for row in self._cache if row >= count]:
            del self._cache[row]
        self._newest = -1

    def clear(self) -> None:
        self.count = 0
        self._blobs.clear()
        self._ids.clear()
        self._row_of.clear()
        self._tags.clear()
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
