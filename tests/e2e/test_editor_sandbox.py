"""The order editor in the real main window against a sandbox of its own: create (Ctrl+N,
Ctrl+S), edit, add a tracking, cancel a tracking, cancel the order. After each step the order
is read back through the API, and the table row shows the saved order in place.

A fresh sandbox (not the shared one): these tests cancel demo orders the table shows.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.order_columns import OrderColumn
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.order_editor_tabs import OrderEditorTabs
from parcellab_desk.ui.trackings_editor import TrackingFormDialog
from tests.signals import WAIT, expect, next_emission
from tests.ui.form_helpers import enter
from tests.window_teardown import end_window

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class Console:
    window: MainWindow
    model: OrderTableModel
    tabs: OrderEditorTabs
    client: ParcelLabClient
    sandbox: EmbeddedSandbox


@pytest.fixture
async def console(
    qtbot: QtBot, make_sandbox: Callable[..., EmbeddedSandbox]
) -> AsyncIterator[Console]:
    sandbox = make_sandbox(demo_orders=6)
    runner = TaskRunner()
    client = ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    )
    model = OrderTableModel(ClientPageSource(client, page_size=25), runner)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo",
        host_label=sandbox.base_url,
        profile_key="e2e-editor",
        demo=True,
        time_zone=BERLIN,
    )
    model.setParent(window)

    # The window's own wiring: editors in its tabs, saves update the table row.
    tabs = window.editor_tabs

    try:
        window.show()
        window.activateWindow()  # window shortcuts reach the active window only
        while model.loaded_count == 0:
            await next_emission(model.page_loaded)
        yield Console(window, model, tabs, client, sandbox)
    finally:
        await end_window(window, runner, client)  # not qtbot's: see window_teardown


def type_into(editor: OrderEditor, name: str, text: str) -> None:
    widget = editor.inputs[name]
    assert isinstance(widget, QLineEdit)
    widget.setText(text)
    widget.textEdited.emit(text)


async def add_tracking(editor: OrderEditor, courier: str, number: str) -> None:
    editor.trackings_editor.add_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, TrackingFormDialog)
    enter(dialog.bindings["courier"], courier)
    enter(dialog.bindings["tracking_number"], number)
    enter(dialog.bindings["recipient_postal_code"], "10115")
    dialog.ok_button.click()
    await next_emission(editor.tracking_staged)


async def test_create_edit_track_and_cancel(console: Console, qtbot: QtBot) -> None:
    client, window = console.client, console.window
    number = "E2E-EDITOR-1"

    # Create: Ctrl+N opens a new order in the selected row's account, Ctrl+S posts it.
    window.table.selectRow(0)
    first = console.model.order_at(0)
    assert first is not None
    QTest.keySequence(window, console.tabs.new_action.shortcut())
    editor = console.tabs.current_editor()
    assert editor is not None
    assert window.tabs.tabText(window.tabs.currentIndex()) == "New order"
    type_into(editor, "order_number", number)
    type_into(editor, "recipient_email", "erika@example.com")
    QTest.keySequence(window, console.tabs.save_action.shortcut())
    (created,) = await next_emission(editor.saved)
    assert isinstance(created, Order)
    assert created.external_id
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"Order {number}"
    read = await client.get_order(created.external_id)
    assert (read.order_number, read.recipient_email) == (number, "erika@example.com")
    assert read.account == first.account

    # Edit: only the customer number changes.
    type_into(editor, "customer_number", "C-77")
    editor.save_button.click()
    await next_emission(editor.saved)
    read = await client.get_order(created.external_id)
    assert read.customer_number == "C-77"
    assert read.recipient_email == "erika@example.com"

    # Add two trackings, sent with one save.
    await add_tracking(editor, "dhl-germany", f"{number}-1")
    await add_tracking(editor, "ups", f"{number}-2")
    editor.save_button.click()
    await next_emission(editor.saved)
    read = await client.get_order(created.external_id)
    assert [t.tracking_number for t in read.trackings] == [f"{number}-1", f"{number}-2"]

    # Cancel one tracking.
    editor.trackings_editor.select(("ups", f"{number}-2"))
    editor.trackings_editor.cancel_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, CancelTrackingDialog)
    dialog.reason_buttons[CancelReason.INVENTORY].click()
    assert dialog.confirm_button is not None
    dialog.confirm_button.click()
    await next_emission(editor.saved)
    read = await client.get_order(created.external_id)
    cancelled = read.find_tracking("ups", f"{number}-2")
    assert cancelled is not None
    assert cancelled.cancelled_reason is CancelReason.INVENTORY
    assert cancelled.cancelled_date is not None
    assert not read.trackings[0].is_cancelled

    # Cancel the order.
    editor.cancel_order_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, CancelOrderDialog)
    dialog.reason_buttons[CancelReason.CUSTOMER].click()
    chosen = dialog.cancelled_date()
    assert chosen.tzinfo is BERLIN
    assert dialog.confirm_button is not None
    dialog.confirm_button.click()
    await next_emission(editor.saved)
    read = await client.get_order(created.external_id)
    assert read.order_status == "Cancelled"
    assert read.cancelled_reason is CancelReason.CUSTOMER
    assert read.cancelled_date == chosen


async def test_a_save_updates_the_table_row_in_place(console: Console) -> None:
    model = console.model
    order = model.order_at(2)
    assert order is not None
    assert order.external_id
    editor = console.tabs.open_order(order)
    assert console.tabs.open_order(order) is editor  # one tab per order
    type_into(editor, "client_key", "edited-in-place.example")
    changed = asyncio.ensure_future(next_emission(model.dataChanged))
    editor.save_button.click()
    await changed
    assert model.row_of(order.external_id) == 2
    index = model.index(2, int(OrderColumn.CLIENT_KEY))
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "edited-in-place.example"
    read = await console.client.get_order(order.external_id)
    assert read.client_key == "edited-in-place.example"


async def test_closing_a_tab_with_edits_asks_first(console: Console) -> None:
    order = console.model.order_at(0)
    assert order is not None
    editor = console.tabs.open_order(order)
    type_into(editor, "client_key", "not-saved.example")
    closing = console.tabs.request_close(console.window.tabs.indexOf(editor))
    (box,) = await next_emission(editor.dialog_opened)
    from PySide6.QtWidgets import QMessageBox

    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert await closing is False
    assert console.window.tabs.indexOf(editor) >= 0
    closing = console.tabs.request_close(console.window.tabs.indexOf(editor))
    (box,) = await next_emission(editor.dialog_opened)
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Discard).click()
    assert await closing is True
    assert console.tabs.editors() == []


async def test_closing_the_window_asks_about_unsaved_edits(console: Console) -> None:
    window = console.window
    first = console.model.order_at(0)
    assert first is not None
    window.open_order(first)
    editor = console.tabs.current_editor()
    assert editor is not None
    type_into(editor, "customer_number", "UNSAVED-1")
    assert window.has_unsaved_edits()

    asked = expect(editor.dialog_opened)
    window.close()
    (box,) = await asyncio.wait_for(asked, WAIT)
    assert isinstance(box, QMessageBox)
    assert window.isVisible()  # nothing closed while the agent decides
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()
    assert editor.is_dirty  # the edit is still there

    asked = expect(editor.dialog_opened)
    window.close()
    (box,) = await asyncio.wait_for(asked, WAIT)
    assert isinstance(box, QMessageBox)
    closed = expect(window.closed)
    box.button(QMessageBox.StandardButton.Discard).click()
    await asyncio.wait_for(closed, WAIT)
    assert not window.isVisible()
