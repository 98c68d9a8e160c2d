"""The window an agent sees first: the console's frame in its loading state, shown before the
client, the models and the sandbox are imported, and gone as soon as a real window (the main
window, the welcome dialog, a start-up message) is on screen beside it.

It needs nothing but Qt, so it paints its first frame about as fast as an empty Qt window
does; what the console needs to work loads behind it. It paints its heading, message and
moving bar itself, with no child widgets: a label with rich text, a progress bar and a
status bar cost some 25 ms before that first frame. Nor does it touch the ``Qt`` namespace
before that frame (its enums are built on first use, ~25 ms): alignment flags are given as
numbers, the text takes the painter's own pen and font, the muted message an opacity, and
the bar (whose pens and brushes would build the namespace) joins from the second frame on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

__all__ = ["StartWindow"]

TITLE = "parcelLab order console"
_WATCH_INTERVAL_MS = 15  # how soon the start window goes once another window is up
_ALIGN_CENTER: Final = 0x0084  # Qt.AlignmentFlag.AlignCenter
_BAR_WIDTH, _BAR_HEIGHT, _BLOCK_WIDTH = 320, 6, 96
_BAR_STEP_MS, _BAR_STEPS = 40, 40  # the block crosses the bar in 1.6 s


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
        self.message = "Starting the demo sandbox and loading orders…" if demo else "Starting…"
        self.setAccessibleName(TITLE)
        self.setAccessibleDescription(self.message)
        self._step = -1  # the bar's position; -1 until the first frame is on screen

        # Looking now and then is cheaper than filtering every event of the start-up.
        self._watch = QTimer(self)
        self._watch.setInterval(_WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self._hand_over_to_a_new_window)
        self._watch.start()
        # No percentage to give: a block moving along the bar says "working".
        self._bar = QTimer(self)
        self._bar.setInterval(_BAR_STEP_MS)
        self._bar.timeout.connect(self._move_bar)
        self._bar.start()

    def _bar_rect(self) -> QRect:
        middle = self.height() * 2 // 5
        return QRect((self.width() - _BAR_WIDTH) // 2, middle + 44, _BAR_WIDTH, _BAR_HEIGHT)

    def _move_bar(self) -> None:
        self._step = (self._step + 1) % _BAR_STEPS
        self.update(self._bar_rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        # Qt has cleared the window to its palette's background; the painter starts with the
        # window's text colour and font.
        painter = QPainter(self)
        middle = self.height() * 2 // 5
        heading = QFont(self.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        painter.setFont(heading)
        painter.drawText(QRect(0, middle - 40, self.width(), 36), _ALIGN_CENTER, TITLE)
        painter.setFont(self.font())
        painter.setOpacity(0.7)
        painter.drawText(QRect(0, middle, self.width(), 28), _ALIGN_CENTER, self.message)
        painter.setOpacity(1.0)
        if self._step >= 0:
            palette = self.palette()
            bar = self._bar_rect()
            painter.fillRect(bar, palette.brush(QPalette.ColorRole.Midlight))
            travel = bar.width() + _BLOCK_WIDTH
            left = bar.left() - _BLOCK_WIDTH + travel * self._step // _BAR_STEPS
            block = QRect(left, bar.top(), _BLOCK_WIDTH, bar.height()).intersected(bar)
            painter.fillRect(block, palette.brush(QPalette.ColorRole.Highlight))
        painter.end()

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
        self._bar.stop()
        if not self._handed_over and self.close_requested is not None:
            self.close_requested()
        super().closeEvent(event)


def _takes_over(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt  # by now the console has built the namespace anyway

    return widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
