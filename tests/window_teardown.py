"""Ending a main window that an async fixture opened, in the one order that cannot fail.

Such windows are deliberately *not* registered with ``qtbot.addWidget``: pytest-qt closes and
``deleteLater``s registered widgets before fixture teardown runs, and the deletion then
happens at whichever await of the teardown lets Qt's loop run. The window's tasks, cancelled
by ``runner.aclose()``, still touch it while they end ("MainWindow already deleted"), and a
window whose close was refused (unsaved edits) starts a confirmation task that outlives the
test. Here the fixture owns the whole lifetime instead: close without asking (drafts are kept
as on any close), let every task end and every connection close, and only then delete.
"""

from __future__ import annotations

import asyncio

import shiboken6

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.ui.main_window import MainWindow

CLIENT_CLOSE_S = 30.0  # generous: a loaded CI machine is slow, a hung close must still end


async def end_window(window: MainWindow, runner: TaskRunner, client: ParcelLabClient) -> None:
    try:
        if shiboken6.isValid(window) and window.isVisible():
            window.close_without_asking()
    finally:
        try:
            await runner.aclose()
            # A socket left open is reported (as an error) by a later, unrelated test.
            await asyncio.wait_for(client.aclose(), CLIENT_CLOSE_S)
        finally:
            if shiboken6.isValid(window):
                window.deleteLater()
