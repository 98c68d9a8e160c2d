"""The sandbox cannot be knocked over: odd credentials, huge bodies, many mutations, web pages
the agent visits, rebinding host names, slow clients and one long write."""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from parcellab_desk.sandbox.__main__ import exposure_warning
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.sandbox.limits import MAX_BODY_BYTES, MAX_MUTATIONS
from parcellab_desk.sandbox.orders import OrderWriter
from tests import plain_http
from tests.sandbox.helpers import ORDERS, errors_of

ADMIN = "/_sandbox"


def token_header(account: str, token: str) -> dict[str, str]:
    value = base64.b64encode(f"{account}:{token}".encode()).decode()
    return {"Authorization": f"Parcellab-API-Token {value}"}


# "²" and Arabic-Indic "1001" pass str.isdigit() but not int(); 4,300 digits exceed int()'s
# limit for text.
@pytest.mark.parametrize(
    "account", ["\u00b2", "\u0661\u0660\u0660\u0661", "1" * 4300, "-1001", " "]
)
def test_an_account_that_is_not_ascii_digits_is_a_401(
    sandbox: EmbeddedSandbox, account: str
) -> None:
    response = plain_http.get(
        sandbox.base_url + ORDERS, headers=token_header(account, sandbox.demo_token)
    )
    assert response.status_code == 401
    assert errors_of(response) == [("authentication_failed", None)]


def test_a_body_over_1_mb_is_413_in_the_error_shape(sandbox: EmbeddedSandbox) -> None:
    big = b'{"account": 1001, "order_number": "' + b"x" * MAX_BODY_BYTES + b'"}'
    headers = {"Authorization": f"Bearer {sandbox.demo_token}"}
    declared = plain_http.put(sandbox.base_url + ORDERS, content=big, headers=headers)
    assert declared.status_code == 413
    assert errors_of(declared) == [("request_too_large", None)]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the size shows only while reading
        for start in range(0, len(big), 64_000):
            yield big[start : start + 64_000]

    streamed = plain_http.put(sandbox.base_url + ORDERS, content=chunks(), headers=headers)
    assert streamed.status_code == 413
    assert errors_of(streamed) == [("request_too_large", None)]


def _mutations(count: int, stem: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "add_tracking",
            "tracking": {"courier": "dhl-germany", "tracking_number": f"{stem}{n}"},
        }
        for n in range(count)
    ]


def test_mutations_are_capped_per_request(
    api: httpx.Client, unique_order_number: Callable[[], str]
) -> None:
    number = unique_order_number()
    too_many = {"account": 1001, "order_number": number, "mutations": _mutations(101, number)}
    response = api.put(ORDERS, json=too_many)
    assert response.status_code == 400
    assert errors_of(response) == [("max_length", "mutations")]
    assert api.get(ORDERS, params={"order_number": number}).json()["results"] == []

    at_cap = {**too_many, "mutations": _mutations(MAX_MUTATIONS, number)}
    assert api.put(ORDERS, json=at_cap).status_code == 200
    [order] = api.get(ORDERS, params={"order_number": number}).json()["results"]
    assert len(order["trackings"]) == MAX_MUTATIONS


def test_a_get_is_answered_while_a_100_mutation_put_is_still_running(
    sandbox: EmbeddedSandbox,
    api: httpx.Client,
    unique_order_number: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entered, release = threading.Event(), threading.Event()
    original = OrderWriter.put

    def held_put(self: OrderWriter, grant: Any, body: Any) -> Any:
        entered.set()
        assert release.wait(30), "the test never let the write finish"
        return original(self, grant, body)

    monkeypatch.setattr(OrderWriter, "put", held_put)
    number = unique_order_number()
    body = {"account": 1001, "order_number": number, "mutations": _mutations(100, number)}
    results: list[int] = []
    writer = threading.Thread(
        target=lambda: results.append(api.put(ORDERS, json=body, timeout=60).status_code)
    )
    writer.start()
    try:
        assert entered.wait(30)  # the PUT is inside its write, holding a worker thread
        with plain_http.client(base_url=sandbox.base_url, timeout=10) as reader:
            listed = reader.get(ORDERS, headers={"Authorization": f"Bearer {sandbox.demo_token}"})
        assert listed.status_code == 200  # answered while the write still runs
        assert writer.is_alive()
        assert results == []
    finally:
        release.set()
        writer.join(60)
    assert results == [200]


def test_admin_routes_need_a_token_and_json(sandbox: EmbeddedSandbox) -> None:
    url = sandbox.base_url + ADMIN + "/faults"
    # What a web page can send cross-site without a preflight: no token, text/plain.
    simple = plain_http.put(
        url, content='{"error_rate": 1}', headers={"Content-Type": "text/plain"}
    )
    assert simple.status_code == 401
    auth = {"Authorization": f"Bearer {sandbox.demo_token}"}
    plain = plain_http.put(
        url, content='{"error_rate": 1}', headers={**auth, "Content-Type": "text/plain"}
    )
    assert plain.status_code == 415
    assert errors_of(plain) == [("unsupported_media_type", None)]
    read_only = {"Authorization": f"Bearer {sandbox.read_only_token}"}
    assert plain_http.put(url, json={"error_rate": 1}, headers=read_only).status_code == 403
    assert sandbox.faults.snapshot()["error_rate"] == 0.0  # nothing above changed it
    assert plain_http.put(url, json={"latency_ms": 1}, headers=auth).status_code == 200
    assert sandbox.faults.snapshot()["latency_ms"] == 1


@pytest.mark.parametrize(
    ("host", "status"),
    [("evil.example", 400), ("evil.example:8765", 400), ("localhost", 200), ("[::1]:80", 200)],
)
def test_only_loopback_host_names_are_answered(
    sandbox: EmbeddedSandbox, host: str, status: int
) -> None:
    response = plain_http.get(
        sandbox.base_url + ORDERS,
        headers={"Host": host, "Authorization": f"Bearer {sandbox.demo_token}"},
    )
    assert response.status_code == status
    if status == 400:
        assert errors_of(response) == [("invalid", None)]


def test_binding_beyond_loopback_warns() -> None:
    assert exposure_warning("127.0.0.1") is None
    assert exposure_warning("::1") is None
    warning = exposure_warning("0.0.0.0")  # noqa: S104 - the address being warned about
    assert warning is not None
    assert "other machines" in warning


def _connect(sandbox: EmbeddedSandbox) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", sandbox.port), timeout=10)
    conn.settimeout(10)
    return conn


def test_a_client_that_never_finishes_its_headers_is_disconnected(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(header_timeout=0.3)
    with _connect(sandbox) as slow:
        slow.sendall(b"GET /v4/track/orders/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        assert slow.recv(1024) == b""  # closed by the server, without an answer


def test_connections_beyond_the_cap_are_refused(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(max_connections=3, header_timeout=30)
    held = [_connect(sandbox) for _ in range(3)]
    try:
        for conn in held:  # each is accepted and waits for its request
            conn.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert conn.recv(12).startswith(b"HTTP/1.1 200")
        with _connect(sandbox) as extra:
            extra.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
            try:
                answer = extra.recv(1024)
            except ConnectionResetError:
                answer = b""
            assert answer == b""
    finally:
        for conn in held:
            conn.close()
