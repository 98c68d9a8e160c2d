"""OrderRows: compact storage that gives back equal orders, with a bounded parsed cache."""

from __future__ import annotations

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.qt.order_codec import pack, unpack
from parcellab_desk.qt.order_rows import OrderRows
from tests.qt.pages import make_order, orders


def numbers(order: Order) -> tuple[str, ...]:
    return (order.order_number or "",)


def test_rows_come_back_equal_to_what_was_stored_with_unknown_fields_kept() -> None:
    rows = OrderRows(numbers, cache_rows=2)
    special = make_order(7, tags=["priority:vip"], carrier_note="leave at door")
    rows.extend([*orders(0, 5), special])
    rows.pack_all()

    # Every row is packed and none is in the two-row cache: each is unpacked and parsed.
    assert rows.order(0) == make_order(0)
    assert rows.order(5) == special
    assert rows.order(5).model_extra == {"carrier_note": "leave at door"}
    assert rows.view(3).texts == ("40010003",)
    assert len(rows) == rows.count == 6


def test_index_by_external_id_follows_replace_and_truncate() -> None:
    rows = OrderRows(numbers)
    rows.extend(orders(0, 4))
    first_id = make_order(0).external_id or ""
    last_id = make_order(3).external_id or ""

    rows.replace(0, make_order(0, order_status="Shipped"))
    assert rows.row_of(first_id) == 0
    assert rows.order(0).order_status == "Shipped"

    rows.truncate(2)
    assert rows.row_of(last_id) is None
    assert last_id not in rows.known_ids
    assert rows.external_id(1) == make_order(1).external_id
    assert len(rows) == 2

    rows.clear()
    assert len(rows) == 0
    assert first_id not in rows.known_ids


def test_texts_are_rendered_once_per_cached_row() -> None:
    calls: list[str | None] = []

    def render(order: Order) -> tuple[str, ...]:
        calls.append(order.order_number)
        return (order.order_number or "",)

    rows = OrderRows(render, cache_rows=10)
    rows.extend(orders(0, 3))
    for _ in range(5):
        assert rows.view(1).texts == ("40010001",)

    assert calls == ["40010001"]


def test_tags_of_the_rows_are_known_without_parsing_them() -> None:
    rows = OrderRows(numbers, cache_rows=1)
    rows.extend([make_order(1, tags=["a:1", "b"]), make_order(2, tags=["b", "c:3"])])
    rows.replace(0, make_order(1, tags=["d"]))

    assert rows.tags >= {"b", "c:3", "d"}
    rows.clear()
    assert rows.tags == frozenset()


def test_split_and_absorb_move_rows_without_losing_any() -> None:
    rows = OrderRows(numbers, cache_rows=2)
    rows.extend(orders(0, 5))

    tail = rows.split(2)
    assert (len(rows), len(tail)) == (2, 3)
    assert tail.order(0) == make_order(2)
    assert rows.row_of(make_order(3).external_id or "") is None

    rows.absorb(tail)
    assert len(tail) == 0
    assert [rows.order(row) for row in range(len(rows))] == orders(0, 5)
    assert rows.row_of(make_order(4).external_id or "") == 4


def test_rows_are_packed_a_few_at_a_time_oldest_first_and_stay_readable() -> None:
    rows = OrderRows(numbers, cache_rows=1)
    rows.extend(orders(0, 5))
    assert rows.unpacked_count == 5

    assert rows.pack_some(2) == 3
    assert rows.pack_some(10) == 0
    assert [rows.order(row) for row in range(5)] == orders(0, 5)

    # An edited row waits, parsed, to be packed again; split and absorb carry waiting rows.
    rows.replace(3, make_order(3, order_status="Shipped"))
    tail = rows.split(2)
    assert (rows.unpacked_count, tail.unpacked_count) == (0, 1)
    rows.absorb(tail)
    assert rows.unpacked_count == 1
    assert rows.order(3).order_status == "Shipped"
    rows.truncate(3)
    assert rows.unpacked_count == 0
    assert [rows.order(row) for row in range(3)] == orders(0, 3)


def test_a_packed_order_is_a_fraction_of_its_json_and_unpacks_equal() -> None:
    order = make_order(
        12,
        tags=["channel:web", "vip"],
        trackings=[
            Tracking(courier="dhl", tracking_number="00340434161234567890", status="InTransit")
        ],
        carrier_note="leave at door",
    )
    blob = pack(order)

    assert unpack(blob) == order
    assert unpack(blob).model_extra == {"carrier_note": "leave at door"}
    assert len(blob) < len(order.model_dump_json()) / 2
