"""Small helpers shared by the sandbox tests."""

from __future__ import annotations

from typing import Any

import httpx

ORDERS = "/v4/track/orders/"


def errors_of(response: httpx.Response) -> list[tuple[str, str | None]]:
    """(code, attr) pairs of a wrapped error body, after checking its shape."""
    body = response.json()
    assert set(body) == {"type", "errors"}
    assert body["type"] in ("validation_error", "client_error", "server_error")
    for error in body["errors"]:
        assert set(error) == {"code", "detail", "attr"}
        assert isinstance(error["detail"], str)
        assert error["detail"]
    return [(e["code"], e["attr"]) for e in body["errors"]]


def lookup(client: httpx.Client, unique_id: str) -> dict[str, Any]:
    response = client.get(f"{ORDERS}{unique_id}/")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def by_number(client: httpx.Client, account: int, number: str) -> dict[str, Any]:
    response = client.get(ORDERS, params={"account": account, "order_number": number})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 1, results
    found: dict[str, Any] = results[0]
    return found


def put(client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return client.put(ORDERS, json=body)
