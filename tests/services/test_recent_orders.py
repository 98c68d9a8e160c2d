"""Recent orders per profile (no personal data on disk) and session suggestions."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from parcellab_desk.api.models import Order
from parcellab_desk.services.order_suggestions import (
    SuggestionSource,
    session_suggestions,
    suggest_numbers,
)
from parcellab_desk.services.recent_orders import RecentOrders

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _order(number: str, account: int = 1001) -> Order:
    return Order(
        order_number=number,
        account=account,
        external_id=f"00000000-0000-4000-8000-{abs(hash(number)) % 10**12:012d}",
        recipient_name="Anna Muller",
        recipient_email="anna.muller@example.com",
        customer_number="C1234567",
    )


def test_newest_first_without_duplicates_at_most_the_limit(tmp_path: Path) -> None:
    recent = RecentOrders(tmp_path, "p1", limit=3)
    for i, number in enumerate(["A-1", "A-2", "A-1", "A-3", "A-4"]):
        recent.add(_order(number), when=T0 + timedelta(minutes=i))
    assert [e.order_number for e in recent.entries()] == ["A-4", "A-3", "A-1"]


def test_kept_across_restarts_per_profile_without_personal_data(tmp_path: Path) -> None:
    RecentOrders(tmp_path, "p1").add(_order("40012345"), when=T0)
    RecentOrders(tmp_path, "p2").add(_order("SO-1", 1002), when=T0)
    again = RecentOrders(tmp_path, "p1").entries()
    assert [(e.order_number, e.account, e.opened_at) for e in again] == [("40012345", 1001, T0)]
    text = (tmp_path / "p1.json").read_text()
    for personal in ("Anna", "Muller", "anna.muller", "C1234567"):
        assert personal not in text
    assert set(json.loads(text)["orders"][0]) == {
        "order_number",
        "account",
        "external_id",
        "opened_at",
    }


def test_an_unreadable_file_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    damaged = tmp_path / "p1.json"
    damaged.write_text("{not json")
    recent = RecentOrders(tmp_path, "p1")
    assert recent.entries() == []
    assert (tmp_path / "p1.bad").read_text() == "{not json"
    recent.add(_order("A-1"), when=T0)
    assert [e.order_number for e in RecentOrders(tmp_path, "p1").entries()] == ["A-1"]


def test_an_order_without_number_is_not_remembered(tmp_path: Path) -> None:
    recent = RecentOrders(tmp_path, "p1")
    recent.add(Order(account=1001))
    assert recent.entries() == []
    assert not (tmp_path / "p1.json").exists()


def test_suggestions_start_with_before_contains() -> None:
    numbers = ["SO-40012", "40012345", "#4001", "14001", "40019999", "99"]
    assert suggest_numbers("4001", numbers) == ["40012345", "40019999", "SO-40012", "14001"]
    assert suggest_numbers("#40 01", numbers) == ["40012345", "40019999", "SO-40012", "14001"]
    assert suggest_numbers("4", numbers) == []  # one character suggests too much


def test_session_suggestions_mark_where_they_come_from(tmp_path: Path) -> None:
    recent = RecentOrders(tmp_path, "p1")
    recent.add(_order("40012399"), when=T0)
    loaded = [("40012345", 1001, None), ("40012399", 1001, None), ("SO-1", 1002, None)]
    found = session_suggestions("4001", recent.entries(), loaded)
    assert [(s.order_number, s.source) for s in found] == [
        ("40012399", SuggestionSource.RECENT),
        ("40012345", SuggestionSource.LOADED),
    ]
