"""Fault injection: deterministic rules, rates, latency, dropped connections, admin routes."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.sandbox.faults import FaultController
from tests.sandbox.helpers import ORDERS, errors_of

ADMIN = "/_sandbox"


def test_next_requests_fail_with_the_status_given(
    sandbox: EmbeddedSandbox, api: httpx.Client
) -> None:
    sandbox.faults.fail_next(2, status=500)
    for _ in range(2):
        response = api.get(ORDERS)
        assert response.status_code == 500
        assert response.json()["type"] == "server_error"
        errors_of(response)
    assert api.get(ORDERS).status_code == 200
    assert sandbox.faults.injected == 2


def test_a_rule_can_match_one_method_only(sandbox: EmbeddedSandbox, api: httpx.Client) -> None:
    sandbox.faults.fail_next(1, status=503, method="PUT")
    assert api.get(ORDERS).status_code == 200
    response = api.put(ORDERS, json={"account": 1001, "order_number": "fault-put"})
    assert response.status_code == 503
    assert api.get(f"{ORDERS}fault-put/").status_code == 404  # the failed PUT wrote nothing


def test_throttling_answers_429_with_retry_after(
    sandbox: EmbeddedSandbox, api: httpx.Client
) -> None:
    sandbox.faults.throttle_next(1, retry_after=7)
    response = api.get(ORDERS)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert errors_of(response) == [("throttled", None)]


def test_a_dropped_request_gets_no_response_at_all(
    sandbox: EmbeddedSandbox, api: httpx.Client
) -> None:
    sandbox.faults.drop_next(1)
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(ORDERS)
    assert api.get(ORDERS).status_code == 200


def test_added_latency_delays_answers(sandbox: EmbeddedSandbox, api: httpx.Client) -> None:
    sandbox.faults.configure(latency_ms=300)
    started = time.monotonic()
    assert api.get(ORDERS, params={"page_size": 1}).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_rates_are_replayable_with_a_seed() -> None:
    def outcomes(seed: int) -> list[int | None]:
        faults = FaultController()
        faults.configure(error_rate=0.3, error_status=500, throttle_rate=0.2, seed=seed)
        return [faults.decide("GET").status for _ in range(200)]

    first = outcomes(5)
    assert first == outcomes(5)
    assert first != outcomes(6)
    assert {500, 429, None} == set(first)


def test_a_share_of_one_fails_every_contract_request_but_not_the_admin_routes(
    sandbox: EmbeddedSandbox, api: httpx.Client
) -> None:
    sandbox.faults.configure(error_rate=1.0, error_status=503)
    assert [api.get(ORDERS).status_code for _ in range(5)] == [503] * 5
    assert api.get("/openapi.json").status_code == 200
    assert api.get(f"{ADMIN}/faults").status_code == 200


def test_faults_switch_over_http(sandbox: EmbeddedSandbox, api: httpx.Client) -> None:
    rule = {"count": 1, "status": 429, "retry_after": 3, "method": "get"}
    assert api.post(f"{ADMIN}/faults/next", json=rule).status_code == 200
    response = api.get(ORDERS)
    assert (response.status_code, response.headers["Retry-After"]) == (429, "3")

    assert api.post(f"{ADMIN}/faults/next", json={"drop": True}).status_code == 200
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(ORDERS)

    state = api.put(f"{ADMIN}/faults", json={"latency_ms": 5, "error_rate": 0.5}).json()
    assert (state["latency_ms"], state["error_rate"]) == (5, 0.5)
    assert api.delete(f"{ADMIN}/faults").json()["error_rate"] == 0.0
    assert api.get(ORDERS).status_code == 200


@pytest.mark.parametrize("body", [{"error_rate": 2}, {"nonsense": 1}, {"latency_ms": "slow"}, [1]])
def test_bad_fault_settings_are_refused(api: httpx.Client, body: object) -> None:
    response = api.put(f"{ADMIN}/faults", json=body)
    assert response.status_code == 400
    errors_of(response)


def test_put_echo_switches_over_http(
    sandbox: EmbeddedSandbox, api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    assert api.put(f"{ADMIN}/settings", json={"put_echo": True}).json() == {"put_echo": True}
    assert sandbox.put_echo is True
    response = api.put(ORDERS, json={"account": 1001, "order_number": unique_order_number()})
    assert response.status_code == 201
    assert api.put(f"{ADMIN}/settings", json={"put_echo": "yes"}).status_code == 400
