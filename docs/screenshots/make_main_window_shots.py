"""Render the main window in its loaded, loading, empty and error states, and with an order
open in the editor, against a local sandbox, into PNGs next to this script.

Run from the repository root:
    xvfb-run -a .venv/bin/python docs/screenshots/make_main_window_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_main_window_shots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from shot_tools import demo_window, shot, until

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.order_table_model import LoadState
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        QCoreApplication.setOrganizationName("parcellab-desk-screenshots")
        sandbox = EmbeddedSandbox(Path(folder) / "demo.sqlite3", demo_orders=400).start()
        client = ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        )
        runner = TaskRunner()

        window = demo_window(sandbox, client, runner)
        model = window.model
        window.resize(1360, 820)
        sandbox.faults.configure(latency_ms=1500)
        window.show()
        await asyncio.sleep(0.3)  # a screenshot of the first load in flight
        await shot(window, "main_loading.png")
        sandbox.faults.reset()
        await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)
        window.table.selectRow(2)
        await shot(window, "main_loaded.png")

        window.filter_bar.order_number.setText("40099999")
        window.filter_bar.apply_now()
        await until(lambda: model.is_empty, model.state_changed)
        await shot(window, "main_empty.png")
        window.filter_bar.clear()
        await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)

        # Following the cursor fails, and so does starting the listing again after it.
        sandbox.faults.fail_next(2, status=503, method="GET")
        window.table.scrollToBottom()
        await until(lambda: model.state is LoadState.FAILED, model.state_changed)
        window.table.scrollToBottom()
        await shot(window, "main_error.png")
        window.retry_button.click()
        await until(lambda: model.state is not LoadState.FAILED, model.state_changed)

        window.table.scrollToTop()
        order = model.order_at(1)
        assert order is not None
        window.open_order(order)
        await shot(window, "main_editor.png")

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
