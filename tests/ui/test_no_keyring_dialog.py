"""The no-keyring message: why, and the choice of memory only, retry or cancel."""

from __future__ import annotations

import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from parcellab_desk.services.credentials import CredentialError, CredentialStore
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.no_keyring_dialog import NoKeyringChoice, NoKeyringDialog
from tests.services.keyring_fakes import FailingKeyring, install_keyring, no_keyring
from tests.ui.dialog_helpers import click, press


def _texts(dialog: NoKeyringDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


async def _error_from(monkeypatch: pytest.MonkeyPatch, backend: object) -> CredentialError:
    install_keyring(monkeypatch, backend)  # type: ignore[type-var]
    with pytest.raises(CredentialError) as caught:
        await CredentialStore().save("p1", Secret("tok-9a8b7c6d5e"))
    return caught.value


async def test_a_missing_keyring_is_explained_with_the_memory_only_choice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = await _error_from(monkeypatch, no_keyring())
    dialog = NoKeyringDialog.for_error(error)
    qtbot.addWidget(dialog)

    texts = _texts(dialog)
    assert "No system keyring is available on this computer" in texts
    assert "in memory for this session only" in texts
    assert "never written to a file" in texts
    assert "keyring.backends.fail.Keyring" in texts
    assert dialog.memory_button.isDefault()
    assert "tok-9a8b7c6d5e" not in texts


async def test_a_locked_keyring_says_so_and_shows_the_backend_detail(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = await _error_from(
        monkeypatch, FailingKeyring(keyring.errors.InitError("Prompt dismissed"))
    )
    dialog = NoKeyringDialog.for_error(error)
    qtbot.addWidget(dialog)
    assert dialog.reason_label.text().startswith("The system keyring is locked")
    assert "InitError: Prompt dismissed" in dialog.backend_label.text()


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        ("memory_button", NoKeyringChoice.MEMORY_ONLY),
        ("retry_button", NoKeyringChoice.RETRY),
        ("cancel_button", NoKeyringChoice.CANCEL),
    ],
)
def test_each_button_gives_its_choice(qtbot: QtBot, button: str, choice: NoKeyringChoice) -> None:
    dialog = NoKeyringDialog("No keyring.")
    qtbot.addWidget(dialog)
    click(getattr(dialog, button))
    assert dialog.choice() is choice
    assert not dialog.isVisible()


def test_escape_cancels(qtbot: QtBot) -> None:
    dialog = NoKeyringDialog("No keyring.")
    qtbot.addWidget(dialog)
    dialog.show()
    press(dialog, Qt.Key.Key_Escape)
    assert dialog.choice() is NoKeyringChoice.CANCEL


def test_the_reason_is_shown_as_plain_text(qtbot: QtBot) -> None:
    dialog = NoKeyringDialog("<b>not bold</b>")
    qtbot.addWidget(dialog)
    assert dialog.reason_label.textFormat() is Qt.TextFormat.PlainText
    assert not dialog.backend_label.isVisibleTo(dialog)
