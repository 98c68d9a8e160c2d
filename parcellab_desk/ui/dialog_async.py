"""Showing a dialog from a coroutine without a nested event loop.

``QDialog.exec()`` inside a coroutine starts a second event loop on top of qasync's; tasks
then run re-entrantly and closing can hang. ``open()`` shows the dialog window-modal and
returns at once; the coroutine awaits the dialog's ``finished`` signal instead.
"""

from __future__ import annotations

import asyncio

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class DialogEvents(QObject):
    """Tells who listens (tests, diagnostics) that a dialog was opened for the agent."""

    opened = Signal(object)  # the QDialog


dialog_events = DialogEvents()


async def run_dialog(dialog: QDialog) -> int:
    """Open ``dialog`` and wait until it closes; returns its result code.

    If the awaiting task is cancelled (the window closes, the profile changes), the dialog
    is rejected so it does not linger.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[int] = loop.create_future()
    focused = QApplication.focusWidget()

    def on_finished(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(on_finished)
    dialog.open()
    dialog_events.opened.emit(dialog)
    try:
        return await done
    except asyncio.CancelledError:
        dialog.reject()
        raise
    finally:
        dialog.finished.disconnect(on_finished)
        _give_focus_back(focused)


def _give_focus_back(widget: QWidget | None) -> None:
    """The keyboard goes back where it was when the dialog opened (most window managers do
    this, not all), so an agent working without the mouse carries on where they were."""
    if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
        return
    window = widget.window()
    if QApplication.activeWindow() is None:
        window.activateWindow()
    if QApplication.activeWindow() in (None, window):
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
