"""The main window: open-order box, filter bar, order table, order tabs and status bar.

The window never speaks HTTP. It drives an ``OrderTableModel`` (which pages through its own
source) and asks an injected ``lookup`` coroutine for single orders; every coroutine it starts
belongs to the ``TaskRunner`` it was given, so closing the window cancels them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, tzinfo
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import (
    QByteArray,
    QLocale,
    QModelIndex,
    QPoint,
    QRect,
    QSettings,
    Qt,
    QTime,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
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
from parcellab_desk.qt.order_columns import SORT_FIELDS, OrderColumn
from parcellab_desk.qt.order_table_model import LoadState, OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.drafts import DraftStore
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.services.order_suggestions import (
    Suggestion,
    SuggestionSource,
    session_suggestions,
)
from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.profiles import Region as ServiceRegion
from parcellab_desk.services.recent_orders import RecentOrders
from parcellab_desk.ui import help_actions
from parcellab_desk.ui.accessibility import announce
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.filter_bar import FilterBar, FilterValues
from parcellab_desk.ui.icons import IconName, refresh_icons, set_icon
from parcellab_desk.ui.order_cells import install_delegates
from parcellab_desk.ui.order_editor_tabs import OrderEditorTabs
from parcellab_desk.ui.search_box import SearchBox
from parcellab_desk.ui.theme import Appearance, ThemeController, ThemePalette, set_role
from parcellab_desk.ui.window_keys import Region, WindowKeys

# What only an open editor, a search or a dialog needs is imported when it is first needed:
# the first rows should not wait for the editor's widgets or the lookup's code.
if TYPE_CHECKING:
    from parcellab_desk.services.order_lookup import LookupResult, Match
    from parcellab_desk.ui.order_editor import OrderEditor
    from parcellab_desk.ui.order_picker import OrderPickerDialog
    from parcellab_desk.ui.parcel_timeline import ParcelSource
    from parcellab_desk.ui.settings_dialog import SettingsDialog

_log = logging.getLogger(__name__)

OrderLookup = Callable[[str], Awaitable[Order]]
OrderSearch = Callable[[str], Awaitable["LookupResult"]]

EDITOR_MIN_WIDTH: Final = 520
EDITOR_WIDTH: Final = 640
TABLE_MIN_WIDTH: Final = 360

_DEFAULT_WIDTHS: Final = {
    OrderColumn.ORDER_NUMBER: 110,
    OrderColumn.EXTERNAL_REFERENCE: 100,
    OrderColumn.ACCOUNT: 64,
    OrderColumn.CLIENT_KEY: 110,
    OrderColumn.ORDER_STATUS: 120,
    OrderColumn.TRACKINGS: 170,
    OrderColumn.TAGS: 150,
    OrderColumn.CREATED: 120,
    OrderColumn.UPDATED: 120,
    OrderColumn.CANCELLED: 180,
}
# Sized to the content of the first page, within these bounds (long cells are elided).
_MIN_COLUMN: Final = 56
_MAX_COLUMN: Final = 260
_SHRINK_FLOOR: Final = 90
_SHRINKABLE: Final = (
    OrderColumn.TAGS,
    OrderColumn.EXTERNAL_REFERENCE,
    OrderColumn.CANCELLED,
    OrderColumn.CLIENT_KEY,
    OrderColumn.TRACKINGS,
    OrderColumn.ORDER_NUMBER,
)


def clamp_to_screen(frame: QRect, available: QRect) -> QRect:
    """``frame`` moved and shrunk so it fits ``available`` (a screen's work area): a
    geometry saved on a bigger screen, or at another scale factor, never opens off-screen."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    x = min(max(frame.x(), available.left()), available.right() - width + 1)
    y = min(max(frame.y(), available.top()), available.bottom() - height + 1)
    return QRect(x, y, width, height)


class EmptyState(QWidget):
    """ "No orders match these filters. [Clear filters]", drawn over the empty table."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("No orders match these filters."), self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """One profile's workspace. ``closed`` fires once the agent closed the window."""

    closed = Signal()
    order_opened = Signal(object)  # the Order now shown in a tab
    lookup_failed = Signal(str)  # what the agent was told under the search box
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
        theme: ThemeController | None = None,
        log_file: Path | None = None,
        profile: Profile | None = None,
        search: OrderSearch | None = None,
        parcels: ParcelSource | None = None,
        recent: RecentOrders | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``lookup`` reads one order by external id or number (refreshing a row, opening a
        suggestion); ``search`` finds orders from whatever the agent typed (without it the
        box looks up exactly what was typed); ``parcels`` gives the trackings' timelines;
        ``recent`` remembers the orders opened."""
        super().__init__(parent)
        self.model = model
        self._runner = runner
        self._lookup = lookup
        self._search = search
        self._parcels = parcels
        self.recent = recent
        self.picker: OrderPickerDialog | None = None  # while the agent chooses
        self._profile_key = profile_key
        self._profile_name = profile_name
        self._base_url = base_url or host_label
        self._tz = time_zone
        self._last_update: datetime | None = None
        self._close_confirmed = False
        self._theme = theme
        self._log_file = log_file
        self._profile = profile
        self._host_label = host_label
        self._columns_fitted = False
        title = self.tr("{profile} — parcelLab order console").format(profile=profile_name)
        self.setWindowTitle(self.tr("DEMO · {title}").format(title=title) if demo else title)
        self.resize(1280, 780)

        self.open_box = SearchBox(self, suggest=self._suggestions)
        self.filter_bar = FilterBar(self)
        self.lookup_message = self.open_box.message

        self.table = QTableView(self)
        self.table.setObjectName("orderTable")
        self.table.setAccessibleName(self.tr("Orders"))
        self.table.setAccessibleDescription(
            self.tr("The orders of this profile; Enter opens the selected one.")
        )
        self.table.setModel(model)
        install_delegates(self.table)
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
        # The service sorts by a few fields only: a click elsewhere must not move the arrow.
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
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
        self.tabs.setAccessibleName(self.tr("Open orders"))
        self.editor_tabs.editor_opened.connect(self._on_editor_tabs_editor_opened)

        # The table owns the window until an order opens; the editor pane appears beside it
        # then, and gives the room back when the last order closes (_update_tabs_placeholder).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.table.setMinimumWidth(TABLE_MIN_WIDTH)
        self._editor_width = EDITOR_WIDTH

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.open_box)
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
        if theme is not None:
            theme.changed.connect(self._on_theme_changed)

        self.open_box.search_requested.connect(self._on_open_box_open_requested)
        self.open_box.suggestion_chosen.connect(self._on_open_box_suggestion_chosen)
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
        """Messages on the left; DEMO, the connection, the count and the last update stay
        on the right whatever message is shown."""
        bar = self.statusBar()
        bar.setAccessibleName(self.tr("Status"))
        self.demo_label = QLabel(self.tr("DEMO"), self)
        self.demo_label.setToolTip(self.tr("The local sandbox with sample orders"))
        set_role(self.demo_label, "demo")
        self.demo_label.setVisible(demo)
        profile = f"{profile_name} — {host_label}"
        self.profile_label = QLabel(profile, self)
        self.profile_label.setToolTip(self.tr("Connection profile and service address"))
        self.rows_label = QLabel(self)
        self.loading_label = QLabel(self)
        set_role(self.loading_label, "muted")
        self.updated_label = QLabel(self)
        set_role(self.updated_label, "muted")
        self.error_label = QLabel(self)
        set_role(self.error_label, "danger")
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Try the failed request again"))
        set_icon(self.retry_button, IconName.REFRESH)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.stop_lookup_button = QPushButton(self.tr("Stop"), self)
        self.stop_lookup_button.setToolTip(self.tr("Stop looking the order up"))
        self.stop_lookup_button.clicked.connect(self._on_stop_lookup_clicked)
        self.stop_lookup_button.hide()
        for widget in (
            self.error_label,
            self.retry_button,
            self.stop_lookup_button,
            self.loading_label,
            self.rows_label,
            self.updated_label,
            self.demo_label,
            self.profile_label,
        ):
            bar.addPermanentWidget(widget)

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
        tabs = self.editor_tabs
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(tabs.new_action)
        set_icon(tabs.new_action, IconName.ADD)
        self.find_action = self._action(
            file_menu, self.tr("&Open order…"), self.focus_open_box, "Ctrl+L"
        )
        set_icon(self.find_action, IconName.SEARCH)
        file_menu.addSeparator()
        self.settings_action = self._action(
            file_menu,
            self.tr("&Settings…"),
            self.show_settings,
            QKeySequence.StandardKey.Preferences,
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        set_icon(self.settings_action, IconName.SETTINGS)
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.copy_number_action = self._action(
            edit_menu, self.tr("Copy order &number"), self.copy_order_number, "Ctrl+Shift+C"
        )
        set_icon(self.copy_number_action, IconName.COPY)
        self._action(edit_menu, self.tr("Copy e&xternal id"), self.copy_external_id)
        self.copy_link_action = self._action(
            edit_menu, self.tr("Copy &link"), self.copy_order_link, "Ctrl+Shift+K"
        )
        self.copy_link_action.setToolTip(
            self.tr("A parcellab-desk:// link that opens this order in the console (for tickets)")
        )
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        self.filter_action = self._action(
            edit_menu, self.tr("&Filter…"), self.filter_bar.focus_first, "Ctrl+F"
        )
        set_icon(self.filter_action, IconName.FILTER)
        self._action(edit_menu, self.tr("&Clear filters"), self.filter_bar.clear)

        view_menu = self.view_menu = bar.addMenu(self.tr("&View"))
        self.refresh_action = self._action(
            view_menu, self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        set_icon(self.refresh_action, IconName.REFRESH)
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([self.refresh_action.shortcut(), QKeySequence("F5")])
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        view_menu.addSeparator()
        self.appearance_menu = view_menu.addMenu(self.tr("&Appearance"))
        self.appearance_actions: dict[Appearance, QAction] = {}
        group = QActionGroup(self)
        for appearance, label, icon_name in (
            (Appearance.SYSTEM, self.tr("As the &operating system"), IconName.SYSTEM),
            (Appearance.LIGHT, self.tr("&Light"), IconName.LIGHT),
            (Appearance.DARK, self.tr("&Dark"), IconName.DARK),
        ):
            action = self.appearance_menu.addAction(label)
            action.setCheckable(True)
            action.setActionGroup(group)
            set_icon(action, icon_name)
            action.triggered.connect(partial(self.set_appearance, appearance))
            self.appearance_actions[appearance] = action
        current = self._theme.appearance if self._theme is not None else Appearance.SYSTEM
        self.appearance_actions[current].setChecked(True)
        self.appearance_menu.setEnabled(self._theme is not None)
        self._action(view_menu, self.tr("Lan&guage…"), self.show_settings)
        view_menu.addSeparator()
        keys = self.keys
        for action in (keys.next_region_action, keys.previous_region_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in (keys.next_tab_action, keys.previous_tab_action):
            view_menu.addAction(action)

        order_menu = self.order_menu = bar.addMenu(self.tr("&Order"))
        tabs = self.editor_tabs
        order_menu.addAction(tabs.new_action)
        self._action(order_menu, self.tr("Open &selected"), self.open_selected)
        self.recent_menu = order_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        order_menu.addSeparator()
        order_menu.addAction(tabs.save_action)
        set_icon(tabs.save_action, IconName.SAVE)
        order_menu.addAction(tabs.revert_action)
        set_icon(tabs.revert_action, IconName.REVERT)
        order_menu.addSeparator()
        order_menu.addAction(tabs.cancel_order_action)
        set_icon(tabs.cancel_order_action, IconName.CANCEL_ORDER)
        order_menu.addSeparator()
        order_menu.addAction(self.copy_number_action)
        self.close_tab_action = self._action(
            order_menu,
            self.tr("&Close tab"),
            self.close_current_tab,
            QKeySequence.StandardKey.Close,
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.keys.shortcuts_action)
        set_icon(self.keys.shortcuts_action, IconName.KEYBOARD)
        help_menu.addSeparator()
        log_folder = self._action(help_menu, self.tr("Open the &log folder"), self.open_log_folder)
        set_icon(log_folder, IconName.FOLDER)
        log_folder.setEnabled(self._log_file is not None)
        diagnostics = self._action(help_menu, self.tr("Copy &diagnostics"), self.copy_diagnostics)
        diagnostics.setToolTip(
            self.tr("Versions, system, profile (without the token) and the last log lines")
        )
        set_icon(diagnostics, IconName.DIAGNOSTICS)
        help_menu.addSeparator()
        about = self._action(help_menu, self.tr("&About parcelLab Desk"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        set_icon(about, IconName.INFO)
        licences = self._action(
            help_menu, self.tr("Third-party &licences"), self.show_third_party_licences
        )
        set_icon(licences, IconName.LICENCE)

    def _build_profile_button(self, profile_name: str) -> None:
        """ "[profile: EU prod v]" at the right of the menu bar: switch, add, edit, sign out."""
        self.profile_button = QToolButton(self)
        self.profile_button.setText(f"{profile_name} · {self._region_text()}")
        self.profile_button.setToolTip(self.tr("Switch, add or edit connection profiles"))
        self.profile_button.setAccessibleName(
            self.tr("Profile: {profile}").format(profile=profile_name)
        )
        self.profile_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.profile_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(self.profile_button, IconName.PROFILE)
        set_role(self.profile_button, "profile")
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
        label = QLabel(self.tr("Managed by your organisation"), self)
        label.setObjectName("managedLabel")
        label.setToolTip(self.tr("Set by your IT department:") + "\n• " + "\n• ".join(managed))
        self.statusBar().addPermanentWidget(label)
        self.managed_label = label

    def _region_text(self) -> str:
        """The profile button's second half: the region in a word, else the host."""
        if self._demo:
            return self.tr("local sandbox")
        region = self._profile.region if self._profile is not None else ServiceRegion.CUSTOM
        short = {
            ServiceRegion.EU: self.tr("EU"),
            ServiceRegion.US: self.tr("US"),
            ServiceRegion.GLOBAL: self.tr("global"),
            ServiceRegion.SANDBOX: self.tr("local sandbox"),
        }
        return short.get(region, self._host_label)

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
        set_icon(new, IconName.NEW_PROFILE)
        edit = menu.addAction(self.tr("Edit this profile…"), self.edit_profile_requested.emit)
        set_icon(edit, IconName.EDIT)
        sign_out = menu.addAction(
            self.tr("Sign out"), partial(self._after_confirm, self.sign_out_requested)
        )
        set_icon(sign_out, IconName.SIGN_OUT)
        edit.setEnabled(not self._demo and self._can_edit_profile)
        sign_out.setToolTip(self.tr("Delete this profile's token from the keyring"))

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
        self.open_box.focus()

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
        self.open_box.clear_message()  # the agent moved on
        self.editor_tabs.open_order(order)
        self._update_tabs_placeholder()
        if self.recent is not None:
            self.recent.add(order)
        self.order_opened.emit(order)

    def restore_drafts(self) -> int:
        """Reopen the unsaved edits a crash or a killed process left behind."""
        count = self.editor_tabs.restore_drafts()
        if count:
            self._update_tabs_placeholder()
            text = (
                self.tr(
                    "Recovered unsaved changes to %n orders from the last session. "
                    "Save or revert them.",
                    "",
                    count,
                )
                if count != 1
                else self.tr(
                    "Recovered unsaved changes to 1 order from the last session. "
                    "Save or revert them."
                )
            )
            self.show_message(text, 15000)
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
            self._copy(order.order_number, self.tr("Copied order number {value}"))

    def copy_external_id(self) -> None:
        order = self._current_order()
        if order is not None and order.external_id:
            self._copy(order.external_id, self.tr("Copied external id {value}"))

    def show_message(self, text: str, timeout: int = 0) -> None:
        """A message beside the permanent parts of the status bar, announced to screen
        readers (saved, failed, loading more)."""
        self.statusBar().showMessage(text, timeout)
        announce(self, text)

    def set_appearance(self, appearance: Appearance) -> None:
        if self._theme is not None:
            self._theme.set_appearance(appearance)
        if appearance in getattr(self, "appearance_actions", {}):
            self.appearance_actions[appearance].setChecked(True)

    def show_settings(self) -> SettingsDialog:
        from parcellab_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._theme, QLocale().name().split("_")[0], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_settings_accepted)
        dialog.open()
        return dialog

    def _on_settings_accepted(self) -> None:
        if self._theme is not None:
            self.appearance_actions[self._theme.appearance].setChecked(True)

    def open_log_folder(self) -> None:
        if not help_actions.open_log_folder(self._log_file):
            self.show_message(self.tr("Could not open the log folder."), 8000)

    def copy_diagnostics(self) -> None:
        help_actions.copy_diagnostics(self._profile, self._log_file)
        self.show_message(
            self.tr("Diagnostics copied. Paste them into your ticket to IT or parcelLab."), 6000
        )

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
        box.setWindowTitle(self.tr("About parcelLab Desk"))
        box.setIconPixmap(self.windowIcon().pixmap(64))
        box.setText("<b>" + self.tr("parcelLab order console") + f"</b> {__version__}")
        profile = escape(self._profile_name) + (self.tr(" (demo)") if self._demo else "")
        box.setInformativeText(
            f"Qt {qVersion()} · PySide6 {pyside_version}<br><br>"
            + self.tr("Profile: {profile}").format(profile=profile)
            + "<br>"
            + self.tr("Service: {url}").format(url=escape(self._base_url))
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- slots --------------------------------------------------------------------------------

    def _on_open_box_open_requested(self, text: str) -> None:
        # A new search under the same key cancels the one before (superseded).
        self._runner.start(("lookup", id(self)), self._find(text))

    def _on_open_box_suggestion_chosen(self, suggestion: Suggestion) -> None:
        self._runner.start(("lookup", id(self)), self._open_known(suggestion))

    async def _find(self, text: str) -> None:
        self.open_box.clear_message()
        self.open_box.set_busy(True)
        self.show_message(self.tr("Searching for {text}…").format(text=text))
        try:
            if self._search is None:
                await self._look_up(text)
                return
            result = await self._search(text)
        except Exception as exc:  # every failure becomes a sentence the agent can act on
            _log.warning("Search for an order failed: %s", type(exc).__name__)
            self._show_lookup_message(
                self.tr("Could not search for “{text}”: {reason}").format(
                    text=text, reason=describe_error(exc)
                )
            )
            return
        finally:
            self.open_box.set_busy(False)
        self.statusBar().clearMessage()
        from parcellab_desk.services.order_lookup import Found, Several
        from parcellab_desk.ui.search_messages import not_found_sentence

        if isinstance(result, Found):
            self._open_match(result.match)
        elif isinstance(result, Several):
            values = {m.value for m in result.matches}  # the cleaned text, when all agree
            chosen = await self._pick(values.pop() if len(values) == 1 else text, result.matches)
            if chosen is not None:
                self._open_match(chosen)
        else:
            if not result.suggestions:
                # the orders this window knows (recent and loaded) that look like the text
                like = [s.order_number for s in self._suggestions(result.search.text)]
                result = dataclasses.replace(result, suggestions=tuple(dict.fromkeys(like)))
            self._show_lookup_message(not_found_sentence(result))

    def _open_match(self, match: Match) -> None:
        self.statusBar().showMessage(
            self.tr("Opened order {number}").format(number=match.order.order_number), 4000
        )
        self.open_order(match.order)

    async def _pick(self, text: str, matches: Sequence[Match]) -> Match | None:
        from parcellab_desk.ui.order_picker import OrderPickerDialog

        dialog = OrderPickerDialog(text, matches, self._tz, self)
        self.picker = dialog
        try:
            if await run_dialog(dialog) != OrderPickerDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            self.picker = None
            dialog.deleteLater()

    async def _open_known(self, suggestion: Suggestion) -> None:
        """A suggestion or a recent order: read it by its id (its number may be shared)."""
        self.open_box.clear_message()
        key = suggestion.external_id or suggestion.order_number
        try:
            order = await self._lookup(key)
        except AmbiguousOrderError as exc:
            same = [o for o in exc.candidates if o.account == suggestion.account]
            if len(same) == 1:
                self.open_order(same[0])
                return
            await self._look_up(suggestion.order_number)
            return
        except NotFoundError:
            self._show_lookup_message(
                self.tr("Order {number} no longer exists.").format(number=suggestion.order_number)
            )
            return
        except Exception as exc:  # shown, never raised into Qt
            self._show_lookup_message(
                self.tr("Could not open order {number}: {reason}").format(
                    number=suggestion.order_number, reason=describe_error(exc)
                )
            )
            return
        self.open_order(order)

    def _on_stop_lookup_clicked(self) -> None:
        """A long lookup is the agent's to end (it changes nothing on the server)."""
        self.stop_lookup_button.hide()
        if self._runner.cancel(("lookup", id(self))):
            self.statusBar().showMessage(self.tr("Lookup stopped."), 4000)

    async def _look_up(self, text: str) -> None:
        """Without a search service: exactly what was typed, as an order number or id."""
        self.show_message(self.tr("Looking up {text}…").format(text=text))
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
            self._show_lookup_message(
                self.tr("No order “{text}” was found (order number or external id).").format(
                    text=text
                )
            )
            return
        except Exception as exc:  # every failure becomes a sentence the agent can act on
            _log.warning("Lookup of an order failed: %s", type(exc).__name__)
            self._show_lookup_message(
                self.tr("Could not look up “{text}”: {reason}").format(
                    text=text, reason=describe_error(exc)
                )
            )
            return
        self.show_message(self.tr("Opened order {number}").format(number=order.order_number), 4000)
        self.open_order(order)

    async def _choose_order(self, text: str, candidates: Sequence[Order]) -> Order | None:
        if not candidates:
            self._show_lookup_message(
                self.tr("Several orders have the number “{text}”.").format(text=text)
            )
            return None
        labels = [
            self.tr("Account {account} · {client_key} · {status}").format(
                account=o.account,
                client_key=o.client_key or self.tr("no client key"),
                status=o.order_status or self.tr("no status"),
            )
            for o in candidates
        ]
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Choose the order"))
        dialog.setLabelText(
            self.tr("Orders in several accounts have the number “{text}”. Open which?").format(
                text=text
            )
        )
        dialog.setComboBoxItems(labels)
        dialog.setComboBoxEditable(False)
        if await run_dialog(dialog) != QInputDialog.DialogCode.Accepted:
            return None
        return candidates[labels.index(dialog.textValue())]

    def _show_lookup_message(self, text: str) -> None:
        self.statusBar().clearMessage()
        self.open_box.show_message(text)
        announce(self.lookup_message, text)
        self.lookup_failed.emit(text)

    def _suggestions(self, text: str) -> list[Suggestion]:
        recent = self.recent.entries() if self.recent is not None else []
        return session_suggestions(text, recent, self.model.known_orders())

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        entries = self.recent.entries() if self.recent is not None else []
        if not entries:
            menu.addAction(self.tr("No orders opened yet")).setEnabled(False)
            return
        for entry in entries[:20]:
            when = entry.opened_at.astimezone(self._tz).strftime("%d.%m. %H:%M")
            account = f" · {entry.account}" if entry.account is not None else ""
            action = menu.addAction(f"{entry.order_number}{account} · {when}")
            suggestion = Suggestion(
                entry.order_number, entry.account, entry.external_id, SuggestionSource.RECENT
            )
            action.triggered.connect(partial(self._on_open_box_suggestion_chosen, suggestion))

    def _on_editor_tabs_editor_opened(self, editor: OrderEditor) -> None:
        if self._parcels is None:
            return
        from parcellab_desk.ui.parcel_timeline import attach_parcel_timeline

        attach_parcel_timeline(
            editor,
            editor.trackings_editor,
            lambda: editor.order,
            self._runner,
            self._parcels,
            self._tz,
        )

    def _on_header_sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        if 0 <= section < len(OrderColumn) and OrderColumn(section) in SORT_FIELDS:
            return
        header = self.table.horizontalHeader()
        shown, order = self.model.sort_indicator()
        header.blockSignals(True)
        header.setSortIndicator(shown, order)
        header.blockSignals(False)
        header.viewport().update()
        self.statusBar().showMessage(
            self.tr("The service cannot sort by this column; the list stays as it is."), 4000
        )

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
        menu.addAction(self.tr("Open"), lambda: self.open_order(order))
        menu.addSeparator()
        copied_number = self.tr("Copied order number {value}")
        copied_ext = self.tr("Copied external id {value}")
        copied_tracking = self.tr("Copied tracking number {value}")
        if order.order_number:
            number = order.order_number
            menu.addAction(self.tr("Copy order number"), lambda: self._copy(number, copied_number))
        if order.external_id:
            ext = order.external_id
            menu.addAction(self.tr("Copy external id"), lambda: self._copy(ext, copied_ext))
        numbers = [t.tracking_number for t in order.trackings if t.tracking_number]
        if len(numbers) == 1:
            menu.addAction(
                self.tr("Copy tracking number"), lambda: self._copy(numbers[0], copied_tracking)
            )
        elif numbers:
            sub = menu.addMenu(self.tr("Copy tracking number"))
            for number in numbers:
                sub.addAction(number, partial(self._copy, number, copied_tracking))
        menu.addSeparator()
        menu.addAction(self.tr("Refresh row"), lambda: self._refresh_row(order))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Show or hide columns (remembered per profile with the rest of the layout)."""
        menu = QMenu(self.tr("Columns"), self)
        self._fill_columns(menu)
        return menu

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        self._fill_columns(self.columns_menu)

    def _fill_columns(self, menu: QMenu) -> None:
        header = self.table.horizontalHeader()
        visible = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        for column in range(self.model.columnCount()):
            label = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(label))
            action.setCheckable(True)
            action.setChecked(column in visible)
            # The last visible column stays: a table without columns looks broken.
            action.setEnabled(not (column in visible and len(visible) == 1))
            action.toggled.connect(partial(self._set_column_visible, column))

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
            self.show_message(
                self.tr("Could not refresh the row: {reason}").format(reason=describe_error(exc)),
                8000,
            )
            return
        self.show_saved_order(fresh)
        self.show_message(
            self.tr("Order {number} refreshed").format(number=fresh.order_number), 4000
        )

    def _on_retry_clicked(self) -> None:
        if not self.model.retry():
            self.model.reload()

    def _on_model_page_loaded(self, _count: int) -> None:
        self._last_update = datetime.now().astimezone()
        self._on_model_changed()
        if not self._columns_fitted and self.model.loaded_count:
            self._columns_fitted = True
            self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their content (from the loaded rows), within bounds; the long
        ones are elided by the delegate, and the table never needs to scroll sideways when
        the window is wide enough for the bounds."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.isSectionHidden(column):
                continue
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, max(_MIN_COLUMN, min(_MAX_COLUMN, wanted + 8)))
        # Wider than the table: the long, elided columns give way first, down to a floor.
        visible = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        excess = sum(header.sectionSize(c) for c in visible) - self.table.viewport().width()
        for column in _SHRINKABLE:
            if excess <= 0:
                break
            if header.isSectionHidden(column):
                continue
            size = header.sectionSize(column)
            give = min(excess, max(0, size - _SHRINK_FLOOR))
            header.resizeSection(column, size - give)
            excess -= give

    def _on_model_changed(self, *_args: object) -> None:
        model = self.model
        count = model.loaded_count
        self.rows_label.setText(
            self.tr("%Ln orders loaded", "", count) if count != 1 else self.tr("1 order loaded")
        )
        loading = model.state is LoadState.LOADING
        was_loading = bool(self.loading_label.text())
        self.loading_label.setText(self.tr("Loading…") if loading else "")
        if loading and not was_loading:
            announce(self.table, self.tr("Loading orders…"))
        if self._last_update is not None:
            time = QTime(self._last_update.hour, self._last_update.minute)
            self.updated_label.setText(
                self.tr("updated {time}").format(
                    time=QLocale().toString(time, QLocale.FormatType.ShortFormat)
                )
            )
        failed = model.state is LoadState.FAILED
        if failed and model.error is not None:
            message = describe_error(model.error)
            if message != self.error_label.toolTip():
                announce(self.error_label, message)
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

    def _copy(self, text: str, template: str) -> None:
        """``template`` says what was copied: "Copied order number {value}"."""
        QGuiApplication.clipboard().setText(text)
        self.show_message(template.format(value=text), 3000)

    def _update_tabs_placeholder(self) -> None:
        """The editor pane is there while an order is open, and only then."""
        has_tabs = self.tabs.count() > 0
        was_visible = not self.tabs.isHidden()
        if not has_tabs:
            if was_visible:
                sizes = self.splitter.sizes()
                if len(sizes) == 2 and sizes[1] >= EDITOR_MIN_WIDTH:
                    self._editor_width = sizes[1]  # the agent's width, for the next order
            self.tabs.hide()
            return
        if was_visible:
            return
        self.tabs.show()
        total = max(sum(self.splitter.sizes()), self.splitter.width())
        editor = max(EDITOR_MIN_WIDTH, min(self._editor_width, total - TABLE_MIN_WIDTH))
        self.splitter.setSizes([max(TABLE_MIN_WIDTH, total - editor), editor])

    def _on_theme_changed(self, _palette: ThemePalette) -> None:
        refresh_icons(self)
        self.table.viewport().update()

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
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            self.clamp_geometry()
        editor_width = settings.value("editor_width")
        try:
            width = int(str(editor_width)) if editor_width is not None else EDITOR_WIDTH
        except ValueError:
            width = EDITOR_WIDTH
        self._editor_width = max(EDITOR_MIN_WIDTH, width)
        header = settings.value("header")
        if isinstance(header, QByteArray) and self.table.horizontalHeader().restoreState(header):
            self._columns_fitted = True  # the agent's widths win over fitting to content
        settings.endGroup()
        # The server's ordering wins over a remembered header indicator.
        section, order = self.model.sort_indicator()
        self.table.horizontalHeader().setSortIndicator(section, order)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.beginGroup(self._settings_group())
        settings.setValue("geometry", self.saveGeometry())
        # Only the editor's width is remembered, never a split beside an empty pane.
        sizes = self.splitter.sizes()
        if not self.tabs.isHidden() and len(sizes) == 2 and sizes[1] >= EDITOR_MIN_WIDTH:
            self._editor_width = sizes[1]
        settings.setValue("editor_width", self._editor_width)
        settings.remove("splitter")  # the old 50/50 split beside an empty pane
        settings.setValue("header", self.table.horizontalHeader().saveState())
        settings.endGroup()

    def clamp_geometry(self) -> None:
        """Fit the window onto the screen it opens on (saved on a bigger screen or at another
        scale factor, it would hang off the edges)."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = self.screen().availableGeometry()
        frame = QRect(self.pos(), self.size())
        fitted = clamp_to_screen(frame, available)
        if fitted != frame:
            self.resize(fitted.size())
            self.move(fitted.topLeft())

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
