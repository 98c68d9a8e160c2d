"""Render the sign-in dialogs offscreen into PNGs next to this script.

Run from the repository root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_dialog_shots.py
The connection checks are answered by stand-ins, so no server or keyring is needed.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")  # qasync then binds to PySide6 whatever the order

import qasync
from PySide6.QtWidgets import QApplication, QWidget

from parcellab_desk.services.credentials import CredentialError, CredentialProblem
from parcellab_desk.services.profiles import AuthScheme, Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.no_keyring_dialog import NoKeyringDialog
from parcellab_desk.ui.profile_dialog import ProfileDialog
from parcellab_desk.ui.sign_in_dialog import SignInDialog
from parcellab_desk.ui.welcome_dialog import WelcomeDialog

OUT = Path(__file__).resolve().parent
EU = Profile(
    name="EU production",
    base_url="https://api.eu.parcellab.com",
    auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
    account_id=1042,
    default_accounts=(1042, 1043),
)


async def accepted(profile: Profile, token: Secret) -> str | None:
    return None


async def rejected(profile: Profile, token: Secret) -> str | None:
    return "The server rejected this token (401 Unauthorized). Check that it is complete."


async def settle(widget: QWidget) -> None:
    widget.show()
    widget.adjustSize()
    for _ in range(3):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def save(widget: QWidget, name: str) -> None:
    await settle(widget)
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    widget.close()


async def wait_for_check(dialog: ProfileDialog | SignInDialog) -> None:
    done: asyncio.Future[object] = asyncio.get_running_loop().create_future()

    def on_checked(error: object) -> None:
        if not done.done():
            done.set_result(error)

    dialog.check.checked.connect(on_checked)
    await asyncio.wait_for(done, 5)


async def main() -> None:
    await save(WelcomeDialog(), "welcome")

    new = ProfileDialog(tester=accepted)
    new.name_edit.setText("EU production")
    new.scheme_combo.setCurrentIndex(list(AuthScheme).index(AuthScheme.PARCELLAB_API_TOKEN))
    new.account_edit.setText("1042")
    new.accounts_edit.setText("1042, 1043")
    new.token_field.edit.setText("pl_live_3f9a0c7e51b24d8a")
    await settle(new)
    new.test_button.click()
    await wait_for_check(new)
    await save(new, "profile")

    custom = ProfileDialog(
        tester=accepted,
        keyring_usable=False,
        keyring_message=CredentialError(
            CredentialProblem.NO_BACKEND, backend="keyring.backends.fail.Keyring"
        ).reason,
    )
    custom.name_edit.setText("Staging")
    custom.region_combo.setCurrentIndex(custom.region_combo.count() - 1)
    custom.url_edit.setText("http://staging.example.com")
    custom.url_edit.setModified(True)
    custom.url_edit.textEdited.emit(custom.url_edit.text())
    await save(custom, "profile_custom_no_keyring")

    sign_in = SignInDialog(EU, tester=rejected)
    sign_in.token_field.edit.setText("pl_live_old_token_1234")
    await settle(sign_in)
    sign_in.sign_in_button.click()
    await wait_for_check(sign_in)
    await save(sign_in, "sign_in")

    error = CredentialError(
        CredentialProblem.LOCKED,
        backend="keyring.backends.SecretService.Keyring (priority: 5)",
        detail="InitError: Failed to unlock the collection: Prompt dismissed",
        action="save",
    )
    await save(NoKeyringDialog.for_error(error), "no_keyring")


if __name__ == "__main__":
    app = QApplication(sys.argv)
    qasync.run(main())
