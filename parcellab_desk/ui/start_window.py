"""The window an agent sees first: the console's frame in its loading state, shown before the
client, the models and the sandbox are imported, and gone as soon as a real window (the main
window, the welcome dialog, a start-up message) is on screen beside it.

It needs nothing but Qt, so it paints its first frame about as fast as an empty Qt window
does; what the console needs to work loads behind it. It does not even touch the ``Qt``
namespace (its enums are built on first use, ~25 ms): the heading and message are centred by
their HTML, the bar by stretches either side.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

__all__ = ["StartWindow"]

TITLE = "parcelLab order console"
_WATCH_INTERVAL_MS = 15  # how soon the start window goes once another window is up


class StartWindow(QMainWindow):
    """ "Starting…" in the console's frame. ``close_requested`` runs when the agent closes it
    before the console is ready (the launcher then stops the start)."""

    def __init__(self, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startWindow")
        self.setWindowTitle(f"DEMO · {TITLE}" if demo else TITLE)
        self.resize(1280, 780)  # the main window's default size
        self.close_requested: Callable[[], None] | None = None
        self._handed_over = False

        heading = QLabel(f"<h2 align='center'>{TITLE}</h2>", self)
        message = "Starting the demo sandbox and loading orders…" if demo else "Starting…"
        self.message = QLabel(f"<div align='center'>{escape(message)}</div>", self)
        self.message.setObjectName("startMessage")
        # The theme's "muted" text once its style sheet is in (ui.theme itself is not
        # imported here: it needs the models, which load behind this window).
        self.message.setProperty("role", "muted")
        busy = QProgressBar(self)
        busy.setRange(0, 0)  # no percentage to give: a moving bar says "working"
        busy.setTextVisible(False)
        busy.setFixedWidth(320)
        busy.setMaximumHeight(6)
        busy.setAccessibleName("Starting")

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addSpacing(12)
        bar_row = QHBoxLayout()
        bar_row.addStretch(1)
        bar_row.addWidget(busy)
        bar_row.addStretch(1)
        layout.addLayout(bar_row)
        layout.addStretch(3)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Loading…")

        # Looking now and then is cheaper than filtering every event of the start-up.
        self._watch = QTimer(self)
        self._watch.setInterval(_WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self._hand_over_to_a_new_window)
        self._watch.start()

    def hand_over(self) -> None:
        """Another window took over: go without asking anyone."""
        if self._handed_over:
            return
        self._handed_over = True
        self.close()
        self.deleteLater()

    def _hand_over_to_a_new_window(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and _takes_over(widget):
                self.hand_over()
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        self._watch.stop()
        if not self._handed_over and self.close_requested is not None:
            self.close_requested()
        super().closeEvent(event)


def _takes_over(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt  # by now the console has built the namespace anyway

    return widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
