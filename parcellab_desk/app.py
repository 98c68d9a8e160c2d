"""The composition root: Qt application, qasync loop, logging, crash handling, and the parts
wired together (settings, credentials, client, model, window). No globals: everything one
run needs hangs off ``Console``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import traceback
from contextlib import suppress
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

import qasync  # after PySide6, so it binds to it
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from parcellab_desk import __version__
from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.app_args import DISPLAY_NAME
from parcellab_desk.qt.client_pages import ClientPageSource
from parcellab_desk.qt.order_pages import OrderQuery
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.logging_setup import SECRETS, configure_logging
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.services.profiles import Profile, demo_profile
from parcellab_desk.ui.main_window import MainWindow

_log = logging.getLogger(__name__)

ORGANIZATION = "parcelLab"
APPLICATION = "parcellab_desk"

DEMO_DB_NAME = "demo-sandbox.sqlite3"


@dataclass
class Console:
    """Everything one running console owns, closed in reverse order of creation."""

    app: QApplication
    paths: AppPaths
    args: argparse.Namespace
    sandbox: EmbeddedSandbox | None = None
    client: ParcelLabClient | None = None
    runner: TaskRunner = field(default_factory=TaskRunner)
    window: MainWindow | None = None

    async def start_demo_sandbox(self) -> tuple[Profile, str]:
        """Start the embedded sandbox (off the GUI thread: seeding takes a moment)."""
        db = self.paths.data / DEMO_DB_NAME
        if self.args.reset_demo:
            db.unlink(missing_ok=True)
        sandbox = EmbeddedSandbox(
            db, port=self.args.sandbox_port, demo_orders=self.args.demo_orders
        )
        await asyncio.to_thread(sandbox.start)
        self.sandbox = sandbox
        accounts = ", ".join(str(a) for a in sandbox.accounts)
        # The demo token opens only the local sandbox's sample data: printing it is the point.
        print(
            f"Sandbox running at {sandbox.base_url}\n"
            f"  demo token: {sandbox.demo_token}\n"
            f"  accounts:   {accounts}\n"
            f"  database:   {db}",
            flush=True,
        )
        return demo_profile(sandbox.base_url), sandbox.demo_token

    async def lookup(self, text: str) -> Order:
        assert self.client is not None
        return await self.client.get_order(text)

    def open_window(self, profile: Profile, token: str) -> MainWindow:
        SECRETS.add(token)
        self.client = ParcelLabClient(profile.base_url, BearerAuth(token))
        model = OrderTableModel(
            ClientPageSource(self.client),
            self.runner,
            OrderQuery(accounts=profile.default_accounts),
            describe_error=describe_error,
        )
        window = MainWindow(
            model=model,
            runner=self.runner,
            lookup=self.lookup,
            profile_name=profile.name,
            host_label=profile.host_label,
            profile_key=profile.id if not profile.demo else "demo",
            demo=profile.demo,
        )
        model.setParent(window)
        self.window = window
        return window

    async def aclose(self) -> None:
        await self.runner.aclose()
        if self.client is not None:
            await self.client.aclose()
        if self.sandbox is not None:
            await asyncio.to_thread(self.sandbox.stop)


async def run_console(console: Console) -> int:
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    try:
        if console.args.demo:
            profile, token = await console.start_demo_sandbox()
        else:
            # Until sign-in and profiles are wired, the console starts in demo mode.
            profile, token = await console.start_demo_sandbox()
        window = console.open_window(profile, token)

        def on_closed() -> None:
            if not closed.done():
                closed.set_result(None)

        window.closed.connect(on_closed)
        window.show()
        await closed
        return 0
    finally:
        await console.aclose()


def _install_crash_handler(app: QApplication, loop: asyncio.AbstractEventLoop) -> None:
    """One place for unhandled errors: logged in full, shown to the agent in one dialog."""

    def report(kind: str, error: BaseException, tb: TracebackType | None) -> None:
        text = SECRETS.mask("".join(traceback.format_exception(type(error), error, tb)))
        _log.error("Unhandled %s:\n%s", kind, text)
        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, DISPLAY_NAME, "Something went wrong.")
        box.setInformativeText(
            f"{describe_error(error)}\n\nYour open work is kept. The details are in the log."
        )
        box.setDetailedText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def excepthook(
        exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app.quit()
            return
        report("error", error, tb)

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            report("error in a background task", error, error.__traceback__)
        else:
            _log.error("Event loop: %s", SECRETS.mask(str(context.get("message"))))

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)


def run(args: argparse.Namespace) -> int:
    """Start the console; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # run_console decides when the console ends
    paths = AppPaths.default().ensure()
    log_file = configure_logging(paths.logs, level=logging.DEBUG if args.debug else logging.INFO)
    _log.info("parcellab_desk %s starting; log at %s", __version__, log_file)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    _install_crash_handler(app, loop)
    console = Console(app=app, paths=paths, args=args)
    try:
        code: int = loop.run_until_complete(run_console(console))
        return code
    finally:
        with suppress(RuntimeError):
            loop.close()
