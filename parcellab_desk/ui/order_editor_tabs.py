"""Order editors in the main window's tabs: open, new (Ctrl+N), save (Ctrl+S), close with the
unsaved-changes prompt, and the saved order passed on so the table row updates in place.

The main window keeps its ``QTabWidget``; this object fills it with ``OrderEditor``s and
offers the window-level actions for its Order menu (an action in a menu bar is what makes a
shortcut work wherever the focus is, the table included).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget

from parcellab_desk.api.models import Order
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.order_editor import KnownTags, OrderEditor

__all__ = ["OrderEditorTabs"]


def _same_order(a: Order, b: Order) -> bool:
    if a.external_id and b.external_id:
        return a.external_id == b.external_id
    return (a.account, a.order_number) == (b.account, b.order_number)


class OrderEditorTabs(QObject):
    """Owns the editors shown in ``tabs``. ``order_saved(Order)`` after any save or cancel."""

    order_saved = Signal(object)
    editor_opened = Signal(object)  # the OrderEditor now current

    def __init__(
        self,
        tabs: QTabWidget,
        *,
        service: OrderEditingService,
        runner: TaskRunner,
        tz: tzinfo | None = None,
        known_tags: KnownTags | None = None,
        default_account: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._service = service
        self._runner = runner
        self._tz = tz
        self._known_tags = known_tags
        self._default_account = default_account

        self.new_action = QAction("&New order", self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.triggered.connect(self.new_order)
        self.save_action = QAction("&Save order", self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save_current)
        self.revert_action = QAction("&Revert changes", self)
        self.revert_action.triggered.connect(self.revert_current)
        self.cancel_order_action = QAction("&Cancel order…", self)
        self.cancel_order_action.triggered.connect(self.cancel_current)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_tabs_current_changed()

    # -- editors -------------------------------------------------------------------------

    def editors(self) -> list[OrderEditor]:
        found = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [w for w in found if isinstance(w, OrderEditor)]

    def current_editor(self) -> OrderEditor | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, OrderEditor) else None

    def open_order(self, order: Order) -> OrderEditor:
        """Show ``order`` in its tab, reusing the tab when it is open already."""
        for editor in self.editors():
            if editor.order is not None and _same_order(editor.order, order):
                editor.show_order(order)
                self.tabs.setCurrentWidget(editor)
                self.editor_opened.emit(editor)
                return editor
        return self._add(self._make_editor(order, None))

    def new_order(self) -> OrderEditor:
        """A tab for a new order (created with POST on save)."""
        account = self._default_account() if self._default_account is not None else None
        return self._add(self._make_editor(None, account))

    def show_saved(self, order: Order) -> None:
        """An order changed elsewhere: open editors show it (unsaved edits stay on top)."""
        for editor in self.editors():
            if editor.order is not None and _same_order(editor.order, order):
                editor.show_order(order)

    # -- commands ------------------------------------------------------------------------

    def save_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.save()

    def revert_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.revert()

    def cancel_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.cancel_order()

    def request_close(self, index: int) -> asyncio.Task[bool]:
        """Close the tab at ``index`` once its editor agrees (asks when there are edits)."""
        return self._runner.start(("editor-tabs", "close", id(self)), self._close(index))

    async def close_all(self) -> bool:
        """Ask every editor with unsaved changes; True when the window may close."""
        for editor in self.editors():
            self.tabs.setCurrentWidget(editor)
            if not await editor.maybe_close():
                return False
        for editor in self.editors():
            editor.close_tasks()
        return True

    # -- internals -----------------------------------------------------------------------

    def _make_editor(self, order: Order | None, account: int | None) -> OrderEditor:
        return OrderEditor(
            order,
            service=self._service,
            runner=self._runner,
            tz=self._tz,
            known_tags=self._known_tags,
            account=account,
        )

    def _add(self, editor: OrderEditor) -> OrderEditor:
        index = self.tabs.addTab(editor, editor.title())
        order = editor.order
        if order is not None:
            self.tabs.setTabToolTip(index, f"Account {order.account} · {order.external_id}")
        editor.title_changed.connect(lambda title: self._on_editor_title_changed(editor, title))
        editor.saved.connect(self.order_saved)
        self.tabs.setCurrentIndex(index)
        self.editor_opened.emit(editor)
        return editor

    async def _close(self, index: int) -> bool:
        widget = self.tabs.widget(index)
        if widget is None:
            return True
        if isinstance(widget, OrderEditor):
            if not await widget.maybe_close():
                return False
            widget.close_tasks()
        index = self.tabs.indexOf(widget)  # tabs may have moved while the prompt was open
        if index >= 0:
            self.tabs.removeTab(index)
        widget.deleteLater()
        return True

    def _on_editor_title_changed(self, editor: OrderEditor, title: str) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.setTabText(index, title)

    def _on_tabs_current_changed(self, *_args: object) -> None:
        has_editor = self.current_editor() is not None
        for action in (self.save_action, self.revert_action, self.cancel_order_action):
            action.setEnabled(has_editor)
