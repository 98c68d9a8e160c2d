"""What the agent is told at start-up when files or folders need attention.

One dialog lists every problem found (one sentence each, with the path and what to do); the
console has already started around them. A damaged demo database gets its own question,
since only the agent can decide to start from fresh demo data.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from parcellab_desk.app_args import DISPLAY_NAME


def _widen(box: QMessageBox) -> None:
    """Room for a path on one line: QMessageBox alone wraps long sentences very narrowly."""
    box.setStyleSheet("QMessageBox QLabel#qt_msgbox_informativelabel { min-width: 36em; }")


class NoticesDialog(QMessageBox):
    """Start-up problems, one sentence each; the paths can be selected and copied."""

    def __init__(self, notices: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notices = list(notices)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(DISPLAY_NAME)
        one = len(self.notices) == 1
        self.setText(
            self.tr("The console started, but one of its files needs your attention.")
            if one
            else self.tr("The console started, but some of its files need your attention.")
        )
        items = "".join(f"<li>{html.escape(n)}</li>" for n in self.notices)
        self.setInformativeText(f"<ul style='margin-left: -20px'>{items}</ul>")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        _widen(self)


class DamagedDemoDialog(QMessageBox):
    """The demo database cannot be read: start from fresh demo data, or quit."""

    def __init__(self, database: Path, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(DISPLAY_NAME)
        self.setText(self.tr("The demo database cannot be read ({reason}).").format(reason=reason))
        question = self.tr(
            "Start from fresh demo data? The damaged file is kept beside it "
            "(renamed, nothing is deleted), as the --reset-demo option does."
        )
        self.setInformativeText(f"{database}\n\n{question}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fresh_button: QPushButton = self.addButton(
            self.tr("Start with fresh demo data"), QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_button: QPushButton = self.addButton(
            self.tr("Quit"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.fresh_button)
        self.setEscapeButton(self.quit_button)
        _widen(self)

    def chose_fresh(self) -> bool:
        return self.clickedButton() is self.fresh_button
