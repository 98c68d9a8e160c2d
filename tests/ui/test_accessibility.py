"""Every window and dialog, walked: a focusable widget a screen reader cannot name fails.

The name is what assistive technology reads (QAccessible's Name): a button's text, a field's
buddy label, or an explicit accessible name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.credentials import CredentialError, CredentialProblem
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.services.profiles import AuthScheme, Profile
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.no_keyring_dialog import NoKeyringDialog
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.profile_dialog import ProfileDialog
from parcellab_desk.ui.settings_dialog import SettingsDialog
from parcellab_desk.ui.sign_in_dialog import SignInDialog
from parcellab_desk.ui.trackings_editor import TrackingFormDialog
from parcellab_desk.ui.welcome_dialog import WelcomeDialog
from tests.signals import until
from tests.window_teardown import end_window

BERLIN = ZoneInfo("Europe/Berlin")
PROFILE = Profile(
    name="EU production",
    base_url="https://api.eu.parcellab.com",
    auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
    account_id=1042,
)
ORDER = Order.model_validate(
    {
        "id": "3f0c8a52-7d1e-4c3a-9f55-2b7e0c9d1a10",
        "account": 1042,
        "order_number": "40012345",
        "client_key": "brand-a.de",
        "order_status": "Shipped",
        "tags": ["channel:webshop", "gift"],
        "created_at": datetime(2026, 11, 20, 9, 0, tzinfo=UTC).isoformat(),
        "trackings": [
            {"courier": "dhl-germany", "tracking_number": "00340434161094043001"},
            {"courier": "ups", "tracking_number": "1Z999AA10123456784"},
        ],
    }
)


def unnamed(window: QWidget) -> list[str]:
    """The focusable, visible widgets below ``window`` that have no accessible name."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def check(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    assert not unnamed(window), unnamed(window)


def test_the_dialogs_name_every_control(qtbot: QtBot) -> None:
    keyring = CredentialError(CredentialProblem.LOCKED, backend="SecretService", action="save")
    for dialog in (
        WelcomeDialog(),
        ProfileDialog(),
        ProfileDialog(PROFILE),
        SignInDialog(PROFILE),
        NoKeyringDialog.for_error(keyring),
        CancelOrderDialog(ORDER, tz=BERLIN),
        CancelTrackingDialog(ORDER, ORDER.trackings[0], tz=BERLIN),
        TrackingFormDialog(existing=[]),
        TrackingFormDialog(ORDER.trackings[1]),
        SettingsDialog(None, "en"),
    ):
        check(qtbot, dialog)


@pytest.fixture
async def window(qtbot: QtBot, sandbox: EmbeddedSandbox) -> AsyncIterator[MainWindow]:
    runner = TaskRunner()
    client = ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    )
    model = OrderTableModel(ClientPageSource(client, page_size=20), runner)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    main = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo",
        host_label=sandbox.base_url.removeprefix("http://"),
        profile_key="a11y",
        demo=True,
    )
    model.setParent(main)
    try:
        main.show()
        await until(lambda: model.loaded_count > 0, model.page_loaded)
        yield main
    finally:
        await end_window(main, runner, client)  # not qtbot's: see window_teardown


async def test_the_main_window_editor_and_help_name_every_control(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not unnamed(window), unnamed(window)
    order = window.model.order_at(0)
    assert order is not None
    window.open_order(order)  # the editor pane with its form, tags and trackings
    assert not unnamed(window), unnamed(window)
    editor = OrderEditor(ORDER, service=window.editor_tabs._service, tz=BERLIN)
    check(qtbot, editor)
    check(qtbot, window.keys.show_shortcuts())
    check(qtbot, window.show_third_party_licences())
    check(qtbot, window.show_settings())


def test_a_widget_without_a_name_is_found(qtbot: QtBot) -> None:
    """The walk itself works: an unnamed line edit is reported."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    box = QWidget()
    QVBoxLayout(box).addWidget(QLineEdit(box))
    qtbot.addWidget(box)
    assert unnamed(box) == ["QLineEdit ''"]
