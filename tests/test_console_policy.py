"""The console under a machine policy: presets it cannot edit, no demo, no own profiles,
and a broken policy file that is named once and changes nothing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.services.policy import Policy, apply_to_store, load_policy
from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.startup_dialogs import NoticesDialog
from parcellab_desk.ui.welcome_dialog import WelcomeDialog
from tests.test_console import (  # noqa: F401 - fixtures
    WAIT,
    RecordingConsole,
    dialogs,
    keyring_backend,
    make_console,
    next_dialog,
    paths,
    rows_loaded,
)


def _policy(tmp_path: Path, document: object) -> Policy:
    path = tmp_path / "policy.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
    return load_policy(path)


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


async def test_with_the_demo_off_the_welcome_offers_only_connecting(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    tmp_path: Path,
) -> None:
    console = make_console(demo=True)  # even --demo
    console.policy = _policy(tmp_path, {"hide_demo": True})
    running = asyncio.ensure_future(console.run())

    welcome = await next_dialog(dialogs, WelcomeDialog)

    assert welcome.demo_button.isHidden()
    welcome.reject()
    assert await asyncio.wait_for(running, WAIT) == 0
    assert console.sandbox is None  # the demo sandbox never started


async def test_a_preset_profile_opens_marked_managed_and_cannot_be_edited(
    make_console: Callable[..., RecordingConsole],
    sandbox: EmbeddedSandbox,
    paths: AppPaths,
    tmp_path: Path,
) -> None:
    console = make_console()
    policy = _policy(
        tmp_path,
        {
            "profiles": [{"id": "local", "name": "Team sandbox", "base_url": sandbox.base_url}],
            "allow_own_profiles": False,
        },
    )
    console.policy = policy
    own = Profile(name="My own", base_url=sandbox.base_url)
    console.session.profiles.save(own)
    apply_to_store(policy, console.session.profiles)
    (preset,) = policy.profiles
    await console.session.sign_in(preset, Secret(sandbox.demo_token), remember=True)
    console.session.profiles.set_last_used(own.id)  # last used, but no longer allowed

    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    await rows_loaded(window)

    assert console.connection is not None
    assert console.connection.profile.id == "managed-local"
    assert window.managed_label is not None
    assert window.managed_label.text() == "Managed by your organisation"
    assert "preset profiles: Team sandbox" in window.managed_label.toolTip()
    actions = {a.text(): a for a in window.profile_menu.actions()}
    assert "My own" not in actions  # not offered: the policy allows only the presets
    assert not actions["New profile…"].isEnabled()
    assert not actions["Edit this profile…"].isEnabled()
    assert await console.edit_profile(console.connection.profile) is None
    (box,) = _boxes()
    assert box.text() == "This profile is set up by your organisation."
    box.close()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


@pytest.mark.usefixtures("sandbox")
async def test_a_broken_policy_file_is_named_and_the_console_starts_without_it(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    tmp_path: Path,
) -> None:
    console = make_console()
    console.policy = _policy(tmp_path, '{"hide_demo": true,}')
    running = asyncio.ensure_future(console.run())

    notices = await next_dialog(dialogs, NoticesDialog)  # start-up problems come first
    (sentence,) = notices.notices
    assert sentence.startswith("The settings file your IT department put on this computer (")
    assert "could not be used: it is not valid JSON (line 1)." in sentence
    notices.accept()
    welcome = await next_dialog(dialogs, WelcomeDialog)
    assert not welcome.demo_button.isHidden()  # nothing of the broken file applied
    welcome.reject()
    assert await asyncio.wait_for(running, WAIT) == 0
