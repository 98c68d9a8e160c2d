"""Order editors in the main window's tabs: open, new (Ctrl+N), save (Ctrl+S), close with the
unsaved-changes prompt, and the saved order passed on so the table row updates in place.

The main window keeps its ``QTabWidget``; this object fills it with ``OrderEditor``s and
offers the window-level actions for its Order menu (an action in a menu bar is what makes a
shortcut work wherever the focus is, the table included).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget

from parcellab_desk.api.models import Order
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.drafts import DraftStore, new_draft_id
from parcellab_desk.services.order_editing import OrderDraft, OrderEditingService

if TYPE_CHECKING:
    from parcellab_desk.ui.order_editor import KnownTags, OrderEditor

_EDITOR_MODULE = "parcellab_desk.ui.order_editor"  # imported with the first editor


def _is_editor(widget: object) -> TypeGuard[OrderEditor]:
    # Before the first editor the module is not even imported, and no widget can be one.
    module = sys.modules.get(_EDITOR_MODULE)
    return module is not None and isinstance(widget, module.OrderEditor)


__all__ = ["OrderEditorTabs"]

# Typing pauses shorter than this are one write: no file write per keystroke.
DRAFT_WRITE_DELAY_MS = 400


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
        accounts: Sequence[int] = (),
        drafts: DraftStore | None = None,
    ) -> None:
        """``drafts`` keeps every editor's unsaved edits on disk until they are saved,
        reverted or discarded, and brings them back with :meth:`restore_drafts`."""
        super().__init__(tabs)
        self.tabs = tabs
        self._service = service
        self._runner = runner
        self._tz = tz
        self._known_tags = known_tags
        self._default_account = default_account
        self._accounts = tuple(accounts)
        self._drafts = drafts
        self._draft_ids: dict[OrderEditor, str] = {}
        self._draft_timers: dict[OrderEditor, QTimer] = {}

        self.new_action = QAction(self.tr("&New order"), self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.triggered.connect(self.new_order)
        self.save_action = QAction(self.tr("&Save order"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save_current)
        self.revert_action = QAction(self.tr("&Revert changes"), self)
        self.revert_action.triggered.connect(self.revert_current)
        self.cancel_order_action = QAction(self.tr("&Cancel order…"), self)
        self.cancel_order_action.triggered.connect(self.cancel_current)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_tabs_current_changed()

    # -- editors -------------------------------------------------------------------------

    def editors(self) -> list[OrderEditor]:
        found = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [w for w in found if _is_editor(w)]

    def current_editor(self) -> OrderEditor | None:
        widget = self.tabs.currentWidget()
        return widget if _is_editor(widget) else None

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
        """A tab for a new order (created with POST on save), the cursor in its first field."""
        account = self._default_account() if self._default_account is not None else None
        editor = self._add(self._make_editor(None, account))
        editor.focus_first_field()
        return editor

    def restore_drafts(self) -> int:
        """Open an editor for every draft left from an earlier session; how many."""
        if self._drafts is None:
            return 0
        stored = self._drafts.load_all()
        for item in stored:
            editor = self._make_editor(item.draft.original, None, draft=item.draft)
            self._add(editor, draft_id=item.draft_id)
        return len(stored)

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
            self._forget_draft(editor)
        return True

    # -- internals -----------------------------------------------------------------------

    def _make_editor(
        self, order: Order | None, account: int | None, *, draft: OrderDraft | None = None
    ) -> OrderEditor:
        from parcellab_desk.ui.order_editor import OrderEditor

        return OrderEditor(
            order,
            service=self._service,
            runner=self._runner,
            tz=self._tz,
            known_tags=self._known_tags,
            account=account,
            accounts=self._accounts,
            draft=draft,
        )

    def _add(self, editor: OrderEditor, *, draft_id: str | None = None) -> OrderEditor:
        if self._drafts is not None:
            self._draft_ids[editor] = draft_id or new_draft_id()
            timer = QTimer(editor)
            timer.setSingleShot(True)
            timer.setInterval(DRAFT_WRITE_DELAY_MS)
            timer.timeout.connect(lambda: self._keep_draft(editor))
            self._draft_timers[editor] = timer
            editor.draft_changed.connect(timer.start)
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
        if _is_editor(widget):
            if not await widget.maybe_close():
                return False
            widget.close_tasks()
            self._forget_draft(widget)
        index = self.tabs.indexOf(widget)  # tabs may have moved while the prompt was open
        if index >= 0:
            self.tabs.removeTab(index)
        widget.deleteLater()
        return True

    def keep_drafts_now(self) -> None:
        """Write every pending draft at once (before quitting, or in a test)."""
        for editor, timer in list(self._draft_timers.items()):
            if timer.isActive():
                timer.stop()
                self._keep_draft(editor)

    def _keep_draft(self, editor: OrderEditor) -> None:
        draft_id = self._draft_ids.get(editor)
        if self._drafts is None or draft_id is None:
            return
        if editor.draft.is_dirty:
            self._drafts.save(draft_id, editor.draft)
        else:
            self._drafts.delete(draft_id)

    def _forget_draft(self, editor: OrderEditor) -> None:
        """The editor closed with the agent's agreement: its draft is not needed any more."""
        timer = self._draft_timers.pop(editor, None)
        if timer is not None:
            timer.stop()
        draft_id = self._draft_ids.pop(editor, None)
        if self._drafts is not None and draft_id is not None:
            self._drafts.delete(draft_id)

    def _on_editor_title_changed(self, editor: OrderEditor, title: str) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.setTabText(index, title)

    def _on_tabs_current_changed(self, *_args: object) -> None:
        has_editor = self.current_editor() is not None
        for action in (self.save_action, self.revert_action, self.cancel_order_action):
            action.setEnabled(has_editor)
