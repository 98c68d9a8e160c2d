"""The first-start dialog, and opening dialogs from coroutines."""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.welcome_dialog import WelcomeChoice, WelcomeDialog
from tests.signals import WAIT
from tests.ui.dialog_helpers import click, press


def test_connect_is_the_default_and_returns_its_choice(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.connect_button.isDefault()
    click(dialog.connect_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() is WelcomeChoice.CONNECT


def test_try_the_demo_returns_its_choice(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    click(dialog.demo_button)
    assert dialog.choice() is WelcomeChoice.DEMO


def test_escape_closes_without_a_choice(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    press(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice() is None


def test_the_dialog_names_both_ways_to_start(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.demo_button.text() == "Try the demo (local sandbox)"
    assert dialog.connect_button.text() == "Connect to parcelLab"


async def test_a_coroutine_awaits_the_dialog_without_a_nested_loop(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    # run_dialog opens the dialog before it first waits; the click comes right after.
    asyncio.get_running_loop().call_soon(dialog.demo_button.click)

    result = await asyncio.wait_for(run_dialog(dialog), WAIT)

    assert result == QDialog.DialogCode.Accepted
    assert dialog.choice() is WelcomeChoice.DEMO
    assert not dialog.isVisible()


async def test_cancelling_the_waiting_coroutine_closes_the_dialog(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    task = asyncio.ensure_future(run_dialog(dialog))
    was_open: list[bool] = []

    def cancel_while_open() -> None:
        was_open.append(dialog.isVisible())
        task.cancel()

    asyncio.get_running_loop().call_soon(cancel_while_open)

    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, WAIT)
    assert was_open == [True]
    assert task.cancelled()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
