"""Bulk work in the real main window against the sandbox: selection, bulk tag and cancel
through their dialogs, import with a marked preview, export, the jobs panel, resume."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.import_preview_model import ERROR_ROLE
from parcellab_desk.qt.job_handles import JobHandle
from parcellab_desk.qt.order_pages import ClientPageSource, OrderQuery
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.job_journal import JobJournal
from parcellab_desk.services.job_operations import params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, rows_for_orders
from parcellab_desk.services.job_runner import JobState, RunnerSettings
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.bulk_dialogs import (
    BulkCancelOrdersDialog,
    BulkCancelTrackingsDialog,
    BulkTagsDialog,
)
from parcellab_desk.ui.bulk_work import BulkWork
from parcellab_desk.ui.dialog_async import dialog_events
from parcellab_desk.ui.export_dialog import ExportDialog
from parcellab_desk.ui.import_dialog import ImportDialog
from parcellab_desk.ui.main_window import MainWindow
from tests.signals import next_emission, until
from tests.window_teardown import end_window

PAGE = 20


@dataclass
class Desk:
    window: MainWindow
    model: OrderTableModel
    bulk: BulkWork
    client: ParcelLabClient
    sandbox: EmbeddedSandbox
    journal: JobJournal


@pytest.fixture(scope="module")
def bulk_sandbox() -> Iterator[EmbeddedSandbox]:
    # Its own data: these tests tag and cancel orders the shared sandbox's tests rely on.
    with EmbeddedSandbox(demo_orders=80, seed=77) as running:
        yield running


async def open_desk(sandbox: EmbeddedSandbox, journal: JobJournal) -> Desk:
    runner = TaskRunner()
    client = ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    )
    model = OrderTableModel(ClientPageSource(client, page_size=PAGE), runner)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo",
        host_label="sandbox",
        profile_key="bulk",
        demo=True,
    )
    model.setParent(window)

    def export_source(query: OrderQuery) -> AsyncIterator[Order]:
        return client.iter_orders(
            accounts=query.accounts,
            ordering=query.ordering,
            descending=query.descending,
            page_size=50,
        )

    bulk = BulkWork(
        window,
        runner=runner,
        client=client,
        journal=journal,
        export_source=export_source,
        settings=RunnerSettings(backoff_initial=0.005),
    )
    window.show()
    await until(lambda: model.loaded_count > 0, model.page_loaded)
    return Desk(window, model, bulk, client, sandbox, journal)


async def close_desk(desk: Desk) -> None:
    await end_window(desk.window, desk.window._runner, desk.client)


@pytest.fixture
async def desk(qtbot: QtBot, bulk_sandbox: EmbeddedSandbox, tmp_path: Path) -> AsyncIterator[Desk]:
    # Closed and deleted by close_desk, after the tasks it started have ended.
    opened = await open_desk(bulk_sandbox, JobJournal(tmp_path / "jobs"))
    yield opened
    await close_desk(opened)


def select_rows(desk: Desk, rows: range | list[int]) -> None:
    selection = desk.window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            desk.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


async def dialog_of(kind: type[QDialog], trigger: object) -> QDialog:
    opened = asyncio.ensure_future(next_emission(dialog_events.opened))
    trigger.trigger()  # type: ignore[attr-defined]
    (dialog,) = await opened
    assert isinstance(dialog, kind)
    return dialog


async def test_ctrl_a_selects_the_loaded_rows_and_the_selection_survives_a_new_page(
    desk: Desk,
) -> None:
    table, model = desk.window.table, desk.model
    table.setFocus()
    QTest.keySequence(table, QKeySequence.StandardKey.SelectAll)
    assert len(table.selectionModel().selectedRows()) == PAGE
    assert desk.bulk.selection_label.text() == f"{PAGE} selected"
    assert desk.bulk.add_tags_action.isEnabled()
    select_rows(desk, [1, 3, 5])
    chosen = [o.external_id for o in desk.bulk.selected_orders()]
    table.scrollToBottom()
    await until(lambda: model.loaded_count >= 2 * PAGE, model.page_loaded)
    assert [o.external_id for o in desk.bulk.selected_orders()] == chosen
    assert desk.bulk.selection_label.text() == "3 selected"


async def test_bulk_tag_through_the_dialog_tags_every_selected_order(desk: Desk) -> None:
    select_rows(desk, range(2, 8))
    orders = desk.bulk.selected_orders()
    dialog = await dialog_of(BulkTagsDialog, desk.bulk.add_tags_action)
    assert isinstance(dialog, BulkTagsDialog)
    assert not dialog.confirm_button.isEnabled()
    dialog.tags_edit.setText("escalation:ui-1, priority:vip")
    accounts = sorted({o.account or 0 for o in orders})
    where = "account" if len(accounts) == 1 else "accounts"
    assert dialog.summary.text().startswith(
        f"Add “escalation:ui-1”, “priority:vip” to 6 orders of {where} "
        f"{', '.join(map(str, accounts))}?"
    )
    started = asyncio.ensure_future(next_emission(desk.bulk.job_started))
    dialog.confirm_button.click()
    (handle,) = await started
    assert isinstance(handle, JobHandle)
    if handle.job.state is not JobState.FINISHED:
        await next_emission(handle.stopped)
    assert handle.progress().done == 6
    card = desk.bulk.panel.card_for(handle)
    assert card is not None
    assert card.counts.text() == "Done 6 · Failed 0 · Skipped 0 · Left 0"
    assert desk.bulk.panel.isVisible()
    for order in orders:
        saved = await desk.client.get_order(order.external_id or "")
        assert {"escalation:ui-1", "priority:vip"} <= set(saved.tags)


async def test_bulk_cancel_says_what_it_will_do_and_lists_the_skipped(desk: Desk) -> None:
    candidates = [
        row
        for row in range(desk.model.loaded_count)
        if not desk.model.order_at(row).is_cancelled  # type: ignore[union-attr]
    ][:4]
    first = desk.model.order_at(candidates[0])
    assert first is not None
    cancelled = await desk.client.cancel_order(first, CancelReason.PAYMENT)
    desk.window.show_saved_order(cancelled)
    select_rows(desk, candidates)
    dialog = await dialog_of(BulkCancelOrdersDialog, desk.bulk.cancel_orders_action)
    assert isinstance(dialog, BulkCancelOrdersDialog)
    assert dialog.confirm_button is not None
    assert not dialog.confirm_button.isEnabled()  # no reason chosen yet
    dialog.reason_buttons[CancelReason.INVENTORY].click()
    accounts = sorted({o.account or 0 for o in dialog.to_cancel})
    where = "account" if len(accounts) == 1 else "accounts"
    assert dialog.summary.text() == (
        f"Cancel 3 orders of {where} {', '.join(map(str, accounts))} with reason Inventory? "
        f"1 already cancelled will be skipped: {first.order_number}. "
        "Their customers get no further parcel updates."
    )
    started = asyncio.ensure_future(next_emission(desk.bulk.job_started))
    dialog.confirm_button.click()
    (handle,) = await started
    assert isinstance(handle, JobHandle)
    if handle.job.state is not JobState.FINISHED:
        await next_emission(handle.stopped)
    progress = handle.progress()
    assert (progress.done, progress.skipped, progress.failed) == (3, 1, 0)
    card = desk.bulk.panel.card_for(handle)
    assert card is not None
    assert card.problems_button.text() == "Show skipped and failed (1)"
    item = card.problems.topLevelItem(0)
    assert item is not None
    assert (item.text(0), item.text(1), item.text(2)) == (
        first.order_number,
        "skipped",
        "already cancelled (Payment-related)",
    )


async def test_cancel_trackings_dialog_counts_orders_without_that_courier(desk: Desk) -> None:
    with_trackings = [
        row
        for row in range(desk.model.loaded_count)
        if desk.model.order_at(row).trackings  # type: ignore[union-attr]
    ][:5]
    select_rows(desk, with_trackings)
    dialog = await dialog_of(BulkCancelTrackingsDialog, desk.bulk.cancel_trackings_action)
    assert isinstance(dialog, BulkCancelTrackingsDialog)
    courier = dialog.courier()
    assert courier is not None
    targets, cancelled, without = dialog.split()
    assert len(targets) + len(cancelled) + len(without) == 5
    dialog.reason_buttons[CancelReason.CUSTOMER].click()
    assert f"Cancel the {courier} trackings of" in dialog.summary.text()
    assert "with reason Customer?" in dialog.summary.text()
    dialog.reject()


SHEET_HEADER = "Bestellnummer;Konto;Kurier;Sendungsnummer;Versanddatum;Notiz"


async def test_import_shows_a_marked_preview_and_sends_only_the_good_rows(desk: Desk) -> None:
    orders = [desk.model.order_at(row) for row in range(10, 14)]
    lines = [SHEET_HEADER]
    for n, order in enumerate(orders):
        assert order is not None
        lines.append(f"{order.order_number};{order.account};gls;UI-IMP-{n};0{n + 1}.12.2026;Größe")
    lines.append(f"{orders[0].order_number};{orders[0].account};gls;UI-BAD;31.02.2026;Datum")  # type: ignore[union-attr]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")

    desk.sandbox.write_log.reset()  # the module's sandbox: other tests wrote before
    dialog = await dialog_of(ImportDialog, desk.bulk.import_action)
    assert isinstance(dialog, ImportDialog)
    assert dialog.load_bytes(data, "trackings.csv")
    assert "encoding Windows-1252, separated by semicolons" in dialog.file_info.text()
    dialog.go_next()
    assert dialog.mapping()[:5] == (
        "order_number", "account", "courier", "tracking_number", "announced_send_date",
    )  # fmt: skip
    assert "“Notiz”" in dialog.columns_hint.text()
    dialog.go_next()
    model = dialog.preview_table.model()
    assert model.index(4, 4).data(ERROR_ROLE) == (
        "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
    )
    assert model.index(4, 4).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, 4).data(ERROR_ROLE) is None
    assert dialog.next_button.text() == "Send 4 rows"
    assert "1 row has problems and will not be sent" in dialog.preview_summary.text()
    assert dialog.problems_list.count() == 1
    assert desk.sandbox.write_log.counts() == {}  # nothing sent before the agent confirms
    started = asyncio.ensure_future(next_emission(desk.bulk.job_started))
    dialog.go_next()
    (handle,) = await started
    assert isinstance(handle, JobHandle)
    if handle.job.state is not JobState.FINISHED:
        await next_emission(handle.stopped)
    assert handle.progress().done == 4
    second = orders[1]
    assert second is not None
    saved = await desk.client.get_order(second.external_id or "")
    assert saved.find_tracking("gls", "UI-IMP-1") is not None


async def test_export_dialog_writes_every_page_of_the_view(desk: Desk, tmp_path: Path) -> None:
    dialog = await dialog_of(ExportDialog, desk.bulk.export_action)
    assert isinstance(dialog, ExportDialog)
    target = tmp_path / "view.csv"
    dialog.path_edit.setText(str(target))
    finished = asyncio.ensure_future(next_emission(dialog.export_finished))
    dialog.start_export()
    await finished
    assert dialog.exported is not None
    assert dialog.exported.orders == 80  # every page, not the 20 rows loaded
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 81
    assert lines[0].split(";")[0] == "Order number"
    dialog.accept()


async def test_a_job_left_by_a_quit_is_offered_and_resumed(
    qtbot: QtBot, bulk_sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    journal = JobJournal(tmp_path / "jobs")
    async with ParcelLabClient(
        bulk_sandbox.base_url, BearerAuth(bulk_sandbox.demo_token)
    ) as client:
        orders = [o async for o in client.iter_orders(page_size=5)][:5]
    plan = JobPlan(
        JobKind.ADD_TAGS, "Left over", params_for_tags(["resume:ui"]), rows_for_orders(orders)
    )
    journal.open(plan).close()  # as a quit leaves it: the plan on disk, nothing done
    desk = await open_desk(bulk_sandbox, journal)
    try:
        opened = asyncio.ensure_future(next_emission(dialog_events.opened))
        desk.bulk.offer_resume()
        (box,) = await opened
        assert isinstance(box, QMessageBox)
        assert box.text() == "1 job from the last session did not finish (5 rows left)."
        (handle,) = desk.bulk.handles
        resume = next(b for b in box.buttons() if b.text() == "Resume")
        stopped = asyncio.ensure_future(next_emission(handle.stopped))
        resume.click()
        await stopped
        assert handle.progress().done == 5
        assert journal.unfinished() == []
    finally:
        await close_desk(desk)
