"""What each bulk job decides for one order as it is now."""

from __future__ import annotations

from datetime import UTC, datetime

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.services.job_operations import decide, params_for_cancel, params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobRow, OrderRef

ID = "00000000-0000-4000-8000-000000000001"


def order(**fields: object) -> Order:
    return Order.model_validate(
        {"external_id": ID, "account": 1001, "order_number": "A-1", **fields}
    )


def row(*items: dict[str, object]) -> JobRow:
    return JobRow(OrderRef(ID), items=items)


def test_tags_add_only_what_is_missing_and_remove_only_what_is_there() -> None:
    tagged = order(tags=["a:1", "b:2"])
    add = decide(JobKind.ADD_TAGS, params_for_tags(["b:2", "c:3"]), row(), tagged)
    assert add.body == {"external_id": ID, "tags": ["a:1", "b:2", "c:3"]}
    assert decide(JobKind.ADD_TAGS, params_for_tags(["a:1"]), row(), tagged).holds
    remove = decide(JobKind.REMOVE_TAGS, params_for_tags(["a:1", "z:9"]), row(), tagged)
    assert remove.body == {"external_id": ID, "tags": ["b:2"]}
    assert decide(JobKind.REMOVE_TAGS, params_for_tags(["z:9"]), row(), tagged).holds


def test_cancel_order_holds_when_cancelled_and_sends_the_reason_and_date() -> None:
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    params = params_for_cancel(CancelReason.INVENTORY, when)
    sent = decide(JobKind.CANCEL_ORDERS, params, row(), order())
    assert sent.body == {
        "external_id": ID,
        "mutations": [
            {
                "type": "cancel_order",
                "cancelled_reason": "inventory",
                "cancelled_date": "2026-12-01T09:30:00Z",
            }
        ],
    }
    done = decide(JobKind.CANCEL_ORDERS, params, row(), order(cancelled_reason="payment"))
    assert (done.holds, done.reason) == (True, "already cancelled (Payment-related)")


def test_cancel_trackings_of_a_courier_skips_orders_without_one() -> None:
    parcels = [
        Tracking(courier="dhl-germany", tracking_number="1"),
        Tracking(courier="dhl-germany", tracking_number="2", cancelled_reason="other"),
        Tracking(courier="gls", tracking_number="3"),
    ]
    params = params_for_cancel(CancelReason.CUSTOMER, courier="dhl-germany")
    sent = decide(JobKind.CANCEL_TRACKINGS, params, row(), order(trackings=parcels))
    assert sent.body is not None
    assert [m["tracking_number"] for m in sent.body["mutations"]] == ["1"]
    none = decide(JobKind.CANCEL_TRACKINGS, params, row(), order(trackings=parcels[2:]))
    assert (none.body, none.holds, none.reason) == (None, False, "has no tracking of dhl-germany")


def test_import_adds_new_trackings_updates_changed_ones_and_holds_when_all_are_there() -> None:
    there = Tracking(courier="gls", tracking_number="3", recipient_postal_code="80331")
    sheet = row(
        {"courier": "gls", "tracking_number": "3", "recipient_postal_code": "80331"},
        {"courier": "dpd-de", "tracking_number": "9"},
    )
    sent = decide(JobKind.IMPORT_TRACKINGS, {}, sheet, order(trackings=[there]))
    assert sent.body is not None
    assert [m["tracking"]["tracking_number"] for m in sent.body["mutations"]] == ["9"]
    both = order(trackings=[there, Tracking(courier="dpd-de", tracking_number="9")])
    assert decide(JobKind.IMPORT_TRACKINGS, {}, sheet, both).holds
    cancelled = decide(JobKind.IMPORT_TRACKINGS, {}, sheet, order(cancelled_reason="other"))
    assert (cancelled.body, cancelled.reason) == (None, "the order is cancelled")


def test_order_updates_send_only_changed_fields_and_a_later_line_wins() -> None:
    sheet = row({"order_status": "Shipped"}, {"order_status": "Delivered", "client_key": "k"})
    sent = decide(JobKind.UPDATE_ORDERS, {}, sheet, order(order_status="Shipped", client_key="k"))
    assert sent.body == {"external_id": ID, "order_status": "Delivered"}
    assert decide(
        JobKind.UPDATE_ORDERS, {}, sheet, order(order_status="Delivered", client_key="k")
    ).holds
