"""The order editor's header: which order this is, its status, and whether edits are unsaved.

It sits above the scrolling form, so the order number, the status badge, the cancelled badge
and the unsaved-changes marker stay in sight however far down the agent works.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_columns import BadgeTone, OrderColumn, badge, format_local, format_utc
from parcellab_desk.ui.editor_widgets import BadgeLabel
from parcellab_desk.ui.theme import set_role

__all__ = ["EditorHeader"]


def _muted(label: QLabel) -> QLabel:
    # The theme's secondary text colour (a disabled label would be too faint in dark mode).
    set_role(label, "muted")
    return label


class EditorHeader(QWidget):
    """Title, status badge ("Cancelled" for a cancelled order), external id (with Copy),
    times and the unsaved marker."""

    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorHeader")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("editorTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = BadgeLabel(parent=self)
        self.dirty_label = QLabel(self.tr("● Unsaved changes"), self)
        self.dirty_label.setObjectName("dirtyMarker")
        set_role(self.dirty_label, "warning")
        self.dirty_label.setToolTip(self.tr("Save (Ctrl+S) sends them; Revert forgets them"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.title_label)
        top.addWidget(self.status_badge)
        top.addStretch(1)
        top.addWidget(self.dirty_label)

        self.external_id_label = _muted(QLabel(self))
        self.external_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QToolButton(self)
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the external id"))
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.created_label = _muted(QLabel(self))
        self.updated_label = _muted(QLabel(self))
        self.cancelled_label = QLabel(self)
        set_role(self.cancelled_label, "strong")
        details = QHBoxLayout()
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        details.addWidget(self.external_id_label)
        details.addWidget(self.copy_button)
        details.addSpacing(10)
        details.addWidget(self.created_label)
        details.addSpacing(6)
        details.addWidget(self.updated_label)
        details.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(details)
        layout.addWidget(self.cancelled_label)

    def show_order(self, order: Order | None, tz: tzinfo | None, *, new_number: str = "") -> None:
        """Show ``order`` as saved (None: a new order, titled by ``new_number`` once typed)."""
        if order is None:
            title = self.tr("New order {number}").format(number=new_number).strip()
            self.title_label.setText(f"<b style='font-size:15pt'>{escape(title)}</b>")
            self.status_badge.set_badge(self.tr("Not created yet"), BadgeTone.ATTENTION)
            self.external_id_label.setText(self.tr("External id: assigned by parcelLab on save"))
            self.copy_button.hide()
            for label in (self.created_label, self.updated_label, self.cancelled_label):
                label.hide()
            return
        number = escape(order.order_number or self.tr("(no number)"))
        self.title_label.setText(
            "<b style='font-size:15pt'>" + self.tr("Order {number}").format(number=number) + "</b>"
        )
        status = badge(order, OrderColumn.ORDER_STATUS)
        if status is not None:
            self.status_badge.set_badge(status.text, status.tone)
        self.external_id_label.setText(
            self.tr("External id: {id}").format(id=order.external_id or "—")
        )
        self.copy_button.setVisible(bool(order.external_id))
        for label, caption, moment in (
            (self.created_label, self.tr("Created"), order.created_at),
            (self.updated_label, self.tr("Updated"), order.updated_at),
        ):
            label.setText(f"{caption} {format_local(moment, tz) or '—'}")
            label.setToolTip(format_utc(moment))
            label.show()
        cancelled = order.is_cancelled
        if cancelled:
            reason = (
                order.cancelled_reason.label if order.cancelled_reason else self.tr("no reason")
            )
            when = format_local(order.cancelled_date, tz) or self.tr("date unknown")
            self.cancelled_label.setText(
                self.tr("Cancelled · {reason} · {when}").format(reason=reason, when=when)
            )
            self.cancelled_label.setToolTip(format_utc(order.cancelled_date))
        self.cancelled_label.setVisible(cancelled)

    def _on_copy_button_clicked(self) -> None:
        self.copy_requested.emit()

    def set_dirty(self, dirty: bool) -> None:
        self.dirty_label.setVisible(dirty)
