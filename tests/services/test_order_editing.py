"""The order draft and editing service: minimal patches, where errors go, edits kept.

Patch building and error placement are pure; saving and error mapping run against the
sandbox through the real client, so the paths and wording are the server's own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import (
    ConnectionFailedError,
    ServerError,
    ValidationError,
)
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import ORDER_FIELD, CancelReason
from parcellab_desk.api.validation import FieldError
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.edit_failures import edit_failure, place_errors
from parcellab_desk.services.order_editing import (
    OrderDraft,
    OrderEditingService,
    TrackingState,
    value_from_text,
)
from parcellab_desk.services.write_outcomes import (
    Outcome,
    WriteIntent,
    WriteOutcomeUnknownError,
    WriteResult,
)

Numbers = Callable[[], str]

SAVED = Order(
    external_id="6f1c2a8e-1d3b-4a57-9a0e-2b7c9d4e5f60",
    account=1042,
    order_number="40012345",
    external_reference="SO-88121",
    client_key="brand-a.de",
    order_status="Shipped",
    tags=["priority:vip"],
    recipient_name="Erika Mustermann",
    trackings=[Tracking(courier="dhl-germany", tracking_number="00340434", is_return=False)],
)


@pytest.fixture
async def service(sandbox: EmbeddedSandbox) -> AsyncIterator[OrderEditingService]:
    # One attempt: a failure must reach the draft at once, not after backoff.
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as client:
        yield OrderEditingService(client)


# --- text to values -------------------------------------------------------------------


def test_form_text_becomes_the_contracts_values() -> None:
    assert value_from_text(ORDER_FIELD["account"], " 1042 ") == 1042
    assert value_from_text(ORDER_FIELD["account"], "10x") == "10x"  # left for the validator
    assert value_from_text(ORDER_FIELD["account"], "") is None
    assert value_from_text(ORDER_FIELD["order_number"], "  ") == ""  # "may not be blank"
    assert value_from_text(ORDER_FIELD["external_reference"], "") == ""  # emptied with ""
    assert value_from_text(ORDER_FIELD["timezone"], " ") == ""
    assert value_from_text(ORDER_FIELD["has_multiple_shipments"], "") is None  # nullable
    assert value_from_text(ORDER_FIELD["client_key"], " brand-a.de\n") == "brand-a.de"


# --- patches --------------------------------------------------------------------------


def test_only_changed_fields_are_sent() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("client_key", "brand-b.de")
    draft.set_value("order_status", "Shipped")  # unchanged: not sent
    patch, _keys = draft.patch()
    assert patch.body == {"external_id": SAVED.external_id, "client_key": "brand-b.de"}
    assert draft.changed_fields() == {"client_key"}


def test_clearing_a_text_field_sends_an_empty_string() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("external_reference", None)  # a combo's clear button gives None
    draft.set_value("client_key", "")
    assert draft.patch()[0].body == {
        "external_id": SAVED.external_id,
        "external_reference": "",
        "client_key": "",
    }


def test_emptying_an_empty_field_is_no_change() -> None:
    draft = OrderDraft(SAVED)  # no time zone, no customer number
    draft.set_value("timezone", None)
    draft.set_value("customer_number", "")
    assert not draft.is_dirty


def test_setting_a_field_back_forgets_the_edit() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("tags", ["priority:vip", "escalation:2026-11"])
    assert draft.changed_fields() == {"tags"}
    draft.set_value("tags", ["priority:vip"])
    assert not draft.is_dirty
    assert draft.patch()[0].is_empty


def test_revert_forgets_fields_and_trackings() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("recipient_name", "Max Mustermann")
    draft.put_tracking({"courier": "ups", "tracking_number": "1Z999"})
    draft.revert()
    assert not draft.is_dirty
    assert draft.value("recipient_name") == "Erika Mustermann"
    assert [row.state for row in draft.tracking_rows()] == [TrackingState.SAVED]


def test_trackings_become_mutations_in_the_order_added() -> None:
    draft = OrderDraft(SAVED)
    draft.put_tracking({"courier": "ups", "tracking_number": "1Z999", "is_return": None})
    draft.put_tracking(
        {"courier": "dhl-germany", "tracking_number": "00340434", "recipient_postal_code": "10115"}
    )
    body = draft.patch()[0].body
    assert body["mutations"] == [
        {"type": "add_tracking", "tracking": {"courier": "ups", "tracking_number": "1Z999"}},
        {
            "type": "add_tracking",
            "tracking": {
                "courier": "dhl-germany",
                "tracking_number": "00340434",
                "recipient_postal_code": "10115",
            },
        },
    ]
    states = {row.key: row.state for row in draft.tracking_rows()}
    assert states == {
        ("dhl-germany", "00340434"): TrackingState.EDITED,
        ("ups", "1Z999"): TrackingState.NEW,
    }


def test_editing_a_tracking_back_to_its_saved_values_sends_nothing() -> None:
    draft = OrderDraft(SAVED)
    draft.put_tracking({"courier": "dhl-germany", "tracking_number": "00340434", "is_return": True})
    draft.put_tracking(
        {"courier": "dhl-germany", "tracking_number": "00340434", "is_return": False}
    )
    assert not draft.is_dirty


def test_a_new_order_posts_every_field_with_a_value() -> None:
    draft = OrderDraft(account=1042)
    assert draft.is_new
    draft.set_value("order_number", "N-1")
    draft.set_value("tags", ["channel:webshop"])
    assert draft.create_payload() == {
        "account": 1042,
        "order_number": "N-1",
        "tags": ["channel:webshop"],
    }


# --- live checks ----------------------------------------------------------------------


def test_live_checks_use_the_contracts_wording() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("external_reference", "x" * 256)
    draft.set_value("recipient_email", "erika@")
    draft.set_value("destination_country_iso3", "XXX")
    assert draft.all_field_errors() == {
        "external_reference": ("Ensure this field has no more than 255 characters.",),
        "recipient_email": ("Enter a valid email address.",),
        "destination_country_iso3": ('"XXX" is not a valid choice (an ISO 3166-1 alpha-3 code).',),
    }
    draft.set_value("recipient_email", "_unset")  # the contract's "no address" value
    assert draft.field_errors("recipient_email") == ()


def test_a_new_order_needs_account_and_number() -> None:
    draft = OrderDraft()
    assert draft.all_field_errors() == {
        "account": ("This field is required.",),
        "order_number": ("This field is required.",),
    }


def test_saved_values_the_agent_did_not_touch_are_not_blamed() -> None:
    odd = SAVED.model_copy(update={"timezone": "Mars/Olympus_Mons"})
    assert OrderDraft(odd).all_field_errors() == {}


# --- error placement ------------------------------------------------------------------


def test_errors_go_to_fields_rows_or_the_banner() -> None:
    draft = OrderDraft(SAVED)
    draft.put_tracking({"courier": "ups", "tracking_number": "1Z999"})
    draft.put_tracking({"courier": "gls", "tracking_number": "G-1"})
    _patch, keys = draft.patch()
    assert keys == (("ups", "1Z999"), ("gls", "G-1"))  # mutation 0 is ups, 1 is gls
    placement = place_errors(
        [
            FieldError("tags.3", "blank", "This field may not be blank."),
            FieldError("mutations.1.tracking.courier", "invalid", "Unknown courier."),
            FieldError("non_field_errors", "unique", "The order already exists."),
            FieldError("mutations.7.tracking.courier", "invalid", "Out of range."),
            FieldError(None, "invalid", "Invalid data."),
        ],
        keys,
    )
    assert placement.fields == {"tags": ("This field may not be blank.",)}
    assert placement.trackings == {("gls", "G-1"): ("Courier: Unknown courier.",)}
    assert placement.general == (
        "The order already exists.",
        "mutations.7.tracking.courier: Out of range.",
        "Invalid data.",
    )


def test_other_failures_offer_retry_and_keep_the_edits() -> None:
    draft = OrderDraft(SAVED)
    draft.set_value("client_key", "brand-b.de")
    failure = edit_failure(draft, ServerError("The service failed (503).", status_code=503))
    assert failure.can_retry
    assert "503" in failure.banner
    assert failure.placement.is_empty
    assert draft.value("client_key") == "brand-b.de"


def test_a_create_whose_fate_is_unknown_is_not_offered_again() -> None:
    draft = OrderDraft(account=1042)
    lost = ConnectionFailedError("The connection dropped.", method="POST")
    intent = WriteIntent.post({"account": 1042, "order_number": "N-1"})
    failure = edit_failure(
        draft, WriteOutcomeUnknownError(WriteResult(Outcome.UNKNOWN, intent, error=lost))
    )
    assert not failure.can_retry
    assert failure.can_check
    assert not failure.can_send_again  # a POST is looked up again before it may be re-sent
    assert "Outcome unknown" in failure.banner
    assert "whether the order was created" in failure.banner


# --- against the sandbox --------------------------------------------------------------


async def test_create_then_save_only_the_change(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    draft = OrderDraft(account=sandbox.accounts[0])
    number = unique_order_number()
    draft.set_value("order_number", number)
    draft.set_value("external_reference", f"REF-{number}")
    draft.put_tracking({"courier": "dpd-de", "tracking_number": f"{number}-D"})
    created = await service.save(draft)
    assert not draft.is_new
    assert not draft.is_dirty
    assert [t.tracking_number for t in created.trackings] == [f"{number}-D"]

    draft.set_value("external_reference", None)
    draft.set_value("order_status", "Processing")
    assert set(draft.patch()[0].body) == {"external_id", "external_reference", "order_status"}
    await service.save(draft)
    read_back = await client.get_order(created.external_id or "")
    assert read_back.external_reference is None
    assert read_back.order_status == "Processing"
    assert read_back.order_number == number


async def test_a_server_400_on_a_field_is_marked_there_and_edits_stay(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    order = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": unique_order_number()}
    )
    draft = OrderDraft(order)
    draft.set_value("account", sandbox.accounts[1])  # the sandbox never moves an order
    draft.set_value("client_key", "brand-b.de")
    with pytest.raises(ValidationError) as caught:
        await service.save(draft)
    failure = edit_failure(draft, caught.value)
    assert set(failure.placement.fields) == {"account"}
    assert not failure.can_retry
    assert draft.value("client_key") == "brand-b.de"
    assert draft.value("account") == sandbox.accounts[1]


async def test_a_tracking_of_another_order_marks_its_row(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    account = sandbox.accounts[0]
    first = await client.create_order({"account": account, "order_number": unique_order_number()})
    taken = {"courier": "ups", "tracking_number": f"{first.order_number}-U"}
    await client.add_tracking(first, taken)
    second = await client.create_order({"account": account, "order_number": unique_order_number()})
    draft = OrderDraft(second)
    draft.put_tracking({"courier": "gls", "tracking_number": f"{second.order_number}-G"})
    draft.put_tracking(taken)
    with pytest.raises(ValidationError) as caught:
        await service.save(draft)
    placement = edit_failure(draft, caught.value).placement
    assert list(placement.trackings) == [("ups", taken["tracking_number"])]
    assert placement.fields == {}
    assert len(draft.pending_tracking_keys()) == 2  # nothing was lost


async def test_a_courier_the_schema_refuses_marks_its_row_before_sending(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    order = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": unique_order_number()}
    )
    draft = OrderDraft(order)
    draft.put_tracking({"courier": "c" * 65, "tracking_number": "T-1"})
    with pytest.raises(ValidationError) as caught:
        await service.save(draft)
    assert caught.value.status_code is None  # the client refused it; nothing was sent
    assert caught.value.field_errors[0].attr == "mutations.0.tracking.courier"
    placement = edit_failure(draft, caught.value).placement
    assert placement.trackings == {
        ("c" * 65, "T-1"): ("Courier: Ensure this field has no more than 64 characters.",)
    }


async def test_a_server_failure_keeps_everything_and_retry_succeeds(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    order = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": unique_order_number()}
    )
    draft = OrderDraft(order)
    draft.set_value("customer_number", "C-77")
    sandbox.faults.fail_next(1, status=500, method="PUT")
    with pytest.raises(ServerError) as caught:
        await service.save(draft)
    assert edit_failure(draft, caught.value).can_retry
    assert draft.value("customer_number") == "C-77"
    saved = await service.save(draft)
    assert saved.customer_number == "C-77"


async def test_a_gateway_failure_on_a_put_is_looked_up_then_sent_again(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    order = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": unique_order_number()}
    )
    draft = OrderDraft(order)
    draft.set_value("customer_number", "C-78")
    sandbox.faults.fail_next(1, status=503, method="PUT")  # before it was handled
    with pytest.raises(WriteOutcomeUnknownError) as caught:
        await service.save(draft)
    failure = edit_failure(draft, caught.value)
    assert failure.can_check
    assert failure.can_send_again
    assert not failure.can_retry
    with pytest.raises(WriteOutcomeUnknownError):
        await service.check(draft)  # looks only: still not there, nothing sent
    assert (await client.get_order(order.external_id or "")).customer_number is None
    saved = await service.send_again(draft)
    assert saved.customer_number == "C-78"
    assert draft.unresolved is None
    assert not draft.is_dirty


async def test_cancels_keep_unsaved_edits(
    service: OrderEditingService,
    client: ParcelLabClient,
    sandbox: EmbeddedSandbox,
    unique_order_number: Numbers,
) -> None:
    number = unique_order_number()
    order = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": number},
        [],
    )
    order = await client.add_tracking(order, {"courier": "gls", "tracking_number": f"{number}-G"})
    draft = OrderDraft(order)
    draft.set_value("recipient_name", "Max Mustermann")
    berlin = timezone(timedelta(hours=1))
    when = datetime(2026, 11, 27, 14, 5, tzinfo=berlin)
    await service.cancel_tracking(draft, ("gls", f"{number}-G"), CancelReason.INVENTORY, when)
    await service.cancel_order(draft, CancelReason.CUSTOMER, when)
    assert draft.value("recipient_name") == "Max Mustermann"  # still unsaved, still there
    read_back = await client.get_order(order.external_id or "")
    assert read_back.order_status == "Cancelled"
    assert read_back.cancelled_reason is CancelReason.CUSTOMER
    assert read_back.cancelled_date == when.astimezone(UTC)
    (tracking,) = read_back.trackings
    assert tracking.cancelled_reason is CancelReason.INVENTORY
    assert tracking.cancelled_date == when
    assert read_back.recipient_name is None
