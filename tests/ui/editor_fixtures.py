"""An editor on a full order, shown in an active window, for the keyboard and wheel tests
(nothing is saved in them, so no server is needed)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from parcellab_desk.api.models import Order
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.order_editor import OrderEditor

FULL_ORDER = Order.model_validate(
    {
        "external_id": "0b7c5a9e-2f41-4c47-9a57-1f7d4c1f0e11",
        "account": 1001,
        "order_number": "40012345",
        "external_reference": "REF-40012345",
        "client_key": "brand-a.de",
        "timezone": "Europe/Berlin",
        "order_status": "Delivered",
        "has_multiple_shipments": True,
        "tags": ["priority:vip", "channel:webshop", "gift"],
        "recipient_email": "erika@example.com",
        "recipient_name": "Erika Mustermann",
        "destination_country_iso3": "DEU",
        "language_iso2": "de",
        "customer_number": "C-1",
        "created_at": "2026-11-20T08:00:00Z",
        "updated_at": "2026-11-21T08:00:00Z",
        "trackings": [
            {"courier": "dhl-germany", "tracking_number": "00340434161094043001"},
            {"courier": "ups", "tracking_number": "1Z999", "status": "InTransit"},
        ],
    }
)


class _NoWriter:
    """These tests never send: any call would be a bug."""

    def __getattr__(self, name: str) -> object:  # pragma: no cover - never reached
        raise AssertionError(f"unexpected call {name}")


def shown_editor(
    qtbot: QtBot, order: Order | None = FULL_ORDER, *, height: int = 480, **options: object
) -> OrderEditor:
    editor = OrderEditor(
        order,
        service=OrderEditingService(_NoWriter()),  # type: ignore[arg-type]
        tz=ZoneInfo("Europe/Berlin"),
        accounts=(1001, 1002),
        **options,  # type: ignore[arg-type]
    )
    qtbot.addWidget(editor)
    editor.resize(640, height)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    return editor
