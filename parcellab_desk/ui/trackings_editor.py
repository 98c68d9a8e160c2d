"""An order's trackings: a compact table with Add / Edit / Cancel, and the tracking form.

The table shows the draft's rows (saved, new or edited; new and edited ones are sent with
the next save as ``add_tracking``). It only asks: ``add_requested``, ``edit_requested``,
``cancel_requested`` and ``discard_requested`` carry a tracking key, and the editor decides.
A row the server refused is marked in red with the server's words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import tzinfo
from typing import Any, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Tracking
from parcellab_desk.api.schema import COURIER_CODES, TRACKING_FIELD, DeliveryGroup, delivery_group
from parcellab_desk.api.validation import check_field
from parcellab_desk.qt.order_columns import BadgeTone, format_local, format_utc, tone_colors
from parcellab_desk.services.order_editing import (
    TrackingKey,
    TrackingRow,
    TrackingState,
    value_from_text,
)
from parcellab_desk.ui.editor_widgets import ERROR_COLOR, CodeCombo, ErrorLabel, country_items
from parcellab_desk.ui.tags_editor import TagsEditor

__all__ = ["TrackingFormDialog", "TrackingsEditor"]

COLUMNS: Final = (
    "Courier",
    "Tracking number",
    "Delivery status",
    "Postal code",
    "Destination",
    "Return",
    "Notifications off",
    "Service level",
    "Send date",
    "Tags",
    "Cancelled",
)
STATUS_COLUMN: Final = 2

_GROUP_TONES: Final = {
    DeliveryGroup.PENDING: BadgeTone.NEUTRAL,
    DeliveryGroup.IN_TRANSIT: BadgeTone.PROGRESS,
    DeliveryGroup.OUT_FOR_DELIVERY: BadgeTone.PROGRESS,
    DeliveryGroup.DELIVERED: BadgeTone.SUCCESS,
    DeliveryGroup.FAILED_ATTEMPT: BadgeTone.ATTENTION,
    DeliveryGroup.EXCEPTION: BadgeTone.PROBLEM,
    DeliveryGroup.RETURN: BadgeTone.ATTENTION,
    DeliveryGroup.UNKNOWN: BadgeTone.NEUTRAL,
}
_ERROR_BACKGROUND: Final = QColor("#fce8e6")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def status_badge(row: TrackingRow) -> tuple[str, BadgeTone]:
    """The delivery-status cell: words first, tone second."""
    tracking = row.tracking
    if tracking.is_cancelled:
        return "Cancelled", BadgeTone.CANCELLED
    if row.state is TrackingState.NEW:
        return "New · not saved", BadgeTone.ATTENTION
    text = tracking.status or "No status yet"
    if row.state is TrackingState.EDITED:
        text += " · edited"
    return text, _GROUP_TONES[delivery_group(tracking.status)]


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
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
        self.empty_label = QLabel("No trackings yet. Add the parcel's courier and number.", self)
        self.empty_label.setStyleSheet("color: #80868b;")
        self.error_label = ErrorLabel(self)

        self.add_button = QPushButton("Add tracking…", self)
        self.add_button.setToolTip("Add a parcel to this order (sent with the next save)")
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setToolTip("Change the selected tracking (sent with the next save)")
        self.discard_button = QPushButton("Undo change", self)
        self.discard_button.setToolTip("Forget the unsaved change to the selected tracking")
        self.cancel_button = QPushButton("Cancel tracking…", self)
        self.cancel_button.setToolTip("Cancel the selected parcel (asks first)")
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

    def _fill_row(self, index: int, row: TrackingRow) -> None:
        tracking = row.tracking
        cancelled = ""
        if tracking.is_cancelled:
            reason = tracking.cancelled_reason.label if tracking.cancelled_reason else "Cancelled"
            when = format_local(tracking.cancelled_date, self._tz)
            cancelled = f"{reason} · {when}" if when else reason
        send_date = tracking.announced_send_date
        texts = (
            tracking.courier or "",
            tracking.tracking_number or "",
            status_badge(row)[0],
            tracking.recipient_postal_code or "",
            tracking.destination_country_iso3 or "",
            _yes_no(tracking.is_return),
            _yes_no(tracking.notifications_inactive),
            tracking.courier_service_level or "",
            send_date.isoformat() if send_date is not None else "",
            ", ".join(tracking.tags),
            cancelled,
        )
        errors = self._errors.get(row.key, ())
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == STATUS_COLUMN:
                _, tone = status_badge(row)
                foreground, background = tone_colors(tone)
                item.setForeground(QBrush(foreground))
                item.setBackground(QBrush(background))
            if row.state is not TrackingState.SAVED:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            if errors:
                item.setBackground(QBrush(_ERROR_BACKGROUND))
                item.setForeground(QBrush(QColor(ERROR_COLOR)))
                item.setToolTip("\n".join(errors))
            elif column == len(texts) - 1 and tracking.cancelled_date is not None:
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

    Every field is checked as it is typed with the contract's validators; the OK button is
    enabled only when all are fine. ``values()`` gives the fields in JSON form.
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
        self._original = tracking
        self._existing = set(existing)
        editing = tracking is not None
        self.setWindowTitle(
            f"Edit tracking {tracking.tracking_number}" if tracking is not None else "Add tracking"
        )

        self.courier_combo = QComboBox(self)
        self.courier_combo.setEditable(True)
        self.courier_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.courier_combo.addItems(["", *COURIER_CODES])
        line = self.courier_combo.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText("Pick a courier or type its code")
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText("As printed on the label")
        self.postal_edit = QLineEdit(self)
        self.country_combo = CodeCombo(
            country_items(), upper=True, placeholder="Type a country or code", parent=self
        )
        self.service_edit = QLineEdit(self)
        self.service_edit.setPlaceholderText("e.g. express")
        self.send_date_edit = QLineEdit(self)
        self.send_date_edit.setPlaceholderText("YYYY-MM-DD")
        self.return_box = QCheckBox("This parcel is a return", self)
        self.notifications_box = QCheckBox("Send no notifications for this parcel", self)
        self.tags_editor = TagsEditor(suggestions=lambda: suggestions, parent=self)
        self.tags_editor.input.setPlaceholderText("key:value, then Enter")

        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(14)
        for name, widget in (
            ("courier", self.courier_combo),
            ("tracking_number", self.number_edit),
            ("recipient_postal_code", self.postal_edit),
            ("destination_country_iso3", self.country_combo),
            ("courier_service_level", self.service_edit),
            ("announced_send_date", self.send_date_edit),
        ):
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            box_layout.addWidget(widget)
            error = ErrorLabel(box)
            box_layout.addWidget(error)
            self.errors[name] = error
            form.addRow(f"{TRACKING_FIELD[name].label}:", box)
        form.addRow("", self.return_box)
        form.addRow("", self.notifications_box)
        form.addRow("Tags:", self.tags_editor)

        self.note = QLabel("Sent to parcelLab when you save the order.", self)
        self.note.setStyleSheet("color: #5f6368;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            "Apply" if editing else "Add tracking", QDialogButtonBox.ButtonRole.AcceptRole
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

        if tracking is not None:
            self.courier_combo.setEditText(tracking.courier or "")
            self.number_edit.setText(tracking.tracking_number or "")
            # Courier and number identify the tracking: changing them would add another one.
            self.courier_combo.setEnabled(False)
            self.number_edit.setReadOnly(True)
            self.number_edit.setToolTip("The courier and number identify the tracking")
            self.postal_edit.setText(tracking.recipient_postal_code or "")
            self.country_combo.set_code(tracking.destination_country_iso3)
            self.service_edit.setText(tracking.courier_service_level or "")
            send = tracking.announced_send_date
            self.send_date_edit.setText(send.isoformat() if send is not None else "")
            self.return_box.setChecked(bool(tracking.is_return))
            self.notifications_box.setChecked(bool(tracking.notifications_inactive))
            self.tags_editor.set_tags(tracking.tags)

        for signal in (
            self.courier_combo.editTextChanged,
            self.number_edit.textChanged,
            self.postal_edit.textChanged,
            self.service_edit.textChanged,
            self.send_date_edit.textChanged,
        ):
            signal.connect(self._validate)
        self.country_combo.code_changed.connect(self._validate)
        self._validate()
        (self.number_edit if editing else self.courier_combo).setFocus()

    def _text_values(self) -> dict[str, Any]:
        texts = {
            "courier": self.courier_combo.currentText(),
            "tracking_number": self.number_edit.text(),
            "recipient_postal_code": self.postal_edit.text(),
            "courier_service_level": self.service_edit.text(),
            "announced_send_date": self.send_date_edit.text(),
        }
        values = {name: value_from_text(TRACKING_FIELD[name], text) for name, text in texts.items()}
        values["destination_country_iso3"] = self.country_combo.code() or ""  # "" empties it
        return values

    def values(self) -> dict[str, Any]:
        """The tracking's fields in JSON form; an untouched yes/no that was unset stays unset."""
        values = self._text_values()
        for name, box in (
            ("is_return", self.return_box),
            ("notifications_inactive", self.notifications_box),
        ):
            before = getattr(self._original, name) if self._original is not None else None
            values[name] = True if box.isChecked() else (None if before is None else False)
        values["tags"] = self.tags_editor.tags()
        return values

    def field_errors(self) -> dict[str, tuple[str, ...]]:
        values = self._text_values()
        found: dict[str, tuple[str, ...]] = {}
        for name, value in values.items():
            spec = TRACKING_FIELD[name]
            if spec.required_on_create and value in (None, ""):
                messages: tuple[str, ...] = ("This field is required.",)
            elif value is None and not spec.can_be_cleared:
                # Left empty: not sent. Once saved, the service takes no "empty" for it.
                before = getattr(self._original, name) if self._original is not None else None
                messages = ("parcelLab keeps this once set; it cannot be emptied.",) * (
                    before is not None
                )
            else:
                messages = tuple(e.detail for e in check_field(spec, value))
            if messages:
                found[name] = messages
        key = (str(values["courier"] or ""), str(values["tracking_number"] or ""))
        if self._original is None and key in self._existing:
            found["tracking_number"] = (
                "This order already has this tracking; select it and use Edit.",
            )
        return found

    def _validate(self, *_args: object) -> None:
        found = self.field_errors()
        for name, label in self.errors.items():
            # A required field the agent has not reached yet is not an error yet.
            untouched = name in ("courier", "tracking_number") and not self._text_values()[name]
            label.set_messages(() if untouched else found.get(name, ()))
        self.ok_button.setEnabled(not found)
