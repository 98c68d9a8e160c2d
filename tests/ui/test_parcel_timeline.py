"""The parcel timeline: events newest first in the vocabulary's words, the courier's page, and
the order-info budget respected (asked only when the agent says so, a 429 told with when)."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from parcellab_desk.api.errors import RateLimitedError
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.order_info import OrderInfo
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.ui.parcel_timeline import ParcelTimeline
from tests.signals import next_emission

TRACKING = Tracking(
    courier="dhl-germany",
    tracking_number="00340434161200000017",
    status="OutForDelivery",
    recipient_postal_code="10115",
    destination_country_iso3="DEU",
)
ORDER = Order(account=1001, order_number="40012345", trackings=[TRACKING])


def _answer(**courier: Any) -> OrderInfo:
    return OrderInfo.model_validate(
        {
            "order_number": "40012345",
            "account": 1001,
            "trackings": [
                {
                    "tracking_number": TRACKING.tracking_number,
                    "courier": {"name": "dhl-germany", "prettyname": "DHL Paket", **courier},
                    "status": "OutForDelivery",
                    "delivery_estimate": "2026-12-01",
                    "checkpoints": [
                        {
                            "timestamp": "2026-11-30T06:10:00Z",
                            "status": "InboundScan",
                            "status_text": "The parcel has been handed over to the courier.",
                            "location": "Leipzig, DE",
                        },
                        {
                            "timestamp": "2026-11-30T12:00:00Z",
                            "status": "InTransit",
                            "status_text": "The parcel has been processed at the parcel centre.",
                            "location": "Kassel, DE",
                        },
                        {
                            "timestamp": "2026-12-01T07:30:00Z",
                            "status": "OutForDelivery",
                            "status_text": "The parcel is out for delivery.",
                            "location": "Berlin, DE",
                        },
                    ],
                }
            ],
        }
    )


class Source:
    """An order-info source the test controls (the widget's contract, no network)."""

    def __init__(self, answer: OrderInfo | None = None, *, cached: bool = False) -> None:
        self.answer = answer
        self.cached = cached
        self.asked = 0
        self.error: Exception | None = None

    def cached_for(self, order: Order) -> OrderInfo | None:
        return self.answer if self.cached else None

    async def for_order(self, order: Order) -> OrderInfo:
        self.asked += 1
        await asyncio.sleep(0)
        if self.error is not None:
            raise self.error
        assert self.answer is not None
        return self.answer


def _rows(timeline: ParcelTimeline) -> list[list[str]]:
    events = timeline.events
    return [
        [events.topLevelItem(i).text(c) for c in range(events.columnCount())]  # type: ignore[union-attr]
        for i in range(events.topLevelItemCount())
    ]


async def test_a_known_answer_shows_at_once_newest_first(qtbot: QtBot) -> None:
    runner = TaskRunner()
    source = Source(_answer(trackingurl="https://www.dhl.de/track?piececode=X"), cached=True)
    timeline = ParcelTimeline(runner, source, UTC)
    qtbot.addWidget(timeline)
    timeline.show_tracking(ORDER, TRACKING)
    assert source.asked == 0
    assert not timeline.isHidden()
    rows = _rows(timeline)
    assert [r[1] for r in rows] == ["Out for delivery", "In transit", "Handed to courier"]
    assert rows[0][0] == "2026-12-01 07:30"  # in the agent's zone (UTC here)
    assert rows[0][2] == "Berlin, DE"
    assert rows[0][3] == "The parcel is out for delivery."
    assert "Out for delivery" in timeline.summary.text()
    assert "expected Tue 01 Dec" in timeline.summary.text()
    assert timeline.link == "https://www.dhl.de/track?piececode=X"  # the service's own link
    assert "DHL Paket" in timeline.link_label.text()
    assert timeline.show_button.isHidden()
    timeline.copy_button.click()
    assert QGuiApplication.clipboard().text() == TRACKING.tracking_number
    await runner.aclose()


async def test_otherwise_it_asks_only_when_the_agent_says_so(qtbot: QtBot) -> None:
    runner = TaskRunner()
    source = Source(_answer(trackingurl=None))
    timeline = ParcelTimeline(runner, source, UTC)
    qtbot.addWidget(timeline)
    timeline.show_tracking(ORDER, TRACKING)
    assert source.asked == 0
    assert not timeline.show_button.isHidden()
    assert timeline.summary.text() == "Out for delivery"  # the status the order already had
    # without a link from the service, the courier's public page
    assert timeline.link is not None
    assert timeline.link.startswith("https://www.dhl.de/")
    assert "00340434161200000017" in timeline.link
    timeline.show_button.click()
    (parcel,) = await next_emission(timeline.loaded)
    assert parcel is not None
    assert source.asked == 1
    assert len(_rows(timeline)) == 3
    await runner.aclose()


async def test_a_spent_budget_says_when_to_try_again(qtbot: QtBot) -> None:
    runner = TaskRunner()
    source = Source(_answer())
    source.error = RateLimitedError("throttled", retry_after=41.2)
    timeline = ParcelTimeline(runner, source, UTC)
    qtbot.addWidget(timeline)
    timeline.show_tracking(ORDER, TRACKING)
    timeline.load()
    (sentence,) = await next_emission(timeline.failed)
    assert "Try again in 42 s" in str(sentence)
    assert timeline.error_label.text() == sentence
    assert timeline.show_button.text() == "Try again"
    assert timeline.show_button.isEnabled()
    await runner.aclose()


async def test_no_link_rather_than_a_wrong_one(qtbot: QtBot) -> None:
    runner = TaskRunner()
    timeline = ParcelTimeline(runner, Source(), UTC)
    qtbot.addWidget(timeline)
    postnl = Tracking(courier="postnl", tracking_number="3SABCD000000123", status="InTransit")
    timeline.show_tracking(Order(account=1002, order_number="SO-1", trackings=[postnl]), postnl)
    assert timeline.link is None  # PostNL's page needs the postal code
    assert timeline.link_label.isHidden()
    unknown = Tracking(courier="acme-post", tracking_number="A1", status="Held-New")
    timeline.show_tracking(Order(account=1002, order_number="SO-2", trackings=[unknown]), unknown)
    assert timeline.link is None
    assert timeline.summary.text() == "Held-New"  # an unknown status as the service sent it
    timeline.show_tracking(None, None)
    assert timeline.isHidden()
    await runner.aclose()
