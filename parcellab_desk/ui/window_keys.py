"""The main window's keyboard moves: F6 between regions, Ctrl+Tab between order tabs, and
Help ▸ Keyboard shortcuts.

F6 / Shift+F6 cycle open-order box → filter bar → order table → editor (the place in the editor
the agent left, else its first field). Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PgDown and Ctrl+PgUp
switch order tabs from anywhere in the window; ``QTabWidget`` only does that while the focus
is already inside it. The actions live in the window's menus, which is what makes their keys
work wherever the focus is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QTabWidget, QWidget

from parcellab_desk.ui.keyboard import ShortcutsDialog, shortcut_rows

__all__ = ["Region", "WindowKeys", "menu_actions"]

Region = tuple[QWidget, Callable[[], None]]
"""A part of the window F6 visits: the widget that contains it and how to enter it."""


def menu_actions(menu_bar: QMenuBar) -> list[QAction]:
    found: list[QAction] = []

    def walk(actions: Sequence[QAction]) -> None:
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu.actions())
            elif not action.isSeparator():
                found.append(action)

    walk(menu_bar.actions())
    return found


class WindowKeys(QObject):
    """Adds the region and tab keys to ``window``; ``regions`` returns the F6 stops."""

    def __init__(
        self,
        window: QWidget,
        tabs: QTabWidget,
        regions: Callable[[], list[Region]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._regions = regions
        self.dialog: ShortcutsDialog | None = None

        self.next_region_action = self._make(
            self.tr("Next &area"), self.next_region, [QKeySequence(Qt.Key.Key_F6)]
        )
        self.previous_region_action = self._make(
            self.tr("Pre&vious area"),
            self.previous_region,
            [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F6)],
        )
        self.next_tab_action = self._make(
            self.tr("Ne&xt order tab"),
            lambda: self._step_tab(1),
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Tab),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown),
            ],
        )
        self.previous_tab_action = self._make(
            self.tr("Previous order &tab"),
            lambda: self._step_tab(-1),
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Tab),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp),
            ],
        )
        self.shortcuts_action = self._make(
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            [QKeySequence(QKeySequence.StandardKey.HelpContents)],
        )

    def _make(self, text: str, slot: Callable[[], object], keys: list[QKeySequence]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    # -- regions -------------------------------------------------------------------------

    def _current_region(self, regions: list[Region]) -> int:
        focused = QApplication.focusWidget()
        for index, (container, _) in enumerate(regions):
            if focused is not None and (focused is container or container.isAncestorOf(focused)):
                return index
        return -1

    def _step_region(self, step: int) -> None:
        regions = [r for r in self._regions() if r[0].isVisible() and r[0].isEnabled()]
        if not regions:
            return
        current = self._current_region(regions)
        if current < 0:
            index = 0 if step > 0 else len(regions) - 1
        else:
            index = (current + step) % len(regions)
        _, enter = regions[index]
        enter()

    def next_region(self) -> None:
        self._step_region(1)

    def previous_region(self) -> None:
        self._step_region(-1)

    # -- tabs ----------------------------------------------------------------------------

    def _step_tab(self, step: int) -> None:
        count = self._tabs.count()
        if count > 1:
            self._tabs.setCurrentIndex((self._tabs.currentIndex() + step) % count)

    # -- the list ------------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        """The key map, made from the menus' actions (open(), never exec())."""
        menu_bar = getattr(self._window, "menuBar", None)
        actions = menu_actions(menu_bar()) if callable(menu_bar) else []
        dialog = ShortcutsDialog(shortcut_rows(actions), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.dialog = None
