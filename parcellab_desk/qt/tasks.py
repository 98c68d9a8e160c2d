"""Owns the coroutines that Qt code starts, so none is orphaned, lost or left running.

qasync runs asyncio on the Qt thread, so a slot can start a coroutine, but a bare
``asyncio.create_task`` has no owner: nothing cancels it when its result stops mattering and an
exception it raises is only logged when the task is garbage collected. The runner keeps every
task under a key. Starting a new task under a key that is still busy cancels the old one (a
superseded query), ``cancel_all``/``aclose`` end them all at shutdown, and an exception that
escapes a task goes to one error callback instead of disappearing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Hashable
from functools import partial
from typing import Any, TypeVar

__all__ = ["ErrorHandler", "TaskRunner", "TaskStartError"]

_log = logging.getLogger(__name__)

T = TypeVar("T")

CLOSE_TIMEOUT_S = 5.0
"""How long ``aclose`` waits for cancelled tasks to finish."""

ErrorHandler = Callable[[Hashable, BaseException], None]
"""Called with the task's key and the exception that escaped it."""


class TaskStartError(RuntimeError):
    """A task could not be started: no event loop runs yet, or the runner is closed."""


def _log_error(key: Hashable, error: BaseException) -> None:
    _log.error("Background task %r failed", key, exc_info=error)


class TaskRunner:
    """Starts, tracks and cancels keyed asyncio tasks on the running (qasync) loop."""

    def __init__(self, on_error: ErrorHandler | None = None) -> None:
        self._on_error: ErrorHandler = on_error or _log_error
        self._tasks: dict[Hashable, asyncio.Task[Any]] = {}
        self._closed = False

    @staticmethod
    def loop_is_running() -> bool:
        """Whether a task could be started now (a loop runs on this thread)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    @property
    def can_start(self) -> bool:
        return not self._closed and self.loop_is_running()

    @property
    def closed(self) -> bool:
        return self._closed

    def start(self, key: Hashable, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coro`` as the task for ``key``, cancelling the task that held the key before
        (unless that is the task calling: it is handing over to its successor).

        Raises TaskStartError (and closes ``coro``, so it never warns "never awaited") when
        no loop runs on this thread or the runner has been closed.
        """
        if self._closed:
            coro.close()
            raise TaskStartError(f"task runner is closed; not starting {key!r}")
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            raise TaskStartError(f"no event loop is running; not starting {key!r}") from None
        previous = self._tasks.get(key)
        if previous is not None and previous is asyncio.current_task():
            # A task starting its own successor is about to finish; cancelling it would
            # cut off whatever it still does after this call.
            del self._tasks[key]
        else:
            self.cancel(key)
        task = loop.create_task(coro, name=f"task:{key!r}")
        self._tasks[key] = task
        task.add_done_callback(partial(self._on_task_done, key))
        return task

    def is_running(self, key: Hashable) -> bool:
        task = self._tasks.get(key)
        return task is not None and not task.done()

    def running_keys(self) -> list[Hashable]:
        return [key for key, task in self._tasks.items() if not task.done()]

    def cancel(self, key: Hashable) -> bool:
        """Cancel the task under ``key``; False when there was none still running."""
        task = self._tasks.pop(key, None)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    def cancel_all(self) -> None:
        """Cancel every task (the runner stays usable)."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()

    async def aclose(self, grace_s: float = CLOSE_TIMEOUT_S) -> list[Hashable]:
        """Refuse new tasks, cancel the running ones and wait until they have finished.

        Awaited at shutdown while the loop still runs, so each task's ``finally`` blocks
        (closing responses, releasing connections) get to run. The wait is bounded: a task
        that swallows its cancellation must not keep the console (or a test run) from
        ending. Returns the keys of the tasks still running after ``grace_s`` seconds.
        """
        self._closed = True
        tasks = dict(self._tasks)
        self.cancel_all()
        if not tasks:
            return []
        _done, pending = await asyncio.wait(tasks.values(), timeout=grace_s)
        stuck = [key for key, task in tasks.items() if task in pending]
        if stuck:
            _log.warning("Tasks still running %.1f s after cancelling: %r", grace_s, stuck)
        return stuck

    def _on_task_done(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
        if task.cancelled():
            return
        error = task.exception()  # also marks it retrieved: no "never retrieved" at GC
        if error is None:
            return
        try:
            self._on_error(key, error)
        except Exception:
            # The handler itself must not take the loop down; say both things went wrong.
            _log.exception("Error handler failed for task %r", key)
            _log_error(key, error)
