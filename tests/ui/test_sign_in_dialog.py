"""The prompt after a 401: a new token, checked before the dialog closes."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from parcellab_desk.services.profiles import AuthScheme, Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.credential_widgets import CheckState
from parcellab_desk.ui.sign_in_dialog import SignInDialog
from tests.signals import WAIT
from tests.ui.dialog_helpers import (
    ControlledTester,
    answer_with,
    click,
    next_emission,
    press,
    type_text,
)

NEW_TOKEN = "pl_live_new_7d21c0e4"
EU = Profile(
    name="EU production",
    base_url="https://api.eu.parcellab.com",
    auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
    account_id=1042,
)


def _dialog(qtbot: QtBot, **kwargs: object) -> SignInDialog:
    dialog = SignInDialog(EU, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_prompt_says_what_happened_and_that_work_is_kept(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.check.label)))
    assert "Your token for “EU production” was rejected." in texts
    assert "401 Unauthorized" in texts
    assert "unsaved edits are kept" in texts
    assert "api.eu.parcellab.com" in texts
    assert "account 1042" in texts
    assert dialog.windowTitle() == "Sign in to EU production"


def test_sign_in_waits_for_a_token(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.sign_in_button.isEnabled()
    type_text(dialog.token_field.edit, "   ")
    assert not dialog.sign_in_button.isEnabled()
    type_text(dialog.token_field.edit, NEW_TOKEN)
    assert dialog.sign_in_button.isEnabled()


def test_without_a_tester_sign_in_returns_the_token(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    type_text(dialog.token_field.edit, f"Bearer {NEW_TOKEN}")
    press(dialog.token_field.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.token() == Secret(NEW_TOKEN)
    assert dialog.remember_token()
    assert dialog.profile is EU


def test_without_a_usable_keyring_the_token_stays_in_memory(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, keyring_usable=False)
    assert not dialog.remember_box.isEnabled()
    assert not dialog.remember_token()


def test_a_profile_kept_in_memory_is_not_switched_to_the_keyring(qtbot: QtBot) -> None:
    dialog = SignInDialog(EU.model_copy(update={"remember_token": False}))
    qtbot.addWidget(dialog)
    assert not dialog.remember_token()


def test_the_caller_can_give_its_own_reason(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, reason="Your session for EU production ended. <b>Sign in</b>.")
    texts = [label.text() for label in dialog.findChildren(type(dialog.check.label))]
    assert "Your session for EU production ended. <b>Sign in</b>." in texts


async def test_a_new_token_is_checked_before_the_dialog_closes(qtbot: QtBot) -> None:
    tester = ControlledTester()
    dialog = _dialog(qtbot, tester=tester)
    type_text(dialog.token_field.edit, NEW_TOKEN)
    finished = next_emission(dialog.finished)

    click(dialog.sign_in_button)
    await asyncio.wait_for(tester.started, WAIT)
    assert dialog.isVisible()
    assert dialog.check.state is CheckState.BUSY
    assert dialog.sign_in_button.text() == "Checking…"
    assert not dialog.sign_in_button.isEnabled()
    assert not dialog.token_field.isEnabled()
    assert tester.calls == [(EU, Secret(NEW_TOKEN))]

    tester.reply(None)

    assert await asyncio.wait_for(finished, WAIT) == (QDialog.DialogCode.Accepted.value,)
    assert dialog.token() == Secret(NEW_TOKEN)


async def test_a_rejected_token_keeps_the_dialog_open_with_the_reason(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, tester=answer_with("The server rejected this token (401)."))
    type_text(dialog.token_field.edit, "wrong-token")
    checked = next_emission(dialog.check.checked)

    click(dialog.sign_in_button)
    await asyncio.wait_for(checked, WAIT)

    assert dialog.isVisible()
    assert dialog.check.label.text() == "✗ The server rejected this token (401)."
    assert dialog.token_field.isEnabled()
    assert dialog.sign_in_button.isEnabled()
    assert dialog.token_field.edit.hasSelectedText()  # ready to paste over


async def test_escape_during_the_check_cancels_it_and_closes(qtbot: QtBot) -> None:
    tester = ControlledTester()
    dialog = _dialog(qtbot, tester=tester)
    type_text(dialog.token_field.edit, NEW_TOKEN)
    click(dialog.sign_in_button)
    await asyncio.wait_for(tester.started, WAIT)

    press(dialog, Qt.Key.Key_Escape)

    await asyncio.wait_for(tester.cancelled, WAIT)
    assert dialog.result() == QDialog.DialogCode.Rejected
