"""GET /v4/track/orders/: keyset pages, orderings, filters, cursors, and walks under writes."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests import plain_http
from tests.sandbox.conftest import bearer
from tests.sandbox.helpers import ORDERS, errors_of, put

SORT_KEYS = ["created_at", "updated_at", "order_number", "external_reference"]
WALKED_ORDERS = 2_000


def _pages(client: httpx.Client, **params: Any) -> Iterator[dict[str, Any]]:
    url: str | None = ORDERS
    first = True
    while url is not None:
        response = client.get(url, params=params if first else None)
        assert response.status_code == 200, response.text
        first = False
        page: dict[str, Any] = response.json()
        yield page
        url = page["next"]


def _all(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    return [o for page in _pages(client, **params) for o in page["results"]]


@pytest.fixture(scope="module")
def listing(sandbox: EmbeddedSandbox) -> Iterator[httpx.Client]:
    with plain_http.client(base_url=sandbox.base_url, headers=bearer(sandbox.demo_token)) as client:
        yield client


def test_default_is_50_newest_first_without_links_back(listing: httpx.Client) -> None:
    page = listing.get(ORDERS).json()
    assert set(page) == {"next", "previous", "results"}
    assert len(page["results"]) == 50
    assert page["previous"] is None
    created = [o["created_at"] for o in page["results"]]
    assert created == sorted(created, reverse=True)


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_every_ordering_walks_sorted_with_ties_broken(
    listing: httpx.Client, key: str, descending: bool
) -> None:
    orders = _all(listing, ordering=f"-{key}" if descending else key, page_size=37)
    values = [o[key] or "" for o in orders]
    assert values == sorted(values, reverse=descending)
    ids = [o["external_id"] for o in orders]
    assert len(ids) == len(set(ids))
    assert len(ids) == len(_all(listing, page_size=500))


def test_unknown_ordering_is_ignored(listing: httpx.Client) -> None:
    default = listing.get(ORDERS).json()["results"]
    assert listing.get(ORDERS, params={"ordering": "colour"}).json()["results"] == default
    assert listing.get(ORDERS, params={"ordering": "-colour"}).json()["results"] == default


@pytest.mark.parametrize(("asked", "served"), [("0", 1), ("-4", 1), ("7", 7), ("x", 50)])
def test_page_size_is_clamped(listing: httpx.Client, asked: str, served: int) -> None:
    page = listing.get(ORDERS, params={"page_size": asked}).json()
    assert len(page["results"]) == served


def test_page_size_above_500_serves_500(make_sandbox: Callable[..., EmbeddedSandbox]) -> None:
    running = make_sandbox(demo_orders=505)
    response = plain_http.get(
        f"{running.base_url}{ORDERS}?page_size=100000", headers=bearer(running.demo_token)
    )
    assert len(response.json()["results"]) == 500
    assert response.json()["next"] is not None


def test_links_are_absolute_and_carry_the_other_parameters(
    sandbox: EmbeddedSandbox, listing: httpx.Client
) -> None:
    params = {"account": ["1001", "1002"], "ordering": "order_number", "page_size": "5"}
    page = listing.get(ORDERS, params=params).json()
    nxt = urlsplit(page["next"])
    assert f"{nxt.scheme}://{nxt.netloc}" == sandbox.base_url
    assert nxt.path == ORDERS
    query = parse_qs(nxt.query)
    assert query["account"] == ["1001", "1002"]
    assert query["ordering"] == ["order_number"]
    assert query["page_size"] == ["5"]
    assert len(query["cursor"]) == 1


def test_previous_leads_back_to_the_same_pages(listing: httpx.Client) -> None:
    first = listing.get(ORDERS, params={"page_size": 10}).json()
    second = listing.get(first["next"]).json()
    third = listing.get(second["next"]).json()
    back = listing.get(third["previous"]).json()
    assert back["results"] == second["results"]
    assert back["next"] is not None
    start = listing.get(back["previous"]).json()
    assert start["results"] == first["results"]
    assert start["previous"] is None


def test_account_filter_is_repeatable_and_limited_to_accounts_held(listing: httpx.Client) -> None:
    both = _all(listing, account=[1001, 1003], page_size=500)
    assert {o["account"] for o in both} == {1001, 1003}
    assert both == [o for o in _all(listing, page_size=500) if o["account"] in (1001, 1003)]
    with_foreign = _all(listing, account=[1002, 2001], page_size=500)
    assert {o["account"] for o in with_foreign} == {1002}
    assert listing.get(ORDERS, params={"account": 2001}).json()["results"] == []


def test_order_number_and_external_reference_filters(listing: httpx.Client) -> None:
    sample = next(o for o in _all(listing, page_size=500) if o["external_reference"])
    by_number = _all(listing, order_number=sample["order_number"], account=sample["account"])
    assert [o["external_id"] for o in by_number] == [sample["external_id"]]
    by_reference = _all(listing, external_reference=sample["external_reference"])
    assert sample["external_id"] in [o["external_id"] for o in by_reference]
    assert all(o["external_reference"] == sample["external_reference"] for o in by_reference)
    assert listing.get(ORDERS, params={"order_number": "no-such"}).json()["results"] == []


def test_a_token_lists_only_its_accounts(
    sandbox: EmbeddedSandbox, client_for: Callable[[str | None], httpx.Client]
) -> None:
    single = _all(client_for(sandbox.single_account_token), page_size=500)
    assert single
    assert {o["account"] for o in single} == {1001}


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "", "eyJ9", base64.urlsafe_b64encode(b'{"d":"n","k":["x",1],"q":"0"}').decode()],
)
def test_malformed_cursor_is_404_invalid_cursor(listing: httpx.Client, cursor: str) -> None:
    response = listing.get(ORDERS, params={"cursor": cursor})
    assert response.status_code == 404
    assert errors_of(response) == [("not_found", None)]
    assert response.json()["errors"][0]["detail"] == "Invalid cursor"


@pytest.mark.parametrize(
    "change",
    [
        {"ordering": "order_number"},
        {"account": "1001"},
        {"order_number": "1"},
        {"external_reference": "x"},
    ],
)
def test_cursor_used_with_other_filters_or_ordering_is_invalid(
    listing: httpx.Client, change: dict[str, str]
) -> None:
    nxt = listing.get(ORDERS, params={"page_size": 3}).json()["next"]
    cursor = parse_qs(urlsplit(nxt).query)["cursor"][0]
    response = listing.get(ORDERS, params={"cursor": cursor, **change})
    assert response.status_code == 404
    # page_size may change between pages
    assert listing.get(ORDERS, params={"cursor": cursor, "page_size": 9}).status_code == 200


def test_cursors_are_opaque_base64(listing: httpx.Client) -> None:
    nxt = listing.get(ORDERS, params={"page_size": 3}).json()["next"]
    cursor = parse_qs(urlsplit(nxt).query)["cursor"][0]
    decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert isinstance(decoded, dict)


@pytest.mark.parametrize("ordering", ["-created_at", "created_at", "order_number"])
def test_walking_100_pages_while_others_write_repeats_and_skips_nothing(
    make_sandbox: Callable[..., EmbeddedSandbox], ordering: str
) -> None:
    # What a keyset walk can get wrong is at the page boundaries, between which the writes
    # land: 100 pages of 20 test as many of them as 100 pages of 100 (10,000 orders took
    # 3.7 s a run, 2,000 take 1.3 s).
    running = make_sandbox(demo_orders=WALKED_ORDERS, seed=99)
    with plain_http.client(base_url=running.base_url, headers=bearer(running.demo_token)) as client:
        existing = {o["external_id"] for o in _all(client, page_size=500)}
        assert len(existing) == WALKED_ORDERS
        seen: list[str] = []
        writes = 0
        for page in _pages(client, ordering=ordering, page_size=WALKED_ORDERS // 100):
            seen.extend(o["external_id"] for o in page["results"])
            # between pages: a new order, and an edit of one already seen and one not yet seen
            writes += 1
            assert (
                put(client, {"account": 1002, "order_number": f"W-{writes:05d}"}).status_code == 200
            )
            for order in (page["results"][0], page["results"][-1]):
                edit = {"external_id": order["external_id"], "order_status": f"Edited {writes}"}
                assert put(client, edit).status_code == 200
        assert len(seen) == len(set(seen)), "an order was listed twice"
        assert existing <= set(seen), "an order that existed when the walk began was skipped"
        assert writes >= 100


def test_forged_cursors_with_unbindable_keys_are_invalid_not_500(listing: httpx.Client) -> None:
    nxt = listing.get(ORDERS, params={"page_size": 3}).json()["next"]
    cursor = parse_qs(urlsplit(nxt).query)["cursor"][0]
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for key in ([payload["k"][0], 2**70], ["\ud800", 1], [payload["k"][0], True]):
        raw = json.dumps({**payload, "k": key}).encode()
        forged = base64.urlsafe_b64encode(raw).decode()
        response = listing.get(ORDERS, params={"page_size": 3, "cursor": forged})
        assert response.status_code == 404
