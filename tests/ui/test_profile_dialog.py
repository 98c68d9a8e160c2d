"""The connection profile form: presets, validation, token handling and Test connection."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from parcellab_desk.services.profiles import AuthScheme, Profile, Region
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.credential_widgets import CheckState
from parcellab_desk.ui.profile_dialog import ProfileDialog
from tests.signals import WAIT
from tests.ui.dialog_helpers import (
    ControlledTester,
    answer_with,
    click,
    focus_chain,
    next_emission,
    press,
    type_text,
)

TOKEN = "pl_live_3f9a0c7e51b2"


def _dialog(qtbot: QtBot, **kwargs: object) -> ProfileDialog:
    dialog = ProfileDialog(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _select(
    dialog: ProfileDialog, region: Region | None = None, scheme: AuthScheme | None = None
) -> None:
    if region is not None:
        dialog.region_combo.setCurrentIndex(dialog.region_combo.findData(region))
    if scheme is not None:
        dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData(scheme))


def _state(dialog: ProfileDialog) -> CheckState:
    # A call, not the property: each read is a fresh value for the type checker too.
    return dialog.check.state


def _fill_minimal(qtbot: QtBot, dialog: ProfileDialog) -> None:
    type_text(dialog.name_edit, "EU production")
    type_text(dialog.token_field.edit, TOKEN)


def test_a_new_profile_starts_on_the_eu_preset_with_save_disabled(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == "Connect to parcelLab"
    assert dialog.url_edit.text() == "https://api.eu.parcellab.com"
    assert dialog.url_edit.isReadOnly()
    assert not dialog.save_button.isEnabled()
    assert dialog.problems().keys() == {"name", "token"}
    # Nothing typed yet is not an error to shout about.
    assert not dialog.name_error.isVisibleTo(dialog)


def test_name_and_token_are_enough_for_a_bearer_profile(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    assert dialog.save_button.isEnabled()

    click(dialog.save_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = dialog.profile()
    assert profile.name == "EU production"
    assert profile.base_url == "https://api.eu.parcellab.com"
    assert profile.auth_scheme is AuthScheme.BEARER
    assert profile.default_accounts == ()
    assert profile.remember_token
    assert dialog.token() == Secret(TOKEN)
    assert dialog.remember_token()


def test_choosing_a_region_fills_its_url(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _select(dialog, Region.US)
    assert dialog.url_edit.text() == "https://api.us.parcellab.com"
    _select(dialog, Region.GLOBAL)
    assert dialog.url_edit.text() == "https://api.parcellab.com"


def test_a_custom_url_is_typed_and_checked(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    _select(dialog, Region.CUSTOM)
    assert not dialog.url_edit.isReadOnly()

    dialog.url_edit.clear()
    type_text(dialog.url_edit, "http://staging.example.com")
    assert dialog.url_error.isVisibleTo(dialog)
    assert "unencrypted" in dialog.url_error.text()
    assert not dialog.save_button.isEnabled()

    dialog.url_edit.clear()
    type_text(dialog.url_edit, "https://staging.example.com/")
    assert not dialog.url_error.isVisibleTo(dialog)
    assert dialog.save_button.isEnabled()
    assert dialog.profile().base_url == "https://staging.example.com"


def test_the_sandbox_preset_is_a_demo_profile_with_an_editable_port(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    _select(dialog, Region.SANDBOX)
    assert not dialog.url_edit.isReadOnly()
    assert dialog.url_edit.text().startswith("http://127.0.0.1:")
    assert dialog.profile().demo


def test_the_api_token_scheme_asks_for_the_account_id(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    assert not dialog.account_edit.isVisibleTo(dialog)

    _select(dialog, scheme=AuthScheme.PARCELLAB_API_TOKEN)
    assert dialog.account_edit.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    assert "account id" in dialog.problems()["account_id"]

    type_text(dialog.account_edit, "10x")
    assert "is a number" in dialog.account_error.text()
    press(dialog.account_edit, Qt.Key.Key_Backspace)
    type_text(dialog.accounts_edit, "1042, 1043")
    assert dialog.save_button.isEnabled()
    profile = dialog.profile()
    assert (profile.account_id, profile.default_accounts) == (10, (1042, 1043))


def test_a_bad_account_list_is_explained(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    type_text(dialog.accounts_edit, "1042, brand-a")
    assert dialog.accounts_error.text() == "“brand-a” is not an account id (a positive number)."
    assert not dialog.save_button.isEnabled()


def test_the_token_is_hidden_until_shown(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    field = dialog.token_field
    assert field.edit.echoMode() is QLineEdit.EchoMode.Password
    click(field.toggle)
    assert field.edit.echoMode() is QLineEdit.EchoMode.Normal
    assert field.toggle.text() == "Hide"
    click(field.toggle)
    assert field.edit.echoMode() is QLineEdit.EchoMode.Password


def test_a_pasted_header_value_becomes_the_token(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    type_text(dialog.token_field.edit, f"  Bearer {TOKEN} ")
    assert dialog.token() == Secret(TOKEN)


def test_editing_keeps_the_id_and_an_empty_token_means_keep_it(qtbot: QtBot) -> None:
    original = Profile(
        name="EU prod",
        base_url="https://api.eu.parcellab.com",
        auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        account_id=1042,
        default_accounts=(1042,),
    )
    dialog = _dialog(qtbot, profile=original)
    assert dialog.windowTitle() == "Edit connection profile"
    assert dialog.account_edit.text() == "1042"
    assert dialog.accounts_edit.text() == "1042"
    assert dialog.save_button.isEnabled()  # no token needed: the saved one stays

    dialog.name_edit.selectAll()
    type_text(dialog.name_edit, "EU production")
    click(dialog.save_button)

    edited = dialog.profile()
    assert edited.id == original.id
    assert edited.name == "EU production"
    assert edited.account_id == 1042
    assert not dialog.token()


def test_a_custom_profile_opens_on_its_own_url(qtbot: QtBot) -> None:
    original = Profile(name="Staging", base_url="https://staging.example.com:8443")
    dialog = _dialog(qtbot, profile=original)
    assert dialog.region_combo.currentData() == Region.CUSTOM
    assert dialog.url_edit.text() == "https://staging.example.com:8443"


def test_without_a_usable_keyring_only_memory_is_offered(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, keyring_usable=False, keyring_message="No system keyring here.")
    assert not dialog.remember_radio.isEnabled()
    assert dialog.memory_radio.isChecked()
    assert dialog.keyring_note.isVisibleTo(dialog)
    assert dialog.keyring_note.text() == "No system keyring here."
    _fill_minimal(qtbot, dialog)
    assert not dialog.remember_token()
    assert not dialog.profile().remember_token


def test_the_agent_can_choose_memory_only(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    click(dialog.memory_radio)
    assert not dialog.remember_token()
    assert not dialog.profile().remember_token


def test_escape_closes_without_saving(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    press(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_tab_visits_the_fields_top_to_bottom(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _select(dialog, scheme=AuthScheme.PARCELLAB_API_TOKEN)
    fields = [
        dialog.name_edit,
        dialog.region_combo,
        dialog.url_edit,
        dialog.scheme_combo,
        dialog.account_edit,
        dialog.accounts_edit,
        dialog.token_field.edit,
        dialog.token_field.toggle,
        dialog.remember_radio,
        dialog.test_button,
        dialog.save_button,
    ]
    assert focus_chain(dialog.name_edit, fields) == fields


def test_without_a_tester_the_button_is_disabled(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill_minimal(qtbot, dialog)
    assert not dialog.test_button.isEnabled()


async def test_test_connection_shows_a_busy_state_then_success(qtbot: QtBot) -> None:
    tester = ControlledTester()
    dialog = _dialog(qtbot, tester=tester)
    _fill_minimal(qtbot, dialog)

    click(dialog.test_button)
    await asyncio.wait_for(tester.started, WAIT)

    assert _state(dialog) is CheckState.BUSY
    assert not dialog.test_button.isEnabled()
    assert dialog.test_button.text() == "Testing…"
    assert not dialog.save_button.isEnabled()
    assert dialog.check.progress.isVisibleTo(dialog)
    assert "api.eu.parcellab.com" in dialog.check.label.text()
    ((profile, token),) = tester.calls
    assert (profile.base_url, token) == ("https://api.eu.parcellab.com", Secret(TOKEN))

    checked = next_emission(dialog.check.checked)
    tester.reply(None)
    assert await asyncio.wait_for(checked, WAIT) == (None,)

    assert _state(dialog) is CheckState.OK
    assert dialog.check.label.text() == "✓ Connected: the server accepted the token."
    assert not dialog.check.progress.isVisibleTo(dialog)
    assert dialog.test_button.isEnabled()
    assert dialog.save_button.isEnabled()
    assert dialog.isVisible()  # testing never closes the form


async def test_a_failed_test_shows_the_reason(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, tester=answer_with("The server rejected this token (401)."))
    _fill_minimal(qtbot, dialog)
    checked = next_emission(dialog.check.checked)
    click(dialog.test_button)

    assert await asyncio.wait_for(checked, WAIT) == ("The server rejected this token (401).",)
    assert _state(dialog) is CheckState.FAILED
    assert dialog.check.label.text() == "✗ The server rejected this token (401)."

    # The outcome described the old token; a new one clears it.
    type_text(dialog.token_field.edit, "x")
    assert _state(dialog) is CheckState.IDLE
    assert not dialog.check.label.isVisibleTo(dialog)


async def test_a_tester_that_crashes_does_not_leave_the_form_busy(qtbot: QtBot) -> None:
    async def broken(profile: Profile, token: Secret) -> str | None:
        raise RuntimeError("bug")

    dialog = _dialog(qtbot, tester=broken)
    _fill_minimal(qtbot, dialog)
    checked = next_emission(dialog.check.checked)
    with qtbot.captureExceptions():
        click(dialog.test_button)
        (error,) = await asyncio.wait_for(checked, WAIT)
    assert "unexpected error (RuntimeError)" in error
    assert dialog.test_button.isEnabled()


async def test_an_incomplete_form_is_not_tested(qtbot: QtBot) -> None:
    tester = ControlledTester()
    dialog = _dialog(qtbot, tester=tester)
    type_text(dialog.token_field.edit, TOKEN)
    click(dialog.test_button)
    assert tester.calls == []
    assert "Complete the form first: Give the profile a name" in dialog.check.label.text()


async def test_closing_the_dialog_cancels_a_running_test(qtbot: QtBot) -> None:
    tester = ControlledTester()
    dialog = _dialog(qtbot, tester=tester)
    _fill_minimal(qtbot, dialog)
    click(dialog.test_button)
    await asyncio.wait_for(tester.started, WAIT)

    press(dialog, Qt.Key.Key_Escape)

    await asyncio.wait_for(tester.cancelled, WAIT)
    assert dialog.result() == QDialog.DialogCode.Rejected
