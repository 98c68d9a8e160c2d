"""Scrolling over the editor changes nothing: every drop-down, spin box and date edit passes
the wheel to the pane (which scrolls), unless a spin box has the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.editor_fixtures import shown_editor

DOWN, UP = -120, 120


def wheel(widget: QWidget, delta: int) -> None:
    """One notch of the mouse wheel with the pointer over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def test_scrolling_over_every_drop_down_changes_nothing_and_scrolls_the_pane(
    qtbot: QtBot,
) -> None:
    editor = shown_editor(qtbot, height=420)
    guarded = [
        w
        for w in editor.findChildren(QWidget)
        if isinstance(w, QComboBox | QAbstractSpinBox) and w.isVisible()
    ]
    names = {b.spec.name for b in editor.bindings.values() if b.widget in guarded}
    # Account, status, shipments, country, language, time zone: all of them are covered.
    assert names >= {
        "account",
        "order_status",
        "has_multiple_shipments",
        "destination_country_iso3",
        "language_iso2",
        "timezone",
    }
    bar = editor.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than the pane
    for widget in guarded:
        before = value_of(widget)
        for start, delta in ((bar.minimum(), DOWN), (bar.maximum(), UP)):
            bar.setValue(start)
            wheel(widget, delta)
            assert bar.value() != start, f"the pane did not scroll over {widget}"
            assert value_of(widget) == before
        assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus
        assert not widget.hasFocus()  # the wheel gives it no focus either
    assert not editor.draft.is_dirty
    assert editor.draft.edits() == {}


def test_a_focused_drop_down_still_ignores_the_wheel_but_a_focused_spin_box_takes_it(
    qtbot: QtBot,
) -> None:
    editor = shown_editor(qtbot)
    status = editor.bindings["order_status"].widget
    status.setFocus()
    wheel(status, DOWN)
    assert not editor.draft.is_dirty  # a drop-down changes through its open list only

    pane = QScrollArea()
    qtbot.addWidget(pane)
    inner = QWidget()
    spin = QSpinBox(inner)
    spin.setValue(5)
    QVBoxLayout(inner).addWidget(spin)
    pane.setWidget(inner)
    pane.show()
    wheel(spin, UP)
    assert spin.value() == 5  # no focus: not its wheel
    pane.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, UP)
    assert spin.value() == 6  # the agent is working in it: the wheel steps it
