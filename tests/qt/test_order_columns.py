"""Cell text, tooltips, badges and sort fields of the order table's columns."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import Ordering
from parcellab_desk.qt.order_columns import (
    HEADER_LABELS,
    SORT_FIELDS,
    BadgeTone,
    OrderColumn,
    badge,
    column_for_ordering,
    display_text,
    format_local,
    latest_tracking,
    sort_value,
    tooltip_text,
)
from parcellab_desk.qt.order_table_model import OrderRole, OrderTableModel
from tests.qt.pages import WAIT, ControlledSource, emitted, make_order

BERLIN = ZoneInfo("Europe/Berlin")


def with_trackings(*trackings: dict[str, object], **fields: object) -> Order:
    return make_order(1, trackings=list(trackings), **fields)


def test_every_column_has_a_label_and_only_server_fields_sort() -> None:
    assert set(HEADER_LABELS) == set(OrderColumn)
    assert set(SORT_FIELDS.values()) == set(Ordering)
    for column, field in SORT_FIELDS.items():
        assert column_for_ordering(field) is column


def test_trackings_show_count_and_latest_status_with_a_badge() -> None:
    order = with_trackings(
        {"courier": "dhl-germany", "tracking_number": "A1", "status": "Delivered",
         "created_at": "2026-11-20T10:00:00Z"},
        {"courier": "ups", "tracking_number": "B2", "status": "Exception-AddressIssue",
         "created_at": "2026-11-25T10:00:00Z"},
        {"courier": "gls", "tracking_number": "C3", "status": "InTransit",
         "created_at": "2026-11-22T10:00:00Z"},
    )  # fmt: skip

    latest = latest_tracking(order)
    assert latest is not None
    assert latest.tracking_number == "B2"
    # the vocabulary's words, not the raw code
    assert display_text(order, OrderColumn.TRACKINGS) == "3 · Address problem"
    status = badge(order, OrderColumn.TRACKINGS)
    assert status is not None
    assert status.tone is BadgeTone.EXCEPTION
    assert status.text == "Address problem"  # the text says it, not only the colour
    tooltip = tooltip_text(order, OrderColumn.TRACKINGS)
    assert tooltip is not None
    # hovering shows the service's code too, which support and couriers speak
    assert "ups B2: Address problem (Exception-AddressIssue)" in tooltip
    assert "dhl-germany A1: Delivered (Delivered)" in tooltip


def test_an_unknown_status_shows_as_the_service_sent_it() -> None:
    order = with_trackings({"courier": "ups", "tracking_number": "B2", "status": "Held-New"})
    assert display_text(order, OrderColumn.TRACKINGS) == "1 · Held-New"
    status = badge(order, OrderColumn.TRACKINGS)
    assert status is not None
    assert status.tone is BadgeTone.NEUTRAL


def test_tracking_groups_map_to_distinct_tones() -> None:
    def tone(status: str) -> BadgeTone | None:
        result = badge(with_trackings({"courier": "gls", "status": status}), OrderColumn.TRACKINGS)
        return result.tone if result else None

    assert tone("Delivered-ParcelShop") is BadgeTone.DELIVERED
    assert tone("InTransit") is BadgeTone.IN_TRANSIT
    assert tone("OutForDelivery") is BadgeTone.OUT_FOR_DELIVERY
    assert tone("PickupReady") is BadgeTone.ATTEMPT
    assert tone("ReturnInProcess") is BadgeTone.RETURN
    assert tone("SomethingNew") is BadgeTone.NEUTRAL  # unknown statuses are tolerated


def test_a_cancelled_order_reads_as_cancelled_everywhere() -> None:
    order = make_order(
        2,
        order_status="Processing",
        cancelled_reason="inventory",
        cancelled_date="2026-11-27T13:05:00Z",
    )

    status = badge(order, OrderColumn.ORDER_STATUS)
    assert status is not None
    assert (status.text, status.tone) == ("Cancelled", BadgeTone.CANCELLED)
    assert display_text(order, OrderColumn.CANCELLED, BERLIN) == "Inventory · 2026-11-27 14:05"
    assert tooltip_text(order, OrderColumn.CANCELLED) == (
        "Cancelled: Inventory, 2026-11-27 13:05:00 UTC"
    )
    # The server's own status text disagrees; the tooltip shows both.
    assert tooltip_text(order, OrderColumn.ORDER_STATUS) == ("Cancelled (order status: Processing)")


def test_plain_columns_show_their_values() -> None:
    order = make_order(5, tags=["category:womens fashion", "priority:vip"])

    assert display_text(order, OrderColumn.ORDER_NUMBER) == "40010005"
    assert display_text(order, OrderColumn.ACCOUNT) == "1042"
    assert display_text(order, OrderColumn.CLIENT_KEY) == "brand-a.de"
    assert display_text(order, OrderColumn.TAGS) == "category:womens fashion, priority:vip"
    assert display_text(order, OrderColumn.TRACKINGS) == "none"
    assert display_text(order, OrderColumn.CANCELLED) == ""
    assert sort_value(order, OrderColumn.ACCOUNT) == 1042
    assert sort_value(order, OrderColumn.ORDER_NUMBER) == "40010005"


@pytest.fixture
def new_york_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york_machine")
def test_without_a_zone_times_use_the_machines_local_zone() -> None:
    order = make_order(1, created_at="2026-11-27T13:05:09Z")

    assert display_text(order, OrderColumn.CREATED) == "2026-11-27 08:05"
    assert tooltip_text(order, OrderColumn.CREATED) == "2026-11-27 13:05:09 UTC"
    assert format_local(None) == ""


async def load_two_orders(
    model: OrderTableModel, source: ControlledSource, *, has_next: bool = False
) -> None:
    """An order and a cancelled one, as the first page."""
    model.fetchMore(QModelIndex())
    request = await source.next_request()
    loaded = emitted(model.page_loaded)
    request.resolve([make_order(1), make_order(3, cancelled_reason="customer")], has_next=has_next)
    await asyncio.wait_for(loaded, WAIT)


async def test_model_gives_badges_and_leaves_colour_to_the_theme(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_two_orders(model, source)

    status = model.index(1, OrderColumn.ORDER_STATUS)
    assert model.data(status) == "Cancelled"
    assert model.data(status, OrderRole.BADGE).tone is BadgeTone.CANCELLED
    # Colours come from the theme (light or dark) where the view paints the chip.
    assert model.data(status, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(status, Qt.ItemDataRole.BackgroundRole) is None
    # A cancelled row is not "disabled": no italics, the chip says it.
    assert model.data(model.index(1, OrderColumn.ORDER_NUMBER), Qt.ItemDataRole.FontRole) is None


async def test_a_cell_gives_the_delegate_what_data_gives_the_view(
    model: OrderTableModel, source: ControlledSource
) -> None:
    await load_two_orders(model, source, has_next=True)

    for row in range(2):
        for column in OrderColumn:
            index = model.index(row, column)
            assert model.cell(row, column) == (
                model.data(index),
                model.data(index, OrderRole.BADGE),
            )
    assert model.cell(2, OrderColumn.ORDER_NUMBER) is None  # the status row ("load more")
    assert model.cell(0, len(OrderColumn)) is None
