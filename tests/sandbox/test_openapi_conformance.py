"""Schemathesis against the sandbox's own OpenAPI document: no 5xx, no schema violation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests import plain_http

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ORDERS = "/v4/track/orders/"
LOOKUP = "/v4/track/orders/{unique_id}/"
INFO = "/v4/track/orders/info/"
OPERATIONS = [("GET", ORDERS), ("PUT", ORDERS), ("POST", ORDERS), ("GET", LOOKUP), ("GET", INFO)]


def _steer_into_held_account(case: Any, account: int) -> None:
    """Random accounts are almost never held (403): point writes at one that is, so the
    success answers (200/201 and the echoed order) are checked against the document too."""
    query = case.query
    if isinstance(query, dict) and "account" in query:
        query["account"] = account
    body = case.body
    if isinstance(body, dict) and "account" in body:
        body["account"] = account
        for name, valid in (
            ("timezone", "Europe/Berlin"),
            ("destination_country_iso3", "DEU"),
            ("language_iso2", "de"),
            ("recipient_email", "someone@example.com"),
        ):
            if isinstance(body.get(name), str):
                body[name] = valid


# Hypothesis drives schemathesis' strategies directly: its pytest plugin does not run under
# this pytest version, and one test per operation keeps failures readable.
@pytest.mark.parametrize(
    ("method", "path", "put_echo"),
    [(m, p, False) for m, p in OPERATIONS] + [("PUT", ORDERS, True)],
)
def test_operation_conforms_to_the_document(
    method: str, path: str, put_echo: bool, make_sandbox: Callable[..., EmbeddedSandbox]
) -> None:
    running = make_sandbox(demo_orders=60, put_echo=put_echo)
    document = schemathesis.openapi.from_url(f"{running.base_url}/openapi.json")
    operation = document[path][method]
    headers = {"Authorization": f"Bearer {running.demo_token}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case: Any) -> None:
        _steer_into_held_account(case, running.accounts[0])
        case.call_and_validate(headers=headers, checks=CHECKS)

    conforms()


def test_success_answers_conform_to_the_document(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    running = make_sandbox(demo_orders=30, put_echo=True)
    document = schemathesis.openapi.from_url(f"{running.base_url}/openapi.json")
    headers = {"Authorization": f"Bearer {running.demo_token}"}
    page = plain_http.get(f"{running.base_url}{ORDERS}?page_size=30", headers=headers).json()
    existing = page["results"][0]
    tracking: dict[str, Any] = {"courier": "dhl-germany", "tracking_number": "00340434161094042557"}
    shipped = next(o for o in page["results"] if o["trackings"])
    parcel = shipped["trackings"][0]
    cases = [
        document[ORDERS]["GET"].Case(query={"page_size": 5}),
        document[LOOKUP]["GET"].Case(path_parameters={"unique_id": existing["external_id"]}),
        document[ORDERS]["POST"].Case(
            body={"account": running.accounts[0], "order_number": "OA-1", "tags": ["a:b"]}
        ),
        document[ORDERS]["PUT"].Case(
            body={
                "account": running.accounts[0],
                "order_number": "OA-2",
                "mutations": [{"type": "add_tracking", "tracking": tracking}],
            }
        ),
        document[INFO]["GET"].Case(
            query={"order_number": shipped["order_number"], "account": shipped["account"]}
        ),
        document[INFO]["GET"].Case(
            query={
                "tracking_number": parcel["tracking_number"],
                "courier": parcel["courier"],
                "lang": "de",
            }
        ),
        document[ORDERS]["PUT"].Case(
            body={
                "external_id": existing["external_id"],
                "mutations": [{"type": "cancel_order", "cancelled_reason": "customer"}],
            }
        ),
    ]
    statuses = [
        case.call_and_validate(headers=headers, checks=CHECKS).status_code for case in cases
    ]
    assert statuses == [200, 200, 201, 201, 200, 200, 200]


def test_document_lists_the_contract_operations(sandbox: EmbeddedSandbox) -> None:
    document = plain_http.get(f"{sandbox.base_url}/openapi.json").json()
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    assert operations == {
        (ORDERS, "get"),
        (ORDERS, "put"),
        (ORDERS, "post"),
        (LOOKUP, "get"),
        (INFO, "get"),
    }
    assert document["servers"] == [{"url": sandbox.base_url}]
    put_ok = document["paths"][ORDERS]["put"]["responses"]["200"]
    assert "content" not in put_ok  # the default PUT answers without a body


def test_document_follows_the_put_echo_switch(sandbox: EmbeddedSandbox) -> None:
    sandbox.put_echo = True
    document = plain_http.get(f"{sandbox.base_url}/openapi.json").json()
    responses = document["paths"][ORDERS]["put"]["responses"]
    assert {"200", "201"} <= set(responses)
    assert "content" in responses["201"]
