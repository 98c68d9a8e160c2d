"""Cancel-order and cancel-tracking dialogs: reason required, time in the agent's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.field_bindings import DateTimeBinding

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 27, 14, 5, 42, tzinfo=BERLIN)
TRACKING = Tracking(courier="dhl-germany", tracking_number="00340434161094042557")
ORDER = Order(
    external_id="6f1c2a8e-1d3b-4a57-9a0e-2b7c9d4e5f60",
    account=1042,
    order_number="40012345",
    trackings=[TRACKING, Tracking(courier="gls", tracking_number="G-2")],
)


def order_dialog(qtbot: QtBot, order: Order = ORDER, **options: object) -> CancelOrderDialog:
    dialog = CancelOrderDialog(order, tz=BERLIN, now=NOW, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_nothing_is_preselected_and_confirm_waits_for_a_reason(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    assert dialog.reason() is None
    assert not any(button.isChecked() for button in dialog.reason_buttons.values())
    assert dialog.confirm_button is not None
    assert not dialog.confirm_button.isEnabled()
    assert dialog.reason_hint.isVisible()


@pytest.mark.parametrize("reason", list(CancelReason))
def test_every_reason_can_be_chosen(qtbot: QtBot, reason: CancelReason) -> None:
    dialog = order_dialog(qtbot)
    QTest.mouseClick(dialog.reason_buttons[reason], Qt.MouseButton.LeftButton)
    assert dialog.reason() is reason
    assert dialog.confirm_button is not None
    assert dialog.confirm_button.isEnabled()
    assert not dialog.reason_hint.isVisible()
    assert dialog.reason_buttons[reason].text() == reason.label
    dialog.confirm_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_time_defaults_to_now_in_the_agents_zone(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    assert dialog.when_edit.dateTime() == QDateTime(2026, 11, 27, 14, 5, 0)
    assert dialog.zone_label.text() == "Europe/Berlin (UTC+01:00)"
    assert dialog.cancelled_date() == datetime(2026, 11, 27, 14, 5, tzinfo=BERLIN)
    assert dialog.cancelled_date_iso() == "2026-11-27T14:05:00+01:00"


def test_a_summer_date_shows_and_sends_the_summer_offset(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    dialog.when_edit.setDateTime(QDateTime(2026, 7, 1, 9, 30, 0))
    assert dialog.zone_label.text() == "Europe/Berlin (UTC+02:00)"
    assert dialog.cancelled_date_iso() == "2026-07-01T09:30:00+02:00"


def test_the_time_is_picked_with_the_forms_date_time_binding(qtbot: QtBot) -> None:
    # One binding per kind: the dialog's time is the same binding a form's date-time field
    # uses, so a value written to it is what the cancel sends.
    dialog = order_dialog(qtbot)
    assert isinstance(dialog.when, DateTimeBinding)
    assert dialog.when.edit is dialog.when_edit
    dialog.when.write("2026-03-02T08:15:00+01:00")
    assert dialog.cancelled_date_iso() == "2026-03-02T08:15:00+01:00"
    assert dialog.when.read() == dialog.cancelled_date_iso()


def test_without_a_zone_the_machines_own_is_used(qtbot: QtBot) -> None:
    dialog = CancelOrderDialog(ORDER)
    qtbot.addWidget(dialog)
    moment = dialog.cancelled_date()
    assert moment.tzinfo is not None
    assert abs((datetime.now().astimezone() - moment).total_seconds()) < 120
    assert "(UTC" in dialog.zone_label.text()


def test_the_summary_says_what_happens(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    assert dialog.windowTitle() == "Cancel order 40012345"
    assert "Cancel order 40012345?" in dialog.heading.text()
    text = dialog.summary.text()
    assert "sets the order to Cancelled" in text
    assert "stops parcel notifications for its 2 parcels" in text
    assert dialog.keep_button.text() == "Keep order"
    assert dialog.confirm_button is not None
    assert dialog.confirm_button.text() == "Cancel order"


def test_escape_keeps_the_order(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    dialog.reason_buttons[CancelReason.CUSTOMER].click()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_enter_does_not_cancel(qtbot: QtBot) -> None:
    dialog = order_dialog(qtbot)
    dialog.reason_buttons[CancelReason.CUSTOMER].click()
    assert dialog.keep_button.isDefault()
    assert dialog.confirm_button is not None
    assert not dialog.confirm_button.isDefault()


def test_an_order_cancelled_already_shows_why_and_when(qtbot: QtBot) -> None:
    cancelled = ORDER.model_copy(
        update={
            "order_status": "Cancelled",
            "cancelled_reason": CancelReason.INVENTORY,
            "cancelled_date": datetime(2026, 11, 26, 8, 0, tzinfo=ZoneInfo("UTC")),
        }
    )
    dialog = order_dialog(qtbot, cancelled)
    assert dialog.already_cancelled
    assert dialog.confirm_button is None
    assert dialog.keep_button.text() == "Close"
    assert "already cancelled" in dialog.heading.text()
    text = dialog.summary.text()
    assert "2026-11-26 09:00" in text  # in Berlin time
    assert "Inventory" in text
    assert "cannot be cancelled again" in text
    assert not any(button.isVisible() for button in dialog.reason_buttons.values())


def test_the_tracking_dialog_names_courier_and_number(qtbot: QtBot) -> None:
    dialog = CancelTrackingDialog(ORDER, TRACKING, tz=BERLIN, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Cancel tracking 00340434161094042557?" in dialog.heading.text()
    text = dialog.summary.text()
    assert "dhl-germany tracking 00340434161094042557" in text
    assert "order 40012345" in text
    assert "other parcels stay as they are" in text
    assert dialog.keep_button.text() == "Keep tracking"
    assert dialog.confirm_button is not None
    assert dialog.confirm_button.text() == "Cancel tracking"
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_buttons[CancelReason.OTHER].click()
    assert dialog.confirm_button.isEnabled()
    assert dialog.cancelled_date_iso() == "2026-11-27T14:05:00+01:00"


def test_a_tracking_cancelled_already_cannot_be_cancelled_twice(qtbot: QtBot) -> None:
    cancelled = TRACKING.model_copy(
        update={
            "cancelled_reason": CancelReason.CUSTOMER,
            "cancelled_date": datetime(2026, 11, 26, 9, 30, tzinfo=ZoneInfo("UTC")),
        }
    )
    dialog = CancelTrackingDialog(ORDER, cancelled, tz=BERLIN, now=NOW)
    qtbot.addWidget(dialog)
    assert dialog.confirm_button is None
    assert "Customer" in dialog.summary.text()
    assert "2026-11-26 10:30" in dialog.summary.text()
