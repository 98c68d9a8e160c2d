"""The table model through the real API client against a sandbox of its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import ParcelLabError
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import Ordering
from parcellab_desk.qt.order_pages import ClientPageSource, OrderLister, OrderQuery
from parcellab_desk.qt.order_table_model import LoadState, OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.qt.pages import WAIT, emitted

DEMO_ORDERS = 120
PAGE_SIZE = 25


@pytest.fixture
def own_sandbox(make_sandbox: Callable[..., EmbeddedSandbox]) -> EmbeddedSandbox:
    return make_sandbox(demo_orders=DEMO_ORDERS, seed=7)


@pytest.fixture
async def client(own_sandbox: EmbeddedSandbox) -> AsyncIterator[ParcelLabClient]:
    no_retries = RetryPolicy(attempts=1)  # a fault is the test's, not for the client to hide
    async with ParcelLabClient(
        own_sandbox.base_url, BearerAuth(own_sandbox.demo_token), retry=no_retries
    ) as api:
        yield api


@pytest.fixture
def table(client: ParcelLabClient, runner: TaskRunner) -> OrderTableModel:
    lister: OrderLister = client  # the client fits the protocol (checked by mypy too)
    model = OrderTableModel(ClientPageSource(lister, page_size=PAGE_SIZE), runner)
    # The tester fetches more after every change, like a view scrolled to the bottom.
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, model)
    return model


def reached(model: OrderTableModel, state: LoadState) -> asyncio.Future[None]:
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_state_changed(new: LoadState) -> None:
        if new is state and not future.done():
            future.set_result(None)

    model.state_changed.connect(on_state_changed)
    future.add_done_callback(lambda _: model.state_changed.disconnect(on_state_changed))
    return future


async def test_scrolling_reaches_the_end_of_a_sorted_listing(table: OrderTableModel) -> None:
    complete = reached(table, LoadState.COMPLETE)
    table.set_query(OrderQuery().with_ordering(Ordering.ORDER_NUMBER, descending=False))
    await asyncio.wait_for(complete, WAIT)

    shown = [table.order_at(row) for row in range(table.loaded_count)]
    numbers = [order.order_number or "" for order in shown if order is not None]
    ids = {order.external_id for order in shown if order is not None}
    assert table.loaded_count == DEMO_ORDERS == len(ids)
    assert numbers == sorted(numbers)  # the server's binary collation, page after page
    assert table.rowCount() == DEMO_ORDERS  # no status row at the end


async def test_filter_by_order_number_shows_only_that_order(table: OrderTableModel) -> None:
    first_page = emitted(table.page_loaded)
    table.fetchMore(QModelIndex())
    await asyncio.wait_for(first_page, WAIT)
    wanted = table.order_at(3)
    assert wanted is not None
    assert wanted.order_number is not None

    complete = reached(table, LoadState.COMPLETE)
    table.set_query(OrderQuery().with_filters(order_number=wanted.order_number))
    await asyncio.wait_for(complete, WAIT)

    rows = [table.order_at(row) for row in range(table.loaded_count)]
    assert wanted in rows
    assert all(order is not None and order.order_number == wanted.order_number for order in rows)


async def test_server_error_then_retry(
    table: OrderTableModel, own_sandbox: EmbeddedSandbox
) -> None:
    own_sandbox.faults.fail_next(1, status=503)
    failed = emitted(table.load_failed)
    table.fetchMore(QModelIndex())

    (error,) = await asyncio.wait_for(failed, WAIT)
    assert isinstance(error, ParcelLabError)
    assert table.status_text.startswith("Could not load orders: ")

    loaded = emitted(table.page_loaded)
    assert table.retry()
    assert await asyncio.wait_for(loaded, WAIT) == (PAGE_SIZE,)
