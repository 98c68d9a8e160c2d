"""Plain HTTP clients for the sandbox tests (sync httpx: the server runs in its own thread)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests import plain_http

ClientFor = Callable[[str | None], httpx.Client]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def client_for(sandbox: EmbeddedSandbox) -> Iterator[ClientFor]:
    """``client_for(token)`` gives a client of the shared sandbox; None sends no credentials."""
    clients: list[httpx.Client] = []

    def make(token: str | None) -> httpx.Client:
        headers = bearer(token) if token is not None else {}
        client = plain_http.client(base_url=sandbox.base_url, headers=headers, timeout=10)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api(client_for: ClientFor, sandbox: EmbeddedSandbox) -> httpx.Client:
    """A client of the shared sandbox holding the demo token."""
    return client_for(sandbox.demo_token)
