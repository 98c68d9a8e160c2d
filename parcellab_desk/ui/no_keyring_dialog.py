"""The message shown when a token cannot go to the OS keyring, with what the agent can do."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.credentials import CredentialError, KeyringStatus
from parcellab_desk.ui.theme import set_role


class NoKeyringChoice(StrEnum):
    MEMORY_ONLY = "memory_only"  # keep the token in memory for this session
    RETRY = "retry"  # the agent unlocked or started the keyring
    CANCEL = "cancel"


class NoKeyringDialog(QDialog):
    """Explains why the keyring cannot take the token and offers memory-only or retry.

    ``reason`` is the credential store's plain-words reason; ``backend`` and ``detail``
    (the keyring's name and its own words) are shown small, for support.
    """

    @classmethod
    def for_error(cls, error: CredentialError, parent: QWidget | None = None) -> NoKeyringDialog:
        return cls(error.reason, backend=error.backend, detail=error.detail, parent=parent)

    @classmethod
    def for_status(cls, status: KeyringStatus, parent: QWidget | None = None) -> NoKeyringDialog:
        return cls(status.reason, backend=status.backend, detail=status.detail, parent=parent)

    def __init__(
        self,
        reason: str,
        *,
        backend: str = "",
        detail: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choice = NoKeyringChoice.CANCEL
        self.setWindowTitle(self.tr("Token cannot be saved in the keyring"))

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        heading = QLabel(self.tr("<b>The token cannot be saved in the system keyring.</b>"), self)
        self.reason_label = QLabel(reason, self)
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        explanation = QLabel(
            self.tr(
                "You can keep the token <b>in memory for this session only</b>: you stay signed "
                "in until the console quits, and it asks for the token at the next start. The "
                "token is never written to a file.<br><br>"
                "To have it remembered instead, start or unlock the keyring (GNOME Keyring, "
                "KWallet, macOS Keychain or Windows Credential Manager), then choose "
                "<i>Try again</i>."
            ),
            self,
        )
        explanation.setWordWrap(True)
        support = "\n".join(
            line
            for line in (
                self.tr("Keyring: {backend}").format(backend=backend) if backend else "",
                detail,
            )
            if line
        )
        self.backend_label = QLabel(support, self)
        self.backend_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.backend_label, "muted")
        self.backend_label.setWordWrap(True)
        self.backend_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backend_label.setVisible(bool(support))

        buttons = QDialogButtonBox(self)
        self.memory_button = buttons.addButton(
            self.tr("Keep in memory for this session"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.retry_button = buttons.addButton(
            self.tr("Try again"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.memory_button.clicked.connect(lambda: self._choose(NoKeyringChoice.MEMORY_ONLY))
        self.retry_button.clicked.connect(lambda: self._choose(NoKeyringChoice.RETRY))
        self.cancel_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(heading)
        text.addWidget(self.reason_label)
        text.addWidget(explanation)
        text.addWidget(self.backend_label)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.memory_button.setDefault(True)
        self.memory_button.setFocus()

    def choice(self) -> NoKeyringChoice:
        return self._choice

    def reject(self) -> None:
        self._choice = NoKeyringChoice.CANCEL
        super().reject()

    def _choose(self, choice: NoKeyringChoice) -> None:
        self._choice = choice
        self.accept()
