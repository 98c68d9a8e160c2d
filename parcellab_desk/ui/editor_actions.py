"""The order editor's action bar (Save, Revert, Cancel order…) and the editor's state.

The bar sits below the scrolling form, so Save is always in reach. What it offers follows one
``EditorState``; the line beside the buttons says what the state means, or what just happened.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from parcellab_desk.ui.theme import set_role

__all__ = ["EditorActionBar", "EditorState"]


class EditorState(Enum):
    """Where the editor stands; the action bar and the save flow follow it."""

    CLEAN = "clean"  # nothing to send
    DIRTY = "dirty"  # edits that can be sent
    INVALID = "invalid"  # edits with marked problems: fix them first
    INCOMPLETE = "incomplete"  # a new order without its required fields
    BUSY = "busy"  # a save, a check or a cancel is under way (Stop ends it)
    OUTCOME_UNKNOWN = "outcome unknown"  # a save's answer was lost: Check again looks it up

    @property
    def can_save(self) -> bool:
        """Save is offered: it sends, says what is still missing (a new order), or looks
        the order up first (an unknown outcome; never a blind re-send)."""
        return self in (EditorState.DIRTY, EditorState.INCOMPLETE, EditorState.OUTCOME_UNKNOWN)


def _state_text(state: EditorState, problems: int, missing: str) -> str:

    if state is EditorState.INVALID:
        if problems == 1:
            return QCoreApplication.translate("EditorActionBar", "Fix the marked field to save.")
        return QCoreApplication.translate("EditorActionBar", "Fix the marked fields to save.")
    if state is EditorState.INCOMPLETE:
        return QCoreApplication.translate("EditorActionBar", "Missing: {fields}.").format(
            fields=missing
        )
    return ""


class EditorActionBar(QFrame):
    """Save, Revert and Cancel order…, their menu actions, and the status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorActions")
        set_role(self, "action-bar")
        self.save_button = QPushButton(self.tr("Save"), self)
        set_role(self.save_button, "primary")
        self.save_button.setToolTip(self.tr("Send the changes to parcelLab (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setToolTip(self.tr("Forget the unsaved changes"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(
            self.tr(
                "Stop waiting for parcelLab (Esc). A save already sent may still arrive: the "
                "editor then offers Check again."
            )
        )
        self.stop_button.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        self.cancel_order_button = QPushButton(self.tr("Cancel order…"), self)
        set_role(self.cancel_order_button, "destructive")
        self.cancel_order_button.setToolTip(self.tr("Cancel this order (asks for a reason first)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.save_button)
        layout.addWidget(self.revert_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.cancel_order_button)

        self.save_action = QAction(self.tr("&Save order"), self)
        self.revert_action = QAction(self.tr("&Revert changes"), self)
        self.cancel_order_action = QAction(self.tr("&Cancel order…"), self)
        self.stop_action = QAction(self.tr("S&top waiting"), self)
        self.stop_action.setShortcut(Qt.Key.Key_Escape)
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.stop_action.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_action.trigger)
        self.save_button.clicked.connect(self.save_action.trigger)
        self.revert_button.clicked.connect(self.revert_action.trigger)
        self.cancel_order_button.clicked.connect(self.cancel_order_action.trigger)
        self._note = ""

    def show_state(
        self,
        state: EditorState,
        *,
        dirty: bool,
        can_cancel: bool,
        problems: int = 0,
        missing: str = "",
    ) -> None:
        """Enable what ``state`` allows; the status line explains a state that blocks Save,
        else shows the last note (what just happened)."""
        busy = state is EditorState.BUSY
        self.save_button.setEnabled(state.can_save)
        self.save_action.setEnabled(state.can_save)
        self.revert_button.setEnabled(dirty and not busy)
        self.revert_action.setEnabled(dirty and not busy)
        self.cancel_order_button.setEnabled(can_cancel and not busy)
        self.cancel_order_action.setEnabled(can_cancel and not busy)
        self.stop_button.setVisible(busy)
        self.stop_action.setEnabled(busy)
        explained = _state_text(state, problems, missing)
        self.status.setText(explained or self._note)

    def set_note(self, text: str) -> None:
        """What just happened ("Saved.", "Saving…"), shown until the next edit or note."""
        self._note = text
        self.status.setText(text)

    @property
    def note(self) -> str:
        return self._note
