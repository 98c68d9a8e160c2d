"""Test set-up shared by every layer.

Every async test runs on a qasync loop inside the Qt event loop (as the console does), so
coroutine and widget code meet the same scheduler in tests as in production.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# Before anything creates a QApplication: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest
import pytestqt.plugin
import qasync
from PySide6.QtWidgets import QApplication

pytest_plugins = ["tests.fixtures_sandbox"]


class _TestLoop(qasync.QEventLoop):  # type: ignore[misc]
    """A qasync loop that also kills the Qt timers it leaves behind when closed.

    qasync's own close() leaves timers (from wait_for, httpx timeouts) registered; when Qt
    fires one after the loop is gone the process can crash at teardown.
    """

    def run_forever(self) -> None:
        try:
            super().run_forever()
        finally:
            # qasync's run_until_complete processes Qt events once more after run_forever
            # returns; a request resuming there must still see its loop as running.
            asyncio.events._set_running_loop(self)

    def run_until_complete(self, future: Any) -> Any:
        try:
            return super().run_until_complete(future)
        finally:
            asyncio.events._set_running_loop(None)

    def close(self) -> None:
        timer = self._timer
        callbacks: dict[int, Any] = timer._SimpleTimer__callbacks
        for timer_id in list(callbacks):
            timer.killTimer(timer_id)
        callbacks.clear()
        super().close()


_current_loop: _TestLoop | None = None


def _qasync_loop() -> asyncio.AbstractEventLoop:
    global _current_loop
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # As in the console: closing a dialog must never end the application under a test.
    app.setQuitOnLastWindowClosed(False)
    loop = _TestLoop(app)
    _current_loop = loop
    return loop


def _process_events_inside_the_loop() -> None:
    """pytest-qt processes Qt events between a test's phases (after async fixtures ran,
    before the test body runs). A request still in flight then resumes from a qasync
    callback while asyncio sees no running loop, and httpx/anyio fail with "no running event
    loop". The console itself never processes events outside its loop; tests shouldn't either.
    """
    app = QApplication.instance()
    if app is None:
        return
    loop = _current_loop
    if loop is None or loop.is_closed() or loop.is_running():
        app.processEvents()
        return
    asyncio.events._set_running_loop(loop)
    try:
        app.processEvents()
    finally:
        asyncio.events._set_running_loop(None)


def pytest_configure(config: pytest.Config) -> None:
    pytestqt.plugin._process_events = _process_events_inside_the_loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Tests never touch the real home folder, settings, logs or keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    return home
