"""The prompt after a 401: a new token for the same profile, the agent's work kept."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.profiles import AuthScheme, Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.accessibility import name_fields_from_labels
from parcellab_desk.ui.credential_widgets import ConnectionCheck, ConnectionTester, TokenField
from parcellab_desk.wording import translate


class SignInDialog(QDialog):
    """Asks for a new token when the server rejected the current one.

    With a tester, "Sign in" first checks the new token and only closes once the server
    accepts it; a rejected token keeps the dialog open with the reason. The dialog returns
    the token (:meth:`token`, :meth:`remember_token`); the caller stores it and retries the
    request that failed, so open orders and unsaved edits stay as they were.
    """

    def __init__(
        self,
        profile: Profile,
        *,
        tester: ConnectionTester | None = None,
        keyring_usable: bool = True,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profile = profile
        self.setWindowTitle(self.tr("Sign in to {profile}").format(profile=profile.name))

        heading = QLabel(
            "<b>"
            + self.tr("Your token for “{profile}” was rejected.").format(
                profile=escape(profile.name)
            )
            + "</b>",
            self,
        )
        explanation = QLabel(
            reason
            or self.tr(
                "The server answered 401 Unauthorized: the token has expired, was revoked, "
                "or was mistyped. Paste a new token to sign in again. Your open orders and "
                "unsaved edits are kept."
            ),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.token_field = TokenField(self)
        self.remember_box = QCheckBox(self.tr("Remember the token in the system keyring"), self)
        self.remember_box.setChecked(keyring_usable and profile.remember_token)
        self.remember_box.setEnabled(keyring_usable)
        if not keyring_usable:
            self.remember_box.setToolTip(
                self.tr("No usable keyring: the token is kept in memory for this session only.")
            )

        form = QFormLayout()
        summary = QLabel(_profile_summary(profile), self)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        form.addRow(self.tr("Profile:"), summary)
        token_label = QLabel(self.tr("&Token:"), self)
        token_label.setBuddy(self.token_field.edit)
        form.addRow(token_label, self.token_field)
        form.addRow("", self.remember_box)

        self.check = ConnectionCheck(tester, self)
        self.check.checked.connect(self._on_check_checked)
        self.check.busy_changed.connect(self._update_buttons)

        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.sign_in_button.setDefault(True)
        name_fields_from_labels(self)

        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.check)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.token_field.text_changed.connect(self._on_token_changed)
        self.token_field.setFocus()
        self._update_buttons()

    @property
    def profile(self) -> Profile:
        return self._profile

    def token(self) -> Secret:
        return self.token_field.token()

    def remember_token(self) -> bool:
        return self.remember_box.isChecked()

    def done(self, result: int) -> None:
        # Closing while a check runs (Escape, Cancel) ends the check with the dialog.
        self.check.cancel()
        super().done(result)

    def _on_token_changed(self) -> None:
        if not self.check.busy:
            self.check.reset()
        self._update_buttons()

    def _on_sign_in_clicked(self) -> None:
        token = self.token()
        if not token:
            return
        if self.check.available:
            self.check.start(self._profile, token)
        else:
            self.accept()

    def _on_check_checked(self, error: str | None) -> None:
        if error is None:
            self.accept()
        else:
            self.token_field.setFocus()
            self.token_field.edit.selectAll()

    def _update_buttons(self) -> None:
        busy = self.check.busy
        self.sign_in_button.setEnabled(bool(self.token()) and not busy)
        self.sign_in_button.setText(self.tr("Checking…") if busy else self.tr("Sign in"))
        self.token_field.setEnabled(not busy)


def _profile_summary(profile: Profile) -> str:
    if profile.auth_scheme is AuthScheme.PARCELLAB_API_TOKEN:
        scheme = translate("SignInDialog", "Parcellab-API-Token, account {account}").format(
            account=profile.account_id
        )
    else:
        scheme = translate("SignInDialog", "Bearer token")
    return f"{profile.name} — {profile.host_label}\n{scheme}"
