"""PUT /v4/track/orders/: create or update, partial, idempotent, mutations, all or nothing."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.sandbox.helpers import ORDERS, by_number, errors_of, lookup, put

ACCOUNT = 1001


def test_put_creates_then_updates_only_the_fields_sent(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    created = put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "order_status": "Processing",
            "tags": ["channel:webshop"],
            "client_key": "brand-a.de",
        },
    )
    assert created.status_code == 200
    assert created.content == b""
    before = by_number(api, ACCOUNT, number)
    assert before["order_status"] == "Processing"

    assert (
        put(
            api, {"account": ACCOUNT, "order_number": number, "order_status": "Shipped"}
        ).status_code
        == 200
    )
    after = lookup(api, before["external_id"])
    assert after["order_status"] == "Shipped"
    assert after["tags"] == ["channel:webshop"]
    assert after["client_key"] == "brand-a.de"
    assert after["created_at"] == before["created_at"]
    assert after["updated_at"] > before["updated_at"]


def test_repeating_a_put_changes_nothing_more(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    body = {
        "account": ACCOUNT,
        "order_number": number,
        "timezone": "Europe/Berlin",
        "mutations": [
            {
                "type": "add_tracking",
                "tracking": {"courier": "dhl-germany", "tracking_number": f"{number}-1"},
            },
            {"type": "cancel_order", "cancelled_reason": "payment"},
        ],
    }
    assert put(api, body).status_code == 200
    first = by_number(api, ACCOUNT, number)
    for _ in range(3):
        assert put(api, body).status_code == 200
    assert by_number(api, ACCOUNT, number) == first
    assert len(first["trackings"]) == 1


def test_put_by_external_id_can_rename_the_order_number(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    old, new, taken = unique_order_number(), unique_order_number(), unique_order_number()
    put(api, {"account": ACCOUNT, "order_number": old})
    put(api, {"account": ACCOUNT, "order_number": taken})
    order = by_number(api, ACCOUNT, old)

    clash = put(api, {"external_id": order["external_id"], "order_number": taken})
    assert clash.status_code == 400
    assert errors_of(clash) == [("unique", "order_number")]

    assert put(api, {"external_id": order["external_id"], "order_number": new}).status_code == 200
    assert lookup(api, order["external_id"])["order_number"] == new


def test_unknown_external_id_is_404_and_creates_nothing(api: httpx.Client) -> None:
    response = put(
        api, {"external_id": "8f1c1a52-9a4f-4c61-8d1e-2f7f3f0f0001", "order_number": "never"}
    )
    assert response.status_code == 404
    assert errors_of(response) == [("not_found", None)]
    assert api.get(ORDERS, params={"order_number": "never"}).json()["results"] == []


def test_an_order_cannot_move_to_another_account(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    put(api, {"account": ACCOUNT, "order_number": number})
    order = by_number(api, ACCOUNT, number)
    response = put(api, {"external_id": order["external_id"], "account": 1002})
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", "account")]


def test_put_without_identification_names_the_missing_fields(api: httpx.Client) -> None:
    response = put(api, {"order_status": "Shipped"})
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert errors_of(response) == [("required", "account"), ("required", "order_number")]


def test_every_invalid_field_is_reported_with_its_path(api: httpx.Client) -> None:
    response = put(
        api,
        {
            "account": ACCOUNT,
            "order_number": "x" * 256,
            "cancelled_reason": "bored",
            "tags": ["ok:yes", " ", 7],
            "timezone": "Mars/Olympus",
            "has_multiple_shipments": "yes",
            "mutations": [
                {"type": "add_tracking", "tracking": {"courier": "", "tracking_number": "1"}},
                {"type": "explode"},
                {"type": "cancel_tracking", "courier": "ups"},
            ],
        },
    )
    assert response.status_code == 400
    assert set(errors_of(response)) == {
        ("max_length", "order_number"),
        ("invalid_choice", "cancelled_reason"),
        ("blank", "tags.1"),
        ("invalid", "tags.2"),
        ("invalid_choice", "timezone"),
        ("invalid", "has_multiple_shipments"),
        ("blank", "mutations.0.tracking.courier"),
        ("invalid_choice", "mutations.1.type"),
        ("required", "mutations.2.tracking_number"),
        ("required", "mutations.2.cancelled_reason"),
    }


def test_a_failing_mutation_writes_nothing_at_all(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    put(api, {"account": ACCOUNT, "order_number": number, "order_status": "Processing"})
    before = by_number(api, ACCOUNT, number)
    response = put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "order_status": "Shipped",
            "mutations": [
                {
                    "type": "add_tracking",
                    "tracking": {"courier": "ups", "tracking_number": f"{number}-A"},
                },
                {
                    "type": "cancel_tracking",
                    "courier": "ups",
                    "tracking_number": "not-on-this-order",
                    "cancelled_reason": "other",
                },
            ],
        },
    )
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", "mutations.1.tracking_number")]
    assert by_number(api, ACCOUNT, number) == before


def test_a_rejected_create_leaves_no_order_behind(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    owner, number = unique_order_number(), unique_order_number()
    tracking = {"courier": "gls", "tracking_number": f"{owner}-T"}
    put(
        api,
        {
            "account": ACCOUNT,
            "order_number": owner,
            "mutations": [{"type": "add_tracking", "tracking": tracking}],
        },
    )
    response = put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "mutations": [{"type": "add_tracking", "tracking": tracking}],
        },
    )
    assert response.status_code == 400
    assert errors_of(response) == [("unique", "mutations.0.tracking.tracking_number")]
    listed = api.get(ORDERS, params={"order_number": number}).json()["results"]
    assert listed == []


def test_the_same_tracking_number_is_fine_in_another_account(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    tracking = {"courier": "gls", "tracking_number": unique_order_number()}
    for account in (1001, 1002):
        body = {
            "account": account,
            "order_number": unique_order_number(),
            "mutations": [{"type": "add_tracking", "tracking": tracking}],
        }
        assert put(api, body).status_code == 200


def test_add_tracking_again_updates_that_tracking(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    key = {"courier": "dpd-de", "tracking_number": f"{number}-1"}
    put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "mutations": [
                {
                    "type": "add_tracking",
                    "tracking": {**key, "recipient_postal_code": "10115", "tags": ["a:b"]},
                }
            ],
        },
    )
    put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "mutations": [
                {
                    "type": "add_tracking",
                    "tracking": {
                        **key,
                        "recipient_postal_code": "80331",
                        "announced_send_date": "2026-01-02",
                    },
                }
            ],
        },
    )
    (tracking,) = by_number(api, ACCOUNT, number)["trackings"]
    assert tracking["recipient_postal_code"] == "80331"
    assert tracking["announced_send_date"] == "2026-01-02"
    assert tracking["tags"] == ["a:b"]
    assert tracking["status"] is None
    assert tracking["created_at"]


def test_cancel_tracking_fills_the_date_and_twice_changes_nothing(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    key = {"courier": "ups", "tracking_number": f"{number}-1"}
    put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "mutations": [{"type": "add_tracking", "tracking": key}],
        },
    )
    cancel = {"type": "cancel_tracking", **key, "cancelled_reason": "inventory"}
    assert (
        put(api, {"account": ACCOUNT, "order_number": number, "mutations": [cancel]}).status_code
        == 200
    )
    first = by_number(api, ACCOUNT, number)
    (tracking,) = first["trackings"]
    assert tracking["cancelled_reason"] == "inventory"
    assert tracking["cancelled_date"] is not None
    again = {**cancel, "cancelled_reason": "customer", "cancelled_date": "2020-01-01T00:00:00Z"}
    assert (
        put(api, {"account": ACCOUNT, "order_number": number, "mutations": [again]}).status_code
        == 200
    )
    assert by_number(api, ACCOUNT, number) == first


def test_cancel_order_sets_status_and_keeps_a_given_date(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    mutation = {
        "type": "cancel_order",
        "cancelled_reason": "customer",
        "cancelled_date": "2026-03-01T10:00:00+01:00",
    }
    put(
        api,
        {
            "account": ACCOUNT,
            "order_number": number,
            "order_status": "Processing",
            "mutations": [mutation],
        },
    )
    order = by_number(api, ACCOUNT, number)
    assert order["order_status"] == "Cancelled"
    assert order["cancelled_reason"] == "customer"
    assert order["cancelled_date"] == "2026-03-01T09:00:00.000000Z"
    second = {"type": "cancel_order", "cancelled_reason": "other"}
    put(api, {"account": ACCOUNT, "order_number": number, "mutations": [second]})
    assert by_number(api, ACCOUNT, number) == order


def test_echo_mode_answers_201_then_200_with_the_order_and_results(
    sandbox: EmbeddedSandbox, api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    sandbox.put_echo = True
    number = unique_order_number()
    key = {"courier": "royalmail", "tracking_number": f"{number}-1"}
    body = {
        "account": ACCOUNT,
        "order_number": number,
        "mutations": [{"type": "add_tracking", "tracking": key}],
    }
    created = put(api, body)
    assert created.status_code == 201
    assert created.json()["order_number"] == number
    assert created.json()["mutations"] == [{"type": "add_tracking", "result": "created"}]
    cancel = {"type": "cancel_tracking", **key, "cancelled_reason": "other"}
    updated = put(api, {**body, "mutations": [body["mutations"][0], cancel]})  # type: ignore[index]
    assert updated.status_code == 200
    assert updated.json()["mutations"] == [
        {"type": "add_tracking", "result": "unchanged"},
        {"type": "cancel_tracking", "result": "cancelled"},
    ]
    assert updated.json()["trackings"][0]["cancelled_reason"] == "other"
    sandbox.put_echo = False
    assert put(api, body).content == b""


def test_datetimes_are_stored_in_utc(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    put(
        api,
        {"account": ACCOUNT, "order_number": number, "cancelled_date": "2026-07-01T12:30:00-04:00"},
    )
    assert by_number(api, ACCOUNT, number)["cancelled_date"] == "2026-07-01T16:30:00.000000Z"


def test_external_id_is_matched_in_any_letter_case(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    put(api, {"account": ACCOUNT, "order_number": number})
    order = by_number(api, ACCOUNT, number)
    body = {"external_id": order["external_id"].upper(), "order_status": "Shipped"}
    assert put(api, body).status_code == 200
    assert lookup(api, order["external_id"])["order_status"] == "Shipped"


def test_null_for_a_field_that_takes_none_is_refused(api: httpx.Client) -> None:
    response = put(api, {"account": ACCOUNT, "order_number": None, "tags": None, "timezone": None})
    assert response.status_code == 400
    assert set(errors_of(response)) == {
        ("null", "order_number"),
        ("null", "tags"),
        ("null", "timezone"),
    }
