"""The test suite's qasync loop, and every private-API workaround it needs, in one place.

Written for qasync 0.28.0 on PySide6 (pytest-asyncio >= 1.4, pytest-qt 4.x). Each workaround
reaches into a private part of qasync, asyncio or pytest-qt; when one of them is upgraded,
this module is the one to re-check (and the one to delete from, once a release fixes it).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytestqt.plugin
import qasync
from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.input_aids import install_input_aids

QASYNC_VERSION_WRITTEN_FOR = "0.28.0"


class TestLoop(qasync.QEventLoop):  # type: ignore[misc]
    """A qasync loop that also kills the Qt timers it leaves behind when closed.

    qasync's own close() leaves timers (from wait_for, httpx timeouts) registered; when Qt
    fires one after the loop is gone the process can crash at teardown.
    """

    __test__ = False  # not a test class, whatever pytest thinks of the name

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


_current_loop: TestLoop | None = None


def new_test_loop() -> asyncio.AbstractEventLoop:
    """The loop factory pytest-asyncio calls for every async test."""
    global _current_loop
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # As in the console: closing a dialog must never end the application under a test.
    app.setQuitOnLastWindowClosed(False)
    install_input_aids(app)  # as the console does at start-up
    loop = TestLoop(app)
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


def patch_pytest_qt() -> None:
    """Make pytest-qt's between-phase event processing see the test's loop as running."""
    pytestqt.plugin._process_events = _process_events_inside_the_loop
