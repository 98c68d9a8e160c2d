"""The console from the keyboard alone, against the sandbox: every key goes to whatever has
the focus, as it would for an agent who never touches the mouse.

- find an order with the filter, open it, change its external reference, add a tag and a
  tracking, save;
- look up a number that does not exist, start a new order with Ctrl+N, try to save it
  incomplete (the bar says what is missing and the cursor goes there), type it, save;
- F6 through the window's areas, Ctrl+Tab between order tabs from the table, and the
  shortcut list from the Help menu.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.editor_actions import EditorState
from parcellab_desk.ui.keyboard import mnemonic_of
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.trackings_editor import TrackingFormDialog
from parcellab_desk.ui.window_keys import menu_actions
from tests.signals import WAIT, expect, next_emission, until
from tests.window_teardown import end_window

Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier
NoMod = Qt.KeyboardModifier.NoModifier


@dataclass
class Keyboard:
    """Presses keys on whatever has the focus, and keeps the list of what was pressed."""

    window: MainWindow
    pressed: list[str] = field(default_factory=list)

    def _target(self) -> QWidget:
        focused = QApplication.focusWidget()
        return focused if focused is not None else self.window

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NoMod, name: str = "") -> None:
        self.pressed.append(name or key.name.removeprefix("Key_"))
        QTest.keyClick(self._target(), key, modifiers)

    def type(self, text: str) -> None:
        self.pressed.append(f"type “{text}”")
        QTest.keyClicks(self._target(), text)

    def alt(self, label_text: str) -> None:
        """Alt with the letter ``label_text`` underlines."""
        letter = mnemonic_of(label_text)
        assert letter, f"no Alt letter in {label_text!r}"
        self.press(getattr(Qt.Key, f"Key_{letter}"), Alt, f"Alt+{letter}")


@dataclass
class Env:
    window: MainWindow
    model: OrderTableModel
    client: ParcelLabClient
    sandbox: EmbeddedSandbox
    keys: Keyboard
    numbers: Callable[[], str]

    def editor(self) -> OrderEditor:
        editor = self.window.editor_tabs.current_editor()
        assert editor is not None
        return editor

    def focused(self) -> QWidget | None:
        return QApplication.focusWidget()


@pytest.fixture
async def env(
    qtbot: QtBot, sandbox: EmbeddedSandbox, unique_order_number: Callable[[], str]
) -> AsyncIterator[Env]:
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
        profile_key="e2e-keyboard",
        accounts=sandbox.accounts,
        demo=True,
    )
    model.setParent(window)
    try:
        window.show()
        window.activateWindow()  # window shortcuts reach the active window only
        while model.loaded_count == 0:
            await next_emission(model.page_loaded)
        yield Env(window, model, client, sandbox, Keyboard(window), unique_order_number)
    finally:
        await end_window(window, runner, client)  # not qtbot's: see window_teardown


async def test_find_open_edit_tag_track_and_save_without_the_mouse(env: Env) -> None:
    window, keys = env.window, env.keys
    order = await env.client.create_order(
        {"account": env.sandbox.accounts[0], "order_number": env.numbers()}
    )
    number = order.order_number
    assert number

    # Find it: Ctrl+F, Tab to "Order no.", type, Enter; the table shows that order only.
    keys.press(Qt.Key.Key_F, Ctrl, "Ctrl+F")
    keys.press(Qt.Key.Key_Tab)
    assert env.focused() is window.filter_bar.order_number
    keys.type(number)
    keys.press(Qt.Key.Key_Return, name="Enter")
    await until(
        lambda: env.model.loaded_count == 1 and not env.model.is_loading,
        env.model.state_changed,
    )

    # Open it: F6 to the table, Enter; the cursor lands in the editor's first field.
    keys.press(Qt.Key.Key_F6)
    assert env.focused() is window.table
    keys.press(Qt.Key.Key_Return, name="Enter")
    editor = env.editor()
    assert editor.order is not None
    assert editor.order.external_id == order.external_id
    assert env.focused() is editor.bindings["account"].focus_target

    # Change the external reference: Alt+its letter, select all, type.
    keys.alt(editor.field_labels["external_reference"].text())
    assert env.focused() is editor.bindings["external_reference"].focus_target
    keys.press(Qt.Key.Key_A, Ctrl, "Ctrl+A")
    keys.type(f"KEYS-{number}")

    # Add a tag: Alt+its letter reaches the tags, type, Enter.
    keys.alt(editor.tags_box.title())
    assert env.focused() is editor.tags_editor.input
    keys.type("channel:phone")
    keys.press(Qt.Key.Key_Return, name="Enter")

    # Add a tracking: Alt+T opens the form with the cursor in Courier; Tab, Enter adds it.
    keys.alt(editor.trackings_editor.add_button.text())
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, TrackingFormDialog)
    assert env.focused() is dialog.bindings["courier"].focus_target
    keys.type("ups")
    keys.press(Qt.Key.Key_Tab)
    keys.type(f"1Z{number[-8:]}")
    staged = expect(editor.tracking_staged)
    keys.press(Qt.Key.Key_Return, name="Enter")
    await asyncio.wait_for(staged, WAIT)

    # Save: Ctrl+S from wherever the focus is.
    saved = expect(editor.saved)
    keys.press(Qt.Key.Key_S, Ctrl, "Ctrl+S")
    await asyncio.wait_for(saved, WAIT)
    stored = await env.client.get_order(order.external_id or "")
    assert stored.external_reference == f"KEYS-{number}"
    assert stored.tags == ["channel:phone"]
    assert [(t.courier, t.tracking_number) for t in stored.trackings] == [
        ("ups", f"1Z{number[-8:]}")
    ]
    assert not editor.is_dirty
    assert editor.state is EditorState.CLEAN
    print("keys pressed:", " · ".join(keys.pressed))


async def test_a_new_order_from_the_keyboard_after_finding_nothing(env: Env) -> None:
    window, keys = env.window, env.keys
    number = env.numbers()

    # Find nothing: Ctrl+L, type, Enter.
    keys.press(Qt.Key.Key_L, Ctrl, "Ctrl+L")
    keys.type(number)
    failed = expect(window.lookup_failed)
    keys.press(Qt.Key.Key_Return, name="Enter")
    (message,) = await asyncio.wait_for(failed, WAIT)
    assert "No order" in str(message)

    # Ctrl+N: a new tab, the cursor in its first field (Account, a choice of the profile's).
    keys.press(Qt.Key.Key_N, Ctrl, "Ctrl+N")
    editor = env.editor()
    assert editor.draft.is_new
    account = editor.bindings["account"]
    assert env.focused() is account.focus_target
    assert "*" in editor.field_labels["account"].text()  # required, and marked so
    keys.type(str(env.sandbox.accounts[1]))

    # Ctrl+S on the incomplete form says what is missing and puts the cursor there.
    keys.press(Qt.Key.Key_S, Ctrl, "Ctrl+S")
    assert editor.state is EditorState.INCOMPLETE
    assert editor.action_status.text() == "Missing: Order number."
    assert env.focused() is editor.bindings["order_number"].focus_target
    assert editor.bindings["order_number"].errors() == "This field is required."

    # Type the number: the tab is titled by it at once; Ctrl+S creates the order.
    keys.type(number)
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"New order {number} *"
    saved = expect(editor.saved)
    keys.press(Qt.Key.Key_S, Ctrl, "Ctrl+S")
    (created,) = await asyncio.wait_for(saved, WAIT)
    assert isinstance(created, Order)
    assert (created.account, created.order_number) == (env.sandbox.accounts[1], number)
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"Order {number}"


async def test_f6_cycles_the_areas_and_ctrl_tab_switches_orders_from_the_table(env: Env) -> None:
    window, keys = env.window, env.keys
    first, second = env.model.order_at(0), env.model.order_at(1)
    assert first is not None
    assert second is not None
    window.open_order(first)
    window.open_order(second)
    window.focus_open_box()

    visited = []
    for _ in range(5):
        keys.press(Qt.Key.Key_F6)
        focused = env.focused()
        visited.append(
            next(
                name
                for name, area in (
                    ("open box", window.open_box),
                    ("filter bar", window.filter_bar),
                    ("table", window.table),
                    ("editor", window.tabs),
                )
                if focused is not None and (focused is area or area.isAncestorOf(focused))
            )
        )
    assert visited == ["filter bar", "table", "editor", "open box", "filter bar"]
    keys.press(Qt.Key.Key_F6, Shift, "Shift+F6")
    assert env.focused() is window.open_box.edit

    # Ctrl+Tab and Ctrl+PgUp switch order tabs with the focus in the table.
    keys.press(Qt.Key.Key_F6)
    keys.press(Qt.Key.Key_F6)
    assert env.focused() is window.table
    assert window.tabs.currentIndex() == 1
    keys.press(Qt.Key.Key_Tab, Ctrl, "Ctrl+Tab")
    assert window.tabs.currentIndex() == 0
    keys.press(Qt.Key.Key_PageUp, Ctrl, "Ctrl+PgUp")
    assert window.tabs.currentIndex() == 1
    assert env.focused() is window.table  # switching tabs leaves the focus where it was

    # Tab leaves the table in one step: it is one stop, not a walk through its cells.
    keys.press(Qt.Key.Key_Tab)
    focused = env.focused()
    assert focused is not None
    assert not window.table.isAncestorOf(focused)
    assert focused is not window.table


async def test_the_shortcut_list_is_made_from_the_menus(env: Env) -> None:
    window = env.window
    keys = env.keys
    keys.press(Qt.Key.Key_F1)
    dialog = window.keys.dialog
    assert dialog is not None
    assert dialog.isVisible()
    table = dialog.table
    rows = {
        table.item(r, 1).text(): table.item(r, 0).text()  # type: ignore[union-attr]
        for r in range(table.rowCount())
    }
    assert rows["Save order"] == "Ctrl+S"
    assert rows["New order"] == "Ctrl+N"
    assert rows["Next area"] == "F6"
    assert rows["Next order tab"] == "Ctrl+Tab, Ctrl+PgDown"
    assert rows["Open order"] == "Ctrl+L"
    # Every action with a key in the menus is listed (nothing kept by hand).
    with_keys = {
        a.text().replace("&", "").removesuffix("…")
        for a in menu_actions(window.menuBar())
        if a.shortcuts()
    }
    assert set(rows) == with_keys
    dialog.reject()
