"""Confirming a cancel: of the whole order, or of one tracking.

Nothing is preselected: the reason is a fact the agent states, so the confirm button stays
disabled until one is chosen. The time defaults to now in the agent's time zone, whose name
and UTC offset are shown beside it; ``cancelled_date()`` returns it with that zone, and the
service sends it as ISO 8601 with the offset. Escape (or "Keep ...") changes nothing. An order
or tracking that is cancelled already shows when and why, and offers only Close.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import ORDER_FIELD, CancelReason
from parcellab_desk.qt.order_columns import format_local
from parcellab_desk.ui.accessibility import set_accessible_name
from parcellab_desk.ui.editor_widgets import zone_label
from parcellab_desk.ui.field_bindings import DateTimeBinding
from parcellab_desk.ui.theme import set_role
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

__all__ = ["CancelDialog", "CancelOrderDialog", "CancelTrackingDialog"]

_REASON_HELP = {
    CancelReason.CUSTOMER: QT_TRANSLATE_NOOP("CancelDialog", "The customer asked for it"),
    CancelReason.INVENTORY: QT_TRANSLATE_NOOP(
        "CancelDialog", "Out of stock, or could not be fulfilled"
    ),
    CancelReason.PAYMENT: QT_TRANSLATE_NOOP("CancelDialog", "Payment failed or was withdrawn"),
    CancelReason.OTHER: QT_TRANSLATE_NOOP("CancelDialog", "Any other reason"),
}


def _tr(text: str) -> str:
    """For text marked with QT_TRANSLATE_NOOP above, or built before the dialog exists."""
    return translate("CancelDialog", text)


def _agent_zone(tz: tzinfo | None, now: datetime | None) -> tuple[tzinfo, datetime]:
    """The agent's zone (None: this machine's) and now in it."""
    moment = now if now is not None else datetime.now(tz)
    if moment.tzinfo is None:
        moment = moment.astimezone(tz)
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    zone = tz if tz is not None else local.tzinfo
    assert zone is not None  # astimezone() always sets one
    return zone, local


class CancelDialog(QDialog):
    """The shared body of both cancel dialogs; see the subclasses."""

    def __init__(
        self,
        *,
        window_title: str,
        heading: str,
        summary: str,
        confirm_text: str,
        keep_text: str,
        already: tuple[CancelReason | None, datetime | None] | None,
        tz: tzinfo | None,
        now: datetime | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title)
        self.setModal(True)
        self._tz, start = _agent_zone(tz, now)
        self.already_cancelled = already is not None

        self.heading = QLabel(f"<b style='font-size:13pt'>{escape(heading)}</b>", self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setMinimumWidth(440)

        self.reason_group = QButtonGroup(self)
        self.reason_group.setExclusive(True)
        self.reason_buttons: dict[CancelReason, QRadioButton] = {}
        reasons = QWidget(self)
        reasons_layout = QHBoxLayout(reasons)
        reasons_layout.setContentsMargins(0, 0, 0, 0)
        reasons_layout.setSpacing(14)
        for reason in CancelReason:
            button = QRadioButton(reason.label, reasons)
            button.setToolTip(_tr(_REASON_HELP[reason]))
            self.reason_group.addButton(button)
            self.reason_buttons[reason] = button
            reasons_layout.addWidget(button)
        reasons_layout.addStretch(1)

        # The same date-time binding as every other date and time the agent picks.
        self.when = DateTimeBinding(ORDER_FIELD["cancelled_date"], self, tz=self._tz)
        self.when.write(start.replace(second=0, microsecond=0).isoformat())
        self.when_edit = self.when.edit
        set_accessible_name(self.when_edit, self.tr("Cancelled at"))
        self.zone_label = QLabel(zone_label(self._tz, start), self)
        set_role(self.zone_label, "muted")
        self.zone_label.setToolTip(self.tr("Your time zone; the time is sent with this UTC offset"))
        when = QWidget(self)
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.when.cell)
        when_layout.addWidget(self.zone_label)
        when_layout.addStretch(1)

        self.reason_hint = QLabel(self.tr("Choose a reason to continue."), self)
        set_role(self.reason_hint, "muted")

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Reason:"), reasons)
        form.addRow(self.tr("When:"), when)

        self.buttons = QDialogButtonBox(self)
        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)

        if already is None:
            self.keep_button = self.buttons.addButton(
                keep_text, QDialogButtonBox.ButtonRole.RejectRole
            )
            self.confirm_button: QPushButton | None = self.buttons.addButton(
                confirm_text, QDialogButtonBox.ButtonRole.AcceptRole
            )
            set_role(self.confirm_button, "destructive")
            self.confirm_button.setEnabled(False)
            self.confirm_button.setAutoDefault(False)
            # Enter must not destroy anything: the safe button is the default.
            self.keep_button.setDefault(True)
            layout.addLayout(form)
            layout.addWidget(self.reason_hint)
            self.reason_group.buttonToggled.connect(self._on_reason_group_button_toggled)
            self.when.changed.connect(self._on_when_changed)
        else:
            self.keep_button = self.buttons.addButton(
                self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
            )
            self.confirm_button = None
            self.keep_button.setDefault(True)
            reasons.hide()
            when.hide()
            self.reason_hint.hide()
            for label in (form.labelForField(reasons), form.labelForField(when)):
                if label is not None:
                    label.hide()
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- what the agent chose --------------------------------------------------------------

    def reason(self) -> CancelReason | None:
        for reason, button in self.reason_buttons.items():
            if button.isChecked():
                return reason
        return None

    def cancelled_date(self) -> datetime:
        """The chosen moment in the agent's time zone (aware)."""
        return self.when.moment().replace(second=0)

    def cancelled_date_iso(self) -> str:
        """``2026-11-27T14:05:00+01:00``: what the service sends."""
        return self.cancelled_date().isoformat(timespec="seconds")

    # -- slots ----------------------------------------------------------------------------

    def _on_reason_group_button_toggled(self, _button: QRadioButton, _checked: bool) -> None:
        chosen = self.reason() is not None
        if self.confirm_button is not None:
            self.confirm_button.setEnabled(chosen)
        self.reason_hint.setVisible(not chosen)

    def _on_when_changed(self) -> None:
        # The offset can differ on the chosen day (summer time).
        self.zone_label.setText(zone_label(self._tz, self.cancelled_date()))


def _already_text(
    what: str, reason: CancelReason | None, when: datetime | None, tz: tzinfo | None
) -> str:
    said = reason.label if reason is not None else translate("CancelDialog", "no reason recorded")
    if when is None:
        text = translate(
            "CancelDialog",
            "{what} was cancelled (date not recorded). Reason: {reason}. "
            "It cannot be cancelled again.",
        )
    else:
        text = translate(
            "CancelDialog",
            "{what} was cancelled on {when}. Reason: {reason}. It cannot be cancelled again.",
        )
    return text.format(what=what, when=format_local(when, tz), reason=said)


class CancelOrderDialog(CancelDialog):
    """ "Cancel order 40012345?" with reason, time, and "Keep order" / "Cancel order"."""

    def __init__(
        self,
        order: Order,
        *,
        tz: tzinfo | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        number = order.order_number or translate("CancelDialog", "(no number)")
        active = [t for t in order.trackings if not t.is_cancelled]
        if order.is_cancelled:
            heading = translate("CancelDialog", "Order {number} is already cancelled").format(
                number=number
            )
            summary = _already_text(
                translate("CancelDialog", "Order {number}").format(number=number),
                order.cancelled_reason,
                order.cancelled_date,
                tz,
            )
            already: tuple[CancelReason | None, datetime | None] | None = (
                order.cancelled_reason,
                order.cancelled_date,
            )
        else:
            heading = translate("CancelDialog", "Cancel order {number}?").format(number=number)
            if not active:
                summary = translate(
                    "CancelDialog",
                    "This sets the order to Cancelled and stops parcel notifications. "
                    "The customer gets no further updates. It cannot be undone here.",
                )
            elif len(active) == 1:
                summary = translate(
                    "CancelDialog",
                    "This sets the order to Cancelled and stops parcel notifications for its "
                    "1 parcel. The customer gets no further updates. It cannot be undone here.",
                )
            else:
                summary = translate(
                    "CancelDialog",
                    "This sets the order to Cancelled and stops parcel notifications for its "
                    "%n parcels. The customer gets no further updates. It cannot be undone here.",
                    None,
                    len(active),
                )
            already = None
        super().__init__(
            window_title=translate("CancelDialog", "Cancel order {number}").format(number=number),
            heading=heading,
            summary=summary,
            confirm_text=translate("CancelDialog", "Cancel order"),
            keep_text=translate("CancelDialog", "Keep order"),
            already=already,
            tz=tz,
            now=now,
            parent=parent,
        )


class CancelTrackingDialog(CancelDialog):
    """Cancels one parcel: names its courier and tracking number; the order stays open."""

    def __init__(
        self,
        order: Order,
        tracking: Tracking,
        *,
        tz: tzinfo | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        courier = tracking.courier or "?"
        number = tracking.tracking_number or "?"
        order_number = order.order_number or translate("CancelDialog", "(no number)")
        if tracking.is_cancelled:
            heading = translate("CancelDialog", "Tracking {number} is already cancelled").format(
                number=number
            )
            summary = _already_text(
                translate("CancelDialog", "The {courier} tracking {number}").format(
                    courier=courier, number=number
                ),
                tracking.cancelled_reason,
                tracking.cancelled_date,
                tz,
            )
            already: tuple[CancelReason | None, datetime | None] | None = (
                tracking.cancelled_reason,
                tracking.cancelled_date,
            )
        else:
            heading = translate("CancelDialog", "Cancel tracking {number}?").format(number=number)
            summary = translate(
                "CancelDialog",
                "This marks the {courier} tracking {number} of order {order} as Cancelled and "
                "stops notifications for this parcel. The order and its other parcels stay as "
                "they are. It cannot be undone here.",
            ).format(courier=courier, number=number, order=order_number)
            already = None
        super().__init__(
            window_title=translate("CancelDialog", "Cancel tracking {number}").format(
                number=number
            ),
            heading=heading,
            summary=summary,
            confirm_text=translate("CancelDialog", "Cancel tracking"),
            keep_text=translate("CancelDialog", "Keep tracking"),
            already=already,
            tz=tz,
            now=now,
            parent=parent,
        )
