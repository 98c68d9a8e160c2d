"""The start path, in the order an agent waits for it: window first, everything else behind.

1. Qt starts and the start window (the console's frame in its loading state) paints its
   first frame. Nothing heavy has been imported yet, so that takes about as long as an
   empty Qt window does.
2. Then, with ``--demo``, a thread starts the demo sandbox as a child process
   (``sandbox/process.py``): it imports its server stack and opens its database on the other
   CPU, and later serves pages without taking the GUI thread's turn. Another thread imports
   what has no Qt in it (the HTTP client, the models, the keyring) while the start window
   keeps painting.
3. The console (its windows and flows) is imported on the GUI thread and runs; by the time
   it asks for the sandbox, the sandbox is (nearly) up. Its first window, or a start-up
   message, replaces the start window.

This module imports only Qt and the standard library; ``parcellab_desk.app`` is imported once
the first frame is on screen.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.start_window import StartWindow

if TYPE_CHECKING:
    from parcellab_desk.sandbox.process import SandboxProcess

__all__ = ["DEMO_DB_NAME", "EarlySandbox", "start"]

_log = logging.getLogger(__name__)

DEMO_DB_NAME = "demo-sandbox.sqlite3"

# What has no Qt in it and takes long to import: loaded on a thread behind the start window.
# The last two are what httpx loads only when it makes its first connection (its transport
# and anyio's asyncio backend): that would otherwise fall between window and first rows.
_PRELOAD = (
    "parcellab_desk.api",
    "parcellab_desk.services.connection",
    "parcellab_desk.services.credentials",
    "parcellab_desk.services.order_editing",
    "httpcore",
    "anyio._backends._asyncio",
)
_FIRST_FRAME_TIMEOUT_MS = 500  # a display that never exposes the window must not hold us


class EarlySandbox:
    """The demo sandbox of ``--demo``, started (as a child process) by a thread of its own
    once the start window is on screen.

    Only an ordinary start is done early: the data folder exists, its database opens, no
    fresh demo data was asked for and the machine's policy does not hide the demo. Anything
    else (a first start, a damaged database, ``--reset-demo``) is the console's to handle and
    to tell the agent about, so ``take`` then gives None and the console starts the sandbox
    itself (or, with the demo hidden, none at all).
    Whatever nobody took is stopped by ``discard()``.
    """

    def __init__(self, args: argparse.Namespace, *, data: Path | None = None) -> None:
        """``data``: the data folder (None: the platform's, as the console's paths)."""
        self._args = args
        self._data = data
        self._done = threading.Event()
        self.stopped = threading.Event()  # set once a discarded sandbox has stopped
        self._sandbox: SandboxProcess | None = None
        self.db: Path | None = None  # the database it opened
        self._taken = False
        # The thread does even the folder look-up, so nothing of this waits for it.
        thread = threading.Thread(target=self._start, name="demo-sandbox-start", daemon=True)
        thread.start()

    def _start(self) -> None:
        try:
            if self._args.reset_demo:
                return  # the console sets the old database aside first
            data = self._data
            if data is None:
                from parcellab_desk.services.paths import AppPaths

                data = AppPaths.default().data
            if not data.is_dir():
                return
            db = data / DEMO_DB_NAME
            from parcellab_desk.sandbox.process import SandboxProcess

            # The child looks at the policy itself: loading it here would take the GIL
            # from the GUI thread while the first frame paints.
            sandbox = SandboxProcess(
                db,
                port=self._args.sandbox_port,
                demo_orders=self._args.demo_orders,
                unless_policy_hides_demo=True,
            )
            self._sandbox = sandbox.start()
            self.db = db
        except Exception as exc:  # the console's own start meets it again and says so
            _log.info("The demo sandbox did not start early: %r", exc)
        finally:
            self._done.set()

    async def take(self) -> SandboxProcess | None:
        """The started sandbox once it is ready, or None when it was not started early."""
        import asyncio

        self._taken = True
        await asyncio.to_thread(self._done.wait)
        return self._sandbox

    def discard(self) -> None:
        """Stop the sandbox if nobody took it (now, or once it has started)."""
        if self._taken:
            return
        self._taken = True

        def stop_when_started() -> None:
            self._done.wait()
            if self._sandbox is not None:
                self._sandbox.stop()
            self.stopped.set()

        threading.Thread(target=stop_when_started, name="demo-sandbox-stop").start()


def _wait_for_first_frame(app: QApplication, window: StartWindow) -> None:
    """Turn the event loop until ``window`` has painted (or a short while has passed)."""
    loop = QEventLoop()

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, loop.quit)  # once this paint is done
            return False

    painted = Painted()
    window.installEventFilter(painted)
    QTimer.singleShot(_FIRST_FRAME_TIMEOUT_MS, loop.quit)
    loop.exec()
    window.removeEventFilter(painted)


class _Preload:
    """Imports ``_PRELOAD`` on a thread of its own."""

    def __init__(self) -> None:
        self._done = threading.Event()
        threading.Thread(target=self._load, name="preload", daemon=True).start()

    def _load(self) -> None:
        try:
            for name in _PRELOAD:
                try:
                    importlib.import_module(name)
                except Exception as exc:  # whoever needs it meets it again and reports it
                    _log.debug("preloading %s failed: %r", name, exc)
        finally:
            self._done.set()

    def wait(self, window: StartWindow) -> None:
        """Until the imports are done, with the GUI thread keeping ``window`` painting."""
        if self._done.is_set():
            return
        loop = QEventLoop()
        poll = QTimer(window)
        poll.setInterval(5)

        def check() -> None:
            if self._done.is_set():
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        poll.deleteLater()


def start(args: argparse.Namespace) -> int:
    """Show the start window, load the console behind it and run it; the exit code."""
    early: EarlySandbox | None = None
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        window = StartWindow(demo=args.demo)
        closed = threading.Event()
        window.close_requested = closed.set
        window.show()
        _wait_for_first_frame(app, window)
        # Only now: a thread importing beside the GUI thread makes it wait for the GIL, and
        # the first frame is what the agent waits for first. Spawning the sandbox before Qt
        # cost the first frame ~20 ms and gained the rows nothing: the child is ready in
        # about half a second, long before the console asks for it.
        if args.demo:
            early = EarlySandbox(args)
        preload = _Preload()
        if not closed.is_set():
            preload.wait(window)
        if closed.is_set():
            return 0  # the agent closed the window before the console was ready
        from parcellab_desk.app import run

        return run(args, start_window=window, early_sandbox=early)
    finally:
        if early is not None:
            early.discard()
