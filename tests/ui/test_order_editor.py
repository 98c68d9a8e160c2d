"""The order editor against the sandbox: fields, live checks, save, revert, errors, cancel.

Every write goes through the real client to the sandbox, so the 400s are the server's own
(an order moved to another account, a tracking that belongs to another order) and a 503 is
the sandbox's fault injection.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.editor_widgets import CodeCombo
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.trackings_editor import TrackingFormDialog
from tests.signals import next_emission
from tests.ui.form_helpers import enter

BERLIN = ZoneInfo("Europe/Berlin")
Numbers = Callable[[], str]


@dataclass
class Env:
    qtbot: QtBot
    client: ParcelLabClient
    sandbox: EmbeddedSandbox
    runner: TaskRunner
    numbers: Numbers

    def editor(self, order: Order | None, **options: object) -> OrderEditor:
        editor = OrderEditor(
            order,
            service=OrderEditingService(self.client),
            runner=self.runner,
            tz=BERLIN,
            known_tags=lambda: ["priority:vip", "channel:webshop"],
            **options,  # type: ignore[arg-type]
        )
        self.qtbot.addWidget(editor)
        editor.resize(640, 900)
        editor.show()
        return editor

    async def new_order(self, **fields: object) -> Order:
        body = {"account": self.sandbox.accounts[0], "order_number": self.numbers(), **fields}
        return await self.client.create_order(body)


@pytest.fixture
async def env(
    qtbot: QtBot, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> AsyncIterator[Env]:
    runner = TaskRunner()
    # One attempt: a failure must reach the screen at once, not after backoff.
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as client:
        yield Env(qtbot, client, sandbox, runner, unique_order_number)
        await runner.aclose()


def type_into(editor: OrderEditor, name: str, text: str) -> None:
    """Replace a field's text as the agent would (the edit signals fire)."""
    widget = editor.inputs[name]
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.textEdited.emit(text)
    elif isinstance(widget, CodeCombo | QComboBox):
        widget.setEditText(text)
    else:  # pragma: no cover
        raise AssertionError(name)


async def test_shows_the_order_with_local_times_and_unknown_fields(env: Env) -> None:
    order = await env.new_order(
        order_status="Shipped", destination_country_iso3="DEU", timezone="Europe/Berlin"
    )
    order = order.model_copy(update={"warehouse": "Leipzig-2"})  # a field the form does not know
    editor = env.editor(order)
    assert f"Order {order.order_number}" in editor.title_label.text()
    assert editor.status_badge.text() == "Shipped"
    assert order.external_id
    assert order.external_id in editor.external_id_label.text()
    assert editor.created_label.toolTip().endswith("UTC")
    assert editor.inputs["destination_country_iso3"].currentText() == "DEU — Germany"  # type: ignore[attr-defined]
    assert editor.other_box.isVisible()
    assert editor.other_form.rowCount() == 1
    assert not editor.dirty_label.isVisible()
    assert not editor.save_button.isEnabled()
    editor.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == order.external_id


async def test_live_check_shows_the_validators_words_under_the_field(env: Env) -> None:
    editor = env.editor(await env.new_order())
    titles: list[str] = []
    dirty: list[bool] = []
    editor.title_changed.connect(titles.append)
    editor.dirty_changed.connect(dirty.append)
    type_into(editor, "recipient_email", "erika@")
    label = editor.error_labels["recipient_email"]
    assert label.isVisible()
    assert label.text() == "Enter a valid email address."
    assert not editor.save_button.isEnabled()
    assert "Fix the marked field" in editor.action_status.text()
    type_into(editor, "recipient_email", "erika@example.com")
    assert not label.isVisible()
    assert editor.save_button.isEnabled()
    assert editor.dirty_label.isVisible()
    assert dirty == [True]
    assert titles[-1].endswith(" *")


async def test_patch_holds_only_changed_fields_and_clearing_sends_an_empty_string(
    env: Env,
) -> None:
    order = await env.new_order(external_reference="REF-1", client_key="brand-a.de")
    editor = env.editor(order)
    type_into(editor, "external_reference", "")
    type_into(editor, "client_key", "brand-b.de")
    type_into(editor, "order_status", "Processing")
    shipments = editor.inputs["has_multiple_shipments"]
    assert isinstance(shipments, QComboBox)
    shipments.setCurrentIndex(2)  # "No"
    editor.tags_editor.add_tag("priority:vip")
    assert editor.draft.patch()[0].body == {
        "external_id": order.external_id,
        "external_reference": "",  # the service refuses null here
        "client_key": "brand-b.de",
        "order_status": "Processing",
        "has_multiple_shipments": False,
        "tags": ["priority:vip"],
    }


async def test_save_sends_the_change_and_emits_the_saved_order(env: Env) -> None:
    order = await env.new_order()
    editor = env.editor(order)
    type_into(editor, "customer_number", "C-4711")
    editor.save_button.click()
    (saved,) = await next_emission(editor.saved)
    assert isinstance(saved, Order)
    assert saved.customer_number == "C-4711"
    assert not editor.is_dirty
    assert not editor.dirty_label.isVisible()
    assert editor.action_status.text() == "Saved."
    assert (await env.client.get_order(order.external_id or "")).customer_number == "C-4711"


async def test_revert_brings_back_the_saved_values(env: Env) -> None:
    editor = env.editor(await env.new_order(client_key="brand-a.de"))
    type_into(editor, "client_key", "brand-b.de")
    editor.tags_editor.add_tag("gift")
    editor.revert_button.click()
    assert editor.inputs["client_key"].text() == "brand-a.de"  # type: ignore[attr-defined]
    assert editor.tags_editor.tags() == []
    assert not editor.is_dirty
    assert not editor.revert_button.isEnabled()


async def test_a_server_400_marks_its_field_and_keeps_the_edits(env: Env) -> None:
    editor = env.editor(await env.new_order())
    type_into(editor, "account", str(env.sandbox.accounts[1]))  # orders never move
    type_into(editor, "client_key", "brand-b.de")
    editor.save_button.click()
    (banner,) = await next_emission(editor.save_failed)
    assert banner == "Not saved: 1 problem marked below."
    assert editor.error_labels["account"].isVisible()
    assert editor.error_labels["account"].text()
    assert not editor.banner.retry_button.isVisible()
    assert editor.inputs["client_key"].text() == "brand-b.de"  # type: ignore[attr-defined]
    assert editor.is_dirty
    # Editing the field the server named clears its message.
    type_into(editor, "account", str(env.sandbox.accounts[0]))
    assert not editor.error_labels["account"].isVisible()


async def test_a_tracking_error_marks_that_row(env: Env) -> None:
    taken_by = await env.new_order()
    number = f"{taken_by.order_number}-U"
    await env.client.add_tracking(taken_by, {"courier": "ups", "tracking_number": number})
    editor = env.editor(await env.new_order())

    editor.trackings_editor.add_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, TrackingFormDialog)
    assert not dialog.ok_button.isEnabled()
    enter(dialog.bindings["courier"], "ups")
    enter(dialog.bindings["tracking_number"], number)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    (staged,) = await next_emission(editor.tracking_staged)
    assert staged == ("ups", number)
    assert [row.key for row in editor.trackings_editor.rows()] == [("ups", number)]

    editor.save_button.click()
    await next_emission(editor.save_failed)
    assert editor.trackings_editor.row_errors(("ups", number))
    assert "belongs to another order" in editor.trackings_editor.error_label.text()
    assert editor.is_dirty  # the tracking is still there to fix or undo


async def test_other_failures_show_a_banner_whose_retry_saves(env: Env) -> None:
    editor = env.editor(await env.new_order())
    type_into(editor, "recipient_name", "Erika Mustermann")
    env.sandbox.faults.fail_next(1, status=500, method="PUT")  # proves nothing was written
    editor.save_button.click()
    await next_emission(editor.save_failed)
    assert editor.banner.isVisible()
    assert editor.banner.retry_button.isVisible()
    assert "Your changes are kept" in editor.banner.message.text()
    assert editor.inputs["recipient_name"].text() == "Erika Mustermann"  # type: ignore[attr-defined]
    editor.banner.retry_button.click()
    (saved,) = await next_emission(editor.saved)
    assert isinstance(saved, Order)
    assert saved.recipient_name == "Erika Mustermann"
    assert not editor.banner.isVisible()


async def test_a_new_order_is_created_with_post(env: Env) -> None:
    editor = env.editor(None, account=env.sandbox.accounts[0])
    assert editor.title() == "New order"
    assert not editor.error_labels["order_number"].isVisible()  # not blamed before typing
    assert not editor.cancel_order_button.isEnabled()
    number = env.numbers()
    type_into(editor, "order_number", number)
    type_into(editor, "destination_country_iso3", "fra")
    editor.save_button.click()
    (created,) = await next_emission(editor.saved)
    assert isinstance(created, Order)
    assert created.external_id
    assert editor.title() == f"Order {number}"
    assert editor.cancel_order_button.isEnabled()
    read_back = await env.client.get_order(created.external_id)
    assert (read_back.order_number, read_back.destination_country_iso3) == (number, "FRA")


async def test_cancel_order_asks_then_cancels(env: Env) -> None:
    editor = env.editor(await env.new_order())
    editor.cancel_order_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, CancelOrderDialog)
    assert dialog.confirm_button is not None
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_buttons[CancelReason.PAYMENT].click()
    dialog.confirm_button.click()
    (saved,) = await next_emission(editor.saved)
    assert isinstance(saved, Order)
    assert saved.order_status == "Cancelled"
    assert saved.cancelled_reason is CancelReason.PAYMENT
    assert editor.status_badge.text() == "Cancelled"
    assert editor.cancelled_label.isVisible()

    # A second try only shows when and why.
    editor.cancel_order_button.click()
    (again,) = await next_emission(editor.dialog_opened)
    assert isinstance(again, CancelOrderDialog)
    assert again.confirm_button is None
    assert "Payment-related" in again.summary.text()
    again.reject()


async def test_keeping_the_order_sends_nothing(env: Env) -> None:
    order = await env.new_order()
    editor = env.editor(order)
    task = editor.cancel_order()
    assert task is not None
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, CancelOrderDialog)
    dialog.reason_buttons[CancelReason.OTHER].click()
    dialog.keep_button.click()
    await task
    assert not (await env.client.get_order(order.external_id or "")).is_cancelled


async def test_cancel_tracking_from_the_table(env: Env) -> None:
    order = await env.new_order()
    number = f"{order.order_number}-G"
    order = await env.client.add_tracking(order, {"courier": "gls", "tracking_number": number})
    editor = env.editor(order)
    editor.trackings_editor.select(("gls", number))
    editor.trackings_editor.cancel_button.click()
    (dialog,) = await next_emission(editor.dialog_opened)
    assert isinstance(dialog, CancelTrackingDialog)
    assert number in dialog.summary.text()
    assert "gls" in dialog.summary.text()
    dialog.reason_buttons[CancelReason.INVENTORY].click()
    assert dialog.confirm_button is not None
    dialog.confirm_button.click()
    (saved,) = await next_emission(editor.saved)
    assert isinstance(saved, Order)
    (tracking,) = saved.trackings
    assert tracking.cancelled_reason is CancelReason.INVENTORY
    assert editor.trackings_editor.rows()[0].tracking.is_cancelled


async def test_closing_with_unsaved_changes_asks(env: Env) -> None:
    editor = env.editor(await env.new_order())
    assert await editor.maybe_close()  # nothing unsaved: no question
    type_into(editor, "client_key", "brand-z.de")

    asked = asyncio.ensure_future(editor.maybe_close())
    (box,) = await next_emission(editor.dialog_opened)
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert await asked is False
    assert editor.is_dirty

    asked = asyncio.ensure_future(editor.maybe_close())
    (box,) = await next_emission(editor.dialog_opened)
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Discard).click()
    assert await asked is True


async def test_closing_can_save_first(env: Env) -> None:
    order = await env.new_order()
    editor = env.editor(order)
    type_into(editor, "client_key", "brand-s.de")
    asked = asyncio.ensure_future(editor.maybe_close())
    (box,) = await next_emission(editor.dialog_opened)
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Save).click()
    assert await asked is True
    assert (await env.client.get_order(order.external_id or "")).client_key == "brand-s.de"


async def test_a_refresh_keeps_unsaved_edits(env: Env) -> None:
    order = await env.new_order(client_key="brand-a.de")
    editor = env.editor(order)
    type_into(editor, "recipient_name", "Max")
    fresh = await env.client.put_order(
        {"external_id": order.external_id, "order_status": "Shipped"}
    )
    editor.show_order(fresh)
    assert editor.status_badge.text() == "Shipped"
    assert editor.inputs["recipient_name"].text() == "Max"  # type: ignore[attr-defined]
    assert editor.is_dirty
