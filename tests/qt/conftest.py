"""Fixtures for the Qt adapter tests: a task runner, a controlled page source, a model."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import tzinfo
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from tests.qt.pages import ControlledSource

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
async def runner() -> AsyncIterator[TaskRunner]:
    errors: list[BaseException] = []
    task_runner = TaskRunner(on_error=lambda key, error: errors.append(error))
    yield task_runner
    # Bounded: a task that ignores its cancellation fails this test instead of hanging the run.
    stuck = await task_runner.aclose(grace_s=5.0)
    assert stuck == []
    # A model task that crashed would be a bug hidden behind a passing test.
    assert errors == []


@pytest.fixture
def source() -> ControlledSource:
    return ControlledSource()


@pytest.fixture
def time_zone() -> tzinfo:
    return BERLIN


@pytest.fixture
def model(
    qapp: object, source: ControlledSource, runner: TaskRunner, time_zone: tzinfo
) -> Iterator[OrderTableModel]:
    table = OrderTableModel(source, runner, time_zone=time_zone)
    # Checks every signal the model emits against Qt's model rules; breaches are Qt
    # warnings, which fail the test. It also calls fetchMore() after each change, which is
    # exactly what a view does: the model must never fetch twice because of it.
    # Parented to the model, so it lives exactly as long.
    QAbstractItemModelTester(table, QAbstractItemModelTester.FailureReportingMode.Warning, table)
    yield table
    # Before the runner closes (it is torn down after the model): requests the test never
    # answered end now, so no task waits on them forever.
    source.release()
