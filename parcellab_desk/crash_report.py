"""The one crash path: every unexpected exception ends here, wherever it was raised.

Three doors lead in: ``sys.excepthook`` (a Qt slot or plain code), the asyncio loop's
exception handler (a callback or an unowned task), and the task runner's error callback
(a coroutine the console started). Each failure is logged in full with tokens masked and
shown to the agent in one dialog; the console keeps running, since the window and every
other task are unaffected by one task's failure.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from parcellab_desk.app_args import DISPLAY_NAME
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.logging_setup import SECRETS

_log = logging.getLogger(__name__)

CrashHandler = Callable[[str, BaseException], None]
"""Called with where the failure happened ("a background task"...) and the exception."""


class CrashReporter:
    """Logs an unexpected failure and tells the agent in one dialog (at most one at a time:
    a failure repeating in a loop must not bury the window in dialogs)."""

    def __init__(self, *, show_dialog: bool = True) -> None:
        self._show_dialog = show_dialog
        self._open: QMessageBox | None = None
        self.reported: list[BaseException] = []

    def report(self, where: str, error: BaseException) -> None:
        tb = error.__traceback__
        text = SECRETS.mask("".join(traceback.format_exception(type(error), error, tb)))
        _log.error("Unhandled error in %s:\n%s", where, text)
        self.reported.append(error)
        if not self._show_dialog or QApplication.instance() is None or self._open is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, DISPLAY_NAME, "Something went wrong.")
        described = describe_error(error)
        if "log" not in described:
            described += " The details are in the log."
        box.setInformativeText(f"{described}\n\nYour open work is kept; the console goes on.")
        box.setStyleSheet("QMessageBox QLabel#qt_msgbox_informativelabel { min-width: 28em; }")
        box.setDetailedText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._open = box
        box.open()

    def _closed(self) -> None:
        self._open = None

    def install(self, app: QApplication, loop: asyncio.AbstractEventLoop) -> None:
        """Route ``sys.excepthook`` and the loop's exception handler here."""

        def excepthook(
            exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
        ) -> None:
            if issubclass(exc_type, KeyboardInterrupt):
                app.quit()
                return
            self.report("the window", error.with_traceback(tb))

        def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            error = context.get("exception")
            if isinstance(error, BaseException):
                self.report("a background task", error)
            else:
                _log.error("Event loop: %s", SECRETS.mask(str(context.get("message"))))

        sys.excepthook = excepthook
        loop.set_exception_handler(loop_handler)
