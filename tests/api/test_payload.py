"""The patch builder and mutation bodies: only what changed goes out, in the contract's form."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from parcellab_desk.api.errors import ValidationError
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.payload import (
    AddTracking,
    CancelOrder,
    CancelTracking,
    build_patch,
    check_payload,
    identity_of,
    to_json_value,
    tracking_changes,
)
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.api.sentinel import NOT_GIVEN

EXTERNAL_ID = "0b6f1c8e-7a57-4c1e-9d59-2f0c7e0c1a11"

ORIGINAL = Order.model_validate(
    {
        "external_id": EXTERNAL_ID,
        "account": 1001,
        "order_number": "ORD-1",
        "client_key": "shop.example",
        "order_status": "Processing",
        "cancelled_date": "2024-05-01T10:00:00Z",
        "tags": ["a:b"],
        "loyalty_tier": "gold",
        "created_at": "2024-05-01T10:00:00Z",
        "trackings": [
            {"courier": "gls", "tracking_number": "T1", "tags": ["x"], "status": "InTransit"}
        ],
    }
)


def test_not_given_keeps_none_clears() -> None:
    patch = build_patch(
        ORIGINAL, {"order_status": NOT_GIVEN, "client_key": None, "tags": ["a:b", "c:d"]}
    )
    # A text field is emptied with "": the service refuses null outside the nullable three.
    assert patch.body == {"external_id": EXTERNAL_ID, "client_key": "", "tags": ["a:b", "c:d"]}
    assert patch.changed == {"client_key", "tags"}
    assert not patch.is_empty
    check_payload(patch.body, creating=False)


def test_null_goes_out_only_for_the_nullable_fields() -> None:
    original = ORIGINAL.model_copy(
        update={"has_multiple_shipments": True, "cancelled_reason": CancelReason.OTHER}
    )
    patch = build_patch(
        original,
        {"has_multiple_shipments": None, "cancelled_date": None, "order_status": None},
    )
    assert patch.body == {
        "external_id": EXTERNAL_ID,
        "has_multiple_shipments": None,
        "cancelled_date": None,
        "order_status": "",
    }


def test_emptying_an_empty_field_sends_nothing() -> None:
    # Absent, null and "" are the same "empty": nothing to change.
    assert build_patch(ORIGINAL, {"recipient_name": "", "customer_number": None}).is_empty


def test_unchanged_values_and_read_only_fields_are_not_sent() -> None:
    patch = build_patch(
        ORIGINAL,
        {
            "order_status": "Processing",
            "cancelled_date": "2024-05-01T12:00:00+02:00",  # the same moment, written otherwise
            "created_at": "2030-01-01T00:00:00Z",
            "trackings": [],
            "external_id": "something else",
            "mutations": [{"type": "cancel_order"}],
        },
    )
    assert patch.body == {"external_id": EXTERNAL_ID}
    assert patch.is_empty


def test_a_timestamp_that_is_no_timestamp_is_sent_for_the_schema_to_judge() -> None:
    patch = build_patch(ORIGINAL, {"cancelled_date": "yesterday"})
    assert patch.body["cancelled_date"] == "yesterday"
    with pytest.raises(ValidationError) as caught:
        check_payload(patch.body, creating=False)
    assert caught.value.status_code is None
    assert [e.attr for e in caught.value.errors] == ["cancelled_date"]


def test_an_edited_order_is_compared_field_by_field() -> None:
    edited = ORIGINAL.model_copy(
        update={"order_status": "Shipped", "cancelled_reason": CancelReason.OTHER}
    )
    patch = build_patch(ORIGINAL, edited)
    assert patch.body == {
        "external_id": EXTERNAL_ID,
        "order_status": "Shipped",
        "cancelled_reason": "other",
    }


def test_unknown_fields_go_out_only_when_changed() -> None:
    assert build_patch(ORIGINAL, {"loyalty_tier": "gold"}).is_empty
    assert build_patch(ORIGINAL, {"loyalty_tier": "silver"}).body["loyalty_tier"] == "silver"
    assert build_patch(ORIGINAL, {"brand_new": 1}).body["brand_new"] == 1


def test_mutations_are_appended_in_order() -> None:
    when = datetime(2024, 6, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    patch = build_patch(
        ORIGINAL,
        None,
        [
            AddTracking(
                {"courier": "ups", "tracking_number": "1Z", "status": "x", "is_return": NOT_GIVEN}
            ),
            CancelTracking("gls", "T1", CancelReason.CUSTOMER, when),
            CancelOrder(CancelReason.PAYMENT),
        ],
    )
    assert patch.body["mutations"] == [
        {"type": "add_tracking", "tracking": {"courier": "ups", "tracking_number": "1Z"}},
        {
            "type": "cancel_tracking",
            "courier": "gls",
            "tracking_number": "T1",
            "cancelled_reason": "customer",
            "cancelled_date": "2024-06-01T10:00:00Z",
        },
        {"type": "cancel_order", "cancelled_reason": "payment"},
    ]
    assert not patch.is_empty
    assert patch.changed == frozenset()
    check_payload(patch.body, creating=False)


def test_cancel_order_with_a_date_and_add_tracking_from_a_model() -> None:
    assert CancelOrder(CancelReason.OTHER, datetime(2024, 1, 1)).to_json() == {
        "type": "cancel_order",
        "cancelled_reason": "other",
        "cancelled_date": "2024-01-01T00:00:00Z",
    }
    tracking = Tracking(courier="dpd-de", tracking_number="9", status="Delivered", is_return=True)
    assert AddTracking(tracking).to_json() == {
        "type": "add_tracking",
        "tracking": {"courier": "dpd-de", "tracking_number": "9", "is_return": True},
    }


def test_identity_without_external_id() -> None:
    order = Order(account=1001, order_number="N-1")
    assert identity_of(order) == {"account": 1001, "order_number": "N-1"}
    with pytest.raises(ValueError, match="external_id"):
        identity_of(Order(order_number="N-1"))
    with pytest.raises(ValueError, match="order number can only be changed"):
        build_patch(order, {"order_number": "N-2"})


def test_the_order_number_changes_with_an_external_id() -> None:
    assert build_patch(ORIGINAL, {"order_number": "ORD-2"}).body == {
        "external_id": EXTERNAL_ID,
        "order_number": "ORD-2",
    }


def test_tracking_changes() -> None:
    original = ORIGINAL.trackings[0]
    assert (
        tracking_changes(original, {"tags": ["x"], "status": "Delivered", "courier": "ups"}) is None
    )
    change = tracking_changes(
        original, {"announced_send_date": date(2024, 6, 2), "extra_note": "n"}
    )
    assert change is not None
    assert change.to_json()["tracking"] == {
        "courier": "gls",
        "tracking_number": "T1",
        "announced_send_date": "2024-06-02",
        "extra_note": "n",
    }
    edited = original.model_copy(update={"is_return": True})
    model_change = tracking_changes(original, edited)
    assert model_change is not None
    assert model_change.to_json()["tracking"] == {
        "courier": "gls",
        "tracking_number": "T1",
        "is_return": True,
    }


def test_check_payload_uses_the_shared_validators() -> None:
    with pytest.raises(ValidationError) as caught:
        check_payload({"account": 1001}, creating=True)
    assert [(e.attr, e.code) for e in caught.value.errors] == [("order_number", "required")]
    assert caught.value.message.startswith("Not sent")
    with pytest.raises(ValidationError) as put:
        check_payload({"order_status": "x"}, creating=False)
    assert {e.attr for e in put.value.errors} == {"account", "order_number"}
    check_payload({"external_id": EXTERNAL_ID, "order_status": "x"}, creating=False)


def test_to_json_value() -> None:
    assert to_json_value(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00Z"
    assert to_json_value(CancelReason.CUSTOMER) == "customer"
    assert to_json_value(Tracking(courier="a"))["courier"] == "a"
    assert to_json_value({"a": (1, date(2024, 1, 2)), "b": NOT_GIVEN}) == {"a": [1, "2024-01-02"]}
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert not NOT_GIVEN
