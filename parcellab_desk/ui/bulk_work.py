"""Bulk work in the main window: selection count, bulk actions, import, export, jobs panel.

``BulkWork.install(window, ...)`` adds everything through a few hooks of the window (its
menus, status bar and dock area) so the window itself stays about orders and editors:

- the selection count in the status bar ("37 selected");
- *Order ▸ Selected orders*: add tags, remove tags, cancel orders, cancel trackings by courier,
  each confirmed by a dialog that says what will happen and what will be skipped;
- *File ▸ Import…* and *File ▸ Export view…*;
- the jobs panel (*View ▸ Jobs*), where every job runs with progress and controls;
- at start, the offer to resume jobs a crash or a quit interrupted (journals are encrypted
  with the drafts' key; without one, jobs run without a journal).

Jobs go through a client of their own that does not retry by itself, so the job runner's
shared rate-limit gate sees every 429 (see ``services.job_runner``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox

from parcellab_desk.api.models import Order
from parcellab_desk.qt.job_handles import JobHandle
from parcellab_desk.qt.order_columns import OrderColumn
from parcellab_desk.qt.order_pages import OrderQuery
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.job_journal import JobJournal, JournalEntry
from parcellab_desk.services.job_operations import params_for_cancel, params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, rows_for_orders
from parcellab_desk.services.job_runner import Job, JobClient, RunnerSettings
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.jobs_panel import JobsPanel

# The dialogs (and the CSV and export code behind them) are imported when the agent first
# opens one: the window's first rows should not wait for them.

if TYPE_CHECKING:
    from parcellab_desk.ui.bulk_dialogs import TagAction
    from parcellab_desk.ui.main_window import MainWindow

__all__ = ["BulkWork", "ExportSource"]

ExportSource = Callable[[OrderQuery], AsyncIterator[Order]]
"""Every order of a query, page after page (the console passes the client's iter_orders)."""


class BulkWork(QObject):
    job_started = Signal(object)  # the JobHandle of a job the agent just confirmed

    def __init__(
        self,
        window: MainWindow,
        *,
        runner: TaskRunner,
        client: JobClient,
        journal: JobJournal | None,
        export_source: ExportSource,
        settings: RunnerSettings | None = None,
        time_zone: tzinfo | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._runner = runner
        self._client = client
        self._journal = journal
        self._export_source = export_source
        self._settings = settings or RunnerSettings()
        self._tz = time_zone
        self.handles: list[JobHandle] = []

        self.panel = JobsPanel(runner, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        self.panel.hide()
        self.selection_label = QLabel(window)
        self.selection_label.setObjectName("selectionCount")
        window.statusBar().addWidget(self.selection_label)
        self._build_actions()
        selection = window.table.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)
        window.model.modelReset.connect(self._on_selection_changed)
        window.model.rowsInserted.connect(self._on_selection_changed)
        self._on_selection_changed()

    # --- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        self.import_action = QAction(self.tr("&Import…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(self.tr("Add trackings or update orders from a CSV sheet"))
        self.import_action.triggered.connect(self.open_import)
        self.export_action = QAction(self.tr("&Export view…"), window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export)
        file_menu = window.file_menu
        existing = file_menu.actions()
        if existing:
            file_menu.insertAction(existing[0], self.import_action)
            file_menu.insertAction(existing[0], self.export_action)
            file_menu.insertSeparator(existing[0])
        else:
            file_menu.addActions([self.import_action, self.export_action])

        self.selected_menu = QMenu(self.tr("&Selected orders"), window)
        self.add_tags_action = self.selected_menu.addAction(
            self.tr("&Add tags…"), lambda: self._open_tags(adding=True)
        )
        self.remove_tags_action = self.selected_menu.addAction(
            self.tr("&Remove tags…"), lambda: self._open_tags(adding=False)
        )
        self.selected_menu.addSeparator()
        self.cancel_orders_action = self.selected_menu.addAction(
            self.tr("&Cancel orders…"), self.open_cancel_orders
        )
        self.cancel_trackings_action = self.selected_menu.addAction(
            self.tr("Cancel &trackings by courier…"), self.open_cancel_trackings
        )
        self.add_tags_action.setShortcut(QKeySequence("Ctrl+T"))
        window.order_menu.addSeparator()
        window.order_menu.addMenu(self.selected_menu)

        self.jobs_action = self.panel.toggleViewAction()
        self.jobs_action.setText(self.tr("&Jobs"))
        self.jobs_action.setShortcut(QKeySequence("Ctrl+J"))
        window.view_menu.addAction(self.jobs_action)

    def selected_orders(self) -> list[Order]:
        """The selected rows' orders, top to bottom (the status row is never selectable)."""
        rows = sorted(index.row() for index in self.window.table.selectionModel().selectedRows())
        orders = [self.window.model.order_at(row) for row in rows]
        return [order for order in orders if order is not None]

    def _on_selection_changed(self, *_args: object) -> None:
        count = len(self.window.table.selectionModel().selectedRows())
        self.selection_label.setText(
            self.tr("{n} selected").format(n=f"{count:,}") if count else ""
        )
        self.selection_label.setVisible(count > 1)
        for action in (
            self.add_tags_action,
            self.remove_tags_action,
            self.cancel_orders_action,
            self.cancel_trackings_action,
        ):
            action.setEnabled(count > 0)

    # --- bulk actions ------------------------------------------------------------------------

    def _open_tags(self, *, adding: bool) -> None:
        from parcellab_desk.ui.bulk_dialogs import TagAction

        self.open_tags(TagAction.ADD if adding else TagAction.REMOVE)

    def open_tags(self, action: TagAction) -> None:
        orders = self.selected_orders()
        if orders:
            self._runner.start(("bulk-dialog", id(self)), self._tags(action, orders))

    async def _tags(self, action: TagAction, orders: Sequence[Order]) -> None:
        from parcellab_desk.ui.bulk_dialogs import BulkTagsDialog, TagAction, orders_phrase

        dialog = BulkTagsDialog(
            action, orders, known_tags=self.window.model.known_tags(), parent=self.window
        )
        if await run_dialog(dialog) != BulkTagsDialog.DialogCode.Accepted:
            return
        tags = dialog.tags()
        adding = action is TagAction.ADD
        kind = JobKind.ADD_TAGS if adding else JobKind.REMOVE_TAGS
        who = orders_phrase(self.window, len(orders))
        title = (
            self.tr("Add {tags} to {who}") if adding else self.tr("Remove {tags} from {who}")
        ).format(tags=", ".join(tags), who=who)
        self.start_job(JobPlan(kind, title, params_for_tags(tags), rows_for_orders(orders)))

    def open_cancel_orders(self) -> None:
        orders = self.selected_orders()
        if orders:
            self._runner.start(("bulk-dialog", id(self)), self._cancel_orders(orders))

    async def _cancel_orders(self, orders: Sequence[Order]) -> None:
        from parcellab_desk.ui.bulk_dialogs import BulkCancelOrdersDialog, orders_phrase

        dialog = BulkCancelOrdersDialog(orders, tz=self._tz, parent=self.window)
        if await run_dialog(dialog) != BulkCancelOrdersDialog.DialogCode.Accepted:
            return
        reason = dialog.reason()
        if reason is None:
            return
        title = self.tr("Cancel {who} ({reason})").format(
            who=orders_phrase(self.window, len(orders)), reason=reason.label
        )
        params = params_for_cancel(reason, dialog.cancelled_date())
        # Already cancelled ones stay in the plan: the job skips and lists them.
        self.start_job(JobPlan(JobKind.CANCEL_ORDERS, title, params, rows_for_orders(orders)))

    def open_cancel_trackings(self) -> None:
        orders = self.selected_orders()
        if orders:
            self._runner.start(("bulk-dialog", id(self)), self._cancel_trackings(orders))

    async def _cancel_trackings(self, orders: Sequence[Order]) -> None:
        from parcellab_desk.ui.bulk_dialogs import BulkCancelTrackingsDialog, orders_phrase

        dialog = BulkCancelTrackingsDialog(orders, tz=self._tz, parent=self.window)
        if await run_dialog(dialog) != BulkCancelTrackingsDialog.DialogCode.Accepted:
            return
        reason, courier = dialog.reason(), dialog.courier()
        if reason is None or courier is None:
            return
        title = self.tr("Cancel {courier} trackings of {who} ({reason})").format(
            courier=courier, who=orders_phrase(self.window, len(orders)), reason=reason.label
        )
        params = params_for_cancel(reason, dialog.cancelled_date(), courier=courier)
        self.start_job(JobPlan(JobKind.CANCEL_TRACKINGS, title, params, rows_for_orders(orders)))

    # --- import and export ---------------------------------------------------------------------

    def open_import(self) -> None:
        self._runner.start(("import-dialog", id(self)), self._import())

    async def _import(self) -> None:
        from parcellab_desk.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self._runner, parent=self.window)
        if await run_dialog(dialog) != ImportDialog.DialogCode.Accepted or dialog.preview is None:
            return
        preview = dialog.preview
        name = dialog.path_edit.text().rsplit("/", 1)[-1] or self.tr("sheet")
        title = self.tr("Import {rows} rows from {name}").format(
            rows=f"{len(preview.good_rows):,}", name=name
        )
        self.start_job(preview.plan(title))

    def open_export(self) -> None:
        self._runner.start(("export-dialog", id(self)), self._export())

    async def _export(self) -> None:
        from parcellab_desk.services.export import ExportColumn
        from parcellab_desk.ui.export_dialog import ExportDialog

        query = self.window.model.query
        header = self.window.table.horizontalHeader()
        visible = [
            OrderColumn(header.logicalIndex(visual))
            for visual in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(visual))
        ]
        columns = [ExportColumn[column.name] for column in visible]
        accounts = ", ".join(str(a) for a in query.accounts)
        description = (
            self.tr("orders of accounts {accounts}").format(accounts=accounts)
            if accounts
            else self.tr("orders of every account")
        )
        dialog = ExportDialog(
            lambda: self._export_source(query),
            self._runner,
            columns=columns,
            description=description,
            parent=self.window,
        )
        await run_dialog(dialog)

    # --- jobs ------------------------------------------------------------------------------------

    def start_job(self, plan: JobPlan) -> JobHandle:
        handle = self._add(self._job(plan))
        handle.start()
        self.job_started.emit(handle)
        return handle

    def _job(self, plan: JobPlan) -> Job:
        return Job(plan, self._client, journal=self._journal, settings=self._settings)

    def _add(self, job: Job) -> JobHandle:
        handle = JobHandle(job, self._runner, self)
        handle.stopped.connect(self._on_job_stopped)
        self.handles.append(handle)
        self.panel.add(handle)
        return handle

    def _on_job_stopped(self, _progress: object) -> None:
        # Orders a job changed are shown as the table last loaded them: reload what is on
        # screen (keeping scroll and selection) so the agent sees the new tags and states.
        self.window.model.refresh()

    def unfinished(self) -> list[JournalEntry]:
        return self._journal.unfinished() if self._journal is not None else []

    def offer_resume(self) -> None:
        """At start: jobs a crash or a quit left unfinished are shown, and resuming is offered."""
        entries = [e for e in self.unfinished() if e.left]
        if entries:
            self._runner.start(("resume-offer", id(self)), self._offer(entries))

    async def _offer(self, entries: Sequence[JournalEntry]) -> None:
        handles = [self._add(self._job(entry.plan)) for entry in entries]
        left = sum(entry.left for entry in entries)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Resume interrupted jobs?"))
        box.setText(
            self.tr("{jobs} from the last session did not finish ({left} rows left).").format(
                jobs=self.tr("1 job")
                if len(entries) == 1
                else self.tr("{n} jobs").format(n=len(entries)),
                left=f"{left:,}",
            )
        )
        box.setInformativeText(
            self.tr(
                "Resuming looks up each order first, so a row that was being sent when the "
                "console stopped is not sent twice. They stay in the Jobs panel either way."
            )
        )
        resume = box.addButton(self.tr("Resume"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        await run_dialog(box)
        if box.clickedButton() is resume:
            for handle in handles:
                handle.start()
