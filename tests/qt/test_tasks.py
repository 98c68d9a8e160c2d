"""TaskRunner: keyed tasks, superseding, cancellation, shutdown and error reporting."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Hashable

import pytest

from parcellab_desk.qt.tasks import TaskRunner, TaskStartError
from tests.qt.pages import WAIT


class Recorder:
    """An error handler that remembers what it was told and wakes the test."""

    def __init__(self) -> None:
        self.errors: list[tuple[Hashable, BaseException]] = []
        self.reported = asyncio.Event()

    def __call__(self, key: Hashable, error: BaseException) -> None:
        self.errors.append((key, error))
        self.reported.set()


async def wait_forever(started: asyncio.Event | None = None) -> None:
    if started is not None:
        started.set()
    await asyncio.Event().wait()


async def test_starting_under_a_busy_key_cancels_the_old_task() -> None:
    runner = TaskRunner()
    old = runner.start("search", wait_forever())
    new = runner.start("search", wait_forever())

    with pytest.raises(asyncio.CancelledError):
        await old
    assert old.cancelled()
    assert not new.done()
    assert runner.running_keys() == ["search"]
    await runner.aclose()


async def test_other_keys_are_left_alone() -> None:
    runner = TaskRunner()
    a = runner.start("a", wait_forever())
    b = runner.start("b", wait_forever())

    assert runner.cancel("a")
    assert not runner.cancel("a")  # already gone
    assert not runner.cancel("never started")
    with pytest.raises(asyncio.CancelledError):
        await a
    assert not b.done()
    assert runner.is_running("b")
    assert not runner.is_running("a")
    await runner.aclose()


async def test_a_task_may_start_its_own_successor_without_cancelling_itself() -> None:
    runner = TaskRunner()
    finished: list[str] = []

    async def first() -> None:
        runner.start("chain", second())
        await asyncio.sleep(0)  # still running after handing the key over
        finished.append("first")

    async def second() -> None:
        finished.append("second")

    task = runner.start("chain", first())
    await asyncio.wait_for(task, WAIT)

    assert not task.cancelled()
    assert sorted(finished) == ["first", "second"]
    await runner.aclose()


async def test_cancel_all_ends_every_task_and_the_runner_stays_usable() -> None:
    runner = TaskRunner()
    tasks = [runner.start(n, wait_forever()) for n in range(3)]

    runner.cancel_all()

    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    assert runner.running_keys() == []
    later = runner.start("later", asyncio.sleep(0))
    await later
    await runner.aclose()


async def test_aclose_waits_for_cleanup_and_refuses_new_tasks() -> None:
    runner = TaskRunner()
    cleaned = []
    started = asyncio.Event()

    async def with_cleanup() -> None:
        try:
            await wait_forever(started)
        finally:
            cleaned.append(True)

    runner.start("job", with_cleanup())
    await asyncio.wait_for(started.wait(), WAIT)

    await runner.aclose()

    assert cleaned == [True]
    assert runner.closed
    assert not runner.can_start
    with pytest.raises(TaskStartError):
        runner.start("too late", asyncio.sleep(0))


async def test_an_escaping_exception_is_reported_with_its_key() -> None:
    recorder = Recorder()
    runner = TaskRunner(on_error=recorder)
    error = ValueError("boom")

    async def fail() -> None:
        raise error

    runner.start(("orders", 1), fail())
    await asyncio.wait_for(recorder.reported.wait(), WAIT)

    assert recorder.errors == [(("orders", 1), error)]
    await runner.aclose()


async def test_cancellation_is_not_reported_as_an_error() -> None:
    recorder = Recorder()
    runner = TaskRunner(on_error=recorder)
    task = runner.start("x", wait_forever())
    runner.cancel("x")
    with pytest.raises(asyncio.CancelledError):
        await task
    await runner.aclose()
    assert recorder.errors == []


async def test_a_failing_error_handler_is_logged_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    done = asyncio.Event()

    def broken_handler(key: Hashable, error: BaseException) -> None:
        done.set()
        raise RuntimeError("handler is broken")

    runner = TaskRunner(on_error=broken_handler)

    async def fail() -> None:
        raise ValueError("original")

    with caplog.at_level(logging.ERROR, logger="parcellab_desk.qt.tasks"):
        runner.start("job", fail())
        # The waiter wakes only after the whole done-callback (logging included) has run.
        await asyncio.wait_for(done.wait(), WAIT)

    messages = [record.getMessage() for record in caplog.records]
    assert any("Error handler failed" in m for m in messages)
    assert any("Background task 'job' failed" in m for m in messages)
    await runner.aclose()


def test_no_task_is_created_before_the_loop_runs() -> None:
    runner = TaskRunner()

    async def job() -> None:
        pass

    coro = job()

    assert not runner.can_start
    with pytest.raises(TaskStartError):
        runner.start("early", coro)
    # Closed rather than left to warn "never awaited" when collected.
    assert inspect.getcoroutinestate(coro) == inspect.CORO_CLOSED
