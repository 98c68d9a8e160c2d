"""POST (create only) and GET /v4/track/orders/{unique_id}/ (lookup)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.sandbox.helpers import ORDERS, errors_of, lookup, put

ACCOUNT = 1001


def test_post_creates_and_answers_the_order(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    response = api.post(
        ORDERS,
        json={
            "account": ACCOUNT,
            "order_number": number,
            "external_reference": f"REF-{number}",
            "recipient_email": "anna@example.com",
            "destination_country_iso3": "DEU",
            "language_iso2": "de",
            "external_id": "0b7e4c55-1d2f-4a8e-9c3b-5d6e7f809a1b",
        },
    )
    assert response.status_code == 201
    order = response.json()
    assert order["order_number"] == number
    assert order["external_id"] != "0b7e4c55-1d2f-4a8e-9c3b-5d6e7f809a1b"
    assert order["trackings"] == []
    assert lookup(api, order["external_id"]) == order


def test_post_of_an_existing_order_is_400_unique_on_the_field(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number, other = unique_order_number(), unique_order_number()
    body = {"account": ACCOUNT, "order_number": number, "external_reference": f"REF-{number}"}
    assert api.post(ORDERS, json=body).status_code == 201
    again = api.post(ORDERS, json=body)
    assert again.status_code == 400
    assert errors_of(again) == [("unique", "order_number")]
    same_reference = api.post(ORDERS, json={**body, "order_number": other})
    assert same_reference.status_code == 400
    assert errors_of(same_reference) == [("unique", "external_reference")]


def test_post_ignores_mutations_and_unknown_fields_as_stock_drf_does(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    response = api.post(
        ORDERS,
        json={
            "account": ACCOUNT,
            "order_number": number,
            "mutations": [
                {"type": "add_tracking", "tracking": {"courier": "gls", "tracking_number": "X"}},
                {"type": "no_such_mutation"},  # not even validated
            ],
            "favourite_colour": "teal",
        },
    )
    assert response.status_code == 201
    order = lookup(api, response.json()["external_id"])
    assert order["trackings"] == []  # dropped without a word, as the real service does
    assert "favourite_colour" not in order


def test_null_is_refused_where_the_contract_does_not_allow_it(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    body = {"account": ACCOUNT, "order_number": unique_order_number()}
    refused = api.post(ORDERS, json={**body, "client_key": None, "recipient_name": None})
    assert refused.status_code == 400
    assert sorted(errors_of(refused)) == [("null", "client_key"), ("null", "recipient_name")]
    assert refused.json()["errors"][0]["detail"] == "This field may not be null."
    allowed = api.post(ORDERS, json={**body, "has_multiple_shipments": None, "client_key": ""})
    assert allowed.status_code == 201
    order_id = allowed.json()["external_id"]
    tracking = put(
        api,
        {
            "external_id": order_id,
            "mutations": [
                {
                    "type": "add_tracking",
                    "tracking": {"courier": "gls", "tracking_number": "N-1", "is_return": None},
                }
            ],
        },
    )
    assert tracking.status_code == 400
    assert errors_of(tracking) == [("null", "mutations.0.tracking.is_return")]


def test_an_empty_string_empties_a_text_field(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    created = api.post(
        ORDERS,
        json={
            "account": ACCOUNT,
            "order_number": number,
            "client_key": "shop.example",
            "timezone": "Europe/Berlin",
            "destination_country_iso3": "DEU",
        },
    ).json()
    cleared = {"client_key": "", "timezone": "", "destination_country_iso3": ""}
    assert put(api, {"external_id": created["external_id"], **cleared}).status_code == 200
    order = lookup(api, created["external_id"])
    assert {k: order[k] for k in cleared} == cleared


def test_post_requires_account_and_order_number(api: httpx.Client) -> None:
    response = api.post(ORDERS, json={"order_status": "Processing"})
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert errors_of(response) == [("required", "account"), ("required", "order_number")]


def test_lookup_by_external_id_and_by_order_number(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    created = api.post(ORDERS, json={"account": ACCOUNT, "order_number": number}).json()
    assert lookup(api, created["external_id"]) == created
    assert lookup(api, created["external_id"].upper()) == created
    assert lookup(api, number) == created


# ("info/" itself is the order-info lookup: tests/sandbox/test_order_info.py)
@pytest.mark.parametrize(
    "unique_id", ["no-such-order", "info-123", "infos", "a.b", "40012345.json"]
)
def test_lookup_of_nothing_or_outside_the_pattern_is_404(api: httpx.Client, unique_id: str) -> None:
    response = api.get(f"{ORDERS}{unique_id}/")
    assert response.status_code == 404
    assert errors_of(response) == [("not_found", None)]


def test_an_order_number_shared_by_accounts_is_ambiguous(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    for account in (1001, 1002):
        assert put(api, {"account": account, "order_number": number}).status_code == 200
    response = api.get(f"{ORDERS}{number}/")
    assert response.status_code == 400
    assert response.json()["type"] == "client_error"
    assert errors_of(response) == [("ambiguous", None)]
    listed = api.get(ORDERS, params={"order_number": number}).json()["results"]
    assert sorted(o["account"] for o in listed) == [1001, 1002]


def test_demo_data_has_ambiguous_shop_numbers(api: httpx.Client) -> None:
    response = api.get(f"{ORDERS}%231001/")
    assert response.status_code == 400
    assert errors_of(response) == [("ambiguous", None)]


def test_lookup_sees_only_the_accounts_the_token_holds(
    sandbox: EmbeddedSandbox,
    client_for: Callable[[str | None], httpx.Client],
    unique_order_number: Callable[[], str],
) -> None:
    number = unique_order_number()
    other = client_for(sandbox.other_account_token)
    created = other.post(ORDERS, json={"account": sandbox.other_account, "order_number": number})
    assert created.status_code == 201
    demo = client_for(sandbox.demo_token)
    for unique_id in (number, created.json()["external_id"]):
        assert demo.get(f"{ORDERS}{unique_id}/").status_code == 404
    # The same number in a held account is then not ambiguous for this token.
    put(demo, {"account": 1002, "order_number": number})
    assert lookup(demo, number)["account"] == 1002
