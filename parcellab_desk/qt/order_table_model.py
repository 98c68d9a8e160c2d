"""``OrderTableModel``: a thin Qt adapter over cursor pages of orders.

The contract (see the project's design notes):

- ``rowCount()`` is what has been loaded, plus one *status row* at the end while a page is in
  flight ("Loading more orders…") or after a page failed ("Could not load more orders: …").
  The status row is how the view shows progress and errors without any drawing of its own:
  it is not selectable, ``order_at()`` returns None for it and ``OrderRole.ROW_KIND`` tells it
  apart. ``loaded_count`` is the number of order rows.
- ``canFetchMore()`` is False while a fetch is in flight, after an error (``retry()`` clears
  it), at the end of the listing and before the event loop runs. ``fetchMore()`` only *starts*
  a fetch through the task runner and changes no rows itself (the loading row appears when the
  task first runs, one loop turn later); rows are inserted on the GUI thread when the page
  arrives. ``data()`` never fetches.
- A filter or sort change (``set_query``, ``sort``) resets the model, bumps a generation
  number and cancels the request in flight, so a late page of the old query is dropped.
- ``refresh()`` reloads as many rows as were loaded, keeping the rows on screen until the new
  ones arrive and then swapping them in without a reset, so the view keeps its scroll position
  and selection (persistent indexes follow each order by ``external_id``).
- A failure while following ``next`` (a 5xx, a dropped connection, a rejected cursor) means
  that cursor is dead: the listing starts again from the first page at once, loading as many
  rows as were shown plus the next ones, swapped in like a refresh (the scroll position
  stays). If that fails too, the status row shows the error, and Retry starts the listing
  again; a dead cursor is never sent again.
- ``update_order()`` replaces one row in place (``dataChanged``); a later page that repeats an
  order already shown (ordering by ``updated_at`` can) has that row dropped.
- The empty state is ``is_empty``: the listing completed with no rows, no error.
- Rows are held compactly (``OrderRows``: packed JSON per row, the rows shown recently
  parsed), so a table scrolled through 100,000 orders costs well under 1 MB per 1,000 rows,
  not 6. A page's rows are packed a few at a time in idle moments (a zero-interval timer),
  never in one go: that would hold the GUI thread for several milliseconds per page.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Coroutine, Iterator, Sequence
from datetime import tzinfo
from enum import Enum, IntEnum
from functools import cache
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_columns import (
    COLUMN_COUNT,
    HEADER_LABELS,
    HEADER_TOOLTIPS,
    SORT_FIELDS,
    Badge,
    OrderColumn,
    column_for_ordering,
    display_text,
    sort_value,
    tooltip_text,
)
from parcellab_desk.qt.order_pages import OrderPageLike, OrderPageSource, OrderQuery
from parcellab_desk.qt.order_rows import KnownOrder, OrderRows, RowView
from parcellab_desk.qt.tasks import TaskRunner, TaskStartError
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.wording import translate

__all__ = ["LoadState", "OrderRole", "OrderTableModel", "RowKind"]

_log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

# A page that adds nothing new (all repeats) but has a successor is followed at once, so the
# view is not left without a reason to ask again; bounded against a server that loops.
_MAX_EMPTY_PAGES_IN_A_ROW: Final = 20
# Rows packed per turn of the event loop: about half a millisecond of work.
_PACK_ROWS_PER_TURN: Final = 16
# Rows inserted per turn of the event loop: the view's layout and repaint after an insert
# stay well inside a frame.
_INSERT_ROWS_PER_TURN: Final = 50


class LoadState(Enum):
    IDLE = "idle"  # more pages may follow; nothing in flight
    LOADING = "loading"  # a page (or a refresh) is in flight
    FAILED = "failed"  # the last fetch failed; retry() tries it again
    COMPLETE = "complete"  # the last page has been loaded


class RowKind(Enum):
    ORDER = "order"
    LOADING = "loading"
    ERROR = "error"


class OrderRole(IntEnum):
    ORDER = Qt.ItemDataRole.UserRole + 1  # the row's Order (None on the status row)
    SORT = Qt.ItemDataRole.UserRole + 2  # the raw value: str, int, UTC epoch seconds or None
    BADGE = Qt.ItemDataRole.UserRole + 3  # a Badge for status cells, else None
    ROW_KIND = Qt.ItemDataRole.UserRole + 4  # a RowKind


_COLUMNS: Final = tuple(OrderColumn)
_HEADER_LABELS: Final = tuple(HEADER_LABELS[column] for column in _COLUMNS)


def _tr(text: str) -> str:
    """For labels marked with QT_TRANSLATE_NOOP in order_columns."""
    return translate("OrderColumns", text)


_HORIZONTAL: Final = Qt.Orientation.Horizontal
_VERTICAL: Final = Qt.Orientation.Vertical
_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole)
_FONT: Final = int(Qt.ItemDataRole.FontRole)
_ACCESSIBLE_TEXT: Final = int(Qt.ItemDataRole.AccessibleTextRole)
_SERVED_ROLES: Final = frozenset(
    {_DISPLAY, _TOOLTIP, _FONT, _ACCESSIBLE_TEXT, *map(int, OrderRole)}
)
_ORDER_FLAGS: Final = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_STATUS_FLAGS: Final = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


@cache
def _italic() -> QFont:
    # Built on first use: a QFont needs the QGuiApplication, which import time may precede.
    font = QFont()
    font.setItalic(True)
    return font


Fetch = Callable[[int], Coroutine[Any, Any, None]]


class OrderTableModel(QAbstractTableModel):
    """Orders of one query, loaded page by page from an ``OrderPageSource``."""

    loading_changed = Signal(bool)
    page_loaded = Signal(int)  # order rows added by the page (repeats dropped)
    load_failed = Signal(object)  # the exception the page source raised
    query_reset = Signal(object)  # the new OrderQuery; the rows are gone
    refreshed = Signal(int)  # order rows after a refresh
    state_changed = Signal(object)  # the new LoadState

    def __init__(
        self,
        source: OrderPageSource,
        runner: TaskRunner,
        query: OrderQuery | None = None,
        *,
        time_zone: tzinfo | None = None,
        describe_error: Callable[[BaseException], str] = describe_error,
        parent: QObject | None = None,
    ) -> None:
        """``time_zone`` None shows times in the machine's local zone; ``describe_error``
        turns a failure into the status row's text (the UI passes its one error mapper)."""
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._query = query or OrderQuery()
        self._tz = time_zone
        self._describe_error = describe_error
        self._task_key = ("order-table", id(self))
        self._orders = OrderRows(self._render_texts)
        self._page: OrderPageLike | None = None  # the last page loaded, None before the first
        self._state = LoadState.IDLE
        self._error: BaseException | None = None
        self._generation = 0
        self._refreshing = False
        self._retry: Fetch | None = None
        self._task: asyncio.Task[None] | None = None
        # The state as the view and listeners have been shown it. A view calls fetchMore()
        # from inside our own row notifications; changing rows there would nest one change
        # in another (listeners connected after the view would see them out of order). So
        # fetchMore() only changes ``_state``; the status row and the signals catch up in
        # ``_show_state()``, which runs from the task, never inside a notification.
        self._status_row: tuple[RowKind, str] | None = None
        self._announced_state = self._state
        self._packer = QTimer(self)
        self._packer.setInterval(0)  # whenever the loop has nothing else to do
        self._packer.timeout.connect(self._pack_some)

    # --- what the view and the window read ----------------------------------------------

    @property
    def query(self) -> OrderQuery:
        return self._query

    @property
    def state(self) -> LoadState:
        return self._state

    @property
    def error(self) -> BaseException | None:
        return self._error

    @property
    def is_loading(self) -> bool:
        return self._state is LoadState.LOADING

    @property
    def is_refreshing(self) -> bool:
        return self._refreshing and self._state is LoadState.LOADING

    @property
    def is_empty(self) -> bool:
        """The listing finished without a single order (show "No orders match...")."""
        return self._state is LoadState.COMPLETE and not self._orders

    @property
    def loaded_count(self) -> int:
        return len(self._orders)

    @property
    def generation(self) -> int:
        """Bumped by every query change and refresh; pages of older generations are dropped."""
        return self._generation

    @property
    def status_text(self) -> str:
        """What the status row says ("" when there is none)."""
        return self._status_row[1] if self._status_row else ""

    def order_at(self, row: int) -> Order | None:
        """The order shown in ``row``; None for the status row or out of range."""
        if 0 <= row < len(self._orders):
            return self._orders.order(row)
        return None

    def cell(self, row: int, column: int) -> tuple[str, Badge | None] | None:
        """An order's cell as the view paints it: its text and its badge (None for the
        status row or out of range). The delegate asks this directly: a paint asks every
        visible cell, and one Python call beats the seven-role round trip of ``data()``."""
        orders = self._orders
        if 0 <= row < orders.count and 0 <= column < COLUMN_COUNT:
            view = orders.view(row)
            return view.texts[column], view.badges[column]
        return None

    def row_of(self, external_id: str) -> int | None:
        return self._orders.row_of(external_id)

    def known_tags(self) -> frozenset[str]:
        """Tags of the orders loaded for this query, cheaply (no row is parsed for it)."""
        return self._orders.tags

    def known_orders(self) -> Collection[KnownOrder]:
        """(order number, account, external id) of the orders loaded, without parsing them."""
        return self._orders.known_orders

    def is_status_row(self, row: int) -> bool:
        return self._status_row is not None and row == len(self._orders)

    def sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        """Header section and order matching the current ordering, for the view's header."""
        descending = self._query.descending
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return int(column_for_ordering(self._query.ordering)), order

    # --- commands -----------------------------------------------------------------------

    def set_query(self, query: OrderQuery) -> bool:
        """Show ``query``'s orders from the first page; False (nothing happens) when it is
        the query already shown and nothing failed."""
        if query == self._query and self._state is not LoadState.FAILED:
            return False
        self._restart(query)
        return True

    def reload(self) -> None:
        """Start the current query again from its first page (rows are cleared)."""
        self._restart(self._query)

    def retry(self) -> bool:
        """Try the failed fetch (or refresh) again; False when nothing has failed."""
        if self._state is not LoadState.FAILED or self._retry is None:
            return False
        started = self._start(self._retry)
        self._show_state()  # an agent's command, never inside a notification: show it now
        return started

    def refresh(self) -> bool:
        """Reload as many rows as are loaded, swapping them in without a reset.

        Cancels a fetch in flight. False when no task can run yet (no loop).
        """
        if not self._runner.can_start:
            return False
        self._generation += 1
        self._runner.cancel(self._task_key)
        target = len(self._orders)
        self._refreshing = True

        async def refresh(generation: int) -> None:
            await self._refresh(generation, target)

        started = self._start(refresh)
        self._show_state()
        return started

    def update_order(self, order: Order) -> bool:
        """Replace the row of ``order`` (by ``external_id``) in place; False when not shown.

        The row stays where it is even if the change moves the order elsewhere in the
        server's ordering (or out of the filter): the agent keeps their place.
        """
        if order.external_id is None:
            return False
        row = self._orders.row_of(order.external_id)
        if row is None:
            return False
        self._orders.replace(row, order)
        self._packer.start()
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return True

    def cancel_loading(self) -> None:
        """Stop a fetch in flight; the next ``fetchMore`` asks for the same page again."""
        if self._state is not LoadState.LOADING:
            return
        self._generation += 1
        self._runner.cancel(self._task_key)
        self._refreshing = False
        self._state = self._state_after(self._page)
        self._show_state()

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return self._orders.count + (0 if self._status_row is None else 1)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return COLUMN_COUNT

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._state is LoadState.IDLE and self._runner.can_start

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._start(self._fetch_next)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the server's: map the column to ``ordering`` and start again.

        Columns the server cannot sort by are ignored; the view resets its header indicator
        from ``sort_indicator()``.
        """
        if not 0 <= column < COLUMN_COUNT:
            return
        field = SORT_FIELDS.get(OrderColumn(column))
        if field is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._query.with_ordering(field, descending=descending))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # The status row can be seen, not selected or opened.
        return _ORDER_FLAGS if index.row() < self._orders.count else _STATUS_FLAGS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == _DISPLAY:
            if orientation == _VERTICAL:
                return str(section + 1)  # row numbers, if the view shows them
            return _tr(_HEADER_LABELS[section]) if 0 <= section < COLUMN_COUNT else None
        if role == _TOOLTIP and orientation == _HORIZONTAL and 0 <= section < COLUMN_COUNT:
            column = _COLUMNS[section]
            tip = _tr(HEADER_TOOLTIPS.get(column, HEADER_LABELS[column]))
            if column in SORT_FIELDS:
                return translate("OrderColumns", "{tip} (click to sort)").format(tip=tip)
            # the service sorts by a few fields only: say so rather than pretend
            sortable = ", ".join(_tr(HEADER_LABELS[c]) for c in SORT_FIELDS)
            return translate(
                "OrderColumns", "{tip} (not sortable: the service sorts by {columns} only)"
            ).format(tip=tip, columns=sortable)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times per paint (every visible cell, several roles each): refuse
        # unserved roles first, and answer the paint's roles without further calls.
        if role not in _SERVED_ROLES:
            return None
        row, col = index.row(), index.column()  # -1 for an invalid index
        orders = self._orders
        if 0 <= row < orders.count and 0 <= col < COLUMN_COUNT:
            view = orders.view(row)
            if role == _DISPLAY:
                return view.texts[col]
            if role == _FONT:
                return None  # a cancelled row is not "disabled": its chip says cancelled
            return self._order_data(view, col, role)
        if self._status_row is not None and row == orders.count and 0 <= col < COLUMN_COUNT:
            return self._status_data(*self._status_row, col, role)
        return None

    # --- cell data ----------------------------------------------------------------------

    def _render_texts(self, order: Order) -> tuple[str, ...]:
        return tuple(display_text(order, column, self._tz) for column in _COLUMNS)

    def _order_data(self, view: RowView, col: int, role: int) -> Any:
        """The roles a paint does not ask for (tooltips, our own roles, accessibility)."""
        if role == _TOOLTIP:
            return tooltip_text(view.order, _COLUMNS[col])
        if role == OrderRole.ORDER:
            return view.order
        if role == OrderRole.ROW_KIND:
            return RowKind.ORDER
        if role == OrderRole.SORT:
            return sort_value(view.order, _COLUMNS[col])
        if role == OrderRole.BADGE:
            return view.badges[col]
        if role == _ACCESSIBLE_TEXT:
            return f"{_tr(HEADER_LABELS[_COLUMNS[col]])}: {view.texts[col]}"
        return None

    def _status_data(self, kind: RowKind, text: str, col: int, role: int) -> Any:
        if role == OrderRole.ROW_KIND:
            return kind
        if role in (_DISPLAY, _ACCESSIBLE_TEXT):
            return text if col == 0 else None
        if role == _TOOLTIP:
            if kind is RowKind.ERROR:
                return (
                    text + "\n" + translate("OrderColumns", "Use Retry (or refresh) to try again.")
                )
            return text
        if role == _FONT and col == 0:
            return _italic()
        return None

    # --- fetching -----------------------------------------------------------------------

    def _start(self, fetch: Fetch) -> bool:
        """Enter LOADING and run ``fetch`` for the current generation through the runner.

        Changes no rows: this may run inside the view's handling of our own notification.
        """
        before = self._state, self._error
        self._retry = fetch
        self._state = LoadState.LOADING
        self._error = None
        return self._launch(fetch, before)

    def _launch(
        self, fetch: Fetch, before: tuple[LoadState, BaseException | None] | None = None
    ) -> bool:
        try:
            task = self._runner.start(self._task_key, fetch(self._generation))
        except TaskStartError:
            _log.debug("order fetch not started: no running loop or runner closed")
            self._refreshing = False
            self._state, self._error = before or (self._state_after(self._page), None)
            self._show_state()
            return False
        self._task = task
        task.add_done_callback(self._on_task_done)
        return True

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        if task is not self._task:
            return  # superseded: whoever started the successor has set the state
        self._task = None
        # Cancelled from outside (cancel_all, shutdown), perhaps before it ever ran: the
        # next fetchMore may ask again.
        if task.cancelled():
            if self._state is LoadState.LOADING:
                self._refreshing = False
                self._state = self._state_after(self._page)
            self._show_state()

    async def _fetch_next(self, generation: int) -> None:
        self._show_state()  # the loading row, now that no notification is in progress
        added = 0
        following = False
        try:
            for _ in range(_MAX_EMPTY_PAGES_IN_A_ROW):
                page = self._page
                following = page is not None
                if page is None:
                    page = await self._source.first_page(self._query)
                else:
                    page = await page.get_next_page()
                # Parsing the page took the GUI thread for a moment: let input and timers
                # through before the rows go in (and the view repaints).
                await asyncio.sleep(0)
                if generation != self._generation:
                    return  # an old query's page: drop it
                added = await self._append(page, generation)
                if generation != self._generation:
                    return
                if added or not page.has_next_page():
                    break
        except Exception as error:
            if following and generation == self._generation:
                _log.info("Following the cursor failed (%r); starting the listing again", error)
                self._retry = self._restart_listing  # Retry starts again, never the dead cursor
                await self._restart_listing(generation)
                return
            self._on_fetch_failed(generation, error)
            return
        self._state = self._state_after(self._page)
        self._show_state()
        self.page_loaded.emit(added)

    async def _restart_listing(self, generation: int) -> None:
        """The listing again from the first page: the rows shown and the next ones."""
        before = len(self._orders)
        await self._refresh(generation, before + 1)  # shown as "loading more", not a refresh
        if generation == self._generation and self._state is not LoadState.FAILED:
            self.page_loaded.emit(len(self._orders) - before)

    async def _refresh(self, generation: int, target: int) -> None:
        self._show_state()
        # Held compactly like the table's own rows: a refresh of 100,000 rows must not hold
        # 100,000 parsed orders at once.
        fresh = OrderRows(self._render_texts)

        async def take(page: OrderPageLike) -> None:
            fresh.extend(list(_new_orders(page.orders, fresh.known_ids)))
            # Packed a few at a time, like the table's own rows, with the loop turning between.
            left = fresh.pack_some(_PACK_ROWS_PER_TURN)
            while left:
                await asyncio.sleep(0)
                left = fresh.pack_some(_PACK_ROWS_PER_TURN)

        try:
            page = await self._source.first_page(self._query)
            await take(page)
            while len(fresh) < target and page.has_next_page():
                page = await page.get_next_page()
                await take(page)
        except Exception as error:
            self._on_fetch_failed(generation, error)
            return
        if generation != self._generation:
            return
        self._swap_in(fresh)
        self._page = page
        self._refreshing = False
        self._state = self._state_after(page)
        self._show_state()
        self.refreshed.emit(len(self._orders))

    def _on_fetch_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        _log.info("Loading orders failed: %r", error)
        self._state, self._error = LoadState.FAILED, error
        self._show_state()
        self.load_failed.emit(error)

    async def _append(self, page: OrderPageLike, generation: int) -> int:
        """Insert the page's new orders before the status row, a slice at a time with the
        loop turning between (inserting rows makes the view lay out and repaint: 200 at
        once held the GUI thread longer than a frame); the number inserted."""
        self._page = page
        new = list(_new_orders(page.orders, self._orders.known_ids))
        for start in range(0, len(new), _INSERT_ROWS_PER_TURN):
            if start:
                await asyncio.sleep(0)
                if generation != self._generation:
                    return start  # a new query began: its reset dropped these rows anyway
            chunk = new[start : start + _INSERT_ROWS_PER_TURN]
            first = len(self._orders)
            self.beginInsertRows(QModelIndex(), first, first + len(chunk) - 1)
            self._orders.extend(chunk)
            self.endInsertRows()
            self._packer.start()
        return len(new)

    def _pack_some(self) -> None:
        if not self._orders.pack_some(_PACK_ROWS_PER_TURN):
            self._packer.stop()

    def _swap_in(self, fresh: OrderRows) -> None:
        """Replace the rows by ``fresh`` without a reset, so scroll position and selection
        survive: trim the tail, re-lay the common part (persistent indexes follow their
        order by id), then append the rest."""
        old_count, new_count = len(self._orders), len(fresh)
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._orders.truncate(new_count)
            self.endRemoveRows()
        common = min(old_count, new_count)
        rest = fresh.split(common)
        if common:
            self.layoutAboutToBeChanged.emit()
            old = self._orders
            self._orders = fresh
            sources, targets = [], []
            for persistent in self.persistentIndexList():
                row = persistent.row()
                if row >= common:
                    continue  # the status row stays where it is
                external_id = old.external_id(row)
                new_row = fresh.row_of(external_id) if external_id else None
                sources.append(persistent)
                targets.append(
                    QModelIndex() if new_row is None else self.index(new_row, persistent.column())
                )
            self.changePersistentIndexList(sources, targets)
            self.layoutChanged.emit()
        if new_count > common:
            self.beginInsertRows(QModelIndex(), common, new_count - 1)
            self._orders.absorb(rest)
            self.endInsertRows()
        if self._orders.unpacked_count:
            self._packer.start()

    def _restart(self, query: OrderQuery) -> None:
        self._generation += 1
        self._runner.cancel(self._task_key)
        # The agent asked for this query: fetch at once rather than wait for the view to ask,
        # and enter LOADING inside the reset so the view sees the loading row straight away.
        fetch_now = self._runner.can_start
        self.beginResetModel()
        self._query = query
        self._orders.clear()
        self._page = None
        self._state = LoadState.LOADING if fetch_now else LoadState.IDLE
        self._error = None
        self._refreshing = False
        self._retry = self._fetch_next
        self._status_row = self._wanted_status_row()
        self.endResetModel()
        self._announce()
        self.query_reset.emit(query)
        if fetch_now:
            self._launch(self._fetch_next)

    # --- state --------------------------------------------------------------------------

    def _state_after(self, page: OrderPageLike | None) -> LoadState:
        if page is not None and not page.has_next_page():
            return LoadState.COMPLETE
        return LoadState.IDLE

    def _wanted_status_row(self) -> tuple[RowKind, str] | None:
        if self._state is LoadState.LOADING:
            if self._refreshing:
                return RowKind.LOADING, translate("OrderColumns", "Refreshing orders…")
            text = (
                translate("OrderColumns", "Loading more orders…")
                if self._orders
                else translate("OrderColumns", "Loading orders…")
            )
            return RowKind.LOADING, text
        if self._state is LoadState.FAILED and self._error is not None:
            if self._refreshing:
                template = translate("OrderColumns", "Could not refresh orders: {reason}")
            elif self._orders:
                template = translate("OrderColumns", "Could not load more orders: {reason}")
            else:
                template = translate("OrderColumns", "Could not load orders: {reason}")
            return RowKind.ERROR, template.format(reason=self._describe_error(self._error))
        return None

    def _show_state(self) -> None:
        """Bring the status row and the signals in line with ``_state``."""
        wanted, shown = self._wanted_status_row(), self._status_row
        row = len(self._orders)
        if wanted != shown:
            if shown is None:
                self.beginInsertRows(QModelIndex(), row, row)
                self._status_row = wanted
                self.endInsertRows()
            elif wanted is None:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._status_row = None
                self.endRemoveRows()
            else:
                self._status_row = wanted
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        self._announce()

    def _announce(self) -> None:
        """Tell listeners the state, unless they already know it."""
        old, new = self._announced_state, self._state
        if new is old:
            return
        self._announced_state = new
        if (old is LoadState.LOADING) != (new is LoadState.LOADING):
            self.loading_changed.emit(new is LoadState.LOADING)
        self.state_changed.emit(new)


def _new_orders(orders: Sequence[Order], known: Collection[str]) -> Iterator[Order]:
    """Orders whose ``external_id`` is neither in ``known`` nor repeated within ``orders``."""
    fresh: set[str] = set()
    for order in orders:
        key = order.external_id
        if key is not None:
            if key in known or key in fresh:
                continue
            fresh.add(key)
        yield order
