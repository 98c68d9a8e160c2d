"""The order editor: one order's fields, tags and trackings, with Save, Revert and Cancel.

Every keystroke goes into an ``OrderDraft`` (no Qt) and is checked at once with the
contract's validators; the messages show under the field in the validator's words. Save
sends only what changed (POST for a new order, then its trackings); the server's 400
messages land on the field or tracking row they name, anything else in the banner at the top
with Retry where retrying can help. When a save's outcome is unknown (its answer was lost)
the banner says so and offers Check again, a lookup that never re-sends; Stop ends a long
save or lookup (its outcome is then unknown too). The agent's edits stay in the draft through
every failure.

The editor never speaks HTTP: it awaits the ``OrderEditingService``'s coroutines, each owned
by the ``TaskRunner`` it was given, and opens dialogs with ``run_dialog`` (never ``exec``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import tzinfo
from functools import partial
from html import escape
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import ORDER_FIELD, ORDER_STATUSES, CancelReason
from parcellab_desk.qt.order_columns import (
    BadgeTone,
    OrderColumn,
    badge,
    format_local,
    format_utc,
)
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.order_editing import (
    EDITABLE_FIELDS,
    EditFailure,
    OrderDraft,
    OrderEditingService,
    TrackingKey,
    value_from_text,
)
from parcellab_desk.ui.cancel_dialogs import (
    CancelOrderDialog,
    CancelTrackingDialog,
    destructive_style,
)
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.editor_widgets import (
    BadgeLabel,
    Banner,
    CodeCombo,
    ErrorLabel,
    country_items,
    language_items,
    zone_items,
)
from parcellab_desk.ui.tags_editor import TagsEditor
from parcellab_desk.ui.trackings_editor import TrackingFormDialog, TrackingsEditor

__all__ = ["KnownTags", "OrderEditor"]

_log = logging.getLogger(__name__)

KnownTags = Callable[[], Iterable[str]]
"""Tags seen in the loaded orders, offered as suggestions."""

ORDER_SECTION: Final = (
    "account",
    "order_number",
    "external_reference",
    "client_key",
    "order_status",
    "has_multiple_shipments",
)
RECIPIENT_SECTION: Final = (
    "recipient_name",
    "recipient_email",
    "destination_country_iso3",
    "language_iso2",
    "timezone",
    "customer_number",
)
_SHIPMENT_CHOICES: Final = (("Unknown", None), ("Yes", True), ("No", False))
_PLACEHOLDERS: Final = {
    "account": "e.g. 1042",
    "order_number": "Customer-facing order number",
    "external_reference": "The retailer's own reference",
    "client_key": "e.g. mybrand-a.com",
    "recipient_email": "name@example.com, or _unset",
    "customer_number": "The shop's customer number",
}
_PRIMARY_STYLE: Final = (
    "QPushButton { color: white; background: #1a73e8; border: 1px solid #1765cc;"
    " border-radius: 4px; padding: 5px 18px; font-weight: 600; }"
    "QPushButton:hover { background: #1765cc; }"
    "QPushButton:disabled { color: #f1f3f4; background: #a8c7fa; border-color: #a8c7fa; }"
)


class OrderEditor(QWidget):
    """Edits one order (``order`` None: a new one, created with POST on save).

    Signals: ``saved(Order)`` after a save or a cancel succeeded (update the table row);
    ``save_failed(str)`` with the banner's sentence; ``dirty_changed(bool)``;
    ``title_changed(str)`` for the tab; ``dialog_opened(QDialog)`` whenever the editor
    shows a dialog (tests and screenshots answer it); ``tracking_staged(key)`` after the
    tracking form put a tracking into the draft.
    """

    saved = Signal(object)
    save_failed = Signal(str)
    dirty_changed = Signal(bool)
    title_changed = Signal(str)
    dialog_opened = Signal(object)
    tracking_staged = Signal(object)  # TrackingKey added or changed, sent with the next save
    draft_changed = Signal()  # the draft may hold other unsaved edits now (kept on disk)

    def __init__(
        self,
        order: Order | None,
        *,
        service: OrderEditingService,
        runner: TaskRunner | None = None,
        tz: tzinfo | None = None,
        known_tags: KnownTags | None = None,
        account: int | None = None,
        draft: OrderDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``draft`` brings back unsaved edits kept from an earlier session (then ``order``
        is ignored)."""
        super().__init__(parent)
        self.setObjectName("orderEditor")
        self.draft = draft if draft is not None else OrderDraft(order, account=account)
        self._service = service
        self._runner = runner if runner is not None else TaskRunner()
        self._tz = tz
        self._known_tags = known_tags
        self._server_errors: dict[str, tuple[str, ...]] = {}
        self._retry: Callable[[], object] | None = None
        self._busy = False
        self._was_dirty = False
        self._title = ""

        self._second: Callable[[], object] | None = None
        self._stopping = False
        self.banner = Banner(self)
        self.banner.retry_requested.connect(self._on_banner_retry_requested)
        self.banner.second_requested.connect(self._on_banner_second_requested)

        self.inputs: dict[str, QWidget] = {}
        self.error_labels: dict[str, ErrorLabel] = {}
        self._build_inputs()

        body = QWidget(self)
        body.setObjectName("editorBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(10, 8, 10, 10)
        body_layout.setSpacing(10)
        body_layout.addWidget(self._build_header(body))
        self._field_labels: list[QLabel] = []
        body_layout.addWidget(self._section("Order", ORDER_SECTION, body))
        body_layout.addWidget(self._section("Recipient", RECIPIENT_SECTION, body))
        # One label column for both sections, so the fields line up.
        width = max(label.sizeHint().width() for label in self._field_labels)
        for label in self._field_labels:
            label.setMinimumWidth(width)

        tags_box = QGroupBox("Tags", body)
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.addWidget(self.tags_editor)
        body_layout.addWidget(tags_box)

        self.trackings_editor = TrackingsEditor(tz, body)
        trackings_box = QGroupBox("Trackings", body)
        trackings_layout = QVBoxLayout(trackings_box)
        trackings_layout.addWidget(self.trackings_editor)
        body_layout.addWidget(trackings_box)

        self.other_box = QGroupBox("Other fields (read-only)", body)
        self.other_box.setToolTip("Fields the server sent that this console does not edit")
        self.other_form = QFormLayout(self.other_box)
        body_layout.addWidget(self.other_box)
        body_layout.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.form_area = body

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_row = QVBoxLayout()
        banner_row.setContentsMargins(10, 8, 10, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self._build_actions())

        self.trackings_editor.add_requested.connect(self._on_trackings_add_requested)
        self.trackings_editor.edit_requested.connect(self._on_trackings_edit_requested)
        self.trackings_editor.cancel_requested.connect(self._on_trackings_cancel_requested)
        self.trackings_editor.discard_requested.connect(self._on_trackings_discard_requested)
        self._load_from_draft()

    # -- building ------------------------------------------------------------------------

    def _build_inputs(self) -> None:
        for name in (
            "account",
            "order_number",
            "external_reference",
            "client_key",
            "recipient_name",
            "recipient_email",
            "customer_number",
        ):
            edit = QLineEdit(self)
            edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
            spec = ORDER_FIELD[name]
            edit.setToolTip(spec.help or spec.label)
            edit.textEdited.connect(partial(self._on_input_changed, name))
            self.inputs[name] = edit
        status = QComboBox(self)
        status.setEditable(True)
        status.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        status.addItems(["", *ORDER_STATUSES])
        status.setToolTip("Pick a common status or type the shop's own")
        status.editTextChanged.connect(partial(self._on_input_changed, "order_status"))
        self.inputs["order_status"] = status
        shipments = QComboBox(self)
        for text, value in _SHIPMENT_CHOICES:
            shipments.addItem(text, value)
        shipments.setToolTip(ORDER_FIELD["has_multiple_shipments"].help)
        shipments.currentIndexChanged.connect(
            partial(self._on_input_changed, "has_multiple_shipments")
        )
        self.inputs["has_multiple_shipments"] = shipments
        for name, items, upper, placeholder in (
            ("destination_country_iso3", country_items(), True, "Type a country or code"),
            ("language_iso2", language_items(), False, "Type a language or code"),
            ("timezone", zone_items(), False, "Type a city, e.g. Berlin"),
        ):
            combo = CodeCombo(items, upper=upper, placeholder=placeholder, parent=self)
            combo.setToolTip(ORDER_FIELD[name].help or ORDER_FIELD[name].label)
            combo.code_changed.connect(partial(self._on_input_changed, name))
            self.inputs[name] = combo
        self.tags_editor = TagsEditor(suggestions=self._known_tags, parent=self)
        self.tags_editor.tags_changed.connect(partial(self._on_input_changed, "tags"))
        self.inputs["tags"] = self.tags_editor
        for name in EDITABLE_FIELDS:
            if name != "tags":
                self.error_labels[name] = ErrorLabel(self)

    def _build_header(self, parent: QWidget) -> QWidget:
        header = QWidget(parent)
        self.title_label = QLabel(header)
        self.title_label.setObjectName("editorTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = BadgeLabel(parent=header)
        self.dirty_label = QLabel("● Unsaved changes", header)
        self.dirty_label.setObjectName("dirtyMarker")
        self.dirty_label.setStyleSheet("color: #b06000; font-weight: 600;")
        self.dirty_label.setToolTip("Save (Ctrl+S) sends them; Revert forgets them")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.title_label)
        top.addWidget(self.status_badge)
        top.addStretch(1)
        top.addWidget(self.dirty_label)

        self.external_id_label = QLabel(header)
        self.external_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.external_id_label.setStyleSheet("color: #3c4043;")
        self.copy_button = QToolButton(header)
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip("Copy the external id")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        id_row = QHBoxLayout()
        id_row.setContentsMargins(0, 0, 0, 0)
        id_row.setSpacing(6)
        id_row.addWidget(self.external_id_label)
        id_row.addWidget(self.copy_button)
        id_row.addStretch(1)

        self.created_label = QLabel(header)
        self.updated_label = QLabel(header)
        self.cancelled_label = QLabel(header)
        self.cancelled_label.setStyleSheet("color: #3c4043; font-weight: 600;")
        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        times.setSpacing(16)
        for label in (self.created_label, self.updated_label):
            label.setStyleSheet("color: #5f6368;")
            times.addWidget(label)
        times.addStretch(1)

        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(id_row)
        layout.addLayout(times)
        layout.addWidget(self.cancelled_label)
        return header

    def _section(self, title: str, names: Iterable[str], parent: QWidget) -> QGroupBox:
        box = QGroupBox(title, parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for name in names:
            cell = QWidget(box)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(self.inputs[name])
            cell_layout.addWidget(self.error_labels[name])
            label = QLabel(f"{ORDER_FIELD[name].label}:", box)
            label.setBuddy(self.inputs[name])
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._field_labels.append(label)
            form.addRow(label, cell)
        return box

    def _build_actions(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("editorActions")
        bar.setStyleSheet("#editorActions { border-top: 1px solid #dadce0; }")
        self.save_button = QPushButton("Save", bar)
        self.save_button.setStyleSheet(_PRIMARY_STYLE)
        self.save_button.setToolTip("Send the changes to parcelLab (Ctrl+S)")
        self.revert_button = QPushButton("Revert", bar)
        self.revert_button.setToolTip("Forget the unsaved changes")
        self.stop_button = QPushButton("Stop", bar)
        self.stop_button.setToolTip(
            "Stop waiting for parcelLab (Esc). A save already sent may still arrive: the "
            "editor then offers Check again."
        )
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.action_status = QLabel(bar)
        self.action_status.setStyleSheet("color: #5f6368;")
        self.cancel_order_button = QPushButton("Cancel order…", bar)
        self.cancel_order_button.setStyleSheet(destructive_style())
        self.cancel_order_button.setToolTip("Cancel this order (asks for a reason first)")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.save_button)
        layout.addWidget(self.revert_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.action_status, 1)
        separator = QFrame(bar)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setStyleSheet("color: #dadce0;")
        layout.addWidget(separator)
        layout.addWidget(self.cancel_order_button)

        self.save_action = QAction("&Save order", self)
        self.revert_action = QAction("&Revert changes", self)
        self.cancel_order_action = QAction("&Cancel order…", self)
        self.stop_action = QAction("S&top waiting", self)
        self.stop_action.setShortcut(Qt.Key.Key_Escape)
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.stop_action.setEnabled(False)
        self.stop_action.triggered.connect(self.stop)
        self.addAction(self.stop_action)
        self.save_action.triggered.connect(self.save)
        self.revert_action.triggered.connect(self.revert)
        self.cancel_order_action.triggered.connect(self.cancel_order)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.cancel_order_button.clicked.connect(self.cancel_order)
        return bar

    # -- public --------------------------------------------------------------------------

    @property
    def order(self) -> Order | None:
        """The order as last saved (None while a new order is not created yet)."""
        return self.draft.original

    @property
    def is_dirty(self) -> bool:
        return self.draft.is_dirty

    @property
    def is_busy(self) -> bool:
        return self._busy

    def title(self) -> str:
        """``Order 40012345`` (``*`` when there are unsaved changes) or ``New order``."""
        original = self.draft.original
        name = f"Order {original.order_number}" if original is not None else "New order"
        return f"{name} *" if self.draft.is_dirty else name

    def show_order(self, order: Order) -> None:
        """The order changed elsewhere (a refresh): show it, keeping unsaved edits on top."""
        self.draft.rebase(order)
        self._load_from_draft()

    def save(self) -> asyncio.Task[bool] | None:
        """Start saving (Ctrl+S) and return the task; None while busy, with nothing to send,
        or with fields to fix (they are marked and the first one gets the focus). With an
        unknown outcome pending, saving looks the order up first (never a blind re-send)."""
        if self._busy or not (self.draft.is_dirty or self.draft.unresolved is not None):
            return None
        if self.draft.has_errors:
            self._show_all_errors()
            self._focus_first_error()
            return None
        return self._runner.start(self._key("save"), self.save_now())

    async def save_now(self) -> bool:
        """Save and report whether it worked (the unsaved-changes prompt awaits this)."""
        if self.draft.has_errors:
            self._show_all_errors()
            self._focus_first_error()
            return False
        if not self.draft.is_dirty and self.draft.unresolved is None:
            return True
        return await self._write(self._service.save(self.draft), "Saved.", retry=self.save)

    def check_again(self) -> asyncio.Task[bool] | None:
        """Look up the save whose outcome is unknown (never sends it again)."""
        if self._busy or self.draft.unresolved is None:
            return None
        return self._runner.start(
            self._key("save"),
            self._write(
                self._service.check(self.draft),
                "Found on parcelLab: saved.",
                retry=self.save,
                busy_text="Looking the order up…",
            ),
        )

    def send_again(self) -> asyncio.Task[bool] | None:
        """After look-ups found nothing: look once more, then send the draft as it is."""
        if self._busy:
            return None
        return self._runner.start(
            self._key("save"),
            self._write(self._service.send_again(self.draft), "Saved.", retry=self.save),
        )

    def stop(self) -> None:
        """Stop the save, check or cancel in flight (Stop button, Esc)."""
        if not self._busy:
            return
        self._stopping = True
        for action in ("save", "cancel", "cancel-tracking"):
            self._runner.cancel(self._key(action))

    def revert(self) -> None:
        """Forget every unsaved change and show the order as saved."""
        if self._busy:
            return
        self.draft.revert()
        self._server_errors.clear()
        self.trackings_editor.set_row_errors({})
        self.banner.clear()
        self._load_from_draft()
        self._set_status("Changes reverted.")

    def cancel_order(self) -> asyncio.Task[None] | None:
        """Ask for a reason and time, then cancel the order (Cancel order…); returns the task."""
        if self._busy or self.draft.original is None:
            return None
        return self._runner.start(self._key("cancel"), self._cancel_order())

    async def maybe_close(self) -> bool:
        """True when the editor may close: nothing unsaved, saved now, or discarded."""
        if not self.draft.is_dirty:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"<b>{escape(self.title().removesuffix(' *'))} has unsaved changes.</b>")
        box.setInformativeText("Save them before closing? If you discard them they are lost.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        await self._ask(box)
        clicked = box.standardButton(box.clickedButton())
        box.deleteLater()
        if clicked == QMessageBox.StandardButton.Save:
            return await self.save_now()
        return clicked == QMessageBox.StandardButton.Discard

    def close_tasks(self) -> None:
        """Cancel this editor's running requests (the tab is closing)."""
        for action in ("save", "cancel", "cancel-tracking", "tracking-form"):
            self._runner.cancel(self._key(action))

    # -- loading -------------------------------------------------------------------------

    def _load_from_draft(self) -> None:
        for name in EDITABLE_FIELDS:
            self._write_input(name, self.draft.value(name))
        self._refresh_header()
        self._refresh_trackings()
        self._refresh_other_fields()
        self._show_all_errors(only_changed=True)
        self._refresh_state()

    def _write_input(self, name: str, value: Any) -> None:
        widget = self.inputs[name]
        widget.blockSignals(True)
        try:
            if isinstance(widget, TagsEditor):
                widget.set_tags(value or [])
            elif isinstance(widget, CodeCombo):
                widget.set_code(value)
            elif isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QComboBox) and name == "has_multiple_shipments":
                widget.setCurrentIndex([v for _, v in _SHIPMENT_CHOICES].index(value))
            elif isinstance(widget, QComboBox):
                widget.setEditText("" if value is None else str(value))
        finally:
            widget.blockSignals(False)

    def _read_input(self, name: str) -> Any:
        widget = self.inputs[name]
        spec = ORDER_FIELD[name]
        if isinstance(widget, TagsEditor):
            return widget.tags()
        if isinstance(widget, CodeCombo):
            return widget.code()
        if isinstance(widget, QLineEdit):
            return value_from_text(spec, widget.text())
        if isinstance(widget, QComboBox) and name == "has_multiple_shipments":
            return widget.currentData()
        if isinstance(widget, QComboBox):
            return value_from_text(spec, widget.currentText())
        raise AssertionError(f"no reader for {name}")  # pragma: no cover

    def _refresh_header(self) -> None:
        order = self.draft.original
        if order is None:
            self.title_label.setText("<b style='font-size:15pt'>New order</b>")
            self.status_badge.set_badge("Not created yet", BadgeTone.ATTENTION)
            self.external_id_label.setText("External id: assigned by parcelLab on save")
            self.copy_button.hide()
            for label in (self.created_label, self.updated_label, self.cancelled_label):
                label.hide()
            return
        number = escape(order.order_number or "(no number)")
        self.title_label.setText(f"<b style='font-size:15pt'>Order {number}</b>")
        status = badge(order, OrderColumn.ORDER_STATUS)
        if status is not None:
            self.status_badge.set_badge(status.text, status.tone)
        self.external_id_label.setText(f"External id: {order.external_id or '—'}")
        self.copy_button.setVisible(bool(order.external_id))
        for label, caption, moment in (
            (self.created_label, "Created", order.created_at),
            (self.updated_label, "Updated", order.updated_at),
        ):
            label.setText(f"{caption} {format_local(moment, self._tz) or '—'}")
            label.setToolTip(format_utc(moment))
            label.show()
        if order.is_cancelled:
            reason = order.cancelled_reason.label if order.cancelled_reason else "no reason"
            when = format_local(order.cancelled_date, self._tz) or "date unknown"
            self.cancelled_label.setText(f"Cancelled · {reason} · {when}")
            self.cancelled_label.setToolTip(format_utc(order.cancelled_date))
        self.cancelled_label.setVisible(order.is_cancelled)

    def _refresh_trackings(self) -> None:
        self.trackings_editor.set_rows(self.draft.tracking_rows())
        self.trackings_editor.set_cancel_allowed(not self.draft.is_new)

    def _refresh_other_fields(self) -> None:
        while self.other_form.rowCount():
            self.other_form.removeRow(0)
        order = self.draft.original
        extra = (order.model_extra or {}) if order is not None else {}
        for name, value in sorted(extra.items()):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            label = QLabel(text, self.other_box)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.other_form.addRow(f"{name}:", label)
        self.other_box.setVisible(bool(extra))

    # -- state ---------------------------------------------------------------------------

    def _refresh_state(self) -> None:
        dirty = self.draft.is_dirty
        errors = self.draft.has_errors
        self.dirty_label.setVisible(dirty)
        self.save_button.setEnabled(dirty and not self._busy and not errors)
        if self.draft.unresolved is not None and not self._busy:
            self.save_button.setEnabled(not errors)  # looks the order up first
        self.save_action.setEnabled(self.save_button.isEnabled())
        self.stop_button.setVisible(self._busy)
        self.stop_action.setEnabled(self._busy)
        self.revert_button.setEnabled(dirty and not self._busy)
        self.revert_action.setEnabled(self.revert_button.isEnabled())
        original = self.draft.original
        can_cancel = original is not None and not self._busy
        self.cancel_order_button.setEnabled(can_cancel)
        self.cancel_order_action.setEnabled(can_cancel)
        if original is not None and original.is_cancelled:
            self.cancel_order_button.setToolTip("Already cancelled: shows when and why")
        if errors and dirty and not self._busy:
            count = len(self.draft.all_field_errors())
            self._set_status(f"Fix the marked field{'s' if count != 1 else ''} to save.")
        elif not self._busy and self.action_status.text().startswith("Fix the marked"):
            self._set_status("")
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
        title = self.title()
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
        self.draft_changed.emit()

    def _set_status(self, text: str) -> None:
        self.action_status.setText(text)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.form_area.setEnabled(not busy)
        if busy:
            self._set_status(text)
        self._refresh_state()

    def _show_field_errors(self, name: str) -> None:
        live = self.draft.field_errors(name)
        server = self._server_errors.get(name, ())
        messages = tuple(dict.fromkeys((*live, *server)))
        if name == "tags":
            self.tags_editor.set_errors(messages)
        else:
            self.error_labels[name].set_messages(messages)

    def _show_all_errors(self, *, only_changed: bool = False) -> None:
        for name in EDITABLE_FIELDS:
            if only_changed and self.draft.is_new and name not in self.draft.changed_fields():
                # A blank new order is not wrong yet; it becomes wrong when saved blank.
                if name == "tags":
                    self.tags_editor.set_errors(self._server_errors.get(name, ()))
                else:
                    self.error_labels[name].set_messages(self._server_errors.get(name, ()))
                continue
            self._show_field_errors(name)

    def _focus_first_error(self) -> None:
        for name in (*ORDER_SECTION, *RECIPIENT_SECTION, "tags"):
            if self.draft.field_errors(name) or self._server_errors.get(name):
                widget = self.inputs[name]
                self.scroll_area.ensureWidgetVisible(widget)
                (widget.input if isinstance(widget, TagsEditor) else widget).setFocus()
                return

    def _key(self, action: str) -> tuple[str, str, int]:
        return ("order-editor", action, id(self))

    # -- writing -------------------------------------------------------------------------

    async def _write(
        self,
        request: Awaitable[Order],
        done: str,
        *,
        retry: Callable[[], object],
        busy_text: str = "Saving…",
    ) -> bool:
        """Run one write; show where its errors belong; emit ``saved`` when it worked."""
        self.banner.clear()
        self._server_errors.clear()
        self.trackings_editor.set_row_errors({})
        self._stopping = False
        self._set_busy(True, busy_text)
        try:
            order = await request
        except asyncio.CancelledError:
            stopped, self._stopping = self._stopping, False
            if stopped:
                self._set_busy(False)
                self._load_from_draft()
                self._show_stopped()
            raise
        except Exception as exc:  # every failure is shown; the draft keeps the edits
            _log.info("Writing an order failed: %s", type(exc).__name__)
            self._set_busy(False)
            # A partial create or a found write changed the draft's original: show it.
            self._load_from_draft()
            self._show_failure(self.draft.failure(exc), retry)
            return False
        finally:
            if self._busy:
                self._set_busy(False)
        self._load_from_draft()
        self._set_status(done)
        self.saved.emit(order)
        return True

    def _show_failure(self, failure: EditFailure, retry: Callable[[], object]) -> None:
        self._server_errors = dict(failure.placement.fields)
        self.trackings_editor.set_row_errors(failure.placement.trackings)
        self._show_all_errors()
        self._second = None
        if failure.can_check:
            self._retry = self.check_again
            if failure.can_send_again:
                self._second = self.send_again
            self.banner.show_message(
                failure.banner,
                can_retry=True,
                action=("Check again", "Look the order up on parcelLab; nothing is sent"),
                second=(
                    ("Send again", "Look once more, then send the changes if still absent")
                    if failure.can_send_again
                    else None
                ),
            )
            self._set_status("Outcome unknown. Your changes are kept.")
        else:
            self._retry = retry if failure.can_retry else None
            if failure.banner:
                self.banner.show_message(failure.banner, can_retry=failure.can_retry)
            self._set_status("Not saved. Your changes are kept.")
        self._refresh_state()
        if failure.placement.fields:
            self._focus_first_error()
        self.save_failed.emit(failure.banner)

    def _show_stopped(self) -> None:
        """The agent stopped a request: unknown if a write was on its way, else nothing
        happened."""
        if self.draft.unresolved is not None:
            from parcellab_desk.services.write_outcomes import (
                Outcome,
                WriteOutcomeUnknownError,
                WriteResult,
            )

            unknown = WriteOutcomeUnknownError(WriteResult(Outcome.UNKNOWN, self.draft.unresolved))
            self._show_failure(self.draft.failure(unknown), self.save)
            self._set_status("Stopped. It may still reach parcelLab: use Check again.")
        else:
            self._set_status("Stopped. Your changes are kept.")

    async def _ask(self, dialog: QDialog) -> int:
        self.dialog_opened.emit(dialog)
        return await run_dialog(dialog)

    async def _cancel_order(self) -> None:
        order = self.draft.original
        if order is None:
            return
        dialog = CancelOrderDialog(order, tz=self._tz, parent=self)
        result = await self._ask(dialog)
        reason, when = dialog.reason(), dialog.cancelled_date()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or reason is None or order.is_cancelled:
            return
        await self._send_cancel_order(reason, when)

    async def _send_cancel_order(self, reason: CancelReason, when: Any) -> None:
        def again() -> None:
            self._runner.start(self._key("cancel"), self._send_cancel_order(reason, when))

        await self._write(
            self._service.cancel_order(self.draft, reason, when), "Order cancelled.", retry=again
        )

    async def _cancel_tracking(self, key: TrackingKey) -> None:
        order = self.draft.original
        tracking = order.find_tracking(*key) if order is not None else None
        if order is None or tracking is None:
            return
        dialog = CancelTrackingDialog(order, tracking, tz=self._tz, parent=self)
        result = await self._ask(dialog)
        reason, when = dialog.reason(), dialog.cancelled_date()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or reason is None or tracking.is_cancelled:
            return
        await self._send_cancel_tracking(key, reason, when)

    async def _send_cancel_tracking(
        self, key: TrackingKey, reason: CancelReason, when: Any
    ) -> None:
        def again() -> None:
            self._runner.start(
                self._key("cancel-tracking"), self._send_cancel_tracking(key, reason, when)
            )

        await self._write(
            self._service.cancel_tracking(self.draft, key, reason, when),
            f"Tracking {key[1]} cancelled.",
            retry=again,
        )

    async def _edit_tracking(self, key: TrackingKey | None) -> None:
        rows = self.draft.tracking_rows()
        tracking = self.draft.tracking(key) if key is not None else None
        seen = set(self._known_tags()) if self._known_tags is not None else set()
        dialog = TrackingFormDialog(
            tracking,
            existing=[row.key for row in rows],
            suggestions=seen,
            parent=self,
        )
        result = await self._ask(dialog)
        values = dialog.values()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        new_key = self.draft.put_tracking(values)
        errors = {
            k: v for k, v in self._row_errors().items() if k != new_key
        }  # the agent answered this row's error
        self._refresh_trackings()
        self.trackings_editor.set_row_errors(errors)
        self.trackings_editor.select(new_key)
        self._refresh_state()
        self.tracking_staged.emit(new_key)

    def _row_errors(self) -> dict[TrackingKey, tuple[str, ...]]:
        return {
            row.key: self.trackings_editor.row_errors(row.key)
            for row in self.trackings_editor.rows()
            if self.trackings_editor.row_errors(row.key)
        }

    # -- slots ---------------------------------------------------------------------------

    def _on_input_changed(self, name: str, *_args: object) -> None:
        self.draft.set_value(name, self._read_input(name))
        self._server_errors.pop(name, None)
        self._show_field_errors(name)
        self._clear_stale_status()
        self._refresh_state()

    def _clear_stale_status(self) -> None:
        # "Saved." would be stale once the agent types again.
        if not self.action_status.text().startswith("Fix the marked"):
            self._set_status("")

    def _on_banner_retry_requested(self) -> None:
        retry = self._retry
        self.banner.clear()
        if retry is not None:
            retry()

    def _on_banner_second_requested(self) -> None:
        second = self._second
        self.banner.clear()
        if second is not None:
            second()

    def _on_copy_button_clicked(self) -> None:
        order = self.draft.original
        if order is not None and order.external_id:
            QGuiApplication.clipboard().setText(order.external_id)
            self._set_status("External id copied.")

    def _on_trackings_add_requested(self) -> None:
        self._runner.start(self._key("tracking-form"), self._edit_tracking(None))

    def _on_trackings_edit_requested(self, key: TrackingKey) -> None:
        self._runner.start(self._key("tracking-form"), self._edit_tracking(key))

    def _on_trackings_cancel_requested(self, key: TrackingKey) -> None:
        if not self._busy:
            self._runner.start(self._key("cancel-tracking"), self._cancel_tracking(key))

    def _on_trackings_discard_requested(self, key: TrackingKey) -> None:
        self.draft.discard_tracking(key)
        errors = {k: v for k, v in self._row_errors().items() if k != key}
        self._refresh_trackings()
        self.trackings_editor.set_row_errors(errors)
        self._refresh_state()
