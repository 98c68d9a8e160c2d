"""What the console adds to Qt's own handling of the keyboard and the mouse, application-wide:
the wheel guard (scrolling never changes a value) and the focus ring (the keyboard's place is
always visible). Installed once at start-up, before any window exists."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.focus_ring import FocusFollower
from parcellab_desk.ui.wheel_guard import WheelGuard

__all__ = ["install_input_aids"]


def install_input_aids(app: QApplication) -> None:
    """Install both on ``app``; a second call changes nothing."""
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
    if app.findChild(FocusFollower) is None:
        FocusFollower(app)
