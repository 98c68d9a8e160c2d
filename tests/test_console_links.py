"""Order links in a running console: the order opens, in the profile whose accounts include
it (switching, or asking when several do); anything else is refused with a message."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from parcellab_desk.api.models import Order
from parcellab_desk.links import OrderLink
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.main_window import MainWindow
from tests.signals import until
from tests.test_console import (  # noqa: F401 - fixtures
    WAIT,
    RecordingConsole,
    dialogs,
    keyring_backend,
    make_console,
    next_dialog,
    paths,
    rows_loaded,
    start_signed_in,
)


def _first_order(window: MainWindow) -> Order:
    order = window.model.order_at(0)
    assert order is not None
    assert order.account is not None
    return order


def _link(order: Order) -> str:
    assert order.account is not None
    assert order.order_number is not None
    return OrderLink(order.account, order.order_number).url()


def _shown_order(window: MainWindow) -> Order | None:
    editor = window.editor_tabs.current_editor()
    return editor.order if editor is not None else None


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


async def test_a_link_opens_its_order_in_the_running_window(
    make_console: Callable[..., RecordingConsole], sandbox: EmbeddedSandbox
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)
    order = _first_order(window)
    assert order.account is not None

    task = console.receive_link(_link(order))

    assert task is not None
    opened = await asyncio.wait_for(task, WAIT)
    assert opened is not None
    assert opened.external_id == order.external_id
    shown = _shown_order(window)
    assert shown is not None
    assert shown.external_id == order.external_id
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_a_broken_link_is_refused_with_a_message(
    make_console: Callable[..., RecordingConsole], sandbox: EmbeddedSandbox
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)

    assert console.receive_link("parcellab-desk://order/1042/A-1?steal=token") is None

    (box,) = _message_boxes()
    assert box.text() == (
        "This link cannot be opened: The link has extra parts (? or #) an order link never has."
    )
    assert _shown_order(window) is None
    box.close()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_an_unknown_order_says_so_and_opens_nothing(
    make_console: Callable[..., RecordingConsole], sandbox: EmbeddedSandbox
) -> None:
    console = make_console()
    _profile, running, window = await start_signed_in(console, sandbox)
    account = _first_order(window).account
    assert account is not None

    task = console.receive_link(OrderLink(account, "NO-SUCH-ORDER-4711").url())

    assert task is not None
    assert await asyncio.wait_for(task, WAIT) is None
    (box,) = _message_boxes()
    assert "has no order 'NO-SUCH-ORDER-4711'" in box.text()
    box.close()
    window.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_a_link_switches_to_the_profile_that_has_its_account(
    make_console: Callable[..., RecordingConsole], sandbox: EmbeddedSandbox
) -> None:
    console = make_console()
    first, running, window = await start_signed_in(console, sandbox)
    order = _first_order(window)
    assert order.account is not None
    other = Profile(name="Team B", base_url=sandbox.base_url, default_accounts=(order.account,))
    await console.session.sign_in(other, Secret(sandbox.demo_token), remember=True)
    console.session.profiles.set_last_used(first.id)

    task = console.receive_link(_link(order))
    assert task is not None
    assert await asyncio.wait_for(task, WAIT) is None  # it asked to switch first

    switched = await asyncio.wait_for(console.opened.get(), WAIT)
    assert console.connection is not None
    assert console.connection.profile.id == other.id
    await until(lambda: _shown_order(switched) is not None, switched.order_opened)
    shown = _shown_order(switched)
    assert shown is not None
    assert shown.external_id == order.external_id
    switched.close()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_when_several_profiles_have_the_account_the_agent_chooses(
    make_console: Callable[..., RecordingConsole],
    sandbox: EmbeddedSandbox,
    dialogs: asyncio.Queue[QDialog],
) -> None:
    console = make_console()
    first, running, window = await start_signed_in(console, sandbox)
    order = _first_order(window)
    assert order.account is not None
    for name in ("Team B", "Team C"):
        profile = Profile(name=name, base_url=sandbox.base_url, default_accounts=(order.account,))
        await console.session.sign_in(profile, Secret(sandbox.demo_token), remember=True)
    console.session.profiles.set_last_used(first.id)

    task = console.receive_link(_link(order))
    chooser = await next_dialog(dialogs, QInputDialog)
    assert "Several profiles include account" in chooser.labelText()
    assert chooser.comboBoxItems() == ["Team B", "Team C"]
    chooser.setTextValue("Team C")
    chooser.accept()
    assert task is not None
    await asyncio.wait_for(task, WAIT)

    switched = await asyncio.wait_for(console.opened.get(), WAIT)
    assert console.connection is not None
    assert console.connection.profile.name == "Team C"
    switched.close()
    assert await asyncio.wait_for(running, WAIT) == 0
