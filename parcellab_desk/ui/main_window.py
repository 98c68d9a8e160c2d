"""The main window: open-order box, filter bar, order table, order tabs and status bar.

The window never speaks HTTP. It drives an ``OrderTableModel`` (which pages through its own
source) and asks an injected ``lookup`` coroutine for single orders; every coroutine it starts
belongs to the ``TaskRunner`` it was given, so closing the window cancels them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, tzinfo
from functools import partial
from html import escape
from typing import Final

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk import __version__
from parcellab_desk.api.errors import AmbiguousOrderError, NotFoundError
from parcellab_desk.api.models import Order
from parcellab_desk.links import OrderLink
from parcellab_desk.qt.order_columns import OrderColumn
from parcellab_desk.qt.order_table_model import LoadState, OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.drafts import DraftStore
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.filter_bar import FilterBar, FilterValues, OpenOrderBox
from parcellab_desk.ui.order_editor_tabs import OrderEditorTabs
from parcellab_desk.ui.window_keys import Region, WindowKeys

_log = logging.getLogger(__name__)

OrderLookup = Callable[[str], Awaitable[Order]]

EDITOR_MIN_WIDTH: Final = 520
EDITOR_WIDTH: Final = 640

_DEFAULT_WIDTHS: Final = {
    OrderColumn.ORDER_NUMBER: 110,
    OrderColumn.EXTERNAL_REFERENCE: 110,
    OrderColumn.ACCOUNT: 60,
    OrderColumn.CLIENT_KEY: 120,
    OrderColumn.ORDER_STATUS: 120,
    OrderColumn.TRACKINGS: 190,
    OrderColumn.TAGS: 180,
    OrderColumn.CREATED: 130,
    OrderColumn.UPDATED: 130,
    OrderColumn.CANCELLED: 170,
}


class EmptyState(QWidget):
    """ "No orders match these filters. [Clear filters]", drawn over the empty table."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel("No orders match these filters.", self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton("Clear filters", self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """One profile's workspace. ``closed`` fires once the agent closed the window."""

    closed = Signal()
    order_opened = Signal(object)  # the Order now shown in a tab
    lookup_failed = Signal(str)  # what the agent was told under the open-order box
    switch_profile_requested = Signal(str)  # the profile id the agent picked
    new_profile_requested = Signal()
    edit_profile_requested = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        *,
        model: OrderTableModel,
        runner: TaskRunner,
        lookup: OrderLookup,
        editing: OrderEditingService,
        profile_name: str,
        drafts: DraftStore | None = None,
        host_label: str,
        base_url: str | None = None,
        profile_key: str = "default",
        accounts: Sequence[int] = (),
        demo: bool = False,
        time_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._runner = runner
        self._lookup = lookup
        self._profile_key = profile_key
        self._profile_name = profile_name
        self._base_url = base_url or host_label
        self._tz = time_zone
        self._last_update: datetime | None = None
        self._close_confirmed = False
        title = f"{profile_name} — parcelLab order console"
        self.setWindowTitle(f"DEMO · {title}" if demo else title)
        self.resize(1280, 780)

        self.open_box = OpenOrderBox(self)
        self.filter_bar = FilterBar(self)
        self.lookup_message = QLabel(self)
        self.lookup_message.setObjectName("lookupMessage")
        self.lookup_message.setStyleSheet("color: #b00020;")
        self.lookup_message.hide()

        self.table = QTableView(self)
        self.table.setObjectName("orderTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Extended: Shift/Ctrl-click, Shift+arrows and Ctrl+A (loaded rows) for bulk actions.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # one Tab stop; the arrows move inside it
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _DEFAULT_WIDTHS.items():
            self.table.setColumnWidth(int(column), width)
        section, order = model.sort_indicator()
        header.setSortIndicator(section, order)
        self.table.setSortingEnabled(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self.empty_state = EmptyState(self.table.viewport())
        self.empty_state.hide()

        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self._on_tabs_tab_close_requested)
        self.editor_tabs = OrderEditorTabs(
            self.tabs,
            service=editing,
            runner=runner,
            tz=time_zone,
            known_tags=self._known_tags,
            default_account=self._default_account,
            accounts=accounts,
            drafts=drafts,
        )
        self.editor_tabs.order_saved.connect(self.show_saved_order)
        self.editor_tabs.editor_opened.connect(self._update_tabs_placeholder)
        self.tabs_placeholder = QLabel(
            "Open an order: type its number above and press Enter, or double-click a row "
            "in the table.\n\nCtrl+N starts a new order.",
            self,
        )
        self.tabs_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs_placeholder.setWordWrap(True)
        self.tabs_placeholder.setMargin(12)
        self.tabs_placeholder.setStyleSheet("color: #666;")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs)
        right_layout.addWidget(self.tabs_placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The table gets the room until an order is open (see _update_tabs_placeholder).
        self.splitter.setSizes([960, 320])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.open_box)
        layout.addWidget(self.lookup_message)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._demo = demo
        self.keys = WindowKeys(self, self.tabs, self._focus_regions)
        self._can_add_profile = True  # a machine policy may turn these off (set_policy)
        self._can_edit_profile = True
        self.managed_label: QLabel | None = None
        self._build_status_bar(profile_name, host_label, demo)
        self._build_menus()
        self._build_profile_button(profile_name)
        self._update_tabs_placeholder()

        self.open_box.open_requested.connect(self._on_open_box_open_requested)
        self.filter_bar.filters_changed.connect(self._on_filter_bar_filters_changed)
        self.empty_state.clear_button.clicked.connect(self.filter_bar.clear)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        model.state_changed.connect(self._on_model_changed)
        model.page_loaded.connect(self._on_model_page_loaded)
        model.refreshed.connect(self._on_model_page_loaded)
        model.rowsInserted.connect(self._on_model_changed)
        model.rowsRemoved.connect(self._on_model_changed)
        model.modelReset.connect(self._on_model_changed)
        self._restore_layout()
        self._on_model_changed()
        # The agent's first move is almost always "paste a number, Enter".
        QTimer.singleShot(0, self.open_box.edit.setFocus)

    # --- building ---------------------------------------------------------------------------

    def _build_status_bar(self, profile_name: str, host_label: str, demo: bool) -> None:
        bar = self.statusBar()
        profile = f"{profile_name} — {host_label}"
        self.profile_label = QLabel(f"<b>DEMO</b> · {profile}" if demo else profile, self)
        self.profile_label.setToolTip("Connection profile and service address")
        self.rows_label = QLabel(self)
        self.loading_label = QLabel(self)
        self.updated_label = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020;")
        self.retry_button = QPushButton("Retry", self)
        self.retry_button.setToolTip("Try the failed request again")
        self.retry_button.clicked.connect(self._on_retry_clicked)
        bar.addWidget(self.profile_label)
        bar.addWidget(self.rows_label)
        bar.addWidget(self.loading_label)
        bar.addWidget(self.updated_label)
        bar.addPermanentWidget(self.error_label)
        bar.addPermanentWidget(self.retry_button)
        self.stop_lookup_button = QPushButton("Stop", self)
        self.stop_lookup_button.setToolTip("Stop looking the order up")
        self.stop_lookup_button.clicked.connect(self._on_stop_lookup_clicked)
        self.stop_lookup_button.hide()
        bar.addPermanentWidget(self.stop_lookup_button)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("&File")
        self.quit_action = self._action(
            file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit
        )
        edit_menu = bar.addMenu("&Edit")
        self.copy_number_action = self._action(
            edit_menu, "Copy order &number", self.copy_order_number, "Ctrl+Shift+C"
        )
        self._action(edit_menu, "Copy e&xternal id", self.copy_external_id)
        self.copy_link_action = self._action(
            edit_menu, "Copy &link", self.copy_order_link, "Ctrl+Shift+K"
        )
        self.copy_link_action.setToolTip(
            "A parcellab-desk:// link that opens this order in the console (for tickets)"
        )
        edit_menu.addSeparator()
        self._action(edit_menu, "&Open order…", self.focus_open_box, "Ctrl+L")
        self._action(edit_menu, "&Filter…", self.filter_bar.focus_first, "Ctrl+F")
        self._action(edit_menu, "&Clear filters", self.filter_bar.clear)
        view_menu = self.view_menu = bar.addMenu("&View")
        self.refresh_action = self._action(
            view_menu, "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh
        )
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([self.refresh_action.shortcut(), QKeySequence("F5")])
        view_menu.addSeparator()
        keys = self.keys
        for action in (keys.next_region_action, keys.previous_region_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in (keys.next_tab_action, keys.previous_tab_action):
            view_menu.addAction(action)
        order_menu = self.order_menu = bar.addMenu("&Order")
        tabs = self.editor_tabs
        order_menu.addAction(tabs.new_action)
        self._action(order_menu, "&Open selected", self.open_selected)
        order_menu.addSeparator()
        order_menu.addAction(tabs.save_action)
        order_menu.addAction(tabs.revert_action)
        order_menu.addSeparator()
        order_menu.addAction(tabs.cancel_order_action)
        order_menu.addSeparator()
        self.close_tab_action = self._action(
            order_menu, "&Close tab", self.close_current_tab, QKeySequence.StandardKey.Close
        )
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Third-party &licences", self.show_third_party_licences)
        help_menu.addAction(self.keys.shortcuts_action)
        self._action(help_menu, "&About", self.show_about)

    def _build_profile_button(self, profile_name: str) -> None:
        """ "[profile: EU prod v]" at the right of the menu bar: switch, add, edit, sign out."""
        self.profile_button = QToolButton(self)
        self.profile_button.setText(f"Profile: {profile_name}")
        self.profile_button.setToolTip("Switch connection profile")
        self.profile_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.profile_button.setAutoRaise(True)
        self.profile_menu = QMenu(self.profile_button)
        self.profile_button.setMenu(self.profile_menu)
        self.menuBar().setCornerWidget(self.profile_button, Qt.Corner.TopRightCorner)
        self.set_profiles([], current=None)

    def set_policy(
        self, managed: Sequence[str], *, can_add_profile: bool, can_edit_profile: bool
    ) -> None:
        """A machine policy applies: say so in the status bar (what it manages in the
        tooltip) and turn off the profile commands it forbids. Call before set_profiles."""
        self._can_add_profile = can_add_profile
        self._can_edit_profile = can_edit_profile
        if not managed:
            return
        label = QLabel("Managed by your organisation", self)
        label.setObjectName("managedLabel")
        label.setToolTip("Set by your IT department:\n• " + "\n• ".join(managed))
        self.statusBar().addPermanentWidget(label)
        self.managed_label = label

    def set_profiles(self, profiles: Sequence[tuple[str, str]], current: str | None) -> None:
        """Fill the profile menu with ``(id, name)`` pairs; ``current`` is checked."""
        menu = self.profile_menu
        menu.clear()
        for profile_id, name in profiles:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(profile_id == current)
            if profile_id != current:
                action.triggered.connect(partial(self._request_switch, profile_id))
        if profiles:
            menu.addSeparator()
        # The profile form opens over this window: nothing closes unless the agent switches.
        new = menu.addAction(self.tr("New profile…"), self.new_profile_requested.emit)
        new.setEnabled(self._can_add_profile)
        edit = menu.addAction(self.tr("Edit this profile…"), self.edit_profile_requested.emit)
        sign_out = menu.addAction("Sign out", partial(self._after_confirm, self.sign_out_requested))
        edit.setEnabled(not self._demo and self._can_edit_profile)
        sign_out.setToolTip("Delete this profile's token from the keyring")

    def _request_switch(self, profile_id: str) -> None:
        self._after_confirm(self.switch_profile_requested, profile_id)

    def request_switch(self, profile_id: str) -> None:
        """Switch to another profile as the profile menu does (unsaved edits asked first)."""
        self._request_switch(profile_id)

    def bring_to_front(self) -> None:
        """Show the window above the others (a link from a ticket was opened)."""
        if self.isMinimized():
            self.showNormal()
        if QGuiApplication.platformName() != "offscreen":  # it has no window stack
            self.raise_()
            self.activateWindow()

    def _after_confirm(self, signal: SignalInstance, *args: object) -> None:
        """Leaving this profile closes its editors: unsaved edits are asked about first."""

        async def confirm_then_emit() -> None:
            if await self.confirm_close():
                signal.emit(*args)

        self._runner.start(("leave-profile", id(self)), confirm_then_emit())

    # --- commands ----------------------------------------------------------------------------

    def focus_open_box(self) -> None:
        self.open_box.edit.setFocus()
        self.open_box.edit.selectAll()

    def focus_editor(self, *, first_field: bool = False) -> None:
        """Into the current order tab: where the agent left it, else its first field."""
        editor = self.editor_tabs.current_editor()
        if editor is None:
            return
        last = editor.focusWidget()
        if first_field or last is None or last is editor:
            editor.focus_first_field()
        else:
            last.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.loaded_count:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _focus_regions(self) -> list[Region]:
        """What F6 visits, in order: open-order box, filter bar, table, editor."""
        return [
            (self.open_box, self.focus_open_box),
            (self.filter_bar, self.filter_bar.focus_first),
            (self.table, self._focus_table),
            (self.tabs, self.focus_editor),
        ]

    def refresh(self) -> None:
        if self.model.state is LoadState.FAILED:
            self.model.retry()
        else:
            self.model.refresh()

    def selected_order(self) -> Order | None:
        index = self.table.currentIndex()
        return self.model.order_at(index.row()) if index.isValid() else None

    def open_selected(self) -> None:
        order = self.selected_order()
        if order is not None:
            self.open_order(order)

    def open_order(self, order: Order) -> None:
        """Show ``order`` in its editor tab (reusing the tab when it is open already)."""
        self.editor_tabs.open_order(order)
        self._update_tabs_placeholder()
        self.order_opened.emit(order)

    def restore_drafts(self) -> int:
        """Reopen the unsaved edits a crash or a killed process left behind."""
        count = self.editor_tabs.restore_drafts()
        if count:
            self._update_tabs_placeholder()
            plural = "s" if count != 1 else ""
            self.statusBar().showMessage(
                f"Recovered unsaved changes to {count} order{plural} from the last session. "
                "Save or revert them.",
                15000,
            )
        return count

    def show_saved_order(self, order: Order) -> None:
        """After a save or cancel: update the row in place and any open editor."""
        self.model.update_order(order)
        self.editor_tabs.show_saved(order)

    def close_current_tab(self) -> None:
        if self.tabs.count():
            self._on_tabs_tab_close_requested(self.tabs.currentIndex())

    def copy_order_number(self) -> None:
        order = self._current_order()
        if order is not None and order.order_number:
            self._copy(order.order_number, "order number")

    def copy_external_id(self) -> None:
        order = self._current_order()
        if order is not None and order.external_id:
            self._copy(order.external_id, "external id")

    def copy_order_link(self) -> None:
        """The order's parcellab-desk:// link, to paste into a ticket."""
        order = self._current_order()
        if order is not None and order.order_number and order.account is not None:
            self._copy(OrderLink(order.account, order.order_number).url(), "link")

    def show_third_party_licences(self) -> QDialog:
        from parcellab_desk.ui.licences_dialog import LicencesDialog

        dialog = LicencesDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        """Version, Qt and PySide6 versions, and where this window is connected (non-modal
        to the event loop: ``open()``, never ``exec()``)."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        box = QMessageBox(self)
        box.setWindowTitle("About parcelLab order console")
        box.setIconPixmap(self.windowIcon().pixmap(64))
        box.setText(f"<b>parcelLab order console</b> {__version__}")
        box.setInformativeText(
            f"Qt {qVersion()} · PySide6 {pyside_version}<br><br>"
            f"Profile: {escape(self._profile_name)}{' (demo)' if self._demo else ''}<br>"
            f"Service: {escape(self._base_url)}"
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- slots --------------------------------------------------------------------------------

    def _on_open_box_open_requested(self, text: str) -> None:
        self._runner.start(("lookup", id(self)), self._look_up(text))

    def _on_stop_lookup_clicked(self) -> None:
        """A long lookup is the agent's to end (it changes nothing on the server)."""
        self.stop_lookup_button.hide()
        if self._runner.cancel(("lookup", id(self))):
            self.statusBar().showMessage("Lookup stopped.", 4000)

    async def _look_up(self, text: str) -> None:
        self.lookup_message.hide()
        self.statusBar().showMessage(f"Looking up {text}…")
        self.stop_lookup_button.show()
        try:
            try:
                order = await self._lookup(text)
            finally:
                self.stop_lookup_button.hide()
        except AmbiguousOrderError as exc:
            self.statusBar().clearMessage()
            chosen = await self._choose_order(text, exc.candidates)
            if chosen is not None:
                self.open_order(chosen)
            return
        except NotFoundError:
            self._show_lookup_message(f"No order {text!r} was found (order number or external id).")
            return
        except Exception as exc:  # every failure becomes a sentence the agent can act on
            _log.warning("Lookup of an order failed: %s", type(exc).__name__)
            self._show_lookup_message(f"Could not look up {text!r}: {describe_error(exc)}")
            return
        self.statusBar().showMessage(f"Opened order {order.order_number}", 4000)
        self.open_order(order)

    async def _choose_order(self, text: str, candidates: Sequence[Order]) -> Order | None:
        if not candidates:
            self._show_lookup_message(f"Several orders have the number {text!r}.")
            return None
        labels = [
            f"Account {o.account} · {o.client_key or 'no client key'} · "
            f"{o.order_status or 'no status'}"
            for o in candidates
        ]
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Choose the order")
        dialog.setLabelText(f"Orders in several accounts have the number {text!r}. Open which?")
        dialog.setComboBoxItems(labels)
        dialog.setComboBoxEditable(False)
        if await run_dialog(dialog) != QInputDialog.DialogCode.Accepted:
            return None
        return candidates[labels.index(dialog.textValue())]

    def _show_lookup_message(self, text: str) -> None:
        self.statusBar().clearMessage()
        self.lookup_message.setText(text)
        self.lookup_message.show()
        self.lookup_failed.emit(text)

    def _on_filter_bar_filters_changed(self, values: FilterValues) -> None:
        self.model.set_query(
            self.model.query.with_filters(
                accounts=values.accounts,
                order_number=values.order_number,
                external_reference=values.external_reference,
            )
        )

    def _on_table_activated(self, index: QModelIndex) -> None:
        order = self.model.order_at(index.row())
        if order is not None:
            self.open_order(order)
            self.focus_editor(first_field=True)
        elif self.model.state is LoadState.FAILED:
            self.model.retry()

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        order = self.model.order_at(index.row()) if index.isValid() else None
        if order is None:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.open_order(order))
        menu.addSeparator()
        if order.order_number:
            number = order.order_number
            menu.addAction("Copy order number", lambda: self._copy(number, "order number"))
        if order.external_id:
            ext = order.external_id
            menu.addAction("Copy external id", lambda: self._copy(ext, "external id"))
        numbers = [t.tracking_number for t in order.trackings if t.tracking_number]
        if len(numbers) == 1:
            menu.addAction(
                "Copy tracking number", lambda: self._copy(numbers[0], "tracking number")
            )
        elif numbers:
            sub = menu.addMenu("Copy tracking number")
            for number in numbers:
                sub.addAction(number, partial(self._copy, number, "tracking number"))
        menu.addSeparator()
        menu.addAction("Refresh row", lambda: self._refresh_row(order))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Show or hide columns (remembered per profile with the rest of the layout)."""
        header = self.table.horizontalHeader()
        menu = QMenu("Columns", self)
        visible = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        for column in range(self.model.columnCount()):
            label = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(label))
            action.setCheckable(True)
            action.setChecked(column in visible)
            # The last visible column stays: a table without columns looks broken.
            action.setEnabled(not (column in visible and len(visible) == 1))
            action.toggled.connect(partial(self._set_column_visible, column))
        return menu

    def _set_column_visible(self, column: int, visible: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not visible)

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        self.column_menu().popup(header.mapToGlobal(pos))

    def _refresh_row(self, order: Order) -> None:
        if order.external_id:
            self._runner.start(("refresh-row", order.external_id), self._reload_order(order))

    async def _reload_order(self, order: Order) -> None:
        try:
            fresh = await self._lookup(order.external_id or "")
        except Exception as exc:  # shown, never raised into Qt
            self.statusBar().showMessage(f"Could not refresh the row: {describe_error(exc)}", 8000)
            return
        self.show_saved_order(fresh)
        self.statusBar().showMessage(f"Order {fresh.order_number} refreshed", 4000)

    def _on_retry_clicked(self) -> None:
        if not self.model.retry():
            self.model.reload()

    def _on_model_page_loaded(self, _count: int) -> None:
        self._last_update = datetime.now().astimezone()
        self._on_model_changed()

    def _on_model_changed(self, *_args: object) -> None:
        model = self.model
        count = model.loaded_count
        self.rows_label.setText(f"{count:,} order{'s' if count != 1 else ''} loaded")
        loading = model.state is LoadState.LOADING
        self.loading_label.setText("Loading…" if loading else "")
        if self._last_update is not None:
            self.updated_label.setText(f"updated {self._last_update:%H:%M}")
        failed = model.state is LoadState.FAILED
        if failed and model.error is not None:
            message = describe_error(model.error)
            self.error_label.setText(_first_sentence(message))
            self.error_label.setToolTip(message)
        self.error_label.setVisible(failed)
        self.retry_button.setVisible(failed)
        self.table.clearSpans()
        status_row = model.loaded_count
        if model.is_status_row(status_row):
            self.table.setSpan(status_row, 0, 1, model.columnCount())
        self.empty_state.setVisible(model.is_empty)
        self._place_empty_state()

    def _on_tabs_tab_close_requested(self, index: int) -> None:
        task = self.editor_tabs.request_close(index)
        task.add_done_callback(lambda _task: self._update_tabs_placeholder())

    # --- helpers ------------------------------------------------------------------------------

    def _current_order(self) -> Order | None:
        """The order the agent is looking at: the focused editor's, else the table's."""
        editor = self.editor_tabs.current_editor()
        focused = QApplication.focusWidget()
        if editor is not None and focused is not None and editor.isAncestorOf(focused):
            return editor.order
        return self.selected_order() or (editor.order if editor is not None else None)

    def _known_tags(self) -> set[str]:
        return set(self.model.known_tags())

    def _default_account(self) -> int | None:
        """A new order's account: the filter's only account, or the selected row's."""
        accounts = self.model.query.accounts
        if len(accounts) == 1:
            return accounts[0]
        order = self.selected_order()
        return order.account if order is not None else None

    def _copy(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {what} {text}", 3000)

    def _update_tabs_placeholder(self) -> None:
        has_tabs = self.tabs.count() > 0
        self.tabs.setVisible(has_tabs)
        self.tabs_placeholder.setVisible(not has_tabs)
        sizes = self.splitter.sizes()
        if has_tabs and len(sizes) == 2 and 0 < sizes[1] < EDITOR_MIN_WIDTH:
            # An editor squeezed into the hint's narrow pane would be unusable.
            total = sum(sizes)
            editor = min(EDITOR_WIDTH, total // 2)
            self.splitter.setSizes([total - editor, editor])

    def _place_empty_state(self) -> None:
        self.empty_state.setGeometry(self.table.viewport().rect())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_state()

    # --- layout memory (per profile) --------------------------------------------------------

    def _settings_group(self) -> str:
        return f"profiles/{self._profile_key}/main_window"

    def _restore_layout(self) -> None:
        settings = QSettings()
        settings.beginGroup(self._settings_group())
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("splitter", self.splitter.restoreState),
            ("header", self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        settings.endGroup()
        # The server's ordering wins over a remembered header indicator.
        section, order = self.model.sort_indicator()
        self.table.horizontalHeader().setSortIndicator(section, order)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.beginGroup(self._settings_group())
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("header", self.table.horizontalHeader().saveState())
        settings.endGroup()

    def has_unsaved_edits(self) -> bool:
        return any(editor.is_dirty for editor in self.editor_tabs.editors())

    async def confirm_close(self) -> bool:
        """Ask about every editor with unsaved edits; True when the window may go."""
        return await self.editor_tabs.close_all()

    def close_without_asking(self) -> None:
        """Close after the agent already agreed (e.g. a profile switch that asked first)."""
        self._close_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_confirmed and self.has_unsaved_edits() and self._runner.can_start:
            # Never lose an edit: ask first (without a nested event loop), then close again.
            event.ignore()
            self._runner.start(("close-window", id(self)), self._close_after_asking())
            return
        self.save_layout()
        self.editor_tabs.keep_drafts_now()  # anything still unsaved stays recoverable
        self._runner.cancel(("lookup", id(self)))
        for editor in self.editor_tabs.editors():
            editor.close_tasks()
        super().closeEvent(event)
        self.closed.emit()

    async def _close_after_asking(self) -> None:
        if await self.confirm_close():
            self.close_without_asking()


def _first_sentence(text: str, limit: int = 70) -> str:
    """Short enough for the status bar; the whole text goes in the tooltip."""
    head = text.split(". ", 1)[0].rstrip(".")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"
