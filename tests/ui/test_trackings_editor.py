"""The trackings table, its buttons and the tracking form."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import COURIER_CODES, CancelReason
from parcellab_desk.services.order_editing import OrderDraft, TrackingRow, TrackingState
from parcellab_desk.ui.trackings_editor import COLUMNS, TrackingFormDialog, TrackingsEditor
from tests.ui.form_helpers import enter, tick

BERLIN = ZoneInfo("Europe/Berlin")
DELIVERED = Tracking(
    courier="dpd-de",
    tracking_number="01505012345678",
    recipient_postal_code="10115",
    destination_country_iso3="DEU",
    is_return=False,
    notifications_inactive=True,
    courier_service_level="express",
    announced_send_date="2026-11-25",
    tags=["box:2"],
    status="Delivered",
)
CANCELLED = Tracking(
    courier="gls",
    tracking_number="G-1",
    cancelled_reason=CancelReason.CUSTOMER,
    cancelled_date=datetime(2026, 11, 26, 9, 30, tzinfo=UTC),
)
ORDER = Order(
    external_id="6f1c2a8e-1d3b-4a57-9a0e-2b7c9d4e5f60",
    account=1042,
    order_number="40012345",
    trackings=[DELIVERED, CANCELLED],
)


def make(qtbot: QtBot, rows: list[TrackingRow]) -> TrackingsEditor:
    editor = TrackingsEditor(tz=BERLIN)
    qtbot.addWidget(editor)
    editor.set_rows(rows)
    editor.show()
    return editor


def cells(editor: TrackingsEditor, row: int) -> dict[str, str]:
    return {
        name: editor.table.item(row, column).text()  # type: ignore[union-attr]
        for column, name in enumerate(COLUMNS)
    }


def draft_rows() -> list[TrackingRow]:
    draft = OrderDraft(ORDER)
    draft.put_tracking({"courier": "ups", "tracking_number": "1Z999"})
    return draft.tracking_rows()


def test_every_column_of_a_tracking_is_shown(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    assert cells(editor, 0) == {
        "Courier": "dpd-de",
        "Tracking number": "01505012345678",
        "Delivery status": "Delivered",
        "Postal code": "10115",
        "Destination": "DEU",
        "Return": "No",
        "Notifications off": "Yes",
        "Service level": "express",
        "Send date": "2026-11-25",
        "Tags": "box:2",
        "Cancelled": "",
    }
    assert cells(editor, 1)["Cancelled"] == "Customer · 2026-11-26 10:30"  # Berlin time
    assert cells(editor, 1)["Delivery status"] == "Cancelled"
    assert cells(editor, 2)["Delivery status"] == "New · not saved"


def test_an_empty_order_says_so(qtbot: QtBot) -> None:
    editor = make(qtbot, [])
    assert editor.empty_label.isVisible()
    assert not editor.table.isVisible()
    assert editor.add_button.isEnabled()


def test_buttons_follow_the_selected_row(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    assert not editor.edit_button.isEnabled()
    assert not editor.cancel_button.isEnabled()
    editor.table.selectRow(0)  # saved
    assert editor.edit_button.isEnabled()
    assert editor.cancel_button.isEnabled()
    assert not editor.discard_button.isVisible()
    editor.table.selectRow(1)  # cancelled: cannot be edited; Cancel shows when and why
    assert not editor.edit_button.isEnabled()
    assert editor.cancel_button.isEnabled()
    editor.table.selectRow(2)  # new: nothing to cancel yet, but the addition can be undone
    assert editor.edit_button.isEnabled()
    assert not editor.cancel_button.isEnabled()
    assert editor.discard_button.isVisible()


def test_buttons_ask_with_the_trackings_key(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    editor.table.selectRow(0)
    with qtbot.waitSignal(editor.edit_requested) as edit:
        editor.edit_button.click()
    assert edit.args == [("dpd-de", "01505012345678")]
    with qtbot.waitSignal(editor.cancel_requested) as cancel:
        editor.cancel_button.click()
    assert cancel.args == [("dpd-de", "01505012345678")]
    editor.table.selectRow(2)
    with qtbot.waitSignal(editor.discard_requested) as discard:
        editor.discard_button.click()
    assert discard.args == [("ups", "1Z999")]
    with qtbot.waitSignal(editor.add_requested):
        editor.add_button.click()


def test_a_new_order_cannot_cancel_trackings(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    editor.set_cancel_allowed(False)
    editor.table.selectRow(0)
    assert not editor.cancel_button.isEnabled()


def test_a_row_the_server_refused_is_marked_with_its_words(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    message = "Tracking number: belongs to another order."
    editor.set_row_errors({("ups", "1Z999"): (message,)})
    item = editor.table.item(2, 0)
    assert item is not None
    assert item.text() == "⚠ ups"
    assert item.toolTip() == message
    assert editor.error_label.isVisible()
    assert editor.error_label.text() == f"ups 1Z999: {message}"
    editor.set_rows(draft_rows())  # a refresh keeps the mark while the row is there
    assert editor.row_errors(("ups", "1Z999")) == (message,)
    editor.set_row_errors({})
    assert not editor.error_label.isVisible()


def test_the_selection_survives_a_refresh(qtbot: QtBot) -> None:
    editor = make(qtbot, draft_rows())
    editor.table.selectRow(1)
    editor.set_rows(draft_rows())
    assert editor.selected_key() == ("gls", "G-1")


# --- the form -------------------------------------------------------------------------


def form(qtbot: QtBot, tracking: Tracking | None = None, **options: object) -> TrackingFormDialog:
    dialog = TrackingFormDialog(tracking, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_courier_is_picked_from_known_codes_or_typed(qtbot: QtBot) -> None:
    dialog = form(qtbot)
    combo = dialog.bindings["courier"].widget
    assert isinstance(combo, QComboBox)
    codes = [combo.itemText(i) for i in range(combo.count())]
    assert codes[1:] == list(COURIER_CODES)
    assert not dialog.ok_button.isEnabled()
    assert not dialog.bindings["courier"].errors()  # not reached yet: not an error yet
    enter(dialog.bindings["courier"], "my-regional-courier")  # free entry
    enter(dialog.bindings["tracking_number"], "RC-1")
    assert dialog.ok_button.isEnabled()
    values = dialog.values()
    assert (values["courier"], values["tracking_number"]) == ("my-regional-courier", "RC-1")
    assert values["is_return"] is None  # untouched yes/no stays unset
    assert values["tags"] == []


def test_fields_are_checked_as_typed(qtbot: QtBot) -> None:
    dialog = form(qtbot)
    enter(dialog.bindings["courier"], "ups")
    enter(dialog.bindings["tracking_number"], "1Z1")
    enter(dialog.bindings["announced_send_date"], "2026-11-31")
    assert dialog.bindings["announced_send_date"].errors() == (
        "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
    )
    assert not dialog.ok_button.isEnabled()
    enter(dialog.bindings["announced_send_date"], "2026-11-30")
    enter(dialog.bindings["recipient_postal_code"], "1" * 33)
    assert "no more than 32 characters" in dialog.bindings["recipient_postal_code"].errors()
    enter(dialog.bindings["recipient_postal_code"], "10115")
    enter(dialog.bindings["destination_country_iso3"], "Germany")
    assert dialog.ok_button.isEnabled()
    assert dialog.values()["destination_country_iso3"] == "DEU"


def test_a_tracking_the_order_has_already_is_refused(qtbot: QtBot) -> None:
    dialog = form(qtbot, existing=[("ups", "1Z1")])
    enter(dialog.bindings["courier"], "ups")
    enter(dialog.bindings["tracking_number"], "1Z1")
    assert not dialog.ok_button.isEnabled()
    assert "use Edit" in dialog.bindings["tracking_number"].errors()


def test_editing_keeps_courier_and_number(qtbot: QtBot) -> None:
    dialog = form(qtbot, DELIVERED)
    assert dialog.windowTitle() == "Edit tracking 01505012345678"
    assert not dialog.bindings["courier"].widget.isEnabled()
    number = dialog.bindings["tracking_number"].widget
    assert isinstance(number, QLineEdit)
    assert number.isReadOnly()
    assert dialog.ok_button.text() == "Apply"
    assert dialog.ok_button.isEnabled()
    tick(dialog.bindings["is_return"])
    values = dialog.values()
    assert values["is_return"] is True
    assert values["notifications_inactive"] is True
    assert values["announced_send_date"] == "2026-11-25"
    assert values["tags"] == ["box:2"]
    draft = OrderDraft(ORDER)
    draft.put_tracking(values)
    assert draft.patch()[0].body["mutations"] == [
        {
            "type": "add_tracking",
            "tracking": {
                "courier": "dpd-de",
                "tracking_number": "01505012345678",
                "is_return": True,
            },
        }
    ]
    assert draft.tracking_rows()[0].state is TrackingState.EDITED
