"""What the editor does with saves the real service accepts, and with ones whose answer is lost.

Everything goes through the real client to the sandbox (over loopback HTTP): trackings of a
new order follow its POST as a PUT, emptied text fields go out as "", a lost answer shows
"Outcome unknown" with Check again (a lookup, never a re-send), Stop ends a long save.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService, TrackingState
from parcellab_desk.services.write_outcomes import OrderWrites
from parcellab_desk.ui.conflict_dialog import ConflictDialog
from parcellab_desk.ui.editor_widgets import CodeCombo
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.trackings_editor import TrackingFormDialog
from tests.services.test_write_outcomes import CountingTransport
from tests.signals import next_emission
from tests.ui.form_helpers import enter

Numbers = Callable[[], str]


@dataclass
class Env:
    qtbot: QtBot
    client: ParcelLabClient
    transport: CountingTransport
    sandbox: EmbeddedSandbox
    runner: TaskRunner
    numbers: Numbers

    def editor(self, order: Order | None, **options: Any) -> OrderEditor:
        writes = OrderWrites(self.client, save_deadline=3.0, check_deadline=3.0)
        editor = OrderEditor(
            order,
            service=OrderEditingService(self.client, writes=writes),
            runner=self.runner,
            tz=ZoneInfo("Europe/Berlin"),
            **options,
        )
        self.qtbot.addWidget(editor)
        editor.resize(700, 900)
        editor.show()
        return editor

    async def stored(self, number: str) -> list[Order]:
        return [o async for o in self.client.iter_orders(order_number=number)]


@pytest.fixture
async def env(
    qtbot: QtBot, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> AsyncIterator[Env]:
    runner = TaskRunner()
    transport = CountingTransport()
    async with ParcelLabClient(
        sandbox.base_url,
        BearerAuth(sandbox.demo_token),
        retry=RetryPolicy(attempts=1),
        transport=transport,
        deadline=3.0,
    ) as client:
        yield Env(qtbot, client, transport, sandbox, runner, unique_order_number)
        await runner.aclose()


async def stage_tracking(editor: OrderEditor, courier: str, number: str) -> None:
    editor.trackings_editor.add_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, TrackingFormDialog)
    enter(dialog.bindings["courier"], courier)
    enter(dialog.bindings["tracking_number"], number)
    dialog.ok_button.click()
    await next_emission(editor.tracking_staged)


async def saved(editor: OrderEditor) -> Order:
    (order,) = await next_emission(editor.saved)
    assert isinstance(order, Order)
    return order


async def failed(editor: OrderEditor) -> str:
    (banner,) = await next_emission(editor.save_failed)
    assert isinstance(banner, str)
    return banner


def clear_combo(combo: QComboBox) -> None:
    line = combo.lineEdit()
    assert line is not None
    line.clear()  # what its clear button does


def new_order_editor(env: Env, number: str) -> OrderEditor:
    editor = env.editor(None, account=env.sandbox.accounts[0])
    widget = editor.inputs["order_number"]
    assert isinstance(widget, QLineEdit)
    widget.setText(number)
    widget.textEdited.emit(number)
    return editor


async def test_a_new_order_with_two_trackings_is_read_back_with_two(env: Env) -> None:
    number = env.numbers()
    editor = new_order_editor(env, number)
    await stage_tracking(editor, "dhl-germany", f"{number}-1")
    await stage_tracking(editor, "ups", f"{number}-2")
    editor.save_button.click()
    order = await saved(editor)
    assert len(order.trackings) == 2
    (read_back,) = await env.stored(number)
    assert sorted(t.tracking_number or "" for t in read_back.trackings) == [
        f"{number}-1",
        f"{number}-2",
    ]
    assert env.transport.sent["POST"] == 1
    assert env.transport.sent["PUT"] == 1  # the trackings, after the POST
    assert editor.action_status.text() == "Saved."


async def test_trackings_not_saved_after_the_post_stay_pending_and_go_alone(env: Env) -> None:
    number = env.numbers()
    editor = new_order_editor(env, number)
    await stage_tracking(editor, "gls", f"{number}-1")
    await stage_tracking(editor, "postnl", f"{number}-2")
    env.sandbox.faults.fail_next(1, status=500, method="PUT")  # the POST works, the PUT not
    editor.save_button.click()
    banner = await failed(editor)
    assert banner.startswith(
        f"Order created; 2 trackings not saved yet: gls {number}-1, postnl {number}-2."
    )
    assert editor.order is not None  # the created order is shown
    assert editor.title().startswith(f"Order {number}")
    assert [r.state for r in editor.trackings_editor.rows()] == [TrackingState.NEW] * 2
    assert editor.banner.retry_button.isVisible()

    editor.banner.retry_button.click()
    order = await saved(editor)
    assert len(order.trackings) == 2
    assert env.transport.sent["POST"] == 1  # Save sent only the trackings
    assert len(await env.stored(number)) == 1


async def test_every_text_field_emptied_in_the_editor_is_read_back_empty(env: Env) -> None:
    number = env.numbers()
    order = await env.client.create_order(
        {
            "account": env.sandbox.accounts[0],
            "order_number": number,
            "external_reference": f"REF-{number}",
            "client_key": "shop.example",
            "order_status": "Shipped",
            "recipient_name": "Erika Mustermann",
            "recipient_email": "erika@example.com",
            "destination_country_iso3": "DEU",
            "language_iso2": "de",
            "timezone": "Europe/Berlin",
            "customer_number": "C-1",
        },
        [],
    )
    order = await env.client.add_tracking(
        order,
        {
            "courier": "dhl-germany",
            "tracking_number": f"{number}-T",
            "recipient_postal_code": "10115",
            "destination_country_iso3": "DEU",
            "courier_service_level": "express",
        },
    )
    editor = env.editor(order)
    text_fields = [
        "external_reference",
        "client_key",
        "order_status",
        "recipient_name",
        "recipient_email",
        "destination_country_iso3",
        "language_iso2",
        "timezone",
        "customer_number",
    ]
    for name in text_fields:
        widget = editor.inputs[name]
        if isinstance(widget, CodeCombo):
            clear_combo(widget)
        elif isinstance(widget, QLineEdit):
            widget.setText("")
            widget.textEdited.emit("")
        elif isinstance(widget, QComboBox):
            widget.setEditText("")
    editor.trackings_editor.select(("dhl-germany", f"{number}-T"))
    editor.trackings_editor.edit_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, TrackingFormDialog)
    enter(dialog.bindings["recipient_postal_code"], "")
    enter(dialog.bindings["courier_service_level"], "")
    country = dialog.bindings["destination_country_iso3"].widget
    assert isinstance(country, QComboBox)
    clear_combo(country)
    dialog.ok_button.click()
    await next_emission(editor.tracking_staged)

    editor.save_button.click()
    await next_emission(editor.saved)
    read_back = await env.client.get_order(order.external_id or "")
    for name in text_fields:
        assert getattr(read_back, name) is None, name  # "" reads as empty
    (tracking,) = read_back.trackings
    assert tracking.recipient_postal_code is None
    assert tracking.courier_service_level is None
    assert tracking.destination_country_iso3 is None


async def test_a_lost_answer_shows_outcome_unknown_and_check_again_never_resends(
    env: Env,
) -> None:
    number = env.numbers()
    editor = new_order_editor(env, number)
    env.sandbox.faults.drop_next(1, method="POST")  # dropped before it was handled
    editor.save_button.click()
    banner = await failed(editor)
    assert banner.startswith("Outcome unknown:")
    assert "Not saved" not in banner  # no false "not saved"
    assert editor.banner.retry_button.text() == "Check again"
    assert not editor.banner.second_button.isVisible()  # a POST: look before re-sending

    editor.banner.retry_button.click()
    banner = await failed(editor)
    assert banner.startswith("Still not found on parcelLab after 1 look-up")
    assert env.transport.sent["POST"] == 1  # Check again only looked
    assert editor.banner.second_button.text() == "Send again"

    editor.banner.second_button.click()
    created = await saved(editor)
    assert created.order_number == number
    assert env.transport.sent["POST"] == 2
    assert len(await env.stored(number)) == 1


async def test_a_504_after_commit_is_looked_up_and_reported_saved(env: Env) -> None:
    number = env.numbers()
    editor = new_order_editor(env, number)
    env.sandbox.faults.fail_next(1, status=504, method="POST", after_commit=True)
    editor.save_button.click()
    created = await saved(editor)
    assert created.order_number == number
    assert editor.action_status.text() == "Saved."
    assert env.transport.sent["POST"] == 1


async def test_stop_ends_a_long_save_and_the_outcome_is_then_unknown(env: Env) -> None:
    order = await env.client.create_order(
        {"account": env.sandbox.accounts[0], "order_number": env.numbers()}
    )
    editor = env.editor(order)
    widget = editor.inputs["customer_number"]
    assert isinstance(widget, QLineEdit)
    widget.setText("C-9")
    widget.textEdited.emit("C-9")
    env.sandbox.faults.configure(latency_ms=2500)
    task = editor.save()
    assert task is not None
    await env.transport.until_sending("PUT")
    assert editor.stop_button.isVisible()
    editor.stop_button.click()
    banner = await failed(editor)
    env.sandbox.faults.reset()
    assert banner.startswith("Outcome unknown")
    assert editor.banner.retry_button.text() == "Check again"
    assert not editor.stop_button.isVisible()
    assert editor.draft.value("customer_number") == "C-9"  # kept


async def test_an_edit_made_meanwhile_is_compared_side_by_side(env: Env) -> None:
    order = await env.client.create_order(
        {"account": env.sandbox.accounts[0], "order_number": env.numbers(), "client_key": "a.de"},
        [],
    )
    editor = env.editor(order)
    # Someone else changes the same field, and another one, after the agent opened it.
    await env.client.put_order(
        {"external_id": order.external_id, "client_key": "b.de", "order_status": "Shipped"}
    )
    widget = editor.inputs["client_key"]
    assert isinstance(widget, QLineEdit)
    widget.setText("c.de")
    widget.textEdited.emit("c.de")
    editor.save_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, ConflictDialog)
    assert dialog.taken_label is not None
    assert "Order status" in dialog.taken_label.text()
    (conflict,) = dialog._found.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == ("a.de", "c.de", "b.de")
    dialog.take_theirs(conflict)
    dialog.save_button.click()
    order_saved = await saved(editor)
    assert order_saved.client_key == "b.de"
    assert order_saved.order_status == "Shipped"
    assert "Order status" in editor.action_status.text()  # taken in, and said so
    assert widget.text() == "b.de"
