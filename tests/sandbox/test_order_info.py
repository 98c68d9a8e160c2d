"""``GET /v4/track/orders/info/``: six modes, their errors, redaction, the rate limit and
checkpoint histories that agree with each tracking's status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from parcellab_desk.api.schema import DeliveryGroup, delivery_group
from parcellab_desk.sandbox.checkpoints import event_codes, history
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.sandbox.store import StoredOrder
from tests import plain_http
from tests.sandbox.helpers import errors_of

INFO = "/v4/track/orders/info/"


def _all_orders(sandbox: EmbeddedSandbox) -> list[StoredOrder]:
    store = sandbox.store
    with store.reading() as conn:
        return store._find(conn, "1 = 1", ())


def _orders(sandbox: EmbeddedSandbox) -> Iterator[StoredOrder]:
    for order in _all_orders(sandbox):
        if not order.fields["order_number"].startswith("T-"):  # demo orders only
            yield order


@pytest.fixture(scope="module")
def shipped(sandbox: EmbeddedSandbox) -> StoredOrder:
    """A demo order with an e-mail, a customer number, a reference and a tracking, whose
    e-mail and customer number no other order of its account shares."""
    orders = list(_orders(sandbox))
    for order in orders:
        f = order.fields
        email, customer = f["recipient_email"], f["customer_number"]
        if not (order.trackings and f["external_reference"] and customer and "@" in email):
            continue
        same = [
            o
            for o in orders
            if o.account == order.account
            and (o.fields["recipient_email"] == email or o.fields["customer_number"] == customer)
        ]
        if len(same) == 1:
            return order
    raise AssertionError("the demo data has no such order")


def _info(api: httpx.Client, **params: Any) -> httpx.Response:
    return api.get(INFO, params=params)


def _modes(order: StoredOrder) -> dict[str, dict[str, Any]]:
    f, t = order.fields, order.trackings[0]
    return {
        "order_number": {"order_number": f["order_number"], "account": order.account},
        "external_order_id": {"external_order_id": order.external_id, "account": order.account},
        "external_reference": {
            "external_reference": f["external_reference"],
            "account": order.account,
        },
        "tracking_number": {"tracking_number": t["tracking_number"], "courier": t["courier"]},
        "customer_number": {"customer_number": f["customer_number"], "account": order.account},
        "recipient_email": {
            "recipient_email": f["recipient_email"].upper(),  # any letter case
            "account": order.account,
        },
    }


@pytest.mark.parametrize(
    "mode",
    [
        "order_number",
        "external_order_id",
        "external_reference",
        "tracking_number",
        "customer_number",
        "recipient_email",
    ],
)
def test_every_mode_finds_the_order(api: httpx.Client, shipped: StoredOrder, mode: str) -> None:
    response = _info(api, **_modes(shipped)[mode])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["order_number"] == shipped.fields["order_number"]
    assert body["client_key"] == shipped.fields["client_key"]
    assert body["order_date"] == shipped.created_at
    assert body["recipient_email"] == shipped.fields["recipient_email"]
    assert body["recipient_name"] == shipped.fields["recipient_name"]
    assert "tags" not in body  # customer-facing: no order tags
    numbers = [p["tracking_number"] for p in body["trackings"]]
    assert numbers == [t["tracking_number"] for t in shipped.trackings]
    parcel = body["trackings"][0]
    assert parcel["courier"]["name"] == shipped.trackings[0]["courier"]
    assert parcel["courier"]["prettyname"]
    assert parcel["status"] == shipped.trackings[0]["status"]


def test_tracking_mode_also_takes_the_account(api: httpx.Client, shipped: StoredOrder) -> None:
    params = _modes(shipped)["tracking_number"]
    assert _info(api, **params, account=shipped.account).status_code == 200
    other = next(a for a in (1001, 1002, 1003) if a != shipped.account)
    assert _info(api, **params, account=other).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"account": 1001},
        {"order_number": "40012345"},  # no account
        {"tracking_number": "00340434000000000001"},  # no courier
        {"order_number": "40012345", "recipient_email": "a@example.com", "account": 1001},
        {"order_number": "  ", "account": 1001},  # an empty value is no value
        {"courier": "ups", "account": 1001},
    ],
)
def test_parameters_that_form_no_mode_are_told_the_modes(
    api: httpx.Client, params: dict[str, Any]
) -> None:
    response = _info(api, **params)
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", None)]
    detail = response.json()["errors"][0]["detail"]
    for mode in ("order_number + account", "tracking_number + courier", "recipient_email"):
        assert mode in detail


def test_nothing_found_is_404(api: httpx.Client) -> None:
    response = _info(api, recipient_email="nobody@nowhere.example", account=1001)
    assert response.status_code == 404
    assert errors_of(response) == [("not_found", None)]


def test_an_account_the_token_does_not_hold_is_403(
    client_for: Callable[[str | None], httpx.Client], sandbox: EmbeddedSandbox
) -> None:
    response = client_for(sandbox.demo_token).get(
        INFO, params={"order_number": "1", "account": sandbox.other_account}
    )
    assert response.status_code == 403
    assert errors_of(response) == [("permission_denied", None)]


def test_a_malformed_account_is_400_on_account(api: httpx.Client) -> None:
    response = _info(api, order_number="1", account="12a")
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", "account")]


def test_without_credentials_401(client_for: Callable[[str | None], httpx.Client]) -> None:
    response = client_for(None).get(INFO, params={"order_number": "1", "account": 1001})
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_an_order_info_only_token_gets_redacted_personal_data_and_nothing_else(
    client_for: Callable[[str | None], httpx.Client],
    sandbox: EmbeddedSandbox,
    shipped: StoredOrder,
) -> None:
    client = client_for(sandbox.order_info_token)
    response = client.get(INFO, params=_modes(shipped)["order_number"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["recipient_name"], body["recipient_email"]) == ("<name>", "<email>")
    assert body["order_number"] == shipped.fields["order_number"]
    assert body["trackings"][0]["checkpoints"]  # the parcel's story is what it is for
    assert client.get("/v4/track/orders/").status_code == 403
    assert client.get(f"/v4/track/orders/{shipped.external_id}/").status_code == 403


def test_the_postal_code_is_an_extra_check(api: httpx.Client, shipped: StoredOrder) -> None:
    params = _modes(shipped)["order_number"]
    postal = shipped.trackings[0]["recipient_postal_code"]
    assert _info(api, **params, recipient_postal_code=postal.lower()).status_code == 200
    assert _info(api, **params, recipient_postal_code="00000-X").status_code == 404


def test_texts_come_in_german_and_english(api: httpx.Client, shipped: StoredOrder) -> None:
    params = _modes(shipped)["order_number"]
    english = _info(api, **params, lang="en").json()["trackings"][0]["checkpoints"]
    german = _info(api, **params, lang="de").json()["trackings"][0]["checkpoints"]
    assert [c["status"] for c in english] == [c["status"] for c in german]
    assert [c["timestamp"] for c in english] == [c["timestamp"] for c in german]
    assert all(e["status_text"] != g["status_text"] for e, g in zip(english, german, strict=True))
    assert any("Sendung" in g["status_text"] for g in german)


def test_an_email_with_several_orders_answers_the_newest(
    api: httpx.Client, sandbox: EmbeddedSandbox
) -> None:
    by_email: dict[tuple[int, str], list[StoredOrder]] = {}
    for order in _orders(sandbox):
        email = order.fields["recipient_email"]
        if "@" in email:
            by_email.setdefault((order.account, email), []).append(order)
    (account, email), orders = next((k, v) for k, v in by_email.items() if len(v) > 1)
    newest = max(orders, key=lambda o: o.created_at)
    body = _info(api, recipient_email=email, account=account).json()
    assert body["order_number"] == newest.fields["order_number"]


def test_the_published_rate_limit_is_enforced_per_account(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    running = make_sandbox(demo_orders=3)
    headers = {"Authorization": f"Bearer {running.demo_token}"}
    with plain_http.client(base_url=running.base_url, headers=headers) as client:
        first, second = running.accounts[:2]
        statuses = [
            client.get(INFO, params={"customer_number": "C0", "account": first}).status_code
            for _ in range(100)
        ]
        assert set(statuses) == {404}  # answers that find nothing count too
        refused = client.get(INFO, params={"customer_number": "C0", "account": first})
        assert refused.status_code == 429
        assert errors_of(refused) == [("throttled", None)]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        # another account's budget is its own
        other = client.get(INFO, params={"customer_number": "C0", "account": second})
        assert other.status_code == 404
        # a search across every account is refused while one of them is spent
        across = client.get(INFO, params={"tracking_number": "X1", "courier": "ups"})
        assert across.status_code == 429
        # the list and the lookup are not part of this budget
        assert client.get("/v4/track/orders/").status_code == 200


def test_checkpoints_agree_with_every_demo_tracking(sandbox: EmbeddedSandbox) -> None:
    now = datetime.now(UTC)
    seen_groups: set[DeliveryGroup] = set()
    for order in _orders(sandbox):
        for tracking in order.trackings:
            parcel = history(tracking, lang="en", now=now)
            codes = [c["status"] for c in parcel.checkpoints]
            status = tracking["status"]
            group = delivery_group(status)
            seen_groups.add(group)
            assert codes == list(event_codes(status))
            assert codes[-1] == status
            times = [c["timestamp"] for c in parcel.checkpoints]
            assert times == sorted(times)
            assert tracking["created_at"] <= times[0]
            assert times[-1] <= now.isoformat(timespec="microseconds").replace("+00:00", "Z")
            if group in (DeliveryGroup.OUT_FOR_DELIVERY, DeliveryGroup.DELIVERED):
                assert {"InboundScan", "InTransit"} <= set(codes)
            if group is DeliveryGroup.EXCEPTION:
                assert parcel.checkpoints[-1]["status"].startswith("Exception-")
            if group in (DeliveryGroup.DELIVERED, DeliveryGroup.EXCEPTION, DeliveryGroup.RETURN):
                assert parcel.delivery_estimate is None
            if group in (DeliveryGroup.IN_TRANSIT, DeliveryGroup.OUT_FOR_DELIVERY):
                assert parcel.delivery_estimate is not None
                assert parcel.delivery_estimate >= times[-1][:10]
            assert all(c["status_text"] and c["location"] for c in parcel.checkpoints)
            # the same parcel always has the same story
            assert history(tracking, lang="en", now=now) == parcel
    assert {DeliveryGroup.IN_TRANSIT, DeliveryGroup.DELIVERED, DeliveryGroup.EXCEPTION} <= (
        seen_groups
    )


def test_a_tracking_without_a_status_has_no_events() -> None:
    parcel = history({"courier": "ups", "tracking_number": "1Z1", "status": None})
    assert parcel.checkpoints == []
    assert parcel.delivery_estimate is None
