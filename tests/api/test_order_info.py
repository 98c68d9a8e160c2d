"""The order-info client: one typed call per mode against the sandbox, liberal parsing of the
answer, and a 429 that is reported rather than retried."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import NotFoundError, ParcelLabError, RateLimitedError
from parcellab_desk.api.models import Order
from parcellab_desk.api.order_info import OrderInfo, OrderInfoQuery, is_redacted
from parcellab_desk.api.schema import OrderInfoMode
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.api.conftest import FAST_RETRY


async def _demo_orders(client: ParcelLabClient) -> list[Order]:
    return [
        o
        async for o in client.iter_orders(page_size=500)
        if o.order_number and not o.order_number.startswith("T-")
    ]


def _newest(orders: list[Order], **match: Any) -> Order:
    found = [o for o in orders if all(getattr(o, k) == v for k, v in match.items())]
    return max(found, key=lambda o: o.created_at or 0)


async def test_one_typed_call_per_mode(client: ParcelLabClient) -> None:
    orders = await _demo_orders(client)
    order = next(
        o
        for o in orders
        if o.trackings
        and o.customer_number
        and o.external_reference
        and "@" in (o.recipient_email or "")
    )
    account = order.account
    assert account is not None
    tracking = order.trackings[0]
    info = client.order_info
    assert client.order_info is info  # one per client

    by_number = await info.by_order_number(account, order.order_number or "")
    assert by_number.order_number == order.order_number
    assert by_number.account == account  # the account asked in, although the answer omits it
    assert [p.tracking_number for p in by_number.trackings] == [
        t.tracking_number for t in order.trackings
    ]
    assert (await info.by_external_id(account, order.external_id or "")).order_number == (
        order.order_number
    )
    by_reference = await info.by_external_reference(account, order.external_reference or "")
    assert by_reference.order_number == order.order_number
    by_tracking = await info.by_tracking_number(
        tracking.tracking_number or "", tracking.courier or ""
    )
    assert by_tracking.order_number == order.order_number
    assert by_tracking.account is None  # searched every account: the answer does not say
    by_customer = await info.by_customer_number(account, order.customer_number or "")
    expected = _newest(orders, account=account, customer_number=order.customer_number)
    assert by_customer.order_number == expected.order_number
    email = order.recipient_email or ""
    by_email = await info.by_recipient_email(account, email.upper(), lang="de")
    expected = _newest(orders, account=account, recipient_email=email)
    assert by_email.order_number == expected.order_number
    assert by_email.recipient_email == email
    assert by_email.redacted == frozenset()


async def test_a_parcel_comes_with_its_history_and_courier(client: ParcelLabClient) -> None:
    orders = await _demo_orders(client)
    order = next(o for o in orders if any(t.status == "OutForDelivery" for t in o.trackings))
    tracking = next(t for t in order.trackings if t.status == "OutForDelivery")
    answer = await client.order_info.by_order_number(order.account or 0, order.order_number or "")
    parcel = answer.parcel(tracking.courier, tracking.tracking_number)
    assert parcel is not None
    assert parcel.status == "OutForDelivery"
    assert parcel.courier is not None
    assert parcel.courier.code == tracking.courier
    assert parcel.courier.display_name
    assert [c.status for c in parcel.checkpoints][:2] == ["InboundScan", "InTransit"]
    assert parcel.checkpoints[-1].status == "OutForDelivery"
    times = [c.timestamp for c in parcel.checkpoints]
    assert all(t is not None and t.tzinfo is not None for t in times)
    assert parcel.delivery_estimate is not None
    assert parcel.delivery_estimate.earliest == parcel.delivery_estimate.latest


async def test_nothing_found_raises_not_found(client: ParcelLabClient) -> None:
    with pytest.raises(NotFoundError):
        await client.order_info.by_recipient_email(1001, "nobody@nowhere.example")


async def test_an_order_info_only_token_reads_as_redacted(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    orders = await _demo_orders(client)
    order = next(o for o in orders if o.recipient_name and "@" in (o.recipient_email or ""))
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.order_info_token), retry=FAST_RETRY
    ) as info_only:
        answer = await info_only.order_info.by_order_number(
            order.account or 0, order.order_number or ""
        )
    assert answer.recipient_name is None
    assert answer.recipient_email is None
    assert answer.redacted == {"recipient_name", "recipient_email"}
    assert answer.order_number == order.order_number


async def test_a_429_is_reported_with_when_to_try_again_not_retried(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    running = make_sandbox(demo_orders=3)
    running.settings.order_info_per_minute = 1
    retries: list[ParcelLabError] = []
    policy = dataclasses.replace(FAST_RETRY, on_retry=lambda error, _wait: retries.append(error))
    async with ParcelLabClient(
        running.base_url, BearerAuth(running.demo_token), retry=policy
    ) as client:
        with pytest.raises(NotFoundError):
            await client.order_info.by_customer_number(running.accounts[0], "C0")
        with pytest.raises(RateLimitedError) as caught:
            await client.order_info.by_customer_number(running.accounts[0], "C0")
        # the list is not limited and still retries as before
        assert (await client.list_orders(page_size=1)).orders
    assert caught.value.retry_after is not None
    assert 1 <= caught.value.retry_after <= 60
    assert retries == []


def test_queries_carry_their_mode_partner() -> None:
    assert OrderInfoQuery.recipient_email(1001, "a@b.example").params() == [
        ("recipient_email", "a@b.example"),
        ("account", "1001"),
    ]
    query = OrderInfoQuery.tracking_number("1Z999", "ups").with_options(lang="de")
    assert query.params() == [("tracking_number", "1Z999"), ("courier", "ups"), ("lang", "de")]
    assert OrderInfoQuery.order_number(1, "4001", client_key="brand-a.de").params()[-1] == (
        "client",
        "brand-a.de",
    )
    with pytest.raises(ValueError, match="courier"):
        OrderInfoQuery(OrderInfoMode.TRACKING_NUMBER, "1Z999").params()
    with pytest.raises(ValueError, match="account"):
        OrderInfoQuery(OrderInfoMode.CUSTOMER_NUMBER, "C1").params()
    # hashable and equal by value: answers can be kept per query
    assert {OrderInfoQuery.external_id(1, "x"): 1}[OrderInfoQuery.external_id(1, "x")] == 1


# --- liberal parsing: the shape is known from public specs only -------------------------


def test_every_field_is_optional() -> None:
    assert OrderInfo.model_validate({}) == OrderInfo()
    info = OrderInfo.model_validate({"trackings": None, "order_number": 40012345})
    assert info.trackings == []
    assert info.order_number == "40012345"
    parcel = OrderInfo.model_validate({"trackings": [{}]}).trackings[0]
    assert parcel.courier is None
    assert parcel.checkpoints == []
    assert parcel.delivery_estimate is None


def test_courier_as_a_code_or_an_object() -> None:
    info = OrderInfo.model_validate(
        {
            "trackings": [
                {"tracking_number": "1", "courier": "dhl-germany"},
                {
                    "tracking_number": "2",
                    "courier": {
                        "name": "ups",
                        "prettyname": "UPS",
                        "trackingurl": "https://www.ups.com/track?tracknum=2",
                        "logo": "ups.png",
                    },
                },
                {"tracking_number": "3", "courier": ""},
            ]
        }
    )
    first, second, third = info.trackings
    assert first.courier is not None
    assert (first.courier.code, first.courier.pretty_name, first.courier.tracking_url) == (
        "dhl-germany",
        None,
        None,
    )
    assert second.courier is not None
    assert second.courier.display_name == "UPS"
    assert second.courier.tracking_url == "https://www.ups.com/track?tracknum=2"
    assert (second.courier.model_extra or {})["logo"] == "ups.png"  # kept, never dropped
    assert third.courier is None


@pytest.mark.parametrize("value", ["<name>", "<email>", "***", "[REDACTED]", " <hidden> "])
def test_redacted_values_are_recognised(value: str) -> None:
    assert is_redacted(value)
    info = OrderInfo.model_validate({"recipient_name": value, "recipient_email": "a@b.example"})
    assert info.recipient_name is None
    assert info.redacted == {"recipient_name"}
    assert info.recipient_email == "a@b.example"


@pytest.mark.parametrize("value", ["Anna <Muller>", "a@b.example", "", None, 5])
def test_real_values_are_not_taken_for_redacted(value: Any) -> None:
    assert not is_redacted(value)


def test_checkpoints_in_any_order_and_shape_read_oldest_first() -> None:
    parcel = OrderInfo.model_validate(
        {
            "trackings": [
                {
                    "checkpoints": [
                        {"timestamp": "2026-11-30T09:00:00+01:00", "status": "Delivered"},
                        {
                            "timestamp": "2026-11-29T07:15:02Z",
                            "status": "InTransit",
                            "location": {"city": "Leipzig", "country": "DE"},
                        },
                        {"status": "Unknown-Event", "location": ""},
                        {"timestamp": "2026-11-29T18:00:00.123Z", "status": "OutForDelivery"},
                    ]
                }
            ]
        }
    ).trackings[0]
    assert [c.status for c in parcel.checkpoints] == [
        "InTransit",
        "OutForDelivery",
        "Delivered",
        "Unknown-Event",
    ]
    assert parcel.checkpoints[0].location == "Leipzig, DE"
    assert parcel.checkpoints[3].location is None


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("2026-12-02", date(2026, 12, 2), date(2026, 12, 2)),
        ("2026-12-02T14:00:00Z", date(2026, 12, 2), date(2026, 12, 2)),
        ({"from": "2026-12-02", "to": "2026-12-04"}, date(2026, 12, 2), date(2026, 12, 4)),
        ({"earliest": "2026-12-02T08:00:00+01:00"}, date(2026, 12, 2), date(2026, 12, 2)),
    ],
)
def test_delivery_estimates_in_several_forms(value: Any, earliest: date, latest: date) -> None:
    parcel = OrderInfo.model_validate({"trackings": [{"delivery_estimate": value}]}).trackings[0]
    assert parcel.delivery_estimate is not None
    assert (parcel.delivery_estimate.earliest, parcel.delivery_estimate.latest) == (
        earliest,
        latest,
    )


@pytest.mark.parametrize("value", [None, "", {}, {"note": "soon"}])
def test_no_estimate(value: Any) -> None:
    parcel = OrderInfo.model_validate({"trackings": [{"delivery_estimate": value}]}).trackings[0]
    assert parcel.delivery_estimate is None
