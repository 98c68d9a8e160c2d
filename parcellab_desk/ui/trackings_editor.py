"""An order's trackings: a compact table with Add / Edit / Cancel, and the tracking form.

The table shows the draft's rows (saved, new or edited; new and edited ones are sent with
the next save as ``add_tracking``). It only asks: ``add_requested``, ``edit_requested``,
``cancel_requested`` and ``discard_requested`` carry a tracking key, and the editor decides.
A row the server refused is marked in red with the server's words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import tzinfo
from functools import partial
from typing import Any, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Tracking
from parcellab_desk.api.schema import (
    TRACKING_COLUMNS,
    TRACKING_EDITABLE,
    TRACKING_FIELD,
    FieldKind,
)
from parcellab_desk.qt.order_columns import BadgeTone, delivery_tone, format_local, format_utc
from parcellab_desk.qt.status_labels import delivery_label, delivery_tooltip
from parcellab_desk.services.order_editing import TrackingKey, TrackingRow, TrackingState
from parcellab_desk.services.tracking_draft import TrackingDraft
from parcellab_desk.ui.accessibility import name_fields_from_labels
from parcellab_desk.ui.editor_widgets import ErrorLabel
from parcellab_desk.ui.field_bindings import CheckBinding, FieldBinding, bind
from parcellab_desk.ui.keyboard import MnemonicAllocator, field_label, field_texts
from parcellab_desk.ui.theme import Role, current_palette, set_role, tone_colors
from parcellab_desk.wording import translate

__all__ = ["TrackingFormDialog", "TrackingsEditor"]

COLUMNS: Final = tuple(spec.column for spec in TRACKING_COLUMNS)
_COLUMN_FIELDS: Final = tuple(spec.name for spec in TRACKING_COLUMNS)
STATUS_COLUMN: Final = _COLUMN_FIELDS.index("status")


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return translate("TrackingsEditor", "Yes") if value else translate("TrackingsEditor", "No")


def status_badge(row: TrackingRow) -> tuple[str, BadgeTone]:
    """The delivery-status cell: words first, tone second."""
    tracking = row.tracking
    if tracking.is_cancelled:
        return translate("TrackingsEditor", "Cancelled"), BadgeTone.CANCELLED
    if row.state is TrackingState.NEW:
        return translate("TrackingsEditor", "New · not saved"), BadgeTone.ATTENTION
    text = delivery_label(tracking.status) or translate("TrackingsEditor", "No status yet")
    if row.state is TrackingState.EDITED:
        text = translate("TrackingsEditor", "{status} · edited").format(status=text)
    return text, delivery_tone(tracking.status)


class TrackingsEditor(QWidget):
    """The trackings table with its buttons. Call ``set_rows`` to show the draft's rows."""

    add_requested = Signal()
    edit_requested = Signal(object)  # TrackingKey
    cancel_requested = Signal(object)  # TrackingKey
    discard_requested = Signal(object)  # TrackingKey

    def __init__(self, tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[TrackingRow] = []
        self._errors: dict[TrackingKey, tuple[str, ...]] = {}
        self._can_cancel = True

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("trackingsTable")
        self.table.setAccessibleName(self.tr("Trackings"))
        self.table.setHorizontalHeaderLabels([spec.column_title for spec in TRACKING_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # one Tab stop; arrows move between rows
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.empty_label = QLabel(
            self.tr("No trackings yet. Add the parcel's courier and number."), self
        )
        set_role(self.empty_label, "muted")
        self.error_label = ErrorLabel(self)

        self.add_button = QPushButton(self.tr("Add &tracking…"), self)
        self.add_button.setToolTip(self.tr("Add a parcel to this order (sent with the next save)"))
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setToolTip(
            self.tr("Change the selected tracking (sent with the next save)")
        )
        self.discard_button = QPushButton(self.tr("Undo change"), self)
        self.discard_button.setToolTip(
            self.tr("Forget the unsaved change to the selected tracking")
        )
        self.cancel_button = QPushButton(self.tr("Cancel tracking…"), self)
        self.cancel_button.setToolTip(self.tr("Cancel the selected parcel (asks first)"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.table.installEventFilter(self)
        self.set_rows([])

    # -- public ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[TrackingRow]) -> None:
        """Show ``rows``, keeping the selected tracking selected."""
        selected = self.selected_key()
        self._rows = list(rows)
        self._errors = {k: v for k, v in self._errors.items() if k in {r.key for r in rows}}
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill_row(index, row)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self._fit_height()
        self._show_errors()
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def rows(self) -> list[TrackingRow]:
        return list(self._rows)

    def set_row_errors(self, errors: Mapping[TrackingKey, Sequence[str]]) -> None:
        """Mark rows the server refused (red, with its words); an empty mapping clears."""
        self._errors = {key: tuple(messages) for key, messages in errors.items()}
        for index, row in enumerate(self._rows):
            self._fill_row(index, row)
        self._show_errors()

    def row_errors(self, key: TrackingKey) -> tuple[str, ...]:
        return self._errors.get(key, ())

    def set_cancel_allowed(self, allowed: bool) -> None:
        """Cancelling needs a saved order (a new one has nothing to cancel yet)."""
        self._can_cancel = allowed
        self._update_buttons()

    def selected_key(self) -> TrackingKey | None:
        row = self.selected_row()
        return row.key if row is not None else None

    def selected_row(self) -> TrackingRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        index = indexes[0].row()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def select(self, key: TrackingKey) -> None:
        for index, row in enumerate(self._rows):
            if row.key == key:
                self.table.selectRow(index)
                return

    # -- internals ---------------------------------------------------------------------

    def _fit_height(self) -> None:
        """Tall enough for the rows (up to six) and, only when needed, the scroll bar."""
        visible = min(max(len(self._rows), 1), 6)
        header = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        needs_bar = self.table.horizontalHeader().length() > self.table.width() - frame
        bar = self.table.horizontalScrollBar().sizeHint().height() if needs_bar else 0
        self.table.setFixedHeight(header + visible * 26 + bar + frame)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The scroll bar comes and goes with the table's own width, known only once laid out.
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_height()
        return super().eventFilter(watched, event)

    def _cell_text(self, row: TrackingRow, name: str) -> str:
        tracking = row.tracking
        if name == "status":
            return status_badge(row)[0]
        if name == "cancelled_date":
            if not tracking.is_cancelled:
                return ""
            reason = tracking.cancelled_reason.label if tracking.cancelled_reason else "Cancelled"
            when = format_local(tracking.cancelled_date, self._tz)
            return f"{reason} · {when}" if when else reason
        value = getattr(tracking, name)
        kind = TRACKING_FIELD[name].kind
        if kind is FieldKind.BOOLEAN:
            return _yes_no(value)
        if kind is FieldKind.TAGS:
            return ", ".join(value)
        if kind is FieldKind.DATE:
            return value.isoformat() if value is not None else ""
        return "" if value is None else str(value)

    def _fill_row(self, index: int, row: TrackingRow) -> None:
        tracking = row.tracking
        texts = tuple(self._cell_text(row, name) for name in _COLUMN_FIELDS)
        errors = self._errors.get(row.key, ())
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == STATUS_COLUMN:
                _, tone = status_badge(row)
                foreground, background = tone_colors(tone)
                item.setForeground(QBrush(foreground))
                item.setBackground(QBrush(background))
                item.setToolTip(delivery_tooltip(tracking.status))
            if row.state is not TrackingState.SAVED:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            if errors:
                item.setBackground(QBrush(current_palette().color(Role.DANGER_SURFACE)))
                item.setForeground(QBrush(current_palette().color(Role.TEXT)))
                item.setToolTip("\n".join(errors))
            elif _COLUMN_FIELDS[column] == "cancelled_date" and tracking.cancelled_date:
                item.setToolTip(format_utc(tracking.cancelled_date))
            if column == 0 and errors:
                item.setText(f"⚠ {text}")
            self.table.setItem(index, column, item)

    def _show_errors(self) -> None:
        lines = [
            f"{key[0]} {key[1]}: {message}"
            for key, messages in self._errors.items()
            for message in messages
        ]
        self.error_label.set_messages(lines)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None and not row.tracking.is_cancelled)
        self.discard_button.setVisible(row is not None and row.state is not TrackingState.SAVED)
        self.cancel_button.setEnabled(
            self._can_cancel and row is not None and row.state is not TrackingState.NEW
        )

    def _on_edit_button_clicked(self) -> None:
        row = self.selected_row()
        if row is not None and not row.tracking.is_cancelled:
            self.edit_requested.emit(row.key)

    def _on_discard_button_clicked(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.discard_requested.emit(key)

    def _on_cancel_button_clicked(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.cancel_requested.emit(key)


class TrackingFormDialog(QDialog):
    """Adds a tracking, or edits one (courier and number then fixed: they identify it).

    The schema's tracking fields, one binding each; every edit goes into a ``TrackingDraft``,
    which judges it. The OK button is enabled only when the draft is valid. ``values()``
    gives the fields in JSON form.
    """

    def __init__(
        self,
        tracking: Tracking | None = None,
        *,
        existing: Collection[TrackingKey] = (),
        suggestions: Collection[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = TrackingDraft(tracking, existing=existing)
        editing = tracking is not None
        self.setWindowTitle(
            self.tr("Edit tracking {number}").format(number=tracking.tracking_number)
            if tracking is not None
            else self.tr("Add tracking")
        )

        self.bindings: dict[str, FieldBinding] = {}
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(14)
        texts = field_texts(TRACKING_EDITABLE, MnemonicAllocator(reserved=()))  # own window
        for spec in TRACKING_EDITABLE:
            binding = bind(spec, self, tag_suggestions=lambda: suggestions)
            binding.write(self.draft.value(spec.name))
            binding.changed.connect(partial(self._on_binding_changed, spec.name))
            self.bindings[spec.name] = binding
            if isinstance(binding, CheckBinding):
                binding.box.setText(texts[spec.name])
                form.addRow("", binding.cell)
            else:
                required = not editing and spec.required_on_create
                label = field_label(
                    texts[spec.name], binding.focus_target, required=required, parent=self
                )
                form.addRow(label, binding.cell)
        if editing:
            # Courier and number identify the tracking: changing them would add another one.
            for name in ("courier", "tracking_number"):
                self.bindings[name].set_locked(True)
                self.bindings[name].widget.setToolTip(
                    self.tr("The courier and number identify the tracking")
                )

        self.note = QLabel(self.tr("Sent to parcelLab when you save the order."), self)
        self.note.setEnabled(False)  # secondary text, in the palette's own muted colour
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            self.tr("Apply") if editing else self.tr("Add tracking"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._validate()
        first = "courier_service_level" if editing else "courier"
        self.bindings[first].focus_target.setFocus()
        name_fields_from_labels(self)

    def values(self) -> dict[str, Any]:
        """The tracking's fields in JSON form; an untouched yes/no that was unset stays unset."""
        return self.draft.values()

    def field_errors(self) -> dict[str, tuple[str, ...]]:
        return self.draft.all_errors()

    def _on_binding_changed(self, name: str) -> None:
        self.draft.set_value(name, self.bindings[name].read())
        self._validate()

    def _validate(self) -> None:
        shown = self.draft.shown_errors()
        for name, binding in self.bindings.items():
            binding.set_errors(shown.get(name, ()))
        self.ok_button.setEnabled(self.draft.is_valid)
