"""Render the bulk-work screens against a local sandbox into PNGs next to this script: a
multi-row selection with the jobs panel mid-run, the bulk cancel and tag summaries, a job's
summary with its skipped orders, the import's columns and marked preview, the export dialog.

Run from the repository root:
    xvfb-run -a .venv/bin/python docs/screenshots/make_bulk_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_bulk_shots.py
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from shot_tools import demo_window, shot, until

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.order_pages import OrderQuery
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.job_journal import JobJournal
from parcellab_desk.services.job_operations import params_for_cancel, params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, rows_for_orders
from parcellab_desk.services.job_runner import JobState
from parcellab_desk.ui.bulk_dialogs import BulkCancelOrdersDialog, BulkTagsDialog, TagAction
from parcellab_desk.ui.bulk_work import BulkWork
from parcellab_desk.ui.export_dialog import ExportDialog
from parcellab_desk.ui.import_dialog import ImportDialog
from parcellab_desk.ui.main_window import MainWindow


def select(window: MainWindow, rows: range) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        QCoreApplication.setOrganizationName("parcellab-desk-screenshots")
        sandbox = EmbeddedSandbox(Path(folder) / "demo.sqlite3", demo_orders=400).start()
        client = ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        )
        runner = TaskRunner()

        window = demo_window(sandbox, client, runner, page_size=100)
        model = window.model

        def export_source(query: OrderQuery) -> AsyncIterator[Order]:
            return client.iter_orders(page_size=500)

        bulk = BulkWork(
            window,
            runner=runner,
            client=client,
            journal=JobJournal(Path(folder) / "jobs"),
            export_source=export_source,
        )
        window.resize(1280, 820)
        window.show()
        await until(lambda: model.loaded_count >= 100, model.page_loaded)

        # --- the summary of a bulk cancel, with orders that will be skipped ----------------
        for row in (3, 7):
            order = model.order_at(row)
            if order is not None and not order.is_cancelled:
                window.show_saved_order(await client.cancel_order(order, CancelReason.CUSTOMER))
        select(window, range(37))
        dialog = BulkCancelOrdersDialog(bulk.selected_orders(), parent=window)
        dialog.reason_buttons[CancelReason.INVENTORY].setChecked(True)
        dialog.show()
        await shot(dialog, "bulk_cancel_summary.png")
        dialog.reject()

        tags = BulkTagsDialog(
            TagAction.ADD, bulk.selected_orders(), known_tags=model.known_tags(), parent=window
        )
        tags.tags_edit.setText("escalation:4711, priority:vip")
        tags.show()
        await shot(tags, "bulk_tags.png")
        tags.reject()

        # --- a job's summary: done, and the orders it skipped ----------------------------------
        orders = bulk.selected_orders()
        title = f"Cancel {len(orders)} orders (Inventory)"
        params = params_for_cancel(CancelReason.INVENTORY)
        finished = bulk.start_job(
            JobPlan(JobKind.CANCEL_ORDERS, title, params, rows_for_orders(orders))
        )
        await until(lambda: finished.job.state is JobState.FINISHED, finished.changed)
        card = bulk.panel.card_for(finished)
        assert card is not None
        card.problems_button.setChecked(True)
        card.refresh()
        window.resizeDocks([bulk.panel], [300], Qt.Orientation.Vertical)

        # --- the jobs panel mid-run: a slow service and a 429 burst -----------------------------
        sandbox.faults.configure(latency_ms=60, error_rate=0.08, seed=3)
        select(window, range(37, 100))
        rows = rows_for_orders(await _all(client))
        running = bulk.start_job(
            JobPlan(
                JobKind.ADD_TAGS,
                "Add “escalation:4711” to 400 orders",
                params_for_tags(["escalation:4711"]),
                rows,
            )
        )
        await until(lambda: running.progress().finished_rows >= 120, running.changed)
        window.activateWindow()
        window.table.setFocus()
        # The last cancelled rows above the selection (which starts at row 37).
        window.table.scrollTo(model.index(31, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        await shot(window, "jobs_mid_run.png")
        running.pause()
        await shot(bulk.panel, "jobs_panel.png")
        running.cancel()
        sandbox.faults.reset()
        await until(lambda: not running.is_running, running.changed)

        # --- import: columns, then the marked preview ------------------------------------------
        lines = ["Bestellnummer;Konto;Kurier;Sendungsnummer;PLZ;Versanddatum;Notiz"]
        for n in range(14):
            order = model.order_at(40 + n)
            assert order is not None
            lines.append(
                f"{order.order_number};{order.account};dhl-germany;00340434{n:012d};80331;"
                f"0{n % 9 + 1}.12.2026;Größe M"
            )
        lines[3] = lines[3].replace("dhl-germany", "")
        lines[6] = lines[6].replace("12.2026", "13.2026")
        lines[9] = lines[9].replace(";80331;", ";80331-1234567890123456789012345678901;")
        lines[11] = ";" + lines[11].split(";", 1)[1]
        lines[13] = lines[13].replace(";1001;", ";zwölf;").replace(";1002;", ";zwölf;")
        sheet = ("\r\n".join(lines) + "\r\n").encode("cp1252")
        importer = ImportDialog(runner, parent=window)
        importer.load_bytes(sheet, "Nachlieferung-Trackings.csv")
        importer.show()
        await shot(importer, "import_file.png")
        importer.go_next()
        await shot(importer, "import_columns.png")
        importer.go_next()
        await shot(importer, "import_preview.png")
        importer.reject()

        exporter = ExportDialog(
            lambda: export_source(model.query),
            runner,
            columns=[],
            description="orders of every account",
            parent=window,
        )
        exporter.path_edit.setText("orders.csv")
        exporter.show()
        await shot(exporter, "export.png")
        exporter.reject()

        window.close()
        await runner.aclose()
        await client.aclose()
        sandbox.stop()


async def _all(client: ParcelLabClient) -> list[Order]:
    return [order async for order in client.iter_orders(page_size=500)]


if __name__ == "__main__":
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    qasync.run(main())
