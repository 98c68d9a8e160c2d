"""OrderTableModel against a page source whose pages arrive when the test says so.

Every model here has a QAbstractItemModelTester attached, which also calls fetchMore() after
every change, like a view whose last row is visible: after a page with a successor arrives,
the next page is asked for at once.
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from parcellab_desk.api.schema import Ordering
from parcellab_desk.qt.order_columns import COLUMN_COUNT, OrderColumn
from parcellab_desk.qt.order_pages import OrderQuery
from parcellab_desk.qt.order_table_model import (
    LoadState,
    OrderRole,
    OrderTableModel,
    RowKind,
)
from parcellab_desk.qt.tasks import TaskRunner
from tests.qt.pages import WAIT, ControlledSource, emitted, make_order, orders

ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


def cell(model: OrderTableModel, row: int, column: int = 0, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def state_of(model: OrderTableModel) -> LoadState:
    # A call, not the property: mypy would otherwise keep an earlier assert's narrowing.
    return model.state


def error_of(model: OrderTableModel) -> BaseException | None:
    return model.error


def is_empty(model: OrderTableModel) -> bool:
    return model.is_empty


def order_numbers(model: OrderTableModel) -> list[str | None]:
    rows = range(model.loaded_count)
    return [order.order_number for row in rows if (order := model.order_at(row)) is not None]


async def load_first_page(
    model: OrderTableModel, source: ControlledSource, first: int = 0, count: int = 3
) -> None:
    """Fetch page 0 and let it complete with ``count`` orders and a next page."""
    model.fetchMore(ROOT)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve(orders(first, count), has_next=True)
    await asyncio.wait_for(loaded, WAIT)


async def test_loading_row_is_shown_while_the_first_page_is_in_flight(
    model: OrderTableModel, source: ControlledSource
) -> None:
    assert model.rowCount() == 0
    loading = emitted(model.loading_changed)

    model.fetchMore(ROOT)

    assert await asyncio.wait_for(loading, WAIT) == (True,)
    assert state_of(model) is LoadState.LOADING
    assert model.rowCount() == 1
    assert model.loaded_count == 0
    assert cell(model, 0) == "Loading orders…"
    assert cell(model, 0, role=OrderRole.ROW_KIND) is RowKind.LOADING
    assert model.order_at(0) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert not model.canFetchMore(ROOT)
    assert not is_empty(model)

    request = await source.next_request()
    assert (request.page, request.query) == (0, OrderQuery())
    loaded = emitted(model.page_loaded)
    request.resolve(orders(0, 3))

    assert await asyncio.wait_for(loaded, WAIT) == (3,)
    assert order_numbers(model) == ["40010000", "40010001", "40010002"]
    assert cell(model, 1, OrderColumn.EXTERNAL_REFERENCE) == "SO-1"
    assert cell(model, 0, role=OrderRole.ROW_KIND) is RowKind.ORDER
    order = model.order_at(2)
    assert order is not None
    assert cell(model, 2, role=OrderRole.ORDER) == order


async def test_pages_follow_each_other_to_the_end(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)

    # The tester asked for more, as a view would: "Loading more orders…" below the rows.
    request = await source.next_request()
    assert request.page == 1
    assert model.rowCount() == 4
    assert cell(model, 3) == "Loading more orders…"
    assert model.is_status_row(3)

    loaded = emitted(model.page_loaded)
    request.resolve(orders(3, 2), has_next=False)
    assert await asyncio.wait_for(loaded, WAIT) == (2,)

    assert state_of(model) is LoadState.COMPLETE
    assert model.rowCount() == 5
    assert not model.canFetchMore(ROOT)
    assert len(source.requests) == 2


async def test_a_large_page_goes_in_by_slices_with_the_loop_turning_between(
    model: OrderTableModel, source: ControlledSource
) -> None:
    # A view lays out and repaints after every insert: 200 rows at once held the GUI thread
    # longer than a frame. Between slices, other callbacks (input, timers) get their turn.
    inserted: list[tuple[int, int]] = []
    turns: list[int] = []

    def turn() -> None:
        turns.append(len(inserted))
        if model.state is LoadState.LOADING:
            asyncio.get_running_loop().call_soon(turn)

    model.fetchMore(ROOT)
    request = await source.next_request()  # the "Loading…" row is in already
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    loaded = emitted(model.page_loaded)
    asyncio.get_running_loop().call_soon(turn)
    request.resolve(orders(0, 120), has_next=False)
    assert await asyncio.wait_for(loaded, WAIT) == (120,)

    assert inserted == [(0, 49), (50, 99), (100, 119)]
    assert {1, 2} <= set(turns)  # the loop ran after the first slice, and after the second
    assert [model.order_at(row).order_number for row in (0, 119)] == [  # type: ignore[union-attr]
        make_order(0).order_number,
        make_order(119).order_number,
    ]


async def test_fetch_more_while_a_page_is_in_flight_does_not_fetch_twice(
    model: OrderTableModel, source: ControlledSource
) -> None:
    model.fetchMore(ROOT)
    model.fetchMore(ROOT)
    model.fetchMore(ROOT)
    request = await source.next_request()

    loaded = emitted(model.page_loaded)
    request.resolve(orders(0, 3), has_next=False)
    await asyncio.wait_for(loaded, WAIT)
    model.fetchMore(ROOT)  # at the end: nothing left to ask for

    assert len(source.requests) == 1
    assert source.pending == 0
    assert model.rowCount() == 3


async def test_filter_change_cancels_the_old_request_and_starts_the_new_query(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    old = await source.next_request()  # page 1 of the old query, in flight
    generation = model.generation
    reset = emitted(model.query_reset)

    query = OrderQuery().with_filters(accounts=[1043], order_number="40019999")
    assert model.set_query(query)

    assert await asyncio.wait_for(reset, WAIT) == (query,)
    assert old.future.cancelled()
    assert model.generation > generation
    assert model.loaded_count == 0
    assert cell(model, 0) == "Loading orders…"
    new = await source.next_request()
    assert (new.page, new.query) == (0, query)
    assert new.query.accounts == (1043,)

    loaded = emitted(model.page_loaded)
    new.resolve([make_order(9999, account=1043)], has_next=False)
    await asyncio.wait_for(loaded, WAIT)
    assert order_numbers(model) == ["40019999"]


async def test_setting_the_same_query_again_changes_nothing(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    generation = model.generation

    assert not model.set_query(OrderQuery())

    assert model.generation == generation
    assert model.loaded_count == 3


@pytest.mark.parametrize("source", [ControlledSource(ignore_cancel=True)], ids=["stubborn"])
async def test_a_late_page_of_the_old_query_is_dropped_by_generation(
    model: OrderTableModel, source: ControlledSource
) -> None:
    # This source finishes requests even when cancelled, so only the generation check
    # stands between the old query's page and the table.
    model.fetchMore(ROOT)
    old = await source.next_request()
    query = OrderQuery(order_number="40010007")
    model.set_query(query)
    new = await source.next_request()

    old.resolve(orders(0, 3))
    await asyncio.wait_for(old.handed_over, WAIT)

    assert model.loaded_count == 0
    assert state_of(model) is LoadState.LOADING
    loaded = emitted(model.page_loaded)
    new.resolve([make_order(7)], has_next=False)
    await asyncio.wait_for(loaded, WAIT)
    assert order_numbers(model) == ["40010007"]


async def test_failed_first_page_shows_the_error_and_retry_loads_it(
    model: OrderTableModel, source: ControlledSource
) -> None:
    model.fetchMore(ROOT)
    request = await source.next_request()
    failed = emitted(model.load_failed)
    error = ConnectionError("sandbox is down")
    request.fail(error)

    assert await asyncio.wait_for(failed, WAIT) == (error,)
    assert state_of(model) is LoadState.FAILED
    assert model.error == error
    assert model.rowCount() == 1
    assert cell(model, 0) == (
        "Could not load orders: A network or file error occurred: sandbox is down."
    )
    assert cell(model, 0, role=OrderRole.ROW_KIND) is RowKind.ERROR
    assert not model.canFetchMore(ROOT)
    model.fetchMore(ROOT)
    assert source.pending == 0  # an error stops paging until the agent retries

    assert model.retry()
    again = await source.next_request()
    assert again.page == 0
    loaded = emitted(model.page_loaded)
    again.resolve(orders(0, 2), has_next=False)
    await asyncio.wait_for(loaded, WAIT)
    assert state_of(model) is LoadState.COMPLETE
    assert error_of(model) is None
    assert model.rowCount() == 2


async def test_a_failure_following_the_cursor_starts_the_listing_again(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()
    assert request.page == 1
    request.fail(TimeoutError("read timed out"))
    # The cursor is dead: the listing starts again from the first page, at once.
    restart = await source.next_request()
    assert restart.page == 0
    loaded = emitted(model.page_loaded)
    restart.resolve(orders(0, 5), has_next=True)  # the rows shown and the next ones
    (added,) = await asyncio.wait_for(loaded, WAIT)
    assert added == 2
    assert model.loaded_count == 5
    assert model.state is not LoadState.FAILED


async def test_when_starting_again_fails_too_retry_starts_again_never_the_dead_cursor(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    (await source.next_request()).fail(TimeoutError("read timed out"))
    restart = await source.next_request()
    failed = emitted(model.load_failed)
    restart.fail(TimeoutError("read timed out"))
    await asyncio.wait_for(failed, WAIT)

    assert model.loaded_count == 3  # the rows stay
    assert cell(model, 3) == (
        "Could not load more orders: The service took too long to answer. Try again."
    )
    assert model.retry()
    again = await source.next_request()
    assert again.page == 0


async def test_retry_without_a_failure_does_nothing(
    model: OrderTableModel, source: ControlledSource
) -> None:
    assert not model.retry()
    assert source.pending == 0


async def test_sort_maps_columns_to_the_server_ordering(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    await source.next_request()

    model.sort(OrderColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    request = await source.next_request()
    assert request.query.ordering_param == "-updated_at"
    assert model.sort_indicator() == (OrderColumn.UPDATED, Qt.SortOrder.DescendingOrder)

    model.sort(OrderColumn.ORDER_NUMBER, Qt.SortOrder.AscendingOrder)
    request = await source.next_request()
    assert request.query.ordering is Ordering.ORDER_NUMBER
    assert request.query.ordering_param == "order_number"

    generation = model.generation
    model.sort(OrderColumn.TAGS, Qt.SortOrder.AscendingOrder)  # the server cannot sort tags
    assert model.generation == generation
    assert model.query.ordering is Ordering.ORDER_NUMBER


async def test_refresh_reloads_as_many_rows_and_keeps_persistent_indexes(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve(orders(3, 3), has_next=True)
    await asyncio.wait_for(loaded, WAIT)
    await source.next_request()  # the tester's next fetch; refresh supersedes it
    selected = QPersistentModelIndex(model.index(4, OrderColumn.ORDER_STATUS))
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(True))

    refreshed = emitted(model.refreshed)
    assert model.refresh()
    assert model.status_text == "Refreshing orders…"
    assert model.loaded_count == 6  # the old rows stay until the new ones are in

    first = await source.next_request()
    assert first.page == 0
    first.resolve([make_order(100), *orders(0, 2)], has_next=True)
    second = await source.next_request()
    assert second.page == 1
    second.resolve(orders(2, 3), has_next=True)

    assert await asyncio.wait_for(refreshed, WAIT) == (6,)
    assert resets == []
    assert order_numbers(model)[:2] == ["40010100", "40010000"]
    assert model.loaded_count == 6
    # The row the agent had selected (order 4) moved down by one with its order.
    assert selected.isValid()
    assert selected.row() == 5
    assert selected.column() == OrderColumn.ORDER_STATUS
    assert model.order_at(5) == make_order(4)


async def test_refresh_that_returns_fewer_rows_shrinks_without_reset(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    await source.next_request()
    refreshed = emitted(model.refreshed)

    model.refresh()
    request = await source.next_request()
    request.resolve(orders(1, 2), has_next=False)

    assert await asyncio.wait_for(refreshed, WAIT) == (2,)
    assert order_numbers(model) == ["40010001", "40010002"]
    assert state_of(model) is LoadState.COMPLETE


async def test_update_order_changes_its_row_in_place(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, roles=(): changes.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(True))

    assert model.update_order(make_order(1, order_status="Shipped"))

    assert changes == [(1, 0, 1, COLUMN_COUNT - 1)]
    assert resets == []
    assert cell(model, 1, OrderColumn.ORDER_STATUS) == "Shipped"
    assert model.row_of(make_order(1).external_id or "") == 1
    assert not model.update_order(make_order(55))


async def test_orders_repeated_by_a_later_page_are_dropped(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    # Ordered by updated_at, an order edited during the walk shows up again.
    request.resolve([make_order(1, order_status="Shipped"), make_order(3)], has_next=False)

    assert await asyncio.wait_for(loaded, WAIT) == (1,)
    assert order_numbers(model) == ["40010000", "40010001", "40010002", "40010003"]


async def test_a_page_of_only_repeats_is_followed_by_the_next_page(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()
    request.resolve(orders(0, 3), has_next=True)
    follow_up = await source.next_request()
    assert follow_up.page == 2
    loaded = emitted(model.page_loaded)
    follow_up.resolve(orders(3, 1), has_next=False)
    assert await asyncio.wait_for(loaded, WAIT) == (1,)


async def test_empty_result_is_distinguishable(
    model: OrderTableModel, source: ControlledSource
) -> None:
    model.set_query(OrderQuery(order_number="nope"))
    assert not is_empty(model)  # still loading
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve([], has_next=False)
    await asyncio.wait_for(loaded, WAIT)

    assert is_empty(model)
    assert model.rowCount() == 0
    assert state_of(model) is LoadState.COMPLETE
    assert model.error is None


async def test_a_fetch_cancelled_from_outside_is_asked_for_again(
    model: OrderTableModel, source: ControlledSource, runner: TaskRunner
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()

    runner.cancel_all()

    assert request.future.cancelled()
    # The model went back to "more to fetch", so the next fetchMore asked again.
    again = await source.next_request()
    assert again.page == request.page == 1
    assert model.loaded_count == 3


async def test_after_shutdown_nothing_more_is_fetched(
    model: OrderTableModel, source: ControlledSource, runner: TaskRunner
) -> None:
    model.fetchMore(ROOT)
    request = await source.next_request()
    stopped = emitted(model.loading_changed)

    await runner.aclose()

    assert await asyncio.wait_for(stopped, WAIT) == (False,)
    assert request.future.cancelled()
    assert state_of(model) is LoadState.IDLE
    assert not model.canFetchMore(ROOT)
    assert source.pending == 0


def test_nothing_is_fetched_before_the_event_loop_runs(qapp: object) -> None:
    source = ControlledSource()
    model = OrderTableModel(source, TaskRunner())

    assert not model.canFetchMore(ROOT)
    model.fetchMore(ROOT)
    model.reload()

    assert state_of(model) is LoadState.IDLE
    assert model.rowCount() == 0
    assert not model.refresh()
    assert source.requests == []


async def test_times_show_in_local_time_with_utc_in_the_tooltip(
    model: OrderTableModel, source: ControlledSource
) -> None:
    model.fetchMore(ROOT)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    winter = make_order(1, created_at="2026-11-27T13:05:09Z", updated_at="2026-07-01T12:00:00Z")
    request.resolve([winter], has_next=False)
    await asyncio.wait_for(loaded, WAIT)

    # The fixture's agent sits in Berlin: UTC+1 in November, UTC+2 in July.
    assert cell(model, 0, OrderColumn.CREATED) == "2026-11-27 14:05"
    assert cell(model, 0, OrderColumn.UPDATED) == "2026-07-01 14:00"
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert cell(model, 0, OrderColumn.CREATED, tooltip) == "2026-11-27 13:05:09 UTC"
    assert winter.created_at is not None
    assert cell(model, 0, OrderColumn.CREATED, OrderRole.SORT) == winter.created_at.timestamp()


def test_header_labels_and_sortable_hints(qapp: object) -> None:
    model = OrderTableModel(ControlledSource(), TaskRunner())
    horizontal = Qt.Orientation.Horizontal
    labels = [model.headerData(c, horizontal) for c in range(model.columnCount())]

    assert labels[:5] == ["Order no.", "Ext. ref.", "Account", "Client key", "Status"]
    assert "click to sort" in model.headerData(
        OrderColumn.CREATED, horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "click to sort" not in model.headerData(
        OrderColumn.TAGS, horizontal, Qt.ItemDataRole.ToolTipRole
    )


async def test_a_failed_refresh_keeps_the_rows_and_retry_refreshes_again(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    await source.next_request()
    failed = emitted(model.load_failed)
    model.refresh()
    request = await source.next_request()
    request.fail(ConnectionError("offline"))
    await asyncio.wait_for(failed, WAIT)

    assert model.loaded_count == 3  # the agent keeps what was on screen
    assert str(cell(model, 3)).startswith("Could not refresh orders: ")
    refreshed = emitted(model.refreshed)
    assert model.retry()
    again = await source.next_request()
    assert again.page == 0
    again.resolve(orders(0, 3), has_next=False)
    assert await asyncio.wait_for(refreshed, WAIT) == (3,)


async def test_cancel_loading_stops_the_request_and_the_same_page_is_asked_again(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    request = await source.next_request()

    model.cancel_loading()

    assert request.future.cancelled()
    assert model.status_text == ""
    # Idle again: the next fetchMore (here the tester's, after the row went) asks again.
    again = await source.next_request()
    assert again.page == 1


async def test_reload_starts_the_same_query_from_its_first_page(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_first_page(model, source)
    await source.next_request()
    reset = emitted(model.query_reset)

    model.reload()

    assert await asyncio.wait_for(reset, WAIT) == (OrderQuery(),)
    assert model.loaded_count == 0
    request = await source.next_request()
    assert request.page == 0


async def test_signals_tell_a_page_load_as_past_facts(
    model: OrderTableModel, source: ControlledSource
) -> None:
    events: list[tuple[str, object]] = []
    model.loading_changed.connect(lambda loading: events.append(("loading_changed", loading)))
    model.state_changed.connect(lambda state: events.append(("state_changed", state)))
    model.page_loaded.connect(lambda added: events.append(("page_loaded", added)))

    model.fetchMore(ROOT)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve(orders(0, 2), has_next=False)
    await asyncio.wait_for(loaded, WAIT)

    assert events == [
        ("loading_changed", True),
        ("state_changed", LoadState.LOADING),
        ("loading_changed", False),
        ("state_changed", LoadState.COMPLETE),
        ("page_loaded", 2),
    ]


async def test_known_tags_cover_the_loaded_orders(
    model: OrderTableModel, source: ControlledSource
) -> None:
    model.fetchMore(ROOT)
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve([make_order(1, tags=["priority:vip"]), make_order(2, tags=["season:W24"])])
    await asyncio.wait_for(loaded, WAIT)

    assert model.known_tags() == {"priority:vip", "season:W24"}


async def test_retry_after_shutdown_keeps_the_error_on_screen(
    model: OrderTableModel, source: ControlledSource, runner: TaskRunner
) -> None:
    model.fetchMore(ROOT)
    request = await source.next_request()
    failed = emitted(model.load_failed)
    request.fail(ConnectionError("offline"))
    await asyncio.wait_for(failed, WAIT)
    await runner.aclose()

    assert not model.retry()

    assert state_of(model) is LoadState.FAILED
    assert isinstance(error_of(model), ConnectionError)
    assert cell(model, 0, role=OrderRole.ROW_KIND) is RowKind.ERROR
