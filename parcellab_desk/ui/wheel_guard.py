"""The mouse wheel scrolls the pane; it never changes a value the agent did not pick.

Qt's drop-downs, spin boxes and date edits take the wheel whenever the pointer passes over
them, so scrolling a long form silently changed saved fields (a time zone, an order status).
One application-wide filter stops that for every such widget in the app, dialogs included:

- a drop-down never takes the wheel (its open list scrolls as usual: that is another widget);
- a spin box or date edit takes it only while it has the keyboard focus;
- the wheel goes to the nearest scroll area instead, so the pane scrolls under the pointer;
- none of them takes the focus from the wheel (``WheelFocus`` becomes ``StrongFocus``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

__all__ = ["WheelGuard"]

_GUARDED = (QComboBox, QAbstractSpinBox)


def _guarded(obj: QObject) -> QWidget | None:
    """The drop-down or spin box ``obj`` is (or is the line edit of)."""
    if isinstance(obj, _GUARDED):
        return obj
    parent = obj.parent() if isinstance(obj, QWidget) else None
    if isinstance(parent, _GUARDED) and obj is getattr(parent, "lineEdit", lambda: None)():
        return parent
    return None


class WheelGuard(QObject):
    """Event filter on the application; see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is QEvent.Type.Wheel:
            widget = _guarded(watched)
            if widget is None or self._may_take_wheel(widget):
                return False
            self._scroll_pane(widget, event)
            return True
        if (
            kind is QEvent.Type.Polish
            and isinstance(watched, _GUARDED)
            and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus
        ):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False

    @staticmethod
    def _may_take_wheel(widget: QWidget) -> bool:
        if isinstance(widget, QComboBox):
            return False
        return widget.hasFocus()

    @staticmethod
    def _scroll_pane(widget: QWidget, event: QEvent) -> None:
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            # The scroll area's viewport scrolls on a wheel event like any other.
            QApplication.sendEvent(parent.viewport(), event)
        event.accept()
