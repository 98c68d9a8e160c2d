"""Render the order editor, its tags and trackings editors and both cancel dialogs into PNGs
next to this script.

Run from the repository root (under Xvfb, or offscreen):
    xvfb-run -a .venv/bin/python docs/screenshots/make_editor_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_editor_shots.py
The editor is fed a sample order; nothing is sent anywhere (the writer refuses every call).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_API", "pyside6")  # qasync then binds to PySide6 whatever the order

import qasync
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.tags_editor import TagsEditor
from parcellab_desk.ui.trackings_editor import TrackingFormDialog, TrackingsEditor
from tests.ui.form_helpers import enter

OUT = Path(__file__).resolve().parent
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 27, 14, 5, tzinfo=BERLIN)
KNOWN_TAGS = (
    "priority:vip",
    "category:womens fashion",
    "brand:Parkers",
    "season:W24",
    "channel:webshop",
    "escalation:open",
)

ORDER = Order.model_validate(
    {
        "external_id": "6f1c2a8e-1d3b-4a57-9a0e-2b7c9d4e5f60",
        "account": 1042,
        "order_number": "40012345",
        "external_reference": "SO-88121",
        "client_key": "brand-a.de",
        "timezone": "Europe/Berlin",
        "order_status": "PartiallyShipped",
        "has_multiple_shipments": True,
        "tags": ["priority:vip", "category:womens fashion", "gift"],
        "recipient_email": "erika.mustermann@example.com",
        "recipient_name": "Erika Mustermann",
        "destination_country_iso3": "DEU",
        "language_iso2": "de",
        "customer_number": "C-004711",
        "created_at": "2026-11-24T08:12:31Z",
        "updated_at": "2026-11-27T12:58:02Z",
        "warehouse": "Leipzig-2",
        "trackings": [
            {
                "courier": "dhl-germany",
                "tracking_number": "00340434161094042557",
                "recipient_postal_code": "10115",
                "destination_country_iso3": "DEU",
                "is_return": False,
                "notifications_inactive": False,
                "courier_service_level": "standard",
                "announced_send_date": "2026-11-25",
                "status": "OutForDelivery",
                "tags": ["box:2"],
            },
            {
                "courier": "dpd-de",
                "tracking_number": "01505012345678",
                "recipient_postal_code": "10115",
                "destination_country_iso3": "DEU",
                "is_return": False,
                "status": "Delivered",
            },
            {
                "courier": "dhl-germany",
                "tracking_number": "00340434161094042999",
                "recipient_postal_code": "10115",
                "is_return": True,
                "status": "InTransit",
                "cancelled_reason": "customer",
                "cancelled_date": "2026-11-26T09:30:00Z",
            },
        ],
    }
)


class NoWriter:
    """Screenshots never send anything."""

    async def post_order(self, order: Mapping[str, Any]) -> Order:
        raise RuntimeError("not sent")

    async def put_order(self, body: Mapping[str, Any]) -> Order:
        raise RuntimeError("not sent")

    async def get_order(self, unique_id: str) -> Order:
        raise RuntimeError("not sent")

    async def find_order(self, account: int, order_number: str) -> Order | None:
        raise RuntimeError("not sent")


async def settle(widget: QWidget) -> None:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def save(widget: QWidget, name: str) -> None:
    await settle(widget)
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    widget.close()


async def main() -> None:
    service = OrderEditingService(NoWriter())

    editor = OrderEditor(ORDER, service=service, tz=BERLIN, known_tags=lambda: KNOWN_TAGS)
    editor.resize(640, 1010)
    email = editor.inputs["recipient_email"]
    assert isinstance(email, QLineEdit)
    email.setText("erika.mustermann@example")
    email.textEdited.emit(email.text())  # as if typed: the live check runs
    editor.draft.put_tracking(
        {"courier": "gls", "tracking_number": "ZX81234567", "recipient_postal_code": "10115"}
    )
    editor.show_order(ORDER)
    await save(editor, "editor")

    frame = QWidget()
    tags = TagsEditor(ORDER.tags, suggestions=lambda: KNOWN_TAGS, parent=frame)
    box = QVBoxLayout(frame)
    box.setContentsMargins(12, 12, 12, 12)
    box.addWidget(tags)
    frame.setFixedWidth(540)
    tags.input.setText("gift")
    await settle(frame)
    frame.setFixedHeight(tags.minimumSizeHint().height() + 24)
    await save(frame, "tags_editor")

    trackings = TrackingsEditor(tz=BERLIN)
    trackings.setContentsMargins(12, 12, 12, 12)
    trackings.set_rows(editor.draft.tracking_rows())
    trackings.set_row_errors(
        {
            ("gls", "ZX81234567"): (
                "Tracking number: A tracking with this courier and tracking number belongs "
                "to another order.",
            )
        }
    )
    trackings.resize(1180, 10)
    trackings.table.selectRow(0)
    await settle(trackings)
    trackings.resize(1180, trackings.sizeHint().height())
    await save(trackings, "trackings_editor")

    form = TrackingFormDialog(existing=[], suggestions=KNOWN_TAGS)
    enter(form.bindings["courier"], "dhl-germany")
    enter(form.bindings["tracking_number"], "00340434161094043001")
    enter(form.bindings["recipient_postal_code"], "10115")
    enter(form.bindings["destination_country_iso3"], "DEU")
    enter(form.bindings["announced_send_date"], "2026-11-31")
    await save(form, "tracking_form")

    cancel_order = CancelOrderDialog(ORDER, tz=BERLIN, now=NOW)
    await save(cancel_order, "cancel_order")

    cancel_order_chosen = CancelOrderDialog(ORDER, tz=BERLIN, now=NOW)
    cancel_order_chosen.reason_buttons[CancelReason.CUSTOMER].setChecked(True)
    await save(cancel_order_chosen, "cancel_order_reason_chosen")

    cancel_tracking = CancelTrackingDialog(ORDER, ORDER.trackings[0], tz=BERLIN, now=NOW)
    await save(cancel_tracking, "cancel_tracking")

    already = CancelTrackingDialog(ORDER, ORDER.trackings[2], tz=BERLIN, now=NOW)
    await save(already, "cancel_tracking_already_cancelled")


if __name__ == "__main__":
    app = QApplication(sys.argv)
    qasync.run(main())
