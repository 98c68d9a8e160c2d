"""The jobs panel: one card per bulk job, docked at the bottom of the main window.

A card shows the job's progress bar, its counts (done / failed / skipped / left), the time
left or why it waits (a 429 holds every worker), and the buttons that steer it: pause,
resume, cancel, retry failed, save the per-row results as CSV, close. Rows that were skipped
(an order already cancelled) or failed are listed on the card with the reason, so the agent
can see which orders did not take the action without opening anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.qt.job_handles import JobHandle
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.job_plan import RowState
from parcellab_desk.services.job_runner import JobProgress, JobState
from parcellab_desk.ui.dialog_async import run_dialog

__all__ = ["JobCard", "JobsPanel", "duration_text"]


def duration_text(seconds: float) -> str:
    """``40 s``, ``3 min``, ``1 h 05 min`` (rounded up: a promise, not a hope)."""
    whole = max(1, int(seconds + 0.999))
    if whole < 60:
        return f"{whole} s"
    minutes = (whole + 59) // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


class JobCard(QFrame):
    """One job: progress, counts, state, controls and the rows that did not go through."""

    closed = Signal(object)  # the JobHandle

    def __init__(
        self,
        handle: JobHandle,
        *,
        choose_results_path: Callable[[JobHandle], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.handle = handle
        self._choose_results_path = choose_results_path
        self.setObjectName("jobCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.title = QLabel(handle.title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("jobCounts")
        self.status = QLabel(self)
        self.status.setObjectName("jobStatus")
        self.status.setWordWrap(True)

        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.retry_button = QPushButton(self.tr("Retry failed"), self)
        self.problems_button = QPushButton(self)
        self.problems_button.setCheckable(True)
        self.save_button = QPushButton(self.tr("Save results…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop after the requests in flight; the rows left can be resumed")
        )
        self.retry_button.setToolTip(
            self.tr("Send the failed rows again (each is looked up first)")
        )
        self.save_button.setToolTip(self.tr("Every row with its outcome, as a CSV file"))

        self.problems = QTreeWidget(self)
        self.problems.setObjectName("jobProblems")
        self.problems.setHeaderLabels([self.tr("Order"), self.tr("Outcome"), self.tr("Why")])
        self.problems.setRootIsDecorated(False)
        self.problems.setUniformRowHeights(True)
        self.problems.setMaximumHeight(140)
        self.problems.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.pause_button,
            self.resume_button,
            self.cancel_button,
            self.retry_button,
            self.problems_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)

        self.pause_button.clicked.connect(handle.pause)
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.cancel_button.clicked.connect(handle.cancel)
        self.retry_button.clicked.connect(handle.retry_failed)
        self.problems_button.toggled.connect(self.problems.setVisible)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        handle.changed.connect(self.refresh)
        handle.stopped.connect(self._on_handle_stopped)
        self.refresh()

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        progress = self.handle.progress()
        self.bar.setRange(0, max(1, progress.total))
        self.bar.setValue(progress.finished_rows)
        self.counts.setText(
            self.tr("Done {done} · Failed {failed} · Skipped {skipped} · Left {left}").format(
                done=f"{progress.done:,}",
                failed=f"{progress.failed:,}",
                skipped=f"{progress.skipped:,}",
                left=f"{progress.left:,}",
            )
        )
        self.status.setText(self._status_text(progress))
        state = progress.state
        running = state is JobState.RUNNING
        self.pause_button.setVisible(running)
        self.resume_button.setVisible(
            state is JobState.PAUSED
            or (state in (JobState.CANCELLED, JobState.READY) and progress.left > 0)
        )
        self.cancel_button.setVisible(state in (JobState.RUNNING, JobState.PAUSED))
        stopped = state in (JobState.CANCELLED, JobState.FINISHED, JobState.READY)
        self.retry_button.setVisible(stopped and progress.failed > 0)
        self.save_button.setEnabled(progress.finished_rows > 0)
        self.close_button.setEnabled(stopped)
        self.close_button.setToolTip(
            "" if stopped else self.tr("Cancel the job first; then it can be closed")
        )
        problems = progress.failed + progress.skipped
        self.problems_button.setVisible(problems > 0)
        self.problems_button.setText(
            self.tr("Hide skipped and failed")
            if self.problems_button.isChecked()
            else self.tr("Show skipped and failed ({count})").format(count=problems)
        )
        if problems != self.problems.topLevelItemCount():
            self._fill_problems()

    def _status_text(self, progress: JobProgress) -> str:
        state = progress.state
        if progress.notice and state is JobState.PAUSED:
            return self.tr("Paused: {why}").format(why=progress.notice)
        if state is JobState.PAUSED:
            return self.tr("Paused. The requests in flight finish; nothing new is sent.")
        if state is JobState.RUNNING:
            if progress.waiting_s > 0.05:
                return self.tr(
                    "Waiting {time}: the service asked to slow down (rate limit)."
                ).format(time=duration_text(progress.waiting_s))
            if progress.eta_s is None:
                return self.tr("Running…")
            return self.tr("Running · about {time} left").format(time=duration_text(progress.eta_s))
        if state is JobState.CANCELLED:
            return self.tr(
                "Stopped with {left} rows left; Resume goes on where it stopped."
            ).format(left=f"{progress.left:,}")
        if state is JobState.READY:
            return self.tr("Not finished: {left} rows left. Resume to go on.").format(
                left=f"{progress.left:,}"
            )
        return self.tr(
            "Finished in {time}: {done} done, {skipped} skipped, {failed} failed."
        ).format(
            time=duration_text(progress.elapsed_s),
            done=f"{progress.done:,}",
            skipped=f"{progress.skipped:,}",
            failed=f"{progress.failed:,}",
        )

    def _fill_problems(self) -> None:
        self.problems.clear()
        labels = {RowState.FAILED: self.tr("failed"), RowState.SKIPPED: self.tr("skipped")}
        for row in self.handle.job.rows:
            if row.state not in labels:
                continue
            order = row.ref.label
            if row.lines:
                order += self.tr(" (line {lines})").format(
                    lines=", ".join(str(n) for n in row.lines)
                )
            item = QTreeWidgetItem([order, labels[row.state], row.message])
            item.setToolTip(2, row.message)
            self.problems.addTopLevelItem(item)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)

    # --- slots ----------------------------------------------------------------------------------

    def _on_resume_button_clicked(self) -> None:
        if self.handle.job.state is JobState.PAUSED:
            self.handle.resume()
        else:
            self.handle.start()

    def _on_handle_stopped(self, _progress: object) -> None:
        self.refresh()

    def _on_save_button_clicked(self) -> None:
        if self._choose_results_path is not None:
            self._choose_results_path(self.handle)

    def _on_close_button_clicked(self) -> None:
        self.handle.discard()
        self.closed.emit(self.handle)


class JobsPanel(QDockWidget):
    """The dock that holds every job card of this window, newest at the top."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobsPanel")
        self.setWindowTitle(self.tr("Jobs"))
        self._runner = runner
        self.cards: list[JobCard] = []
        self._inner = QWidget(self)
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(6)
        self.empty_label = QLabel(
            self.tr("No jobs yet. Select orders for a bulk action, or use File ▸ Import…"),
            self._inner,
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._inner)
        self.setWidget(scroll)

    def add(self, handle: JobHandle) -> JobCard:
        card = JobCard(handle, choose_results_path=self._save_results, parent=self._inner)
        card.closed.connect(self._on_card_closed)
        self.cards.insert(0, card)
        self._layout.insertWidget(0, card)
        self.empty_label.hide()
        self.show()
        self.raise_()
        return card

    def card_for(self, handle: JobHandle) -> JobCard | None:
        return next((card for card in self.cards if card.handle is handle), None)

    def _on_card_closed(self, handle: JobHandle) -> None:
        card = self.card_for(handle)
        if card is None:
            return
        self.cards.remove(card)
        card.hide()
        card.deleteLater()
        handle.deleteLater()
        self.empty_label.setVisible(not self.cards)

    def _save_results(self, handle: JobHandle) -> None:
        self._runner.start(("save-results", handle.job.job_id), self._ask_and_save(handle))

    async def _ask_and_save(self, handle: JobHandle) -> None:
        dialog = QFileDialog(
            self, self.tr("Save the results of “{title}”").format(title=handle.title)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"results-{handle.job.job_id[:8]}.csv")
        if (
            await run_dialog(dialog) != QFileDialog.DialogCode.Accepted
            or not dialog.selectedFiles()
        ):
            return
        path = Path(dialog.selectedFiles()[0])
        try:
            handle.job.save_results(path)
        except OSError as exc:
            self.setWindowTitle(self.tr("Jobs — could not save: {why}").format(why=exc.strerror))
            return
        self.setWindowTitle(self.tr("Jobs — results saved to {name}").format(name=path.name))
