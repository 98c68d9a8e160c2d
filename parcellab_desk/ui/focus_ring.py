"""One focus ring for the whole application, in the palette's highlight colour.

Styles draw focus very differently: Fusion marks a drop-down or a push button with a border
that is barely darker than the usual one, and a control with its own style sheet (a coloured
button, a tag chip) shows nothing at all. The agent working from the keyboard must see at a
glance where the next key goes, in a light palette and a dark one, so the console draws its
own ring: one widget that lies on whichever control has the focus (it moves, resizes and
scrolls with it) and paints a 2-pixel rounded rectangle in ``QPalette.Highlight``. (Qt's
``QFocusFrame`` sits under and outside its widget in Fusion, where a tight parent clips it.)
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

__all__ = ["RING_WIDTH", "FocusFollower", "FocusRing", "current_ring"]

RING_WIDTH = 2


class FocusRing(QWidget):
    """A ring lying on the edge of the widget that has the focus, above it; the mouse goes
    through it. It follows the widget as it moves, resizes, scrolls or hides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widget: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def widget(self) -> QWidget | None:
        return self._widget

    def set_widget(self, widget: QWidget | None) -> None:
        if self._widget is not None and shiboken6.isValid(self._widget):
            self._widget.removeEventFilter(self)
        self._widget = widget
        if widget is None or widget.parentWidget() is None:
            self._widget = None
            self.hide()
            return
        widget.installEventFilter(self)
        self.cover()

    def cover(self) -> None:
        """Lie exactly on the followed widget, above it (its siblings included)."""
        widget = self._widget
        if widget is None or not shiboken6.isValid(widget):
            self.hide()
            return
        parent = widget.parentWidget()
        if parent is not None and self.parentWidget() is not parent:
            self.setParent(parent)
        self.setGeometry(widget.geometry())
        self.raise_()
        self.setVisible(widget.isVisible())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in _FOLLOWED:
            self.cover()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, RING_WIDTH))
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)


_FOLLOWED = frozenset(
    {
        QEvent.Type.Move,
        QEvent.Type.Resize,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.ParentChange,
        QEvent.Type.ZOrderChange,
    }
)


def _ring_target(widget: QWidget | None) -> QWidget | None:
    """The control to ring: a drop-down or spin box rather than its inner line edit; none
    for a window itself or a widget that is not a control."""
    if widget is None or widget.isWindow():
        return None
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


class FocusFollower(QObject):
    """Moves the ring to whichever control takes the focus (one per application)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._on_app_focus_changed)

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.ring is not None and not shiboken6.isValid(self.ring):
            self.ring = None  # it went with the pane it was drawn in
        target = _ring_target(new)
        if target is None:
            if self.ring is not None:
                self.ring.set_widget(None)
            return
        if self.ring is None:
            self.ring = FocusRing(target.parentWidget())
        self.ring.set_widget(target)


def current_ring() -> FocusRing | None:
    """The ring now shown (None before the first control took the focus)."""
    app = QApplication.instance()
    follower = app.findChild(FocusFollower) if app is not None else None
    ring = follower.ring if follower is not None else None
    return ring if ring is not None and shiboken6.isValid(ring) else None
