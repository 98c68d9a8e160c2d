"""The real main window against the sandbox over loopback: scroll, filter, sort, look up, and
recover from a failed page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.order_columns import OrderColumn
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import LoadState, OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from tests import plain_http
from tests.signals import next_emission, until
from tests.window_teardown import end_window

PAGE = 25


@dataclass
class Console:
    window: MainWindow
    model: OrderTableModel
    client: ParcelLabClient
    sandbox: EmbeddedSandbox


@pytest.fixture
async def console(qtbot: QtBot, sandbox: EmbeddedSandbox) -> AsyncIterator[Console]:
    runner = TaskRunner()
    # One attempt: a failed page must reach the screen at once, not after backoff.
    client = ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    )
    model = OrderTableModel(ClientPageSource(client, page_size=PAGE), runner)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo",
        host_label=sandbox.base_url.removeprefix("http://"),
        base_url=sandbox.base_url,
        profile_key="e2e",
        demo=True,
    )
    model.setParent(window)
    try:
        window.show()
        await until(lambda: model.loaded_count > 0, model.page_loaded)
        yield Console(window, model, client, sandbox)
    finally:
        await end_window(window, runner, client)  # not qtbot's: see window_teardown


async def test_first_page_shows_with_demo_marking(console: Console) -> None:
    window = console.window
    assert console.model.loaded_count == PAGE
    assert window.windowTitle().startswith("DEMO")
    assert window.demo_label.isVisibleTo(window)
    assert window.demo_label.text() == "DEMO"
    assert window.rows_label.text() == f"{PAGE} orders loaded"
    assert window.updated_label.text().startswith("updated ")
    assert not window.retry_button.isVisible()


async def test_scrolling_to_the_bottom_loads_the_next_page(console: Console) -> None:
    model, table = console.model, console.window.table
    table.scrollToBottom()
    await until(lambda: model.loaded_count >= 2 * PAGE, model.page_loaded)
    ids = [model.order_at(row).external_id for row in range(model.loaded_count)]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids))


async def test_filter_by_order_number_shows_that_order(console: Console) -> None:
    model, window = console.model, console.window
    wanted = model.order_at(3)
    assert wanted is not None
    assert wanted.order_number
    window.filter_bar.order_number.setText(wanted.order_number)
    window.filter_bar.apply_now()
    await until(lambda: model.state is LoadState.COMPLETE, model.state_changed)
    shown = [model.order_at(row) for row in range(model.loaded_count)]
    assert shown
    assert all(o is not None and o.order_number == wanted.order_number for o in shown)


async def test_filter_with_no_match_shows_the_empty_state(console: Console) -> None:
    model, window = console.model, console.window
    window.filter_bar.order_number.setText("no-such-order-anywhere")
    window.filter_bar.apply_now()
    await until(lambda: model.is_empty, model.state_changed)
    assert window.empty_state.isVisible()
    assert "No orders match" in window.empty_state.label.text()
    window.empty_state.clear_button.click()
    await until(lambda: model.loaded_count > 0, model.page_loaded)
    assert not window.empty_state.isVisible()


async def test_clicking_a_header_sorts_on_the_server(console: Console) -> None:
    model, window = console.model, console.window
    window.table.horizontalHeader().setSortIndicator(
        int(OrderColumn.ORDER_NUMBER), Qt.SortOrder.AscendingOrder
    )
    await until(
        lambda: model.query.ordering_param == "order_number" and model.loaded_count > 0,
        model.page_loaded,
    )
    numbers = [model.order_at(r).order_number or "" for r in range(model.loaded_count)]  # type: ignore[union-attr]
    assert numbers == sorted(numbers)
    # The server sorted the whole listing, not just the rows on screen.
    async with plain_http.async_client() as http:
        body = (
            await http.get(
                f"{console.sandbox.base_url}/v4/track/orders/",
                params={"ordering": "order_number", "page_size": PAGE},
                headers={"Authorization": f"Bearer {console.sandbox.demo_token}"},
            )
        ).json()
    assert numbers == [o["order_number"] for o in body["results"]]


async def test_open_order_box_looks_up_and_opens_a_tab(console: Console, qtbot: QtBot) -> None:
    window = console.window
    wanted = console.model.order_at(5)
    assert wanted is not None
    assert wanted.external_id
    window.open_box.edit.setText(wanted.external_id)
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_Return)
    (opened,) = await next_emission(window.order_opened)
    assert isinstance(opened, Order)
    assert opened.external_id == wanted.external_id
    assert window.tabs.count() == 1
    details = window.tabs.currentWidget()
    assert isinstance(details, OrderEditor)
    assert details.order is not None
    assert details.order.external_id == wanted.external_id
    assert f"Order {wanted.order_number}" == window.tabs.tabText(0)


async def test_a_long_lookup_can_be_stopped_from_the_status_bar(console: Console) -> None:
    window = console.window
    console.sandbox.faults.delay_next(1, delay_ms=5000, method="GET")
    window.open_box.edit.setText("slow-lookup-1")
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_Return)
    await until(lambda: window.stop_lookup_button.isVisible(), window.statusBar().messageChanged)
    window.stop_lookup_button.click()
    assert not window.stop_lookup_button.isVisible()
    assert window.statusBar().currentMessage() == "Lookup stopped."
    assert window.tabs.count() == 0


async def test_unknown_order_says_so_under_the_box(console: Console, qtbot: QtBot) -> None:
    window = console.window
    window.open_box.edit.setText("does-not-exist-42")
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_Return)
    (message,) = await next_emission(window.lookup_failed)
    assert "does-not-exist-42" in str(message)
    assert window.lookup_message.isVisible()
    assert window.lookup_message.text() == message
    assert window.tabs.count() == 0


async def test_failed_page_shows_error_and_retry_recovers(console: Console) -> None:
    model, window = console.model, console.window
    # A next page the view asked for may still be on its way: the fault must meet the
    # refresh, so it is set only once nothing is in flight (and the refresh starts at once).
    await until(lambda: not model.is_loading, model.state_changed)
    console.sandbox.faults.fail_next(1, status=503, method="GET")
    window.refresh_action.trigger()
    await until(lambda: model.state is LoadState.FAILED, model.state_changed)
    assert window.retry_button.isVisible()
    assert window.error_label.isVisible()
    assert "HTTP 503" in window.error_label.text()
    assert "Try again" in window.error_label.toolTip()
    status_row = model.loaded_count
    assert model.is_status_row(status_row)
    assert window.table.columnSpan(status_row, 0) == model.columnCount()
    window.retry_button.click()
    await until(
        lambda: model.state is not LoadState.FAILED and not model.is_loading, model.state_changed
    )
    assert not window.retry_button.isVisible()
    assert model.loaded_count >= PAGE


async def test_about_names_versions_and_the_service(console: Console) -> None:
    from PySide6 import __version__ as pyside_version

    from parcellab_desk import __version__

    box = console.window.show_about()
    text = box.text() + box.informativeText()
    assert __version__ in text
    assert f"PySide6 {pyside_version}" in text
    assert console.sandbox.base_url in text
    box.close()


async def test_hidden_columns_are_remembered_for_the_profile(console: Console) -> None:
    window = console.window
    header = window.table.horizontalHeader()
    menu = window.column_menu()
    tags = next(a for a in menu.actions() if a.text() == "Tags")
    tags.setChecked(False)
    assert header.isSectionHidden(int(OrderColumn.TAGS))
    window.save_layout()

    # Its own runner, closed here: the table asks its model for a first page even unshown,
    # and that request must not outlive the test (its connection would leak).
    runner = TaskRunner()
    again = MainWindow(
        model=OrderTableModel(ClientPageSource(console.client), runner),
        runner=runner,
        lookup=console.client.get_order,
        editing=OrderEditingService(console.client),
        profile_name="Demo",
        host_label="sandbox",
        profile_key="e2e",
    )
    assert again.table.horizontalHeader().isSectionHidden(int(OrderColumn.TAGS))
    await runner.aclose()  # before deleting it: its ending tasks may still touch it
    again.deleteLater()
