"""Render the search: the picker for an e-mail with several orders, an order found by tracking
number with its parcel timeline and courier link, the not-found sentence and the suggestions
for a partial number, against a local sandbox, into PNGs next to this script.

Run from the repository root:
    xvfb-run -a .venv/bin/python docs/screenshots/make_search_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_search_shots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import UTC
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QScrollArea
from shot_tools import demo_window, next_emission, shot, until

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.order_lookup import OrderLookupService
from parcellab_desk.services.recent_orders import RecentOrders
from parcellab_desk.ui.dialog_async import dialog_events
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.order_picker import OrderPickerDialog
from parcellab_desk.ui.parcel_timeline import ParcelTimeline


def shared_email(orders: list[Order]) -> str:
    accounts: dict[str, set[int | None]] = {}
    for order in orders:
        if "@" in (order.recipient_email or ""):
            accounts.setdefault(order.recipient_email or "", set()).add(order.account)
    return max(accounts, key=lambda e: (len(accounts[e]), e))


def search(window: MainWindow, text: str) -> None:
    window.open_box.edit.setText(text)
    window.open_box.edit.returnPressed.emit()


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        QCoreApplication.setOrganizationName("parcellab-desk-screenshots")
        sandbox = EmbeddedSandbox(Path(folder) / "demo.sqlite3", demo_orders=600).start()
        client = ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        )
        runner = TaskRunner()
        info = OrderInfoService(client)

        window = demo_window(
            sandbox,
            client,
            runner,
            page_size=500,
            time_zone=UTC,
            search=OrderLookupService(client, info, accounts=lambda: sandbox.accounts).search,
            parcels=info,
            recent=RecentOrders(Path(folder) / "recent", "screenshots"),
        )
        model = window.model
        window.resize(1360, 860)
        window.show()
        await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)
        orders = [o for o in (model.order_at(r) for r in range(model.loaded_count)) if o]

        # 1. an e-mail with orders in several accounts: the picker
        search(window, shared_email(orders).upper())
        (picker,) = await next_emission(dialog_events.opened)
        assert isinstance(picker, OrderPickerDialog)
        await shot(picker, "search_picker.png")
        picker.accept()
        await next_emission(window.order_opened)
        window.close_current_tab()
        await asyncio.sleep(0.2)

        # 2. a tracking number: the order opens with the parcel's timeline and courier link
        tracking = next(
            t
            for o in orders
            for t in o.trackings
            if t.courier == "dhl-germany" and t.status == "OutForDelivery"
        )
        number = tracking.tracking_number or ""
        search(window, " ".join(number[i : i + 4] for i in range(0, len(number), 4)))
        await next_emission(window.order_opened)
        editor = window.editor_tabs.current_editor()
        assert isinstance(editor, OrderEditor)
        editor.trackings_editor.select((tracking.courier or "", number))
        timeline = editor.findChild(ParcelTimeline)
        assert isinstance(timeline, ParcelTimeline)
        area = editor.findChild(QScrollArea)
        await asyncio.sleep(0.3)
        if area is not None:
            area.ensureWidgetVisible(timeline, 0, 0)
        await shot(window, "search_timeline.png")
        await shot(timeline, "parcel_timeline.png")
        window.close_current_tab()
        await asyncio.sleep(0.2)

        # 3. a partial number: suggestions while typing, and the sentence after Enter
        window.open_box.edit.setFocus()
        window.open_box.edit.setText("4001")
        window.open_box.update_suggestions()
        popup = window.open_box.completer.popup()
        await asyncio.sleep(0.3)
        if popup is not None and popup.isVisible():
            await shot(popup, "search_suggestions.png")
            popup.hide()
        window.open_box.edit.returnPressed.emit()
        await next_emission(window.lookup_failed)
        await shot(window, "search_not_found.png")

        window.close()
        await runner.aclose()
        await client.aclose()
        sandbox.stop()


if __name__ == "__main__":
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main())
