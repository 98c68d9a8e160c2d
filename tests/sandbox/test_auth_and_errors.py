"""Both auth schemes, 401/403, the order of checks, and error answers for bad requests."""

from __future__ import annotations

import base64
from collections.abc import Callable

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests import plain_http
from tests.sandbox.helpers import ORDERS, errors_of

ClientFor = Callable[[str | None], httpx.Client]


def _api_token(account: int, token: str) -> dict[str, str]:
    encoded = base64.b64encode(f"{account}:{token}".encode()).decode()
    return {"Authorization": f"Parcellab-API-Token {encoded}"}


def test_no_credentials_is_401_not_authenticated(client_for: ClientFor) -> None:
    response = client_for(None).get(ORDERS)
    assert response.status_code == 401
    assert "Bearer" in response.headers["WWW-Authenticate"]
    assert errors_of(response) == [("not_authenticated", None)]


@pytest.mark.parametrize(
    "header",
    ["Bearer wrong", "Bearer", "Parcellab-API-Token !!!", "Parcellab-API-Token MTAwMTp3cm9uZw=="],
)
def test_bad_credentials_are_401_authentication_failed(
    sandbox: EmbeddedSandbox, header: str
) -> None:
    response = plain_http.get(f"{sandbox.base_url}{ORDERS}", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"]
    assert errors_of(response) == [("authentication_failed", None)]


def test_parcellab_api_token_scheme(sandbox: EmbeddedSandbox) -> None:
    good = plain_http.get(
        f"{sandbox.base_url}{ORDERS}", headers=_api_token(1001, sandbox.demo_token)
    )
    assert good.status_code == 200
    assert len(good.json()["results"]) == 50
    # an account the token does not hold inside the credentials
    bad = plain_http.get(
        f"{sandbox.base_url}{ORDERS}", headers=_api_token(2001, sandbox.demo_token)
    )
    assert bad.status_code == 401
    # the value encoded twice, as users paste it
    twice = base64.b64encode(
        _api_token(1001, sandbox.demo_token)["Authorization"].split()[1].encode()
    )
    response = plain_http.get(
        f"{sandbox.base_url}{ORDERS}",
        headers={"Authorization": f"Parcellab-API-Token {twice.decode()}"},
    )
    assert response.status_code == 401


def test_read_only_token_reads_but_gets_403_on_writes(
    sandbox: EmbeddedSandbox, client_for: ClientFor
) -> None:
    reader = client_for(sandbox.read_only_token)
    assert reader.get(ORDERS).status_code == 200
    for method in ("PUT", "POST"):
        # permission comes before validation, even before the body is read
        response = reader.request(method, ORDERS, content=b"{not json")
        assert response.status_code == 403
        assert errors_of(response) == [("permission_denied", None)]


def test_writing_to_an_account_not_held_is_403_before_validation(
    sandbox: EmbeddedSandbox, client_for: ClientFor
) -> None:
    single = client_for(sandbox.single_account_token)
    body = {"account": 1002, "order_number": "", "timezone": "nowhere"}
    for method in ("PUT", "POST"):
        response = single.request(method, ORDERS, json=body)
        assert response.status_code == 403
        assert errors_of(response) == [("permission_denied", None)]


def test_validation_comes_before_existence(client_for: ClientFor, sandbox: EmbeddedSandbox) -> None:
    body = {"external_id": "8f1c1a52-9a4f-4c61-8d1e-2f7f3f0f0002", "timezone": "nowhere"}
    response = client_for(sandbox.demo_token).put(ORDERS, json=body)
    assert response.status_code == 400
    assert errors_of(response) == [("invalid_choice", "timezone")]


def test_authentication_comes_first(client_for: ClientFor) -> None:
    response = client_for(None).put(ORDERS, content=b"{")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "content",
    [b"{", b"\xff\xfe", b'{"order_number": "\\ud800"}', b"[" * 100_000],
    ids=["truncated", "not-utf8", "lone-surrogate", "deep"],
)
def test_bodies_that_are_not_json_are_parse_errors(api: httpx.Client, content: bytes) -> None:
    response = api.put(ORDERS, content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert errors_of(response) == [("parse_error", None)]


@pytest.mark.parametrize("body", [b"[]", b'"order"', b"42", b"null"])
def test_a_body_that_is_not_an_object_is_invalid(api: httpx.Client, body: bytes) -> None:
    response = api.post(ORDERS, content=body)
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", None)]


def test_wrong_types_are_invalid_not_500(api: httpx.Client) -> None:
    response = api.put(
        ORDERS,
        json={
            "account": "1001",
            "order_number": 7,
            "tags": "a:b",
            "mutations": {"type": "cancel_order"},
        },
    )
    assert response.status_code == 400
    assert set(errors_of(response)) == {
        ("invalid", "account"),
        ("invalid", "order_number"),
        ("invalid", "tags"),
        ("invalid", "mutations"),
    }


@pytest.mark.parametrize(
    "path", ["/v4/track/orders", "/v4/track/", "/nothing/here/", "/v4/track/orders/a/b/"]
)
def test_unknown_routes_are_djangos_html_404(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Not Found</h1>" in response.text


def test_an_order_not_found_is_the_apis_json_404(api: httpx.Client) -> None:
    response = api.get(f"{ORDERS}no-such-order-anywhere/")
    assert response.status_code == 404
    assert errors_of(response) == [("not_found", None)]


@pytest.mark.parametrize(
    ("method", "path"), [("DELETE", ORDERS), ("PATCH", ORDERS), ("PUT", f"{ORDERS}x/")]
)
def test_wrong_methods_are_405_with_allow(api: httpx.Client, method: str, path: str) -> None:
    response = api.request(method, path)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert errors_of(response) == [("method_not_allowed", None)]


def test_list_with_a_non_integer_account_is_400(api: httpx.Client) -> None:
    response = api.get(ORDERS, params={"account": "abc"})
    assert response.status_code == 400
    assert errors_of(response) == [("invalid", "account")]
