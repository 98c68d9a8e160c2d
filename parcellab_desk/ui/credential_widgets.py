"""Widgets the sign-in dialogs share: a token field and a connection check.

The connection check never speaks HTTP itself: it awaits a ``ConnectionTester`` the
composition root injects (a callable that tries the profile and token against the API and
returns an error message, or None when the token was accepted).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import Enum, auto

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.error_messages import ConnectionWarning
from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.accessibility import announce
from parcellab_desk.ui.theme import set_role

_log = logging.getLogger(__name__)

ConnectionTester = Callable[[Profile, Secret], Awaitable[str | None]]
"""Tries a profile and token against the API; returns what went wrong, or None when fine."""


class TokenField(QWidget):
    """A masked token input with a Show/Hide toggle."""

    text_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(self.tr("Paste the API token"))
        self.edit.setAccessibleName(self.tr("API token"))
        # A token is pasted, never typed: no autocompletion or input-method guesses.
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhSensitiveData
        )
        self.edit.textChanged.connect(self.text_changed)
        self.toggle = QPushButton(self.tr("Show"), self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoDefault(False)
        self.toggle.setToolTip(self.tr("Show or hide the token"))
        self.toggle.setAccessibleName(self.tr("Show token"))
        self.toggle.toggled.connect(self._on_toggle_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)

    def token(self) -> Secret:
        return Secret.from_user_input(self.edit.text())

    def is_shown(self) -> bool:
        return self.edit.echoMode() is QLineEdit.EchoMode.Normal

    def clear(self) -> None:
        self.edit.clear()

    def _on_toggle_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.toggle.setAccessibleName(self.tr("Hide token") if shown else self.tr("Show token"))


class CheckState(Enum):
    IDLE = auto()
    BUSY = auto()
    OK = auto()
    FAILED = auto()


class ConnectionCheck(QWidget):
    """Runs the injected tester and shows "checking...", then the outcome in words.

    Owns its task: a new check, :meth:`cancel`, or closing the dialog cancels the old one.
    """

    checked = Signal(object)  # str | None: the error message, or None when the token works
    busy_changed = Signal(bool)

    def __init__(self, tester: ConnectionTester | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tester = tester
        self._task: asyncio.Task[None] | None = None
        self._state = CheckState.IDLE
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate: how long a server takes is unknown
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setVisible(False)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Connection check"))
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.progress)
        layout.addWidget(self.label)

    @property
    def available(self) -> bool:
        return self._tester is not None

    @property
    def state(self) -> CheckState:
        return self._state

    @property
    def busy(self) -> bool:
        return self._state is CheckState.BUSY

    def start(self, profile: Profile, token: Secret) -> None:
        """Check ``profile`` with ``token``; the outcome arrives as ``checked``."""
        self.cancel()
        if self._tester is None:
            self._finish(self.tr("Checking the connection is not available here."))
            return
        self._set_state(
            CheckState.BUSY,
            self.tr("Checking the connection to {host}…").format(host=profile.host_label),
        )
        self._task = asyncio.get_running_loop().create_task(self._run(self._tester, profile, token))

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        if self.busy:
            self._set_state(CheckState.IDLE, "")

    def show_problem(self, message: str) -> None:
        """Show a problem found before any check ran (e.g. an invalid form)."""
        self.cancel()
        self._set_state(CheckState.FAILED, message)

    def reset(self) -> None:
        """Forget an old outcome (the form changed, so it no longer applies)."""
        self.cancel()
        self._set_state(CheckState.IDLE, "")

    async def _run(self, tester: ConnectionTester, profile: Profile, token: Secret) -> None:
        try:
            error = await tester(profile, token)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in the tester must not leave the dialog busy
            _log.exception("Connection test failed unexpectedly")
            error = self.tr("The check stopped with an unexpected error ({kind}).").format(
                kind=type(exc).__name__
            )
        self._task = None
        self._finish(error)

    def _finish(self, error: str | None) -> None:
        if error is None:
            self._set_state(CheckState.OK, self.tr("✓ Connected: the server accepted the token."))
        elif isinstance(error, ConnectionWarning):
            self._set_state(CheckState.OK, f"⚠ {error}")
            set_role(self.label, "warning")
            error = None  # the token works: nothing stands in the way of saving
        else:
            self._set_state(CheckState.FAILED, f"✗ {error}")
        self.checked.emit(error)

    def _set_state(self, state: CheckState, text: str) -> None:
        was_busy = self.busy
        self._state = state
        self.progress.setVisible(state is CheckState.BUSY)
        role = {CheckState.OK: "success", CheckState.FAILED: "danger"}.get(state, "muted")
        set_role(self.label, role)
        self.label.setText(text)
        self.label.setVisible(bool(text))
        announce(self.label, text)
        if was_busy != self.busy:
            self.busy_changed.emit(self.busy)
