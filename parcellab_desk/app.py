"""The composition root: Qt application, qasync loop, logging and crash handling, then the
parts wired together (profiles, credentials, session) and handed to ``Console``, which owns
everything one run needs. No globals.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import traceback
from contextlib import suppress
from types import TracebackType
from typing import Any

# qasync picks its Qt binding from QT_API when imported: PySide6, whatever else is installed.
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from parcellab_desk import __version__
from parcellab_desk.app_args import DISPLAY_NAME
from parcellab_desk.console import Console
from parcellab_desk.resources import ResourceNotFoundError, app_icon
from parcellab_desk.services.credentials import CredentialStore
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.logging_setup import SECRETS, configure_logging, shutdown_logging
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.services.profiles import ProfileStore
from parcellab_desk.services.session import SessionService

_log = logging.getLogger(__name__)

ORGANIZATION = "parcelLab"
APPLICATION = "parcellab_desk"
DESKTOP_ID = "com.parcellab.desk"


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
    app.setDesktopFileName(DESKTOP_ID)  # lets Wayland docks match the installed menu entry
    try:
        app.setWindowIcon(app_icon())
    except (ResourceNotFoundError, RuntimeError) as exc:  # an icon is not worth failing for
        _log.warning("No application icon: %s", exc)
    app.setQuitOnLastWindowClosed(False)  # Console.run decides when it ends
    paths = AppPaths.default().ensure()
    log_file = configure_logging(paths.logs, level=logging.DEBUG if args.debug else logging.INFO)
    _log.info("parcellab_desk %s starting; log at %s", __version__, log_file)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    _install_crash_handler(app, loop)
    session = SessionService(ProfileStore(paths.config), CredentialStore())
    console = Console(args, paths, session)
    try:
        code: int = loop.run_until_complete(console.run())
        return code
    finally:
        with suppress(RuntimeError):
            loop.close()
        _log.info("parcellab_desk stopped")
        shutdown_logging()
