"""``JobHandle``: one bulk job as a Qt object the jobs panel can watch and steer.

The job runner (``services.job_runner``) is plain asyncio and tells a listener about every
row; a panel repainting on each of those would spend the GUI thread on progress bars. The
handle coalesces them into at most ten ``changed`` signals a second and one ``stopped``
when a run ends. Its run is a task of the window's ``TaskRunner``, so closing the window
cancels it (the journal keeps what is left for the next start).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal

from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.job_runner import Job, JobProgress, JobState

__all__ = ["JobHandle"]

_REFRESH_MS: Final = 100


class JobHandle(QObject):
    changed = Signal()  # progress moved (coalesced)
    stopped = Signal(object)  # the JobProgress a run ended with

    def __init__(self, job: Job, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._runner = runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self.changed)
        self._discarded = False
        job.on_change = self._on_job_changed

    @property
    def title(self) -> str:
        return self.job.plan.title

    @property
    def is_running(self) -> bool:
        return self.job.state in (JobState.RUNNING, JobState.PAUSED)

    def progress(self) -> JobProgress:
        return self.job.progress()

    def _key(self) -> tuple[str, str]:
        return ("job", self.job.job_id)

    def start(self) -> None:
        """Run the rows not yet final (a new job, a cancelled one resumed, failed ones)."""
        if not self.is_running:
            self._runner.start(self._key(), self._run())

    async def _run(self) -> None:
        try:
            progress = await self.job.run()
        finally:
            self._timer.stop()
            if self._discarded:
                self.job.discard()  # after run() wrote its last state, not before
            else:
                self.changed.emit()
        self.stopped.emit(progress)

    def pause(self) -> None:
        self.job.pause()

    def resume(self) -> None:
        self.job.resume()

    def cancel(self) -> None:
        self.job.cancel()

    def retry_failed(self) -> int:
        count = self.job.retry_failed()
        if count:
            self.start()
        return count

    def discard(self) -> None:
        """The agent closed the job: stop it if needed and forget it on disk."""
        self._discarded = True
        if not self._runner.cancel(self._key()):
            self.job.discard()

    def _on_job_changed(self, _job: Job) -> None:
        if not self._timer.isActive():
            self._timer.start()
