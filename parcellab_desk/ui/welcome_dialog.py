"""The first-start dialog: try the demo, or connect to parcelLab."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.ui.icons import IconName, set_icon
from parcellab_desk.ui.theme import Role


class WelcomeChoice(StrEnum):
    DEMO = "demo"
    CONNECT = "connect"


class WelcomeDialog(QDialog):
    """Shown when no profile exists. Accepted with a :class:`WelcomeChoice`; Escape or
    Quit rejects it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choice: WelcomeChoice | None = None
        self.setWindowTitle(self.tr("Welcome to parcelLab Desk"))

        heading = QLabel(self.tr("<h2>Welcome to parcelLab Desk</h2>"), self)
        intro = QLabel(
            self.tr(
                "Look up, fix and cancel parcelLab orders and their trackings. "
                "How would you like to start?"
            ),
            self,
        )
        intro.setWordWrap(True)

        self.demo_button = QCommandLinkButton(
            self.tr("Try the demo (local sandbox)"),
            self.tr(
                "Starts a sandbox with sample orders on this computer. Nothing is sent to "
                "parcelLab, and no token is needed."
            ),
            self,
        )
        self.connect_button = QCommandLinkButton(
            self.tr("Connect to parcelLab"),
            self.tr(
                "Set up a connection profile: region (EU, US or global) and your API token. "
                "The token is kept in the system keyring."
            ),
            self,
        )
        for button, name in (
            (self.connect_button, IconName.CONNECT),
            (self.demo_button, IconName.DEMO),
        ):
            set_icon(button, name, Role.ACCENT)
            button.setIconSize(QSize(28, 28))
        self.demo_button.clicked.connect(lambda: self._choose(WelcomeChoice.DEMO))
        self.connect_button.clicked.connect(lambda: self._choose(WelcomeChoice.CONNECT))

        buttons = QDialogButtonBox(self)
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        # The real connection is what most agents need; the demo is one Tab away.
        self.connect_button.setDefault(True)
        self.connect_button.setFocus()

    def choice(self) -> WelcomeChoice | None:
        """What the agent picked; None when the dialog was closed without a choice."""
        return self._choice

    def _choose(self, choice: WelcomeChoice) -> None:
        self._choice = choice
        self.accept()
