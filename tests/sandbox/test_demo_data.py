"""The demo-data generator: deterministic, valid by the shared validators, and varied."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from parcellab_desk.api.schema import (
    COURIER_CODES,
    DELIVERY_STATUSES,
    ORDER_STATUSES,
    CancelReason,
)
from parcellab_desk.api.validation import check_order, check_tracking, is_key_value_tag
from parcellab_desk.sandbox.demo_data import generate_orders

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
ORDERS = list(generate_orders(2000, seed=11, now=NOW))


def test_same_seed_same_orders_other_seed_other_orders() -> None:
    assert list(generate_orders(50, seed=11, now=NOW)) == ORDERS[:50]
    assert list(generate_orders(50, seed=12, now=NOW)) != ORDERS[:50]


def test_every_order_and_tracking_passes_the_shared_validators() -> None:
    # As the POST (and add_tracking) that would create them: unset fields are not sent.
    for order in ORDERS:
        body = {k: v for k, v in order.fields.items() if v is not None}
        body["account"] = order.account
        assert check_order(body, creating=True) == [], body
        for tracking in order.trackings:
            writable = {
                k: v
                for k, v in tracking.items()
                if k not in ("status", "created_at") and v is not None
            }
            assert check_tracking(writable, "t") == [], tracking


def test_orders_are_unique_per_account_and_trackings_per_courier() -> None:
    numbers = Counter((o.account, o.fields["order_number"]) for o in ORDERS)
    assert max(numbers.values()) == 1
    references = Counter(
        (o.account, o.fields["external_reference"])
        for o in ORDERS
        if o.fields["external_reference"]
    )
    assert max(references.values()) == 1
    trackings = Counter(
        (o.account, t["courier"], t["tracking_number"]) for o in ORDERS for t in o.trackings
    )
    assert max(trackings.values()) == 1


def test_data_is_varied_like_real_shops() -> None:
    assert {o.account for o in ORDERS} == {1001, 1002, 1003}
    assert len({o.fields["client_key"] for o in ORDERS}) >= 5
    numbers = [o.fields["order_number"] for o in ORDERS]
    for shape in (r"^\d{8}$", r"^SO-\d+$", r"^#\d+$"):
        assert any(re.match(shape, n) for n in numbers), shape
    assert len({o.fields["timezone"] for o in ORDERS}) >= 6
    assert {o.fields["order_status"] for o in ORDERS} == set(ORDER_STATUSES)
    tags = [t for o in ORDERS for t in o.fields["tags"]]
    assert sum(is_key_value_tag(t) for t in tags) > 0.9 * len(tags)
    assert {len(o.trackings) for o in ORDERS} == {0, 1, 2, 3}
    couriers = {t["courier"] for o in ORDERS for t in o.trackings}
    assert couriers <= set(COURIER_CODES)
    assert len(couriers) >= 12
    statuses = {t["status"] for o in ORDERS for t in o.trackings}
    assert statuses <= set(DELIVERY_STATUSES)
    assert len(statuses) >= 15
    assert {o.fields["destination_country_iso3"] for o in ORDERS} >= {"DEU", "GBR", "USA", "FRA"}
    assert {o.fields["language_iso2"] for o in ORDERS} >= {"de", "en", "fr", "nl"}


def test_some_orders_are_cancelled_with_every_reason() -> None:
    cancelled = [o for o in ORDERS if o.fields["order_status"] == "Cancelled"]
    assert 0.02 * len(ORDERS) < len(cancelled) < 0.1 * len(ORDERS)
    assert {o.fields["cancelled_reason"] for o in cancelled} == {r.value for r in CancelReason}
    assert all(o.fields["cancelled_date"] for o in cancelled)


def test_timestamps_lie_before_the_anchor_and_updates_after_creation() -> None:
    anchor = NOW.isoformat().replace("+00:00", "")
    for order in ORDERS:
        assert order.created_at <= order.updated_at <= anchor + ".000000Z"
        for tracking in order.trackings:
            assert tracking["created_at"] >= order.created_at
