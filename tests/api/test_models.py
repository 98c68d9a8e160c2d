"""Parsing orders as the real service sends them: untidy, with fields we do not know."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from parcellab_desk.api.models import Order, OrderListBody, Tracking, parse_list_body, parse_order
from parcellab_desk.api.schema import CancelReason


def _order(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "external_id": "0b6f1c8e-7a57-4c1e-9d59-2f0c7e0c1a11",
        "account": 1001,
        "order_number": "ORD-1",
        "created_at": "2024-05-01T10:00:00Z",
        "updated_at": "2024-05-01T10:00:00Z",
    }
    base.update(fields)
    return base


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T10:00:00.123456Z", datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2024-05-01T12:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T12:00:00.5+02:00", datetime(2024, 5, 1, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2024-05-01T10:00:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),  # naive means UTC
    ],
)
def test_timestamps_are_timezone_aware_whatever_their_form(text: str, expected: datetime) -> None:
    order = Order.model_validate(_order(created_at=text))
    assert order.created_at == expected
    assert order.created_at is not None
    assert order.created_at.tzinfo is not None


def test_offsets_are_kept_not_converted() -> None:
    order = Order.model_validate(_order(updated_at="2024-05-01T12:00:00+02:00"))
    assert order.updated_at is not None
    assert order.updated_at.utcoffset() == timedelta(hours=2)


def test_unknown_fields_are_kept_and_written_back_unchanged() -> None:
    raw = _order(
        loyalty_tier="gold",
        shipping={"method": "express", "cost": 4.9},
        trackings=[{"courier": "dhl-germany", "tracking_number": "T1", "weight_g": 1200}],
    )
    order = Order.model_validate(raw)
    assert order.model_extra == {
        "loyalty_tier": "gold",
        "shipping": {"method": "express", "cost": 4.9},
    }
    assert order.trackings[0].model_extra == {"weight_g": 1200}
    out = order.to_json_dict()
    assert out["loyalty_tier"] == "gold"
    assert out["shipping"] == {"method": "express", "cost": 4.9}
    assert out["trackings"][0]["weight_g"] == 1200


def test_untidy_values_are_accepted() -> None:
    order = Order.model_validate(
        _order(
            account="1001",
            order_number=4711,
            external_reference="",
            cancelled_date="",
            cancelled_reason="Customer",
            tags=None,
            trackings=None,
        )
    )
    assert order.account == 1001
    assert order.order_number == "4711"
    assert order.external_reference is None
    assert order.cancelled_date is None
    assert order.cancelled_reason is CancelReason.CUSTOMER
    assert order.tags == []
    assert order.trackings == []


def test_an_unknown_cancel_reason_does_not_break_the_page() -> None:
    order = Order.model_validate(_order(cancelled_reason="fraud"))
    assert order.cancelled_reason is CancelReason.OTHER


def test_a_single_tag_string_is_one_tag() -> None:
    assert Order.model_validate(_order(tags="priority:vip")).tags == ["priority:vip"]


def test_tracking_fields_and_send_date_given_as_timestamp() -> None:
    tracking = Tracking.model_validate(
        {
            "courier": "dpd-de",
            "tracking_number": "0123",
            "announced_send_date": "2024-05-02T00:00:00Z",
            "status": "InTransit",
            "cancelled_reason": "INVENTORY",
            "cancelled_date": "2024-05-03T08:00:00.000+00:00",
        }
    )
    assert tracking.announced_send_date == date(2024, 5, 2)
    assert tracking.key == ("dpd-de", "0123")
    assert tracking.is_cancelled
    assert tracking.cancelled_reason is CancelReason.INVENTORY
    assert "status" not in tracking.to_json_dict(exclude_read_only=True)


def test_order_helpers() -> None:
    order = Order.model_validate(
        _order(trackings=[{"courier": "gls", "tracking_number": "A"}], cancelled_reason="payment")
    )
    assert order.is_cancelled
    assert order.find_tracking("gls", "A") is order.trackings[0]
    assert order.find_tracking("gls", "B") is None
    body = order.to_json_dict(exclude_read_only=True)
    assert not {"external_id", "created_at", "updated_at", "trackings"} & body.keys()


def test_orders_are_frozen_values() -> None:
    order = Order.model_validate(_order())
    with pytest.raises(ValueError, match="frozen"):
        order.order_status = "Shipped"  # type: ignore[misc]
    edited = order.model_copy(update={"order_status": "Shipped"})
    assert edited.order_status == "Shipped"
    assert order.order_status is None


def test_list_body_from_bytes() -> None:
    raw = json.dumps(
        {"next": "https://x/v4/track/orders/?cursor=abc", "previous": None, "results": [_order()]}
    )
    body = parse_list_body(raw.encode())
    assert isinstance(body, OrderListBody)
    assert body.next is not None
    assert body.previous is None
    assert body.results[0].order_number == "ORD-1"
    assert parse_order(json.dumps(_order()).encode()).account == 1001


def test_a_list_body_without_results_breaks_the_contract() -> None:
    with pytest.raises(ValueError, match="results"):
        parse_list_body(b'{"next": null}')


def test_serialised_timestamps_keep_their_offset() -> None:
    tz = timezone(timedelta(hours=-5))
    order = Order(order_number="A", created_at=datetime(2024, 1, 1, 12, tzinfo=tz))
    assert order.to_json_dict()["created_at"] == "2024-01-01T12:00:00-05:00"
