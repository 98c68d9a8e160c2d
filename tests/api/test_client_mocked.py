"""Answers the sandbox never gives (it is tidier than the real service), on a mock transport.

Each test says which real-world behaviour it stands in for; everything the sandbox can be
made to do is tested against the sandbox instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from parcellab_desk import __version__
from parcellab_desk.api.auth import BearerAuth, ParcelLabTokenAuth
from parcellab_desk.api.client import ParcelLabClient, check_base_url
from parcellab_desk.api.errors import (
    BadResponseError,
    ConfigurationError,
    ConnectionFailedError,
    NotFoundError,
    ParcelLabError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
)
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy

BASE = "https://api.parcellab.example"
TOKEN = "real-looking-secret-token-9f8e7d6c"
EXTERNAL_ID = "0b6f1c8e-7a57-4c1e-9d59-2f0c7e0c1a11"
ORDER = {
    "external_id": EXTERNAL_ID,
    "account": 1001,
    "order_number": "ORD-1",
    "created_at": "2024-05-01T10:00:00Z",
    "updated_at": "2024-05-01T10:00:00.5+00:00",
    "trackings": [],
}
NO_RETRY = RetryPolicy(attempts=1)

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, **options: object) -> ParcelLabClient:
    return ParcelLabClient(
        BASE,
        BearerAuth(TOKEN),
        transport=httpx.MockTransport(handler),
        retry=NO_RETRY,
        **options,  # type: ignore[arg-type]
    )


def _lookup_or_list(request: httpx.Request) -> httpx.Response:
    if request.url.path == f"/v4/track/orders/{EXTERNAL_ID}/":
        return httpx.Response(200, json=ORDER)
    return httpx.Response(200, json={"next": None, "previous": None, "results": [ORDER]})


@pytest.mark.parametrize(
    ("status", "headers"),
    [(200, {}), (204, {}), (200, {"Content-Type": "text/html"})],
    ids=["200-empty-no-type", "204", "200-empty-html"],
)
async def test_put_without_a_body_reads_the_order_back(
    status: int, headers: dict[str, str]
) -> None:
    # The real service has answered PUT with 200, no body and no Content-Type; the sandbox
    # always sends a Content-Type, and never 204.
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.method == "PUT":
            return httpx.Response(status, content=b"", headers=headers)
        return _lookup_or_list(request)

    async with _client(handler) as client:
        by_id = await client.put_order({"external_id": EXTERNAL_ID, "order_status": "Shipped"})
        by_number = await client.put_order({"account": 1001, "order_number": "ORD-1"})
    assert by_id.external_id == by_number.external_id == EXTERNAL_ID
    assert [r.method for r in sent] == ["PUT", "GET", "PUT", "GET"]
    assert sent[3].url.params.get_list("account") == ["1001"]


async def test_a_put_answer_that_is_not_an_order_is_read_back() -> None:
    # Seen from proxies: a 200 with a short JSON or text status instead of the order.
    answers = iter([b'{"status": "ok"}', b"OK", b"[1, 2]"])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            return httpx.Response(200, content=next(answers))
        return _lookup_or_list(request)

    async with _client(handler) as client:
        for _ in range(3):
            order = await client.put_order({"external_id": EXTERNAL_ID})
            assert order.order_number == "ORD-1"


async def test_a_write_that_cannot_be_read_back() -> None:
    # The real service's reads can lag behind its writes.
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method in ("PUT", "POST"):
            return httpx.Response(200 if request.method == "PUT" else 201)
        if request.url.path.endswith(f"{EXTERNAL_ID}/"):
            return httpx.Response(404, json={"detail": "Not found."})
        return httpx.Response(200, json={"next": None, "previous": None, "results": []})

    async with _client(handler) as client:
        with pytest.raises(BadResponseError, match="could not be read back"):
            await client.put_order({"external_id": EXTERNAL_ID})
        with pytest.raises(BadResponseError, match="could not be read back"):
            await client.create_order({"account": 1001, "order_number": "ORD-9"})


async def test_a_2xx_that_breaks_the_contract() -> None:
    # The sandbox always answers with valid bodies.
    bodies = {
        "/v4/track/orders/": b"<html>maintenance</html>",
        f"/v4/track/orders/{EXTERNAL_ID}/": json.dumps({"account": "not a number"}).encode(),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=bodies[request.url.path])

    async with _client(handler) as client:
        with pytest.raises(BadResponseError, match="not an order list"):
            await client.list_orders()
        with pytest.raises(BadResponseError, match=r"not an order \(account:"):
            await client.get_order(EXTERNAL_ID)


async def test_html_error_pages_and_drf_non_field_errors() -> None:
    # A proxy's HTML 502 page, and stock DRF's unique-together message: neither is sandbox output.
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(
                502,
                content=b"<html><h1>502 Bad Gateway</h1></html>",
                headers={"Content-Type": "text/html"},
            )
        return httpx.Response(
            400,
            json={
                "type": "validation_error",
                "errors": [
                    {
                        "code": "unique",
                        "attr": "non_field_errors",
                        "detail": "The fields account, order_number must make a unique set.",
                    }
                ],
            },
        )

    async with _client(handler) as client:
        with pytest.raises(ServerError, match="502 Bad Gateway"):
            await client.list_orders()
        with pytest.raises(ValidationError) as caught:
            await client.create_order({"account": 1001, "order_number": "ORD-1"})
    assert [e.attr for e in caught.value.field_errors] == ["account", "order_number"]


async def test_writes_never_follow_redirects_reads_do() -> None:
    # The sandbox never redirects (it answers 404 for a path without a slash).
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        if request.url.path == "/v4/track/orders/":
            return httpx.Response(301, headers={"Location": f"{BASE}/moved/v4/track/orders/"})
        return httpx.Response(200, json={"next": None, "previous": None, "results": [ORDER]})

    async with _client(handler) as client:
        with pytest.raises(UnexpectedStatusError, match="redirected PUT"):
            await client.put_order({"external_id": EXTERNAL_ID})
        page = await client.list_orders()
    assert len(page) == 1
    assert sent == ["PUT /v4/track/orders/", "GET /v4/track/orders/", "GET /moved/v4/track/orders/"]


async def test_next_links_are_followed_on_our_own_host_only() -> None:
    # Behind a proxy DRF builds next links with the wrong scheme and host; the token must
    # never go there. The sandbox always builds them right.
    sent: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        if "cursor" not in request.url.params:
            return httpx.Response(
                200,
                json={
                    "next": "http://internal-host:8000/v4/track/orders/?account=1001&cursor=abc",
                    "previous": None,
                    "results": [ORDER],
                },
            )
        return httpx.Response(200, json={"next": None, "previous": "x", "results": [ORDER]})

    async with _client(handler) as client:
        orders = [o async for o in client.iter_orders(accounts=[1001])]
    assert len(orders) == 1  # the repeated order is dropped by external_id
    assert sent[1].host == "api.parcellab.example"
    assert sent[1].scheme == "https"
    assert sent[1].params.get("cursor") == "abc"


async def test_request_headers_and_paths() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v4/track/orders/":
            return httpx.Response(200, json={"next": None, "previous": None, "results": [ORDER]})
        return httpx.Response(200, json=ORDER)

    async with ParcelLabClient(
        BASE + "/",
        ParcelLabTokenAuth.from_parts(1001, TOKEN),
        transport=httpx.MockTransport(handler),
    ) as client:
        await client.get_order("ORD 1/ä")  # not a path-safe id: looked up by listing
        await client.get_order("ORD-1")
    request = seen[-1]
    assert request.url.path == "/v4/track/orders/ORD-1/"
    assert request.headers["User-Agent"].startswith(f"parcellab-desk/{__version__} ")
    assert request.headers["Authorization"].startswith("Parcellab-API-Token ")
    assert request.headers["Accept"] == "application/json"
    assert seen[0].url.path == "/v4/track/orders/"
    assert seen[0].url.params["order_number"] == "ORD 1/ä"


@pytest.mark.parametrize(
    "url",
    ["https://api.parcellab.com", "http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:9"],
)
def test_accepted_base_urls(url: str) -> None:
    assert str(check_base_url(url)).rstrip("/") == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://api.parcellab.com", "unencrypted"),
        ("http://10.0.0.1", "unencrypted"),
        ("ftp://api.parcellab.com", "https://"),
        ("api.parcellab.com", "https://"),
        ("https://api.parcellab.com/?x=1", "query"),
    ],
)
def test_refused_base_urls(url: str, why: str) -> None:
    with pytest.raises(ConfigurationError, match=why):
        ParcelLabClient(url, BearerAuth(TOKEN))


async def test_the_token_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(401, json={"detail": "Invalid token."})

    errors: list[ParcelLabError] = []
    with caplog.at_level(logging.DEBUG):
        async with _client(handler) as client:
            for call in (client.list_orders(), client.put_order({"external_id": EXTERNAL_ID})):
                try:
                    await call
                except ParcelLabError as exc:
                    errors.append(exc)
            shown = [repr(client), str(client)]
    assert [type(e).__name__ for e in errors] == ["AuthenticationError", "ConnectionFailedError"]
    for error in errors:
        shown += [str(error), repr(error), error.message, repr(error.__cause__), repr(error.args)]
    shown.append(caplog.text)
    assert caplog.text  # requests were logged
    for text in shown:
        assert TOKEN not in text
    assert "AuthenticationError" in repr(errors[0])


async def test_closing() -> None:
    client = _client(_lookup_or_list)
    assert not client.is_closed
    await client.aclose()
    assert client.is_closed


async def test_not_found_from_the_list_fallback_has_no_status() -> None:
    async with _client(
        lambda r: httpx.Response(200, json={"next": None, "previous": None, "results": []})
    ) as client:
        with pytest.raises(NotFoundError) as caught:
            await client.get_order("a.b")
    assert caught.value.status_code is None


async def test_a_transport_error_other_than_connect() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("server disconnected", request=request)

    async with _client(handler) as client:
        with pytest.raises(ConnectionFailedError, match="RemoteProtocolError"):
            await client.list_orders()


def test_order_equality_survives_the_json_round_trip() -> None:
    order = Order.model_validate(ORDER)
    assert Order.model_validate_json(json.dumps(order.to_json_dict())) == order
