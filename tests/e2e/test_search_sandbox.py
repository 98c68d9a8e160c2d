"""The search box in the real window against the sandbox: one result opens, several ask in a
picker that says how each matched, none says what was tried; the timeline follows; the sort
arrow stays where the service can sort."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

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
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.order_lookup import OrderLookupService
from parcellab_desk.services.recent_orders import RecentOrders
from parcellab_desk.ui.dialog_async import dialog_events
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.order_picker import OrderPickerDialog
from parcellab_desk.ui.parcel_timeline import ParcelTimeline
from tests.signals import next_emission, until
from tests.window_teardown import end_window

PAGE = 300


@dataclass
class Desk:
    window: MainWindow
    model: OrderTableModel
    info: OrderInfoService
    orders: list[Order]


@pytest.fixture
async def desk(qtbot: QtBot, sandbox: EmbeddedSandbox, tmp_path: Path) -> AsyncIterator[Desk]:
    runner = TaskRunner()
    client = ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    )
    model = OrderTableModel(ClientPageSource(client, page_size=PAGE), runner)
    recent = RecentOrders(tmp_path, "e2e")
    info = OrderInfoService(client)
    search = OrderLookupService(client, info, accounts=lambda: sandbox.accounts)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo",
        host_label=sandbox.base_url.removeprefix("http://"),
        profile_key="e2e-search",
        demo=True,
        search=search.search,
        parcels=info,
        recent=recent,
    )
    model.setParent(window)
    try:
        window.show()
        await until(lambda: model.loaded_count > 0, model.page_loaded)
        demo = [o for o in (model.order_at(r) for r in range(model.loaded_count)) if o is not None]
        yield Desk(
            window, model, info, [o for o in demo if not (o.order_number or "").startswith("T-")]
        )
    finally:
        await end_window(window, runner, client)  # not qtbot's: see window_teardown


def _search(window: MainWindow, text: str) -> None:
    window.open_box.edit.setText(text)
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_Return)


def _shared_email(orders: list[Order]) -> str:
    accounts: dict[str, set[int | None]] = {}
    for order in orders:
        if "@" in (order.recipient_email or ""):
            accounts.setdefault(order.recipient_email or "", set()).add(order.account)
    return next(e for e, held in accounts.items() if len(held) > 1)


async def test_an_email_with_several_orders_asks_which(desk: Desk) -> None:
    window = desk.window
    email = _shared_email(desk.orders)
    _search(window, email.upper())
    (picker,) = await next_emission(dialog_events.opened, 10)
    assert isinstance(picker, OrderPickerDialog)
    assert picker is window.picker
    assert picker.isVisible()
    assert picker.list.topLevelItemCount() >= 2
    how = {picker.list.topLevelItem(i).text(6) for i in range(picker.list.topLevelItemCount())}  # type: ignore[union-attr]
    assert how == {"recipient e-mail, newest in account"}
    assert "newest order of each account" in picker.note.text()
    wanted = picker.chosen()
    assert wanted is not None
    QTest.keyClick(picker.list, Qt.Key.Key_Return)
    (opened,) = await next_emission(window.order_opened)
    assert isinstance(opened, Order)
    assert opened.external_id == wanted.order.external_id
    assert window.recent is not None
    assert window.recent.entries()[0].order_number == opened.order_number


async def test_a_tracking_number_opens_its_order_with_the_parcel_history(desk: Desk) -> None:
    window = desk.window
    order, tracking = next(
        (o, t)
        for o in desk.orders
        for t in o.trackings
        if (t.tracking_number or "").startswith("1Z") and t.status
    )
    _search(window, f" {tracking.tracking_number} ")
    (opened,) = await next_emission(window.order_opened, 10)
    assert isinstance(opened, Order)
    assert opened.external_id == order.external_id
    editor = window.editor_tabs.current_editor()
    assert isinstance(editor, OrderEditor)
    timeline = editor.findChild(ParcelTimeline)
    assert isinstance(timeline, ParcelTimeline)
    editor.trackings_editor.select((tracking.courier or "", tracking.tracking_number or ""))
    sent = desk.info.requests_sent
    # the search's answer is reused: the history shows without another request
    assert timeline.events.topLevelItemCount() > 0
    assert timeline.show_button.isHidden()
    assert desk.info.requests_sent == sent
    assert timeline.link is not None
    assert timeline.link.startswith("https://www.ups.com/")


async def test_nothing_found_says_what_was_tried_and_goes_away(desk: Desk) -> None:
    window = desk.window
    _search(window, "4001")
    (message,) = await next_emission(window.lookup_failed, 10)
    text = str(message)
    assert text.startswith("Nothing matches “4001”.")
    assert "order number or external id “4001”, “#4001”" in text
    assert "external reference" in text
    assert "customer number in accounts 1001, 1002, 1003" in text
    assert "from this session: 4001" in text  # partial numbers the table has loaded
    assert window.lookup_message.isVisible()
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_5)
    assert not window.lookup_message.isVisible()


async def test_a_new_search_supersedes_the_one_running(desk: Desk) -> None:
    window = desk.window
    first, second = desk.orders[0], desk.orders[1]
    _search(window, first.external_id or "")
    _search(window, second.external_id or "")
    (opened,) = await next_emission(window.order_opened, 10)
    assert isinstance(opened, Order)
    assert opened.external_id == second.external_id
    assert window.tabs.count() == 1


async def test_only_sortable_columns_move_the_sort_arrow(desk: Desk) -> None:
    window = desk.window
    header = window.table.horizontalHeader()
    before = (header.sortIndicatorSection(), desk.model.query)
    header.sectionClicked.emit(int(OrderColumn.ORDER_STATUS))
    header.setSortIndicator(int(OrderColumn.ORDER_STATUS), Qt.SortOrder.AscendingOrder)
    assert (header.sortIndicatorSection(), desk.model.query) == before
    tooltip = desk.model.headerData(
        int(OrderColumn.ORDER_STATUS), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "not sortable" in str(tooltip)
    header.setSortIndicator(int(OrderColumn.ORDER_NUMBER), Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == int(OrderColumn.ORDER_NUMBER)
    assert desk.model.query != before[1]
