"""The console's whole flows with real dialogs, a real sandbox over loopback and an in-memory
keyring: first start, a 401 in the middle of work, and no token left anywhere afterwards."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import secrets
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.models import Order
from parcellab_desk.console import Connection, Console
from parcellab_desk.sandbox.auth import TokenGrant
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.credentials import CredentialStore
from parcellab_desk.services.drafts import DraftStore
from parcellab_desk.services.logging_setup import configure_logging, shutdown_logging
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.services.profiles import Profile, ProfileStore, Region
from parcellab_desk.services.secret import Secret
from parcellab_desk.services.session import SessionService
from parcellab_desk.start import DEMO_DB_NAME, EarlySandbox
from parcellab_desk.ui.dialog_async import dialog_events
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.profile_dialog import ProfileDialog
from parcellab_desk.ui.sign_in_dialog import SignInDialog
from parcellab_desk.ui.welcome_dialog import WelcomeDialog
from tests.secret_scan import find_secret
from tests.services.keyring_fakes import MemoryKeyring, install_keyring
from tests.signals import expect, until

D = TypeVar("D", bound=QDialog)
WAIT = 30.0  # generous: a demo sandbox seeds and starts inside some of these waits


class RecordingConsole(Console):
    """The real console, which also hands each window it opens to the test."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.opened: asyncio.Queue[MainWindow] = asyncio.Queue()

    def open_window(self, connection: Connection, drafts: DraftStore | None = None) -> MainWindow:
        window = super().open_window(connection, drafts)
        self.opened.put_nowait(window)
        return window


@pytest.fixture
def keyring_backend(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return install_keyring(monkeypatch, MemoryKeyring())


@pytest.fixture
def dialogs() -> Iterator[asyncio.Queue[QDialog]]:
    opened: asyncio.Queue[QDialog] = asyncio.Queue()
    dialog_events.opened.connect(opened.put_nowait)
    yield opened
    dialog_events.opened.disconnect(opened.put_nowait)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "app").ensure()


@pytest.fixture
def make_console(
    paths: AppPaths, keyring_backend: MemoryKeyring
) -> Callable[..., RecordingConsole]:
    def make(**options: object) -> RecordingConsole:
        args = argparse.Namespace(
            demo=False, demo_orders=30, reset_demo=False, sandbox_port=0, debug=False
        )
        vars(args).update(options)
        session = SessionService(ProfileStore(paths.config), CredentialStore())
        return RecordingConsole(args, paths, session)

    return make


async def next_dialog(queue: asyncio.Queue[QDialog], kind: type[D]) -> D:
    dialog = await asyncio.wait_for(queue.get(), WAIT)
    assert isinstance(dialog, kind), f"expected {kind.__name__}, got {type(dialog).__name__}"
    return dialog


async def rows_loaded(window: MainWindow) -> None:
    model = window.model
    await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)


async def start_signed_in(
    console: RecordingConsole, sandbox: EmbeddedSandbox
) -> tuple[Profile, asyncio.Future[int], MainWindow]:
    """A console on a profile for ``sandbox`` whose token is in the keyring, rows loaded."""
    profile = Profile(name="Staging", base_url=sandbox.base_url)
    await console.session.sign_in(profile, Secret(sandbox.demo_token), remember=True)
    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    await rows_loaded(window)
    return profile, running, window


async def type_into_first_order(
    window: MainWindow, text: str
) -> tuple[Order, OrderEditor, QLineEdit]:
    """Open the first row's order and type ``text`` as its customer number (unsaved)."""
    order = window.model.order_at(0)
    assert order is not None
    window.open_order(order)
    editor = window.editor_tabs.current_editor()
    assert editor is not None
    field = editor.inputs["customer_number"]
    assert isinstance(field, QLineEdit)
    field.setText(text)
    field.textEdited.emit(text)
    return order, editor, field


async def test_first_start_welcomes_and_the_demo_is_remembered(
    make_console: Callable[..., RecordingConsole], dialogs: asyncio.Queue[QDialog]
) -> None:
    console = make_console()
    running = asyncio.ensure_future(console.run())
    welcome = await next_dialog(dialogs, WelcomeDialog)
    welcome.demo_button.click()
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    assert window.windowTitle().startswith("DEMO")
    await rows_loaded(window)
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0
    last = console.session.profiles.last_used()
    assert last is not None
    assert last.demo

    # The next start goes straight back to the demo, no welcome.
    again = make_console()
    running = asyncio.ensure_future(again.run())
    window = await asyncio.wait_for(again.opened.get(), WAIT)
    assert dialogs.empty()
    await rows_loaded(window)
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_a_401_mid_work_asks_to_sign_in_and_keeps_the_open_edit(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    keyring_backend: MemoryKeyring,
    sandbox: EmbeddedSandbox,
) -> None:
    console = make_console()
    profile, running, window = await start_signed_in(console, sandbox)
    # The agent is halfway through an edit when the token stops working.
    _first, editor, field = await type_into_first_order(window, "HALF-TYPED")
    assert console.client is not None
    console.client.set_auth(BearerAuth("revoked-token-0123456789"))
    window.refresh_action.trigger()

    sign_in = await next_dialog(dialogs, SignInDialog)
    assert window.isVisible()
    sign_in.token_field.edit.setText(sandbox.demo_token)
    sign_in.sign_in_button.click()  # checked against the sandbox before the dialog closes
    await until(lambda: window.model.error is None and not window.model.is_loading,
                window.model.state_changed)  # fmt: skip
    assert window.model.loaded_count > 0
    assert console.window is window  # same window, nothing reopened
    assert editor.is_dirty
    assert field.text() == "HALF-TYPED"
    assert keyring_backend.entries[("parcellab_desk", f"profile:{profile.id}")] == (
        sandbox.demo_token
    )

    # A 401 on the save itself: sign in again, and the same save goes through.
    console.client.set_auth(BearerAuth("revoked-token-again-0123456789"))
    saved = expect(editor.saved)
    editor.save_button.click()
    sign_in = await next_dialog(dialogs, SignInDialog)
    sign_in.token_field.edit.setText(sandbox.demo_token)
    sign_in.sign_in_button.click()
    (order,) = await asyncio.wait_for(saved, WAIT)
    assert isinstance(order, Order)
    assert order.customer_number == "HALF-TYPED"
    assert not editor.draft.is_dirty  # (not editor.is_dirty: mypy keeps the earlier narrowing)

    window.close()  # nothing unsaved: no question
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_the_token_appears_nowhere_the_console_wrote(
    make_console: Callable[..., RecordingConsole],
    make_sandbox: Callable[..., EmbeddedSandbox],
    dialogs: asyncio.Queue[QDialog],
    keyring_backend: MemoryKeyring,
    paths: AppPaths,
    isolated_home: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = "pl-" + secrets.token_urlsafe(32)
    sandbox = make_sandbox(
        demo_orders=40, grants=[TokenGrant(token, frozenset({1001, 1002, 1003}))]
    )
    log_file = configure_logging(paths.logs, level=logging.DEBUG)
    assert log_file is not None
    caplog.set_level(logging.DEBUG)
    try:
        console = make_console()
        running = asyncio.ensure_future(console.run())
        welcome = await next_dialog(dialogs, WelcomeDialog)
        welcome.connect_button.click()
        form = await next_dialog(dialogs, ProfileDialog)
        form.name_edit.setText("Leak check")
        form.region_combo.setCurrentIndex(form.region_combo.findData(Region.CUSTOM))
        form.url_edit.setText(sandbox.base_url)
        form.token_field.edit.setText(token)
        form.save_button.click()

        window = await asyncio.wait_for(console.opened.get(), WAIT)
        await rows_loaded(window)
        order = window.model.order_at(0)
        assert order is not None
        assert order.order_number
        window.open_box.edit.setText(order.order_number)
        looked_up = asyncio.ensure_future(
            until(lambda: window.tabs.count() == 1, window.order_opened)
        )
        window.open_box.edit.returnPressed.emit()
        await looked_up
        window.close()
        assert await asyncio.wait_for(running, WAIT) == 0
    finally:
        shutdown_logging()

    assert keyring_backend.entries  # the token went to the keyring, and only there
    assert log_file.read_text(encoding="utf-8")  # the log was written, and searched below
    leaks = find_secret(
        token, roots=[isolated_home, paths.config.parent], texts={"captured log": caplog.text}
    )
    assert leaks == []


async def test_unsaved_edits_survive_a_crash_and_come_back_at_the_next_start(
    make_console: Callable[..., RecordingConsole],
    sandbox: EmbeddedSandbox,
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)
    order, _editor, _field = await type_into_first_order(window, "TYPED-BEFORE-CRASH")
    window.editor_tabs.keep_drafts_now()
    # The process dies: nothing asks, nothing saves, nothing cleans up.
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0

    again = make_console()
    running = asyncio.ensure_future(again.run())
    window = await asyncio.wait_for(again.opened.get(), WAIT)
    restored = window.editor_tabs.current_editor()
    assert restored is not None
    assert restored.order == order
    assert restored.is_dirty
    field = restored.inputs["customer_number"]
    assert isinstance(field, QLineEdit)
    assert field.text() == "TYPED-BEFORE-CRASH"
    assert "Recovered unsaved changes to 1 order" in window.statusBar().currentMessage()

    # Reverting forgets the draft: the start after that has nothing to bring back.
    restored.revert()
    window.editor_tabs.keep_drafts_now()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0
    assert not list(again.paths.drafts.rglob("*.json"))


async def test_switching_profiles_resets_the_table_and_signing_out_forgets_the_token(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    keyring_backend: MemoryKeyring,
    sandbox: EmbeddedSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    freezes: list[None] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(None))
    console = make_console()
    other = Profile(
        name="Single account", base_url=sandbox.base_url, default_accounts=(sandbox.accounts[0],)
    )
    await console.session.sign_in(other, Secret(sandbox.single_account_token), remember=True)
    first, running, window = await start_signed_in(console, sandbox)
    profile_names = [a.text() for a in window.profile_menu.actions() if a.isCheckable()]
    assert profile_names == ["Single account", "Staging"]
    await type_into_first_order(window, "LEFT-BEHIND")

    # Switching asks about the unsaved edit first; Discard lets the switch go on.
    asked = asyncio.ensure_future(next_dialog(dialogs, QMessageBox))
    switch = next(a for a in window.profile_menu.actions() if a.text() == "Single account")
    switch.trigger()
    box = await asked
    assert window.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()
    switched = await asyncio.wait_for(console.opened.get(), WAIT)
    assert switched is not window
    await rows_loaded(switched)
    shown = {switched.model.order_at(r).account for r in range(switched.model.loaded_count)}  # type: ignore[union-attr]
    assert shown == {sandbox.accounts[0]}  # the new profile's own listing, from its first page
    assert switched.editor_tabs.editors() == []
    # Start-up was kept out of the garbage collector once; the old window was not frozen
    # with it, so its cycles can still be collected.
    assert len(freezes) == 1

    # Signing out deletes this profile's token and goes back to the welcome dialog.
    sign_out = next(a for a in switched.profile_menu.actions() if a.text() == "Sign out")
    sign_out.trigger()
    welcome = await next_dialog(dialogs, WelcomeDialog)
    assert ("parcellab_desk", f"profile:{other.id}") not in keyring_backend.entries
    assert ("parcellab_desk", f"profile:{first.id}") in keyring_backend.entries
    welcome.quit_button.click()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_the_profile_form_opens_over_the_window_and_cancel_changes_nothing(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    sandbox: EmbeddedSandbox,
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)
    order, editor, field = await type_into_first_order(window, "KEPT-OVER-THE-FORM")
    rows = window.model.loaded_count

    for entry in ("New profile…", "Edit this profile…"):
        action = next(a for a in window.profile_menu.actions() if a.text() == entry)
        action.trigger()
        form = await next_dialog(dialogs, ProfileDialog)
        assert form.parentWidget() is window  # over the running window, which stays shown
        assert window.isVisible()
        assert dialogs.empty()  # no "unsaved changes?" question: nothing is closing
        form.cancel_button.click()
        assert console.profile_form_task is not None
        await asyncio.wait_for(console.profile_form_task, WAIT)  # the flow is over

        assert console.opened.empty()  # no new window: still the same session
        assert console.window is window
        assert window.isVisible()
        assert window.editor_tabs.editors() == [editor]
        assert editor.order == order
        assert editor.is_dirty
        assert field.text() == "KEPT-OVER-THE-FORM"
        assert window.model.loaded_count == rows

    editor.revert()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_a_new_profile_saved_over_the_window_asks_about_open_edits_then_switches(
    make_console: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    keyring_backend: MemoryKeyring,
    sandbox: EmbeddedSandbox,
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)
    _order, editor, field = await type_into_first_order(window, "LEFT-FOR-THE-NEW-PROFILE")

    action = next(a for a in window.profile_menu.actions() if a.text() == "New profile…")
    action.trigger()
    form = await next_dialog(dialogs, ProfileDialog)
    assert form.parentWidget() is window
    form.name_edit.setText("Single account")
    form.region_combo.setCurrentIndex(form.region_combo.findData(Region.CUSTOM))
    form.url_edit.setText(sandbox.base_url)
    form.token_field.edit.setText(sandbox.single_account_token)
    asked = asyncio.ensure_future(next_dialog(dialogs, QMessageBox))
    form.save_button.click()

    # Saved: the profile and its token are stored, and the switch asks about the open edit
    # while the window, its tab and the edit are still there.
    box = await asked
    stored = next(p for p in console.session.profiles.profiles() if p.name == "Single account")
    assert ("parcellab_desk", f"profile:{stored.id}") in keyring_backend.entries
    assert console.window is window
    assert window.isVisible()
    assert window.editor_tabs.editors() == [editor]
    assert field.text() == "LEFT-FOR-THE-NEW-PROFILE"
    assert console.opened.empty()

    # Discard lets the switch go on: a new window on the new profile, its own listing.
    box.button(QMessageBox.StandardButton.Discard).click()
    switched = await asyncio.wait_for(console.opened.get(), WAIT)
    assert switched is not window
    assert console.connection is not None
    assert console.connection.profile.id == stored.id
    assert switched.windowTitle().startswith("Single account")
    await rows_loaded(switched)
    shown = {switched.model.order_at(r).account for r in range(switched.model.loaded_count)}  # type: ignore[union-attr]
    assert shown == {sandbox.accounts[0]}
    assert switched.editor_tabs.editors() == []
    checked = [a.text() for a in switched.profile_menu.actions() if a.isChecked()]
    assert checked == ["Single account"]

    switched.close()
    assert await asyncio.wait_for(running, WAIT) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="ends the child with SIGKILL")
async def test_when_the_demo_sandbox_dies_the_agent_is_told_once(
    make_console: Callable[..., RecordingConsole],
) -> None:
    console = make_console(demo=True)
    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    await rows_loaded(window)
    assert console.sandbox is not None
    pid = console.sandbox.pid
    assert pid is not None

    os.kill(pid, signal.SIGKILL)  # as the system's out-of-memory killer would

    assert console.sandbox_watch is not None
    await asyncio.wait_for(console.sandbox_watch, WAIT)
    (box,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert box.windowTitle() == "Demo sandbox stopped"
    assert box.text().startswith("The demo sandbox stopped (exit code -9)")
    assert "start the console again" in box.text()
    box.close()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_the_demo_works_on_the_sandbox_the_start_path_began_starting(
    make_console: Callable[..., RecordingConsole], paths: AppPaths
) -> None:
    console = make_console(demo=True)
    early = EarlySandbox(console.args, data=paths.data)
    console.early_sandbox = early
    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    await rows_loaded(window)

    # The very sandbox started beside Qt serves the window, on the profile's database.
    assert console.sandbox is await early.take()
    assert early.db == paths.data / DEMO_DB_NAME
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0
