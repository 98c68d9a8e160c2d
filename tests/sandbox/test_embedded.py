"""EmbeddedSandbox: the interface the console, the tests and the benchmarks start it through."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests import plain_http
from tests.sandbox.conftest import bearer


def test_serves_demo_data_on_a_free_loopback_port(sandbox: EmbeddedSandbox) -> None:
    assert sandbox.base_url == f"http://127.0.0.1:{sandbox.port}"
    assert sandbox.port > 0
    assert sandbox.accounts == (1001, 1002, 1003)
    response = plain_http.get(
        f"{sandbox.base_url}/v4/track/orders/", headers=bearer(sandbox.demo_token)
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 50


def test_context_manager_stops_and_removes_its_database() -> None:
    with EmbeddedSandbox(demo_orders=5) as running:
        db = running.db_path
        base_url = running.base_url
        assert db.exists()
    assert not running.running
    assert not db.exists()
    with pytest.raises(httpx.ConnectError):
        plain_http.get(f"{base_url}/openapi.json", timeout=2)


def test_keeps_a_given_database_and_does_not_seed_it_twice(
    tmp_path: Path, make_sandbox: Callable[..., EmbeddedSandbox]
) -> None:
    db = tmp_path / "kept.sqlite3"
    first = make_sandbox(demo_orders=20, db_path=db)
    first.stop()
    second = make_sandbox(demo_orders=20, db_path=db)
    assert second.store.count() == 20


def test_same_seed_gives_the_same_demo_orders(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    def first_page(running: EmbeddedSandbox) -> list[str]:
        response = plain_http.get(
            f"{running.base_url}/v4/track/orders/?ordering=order_number",
            headers=bearer(running.demo_token),
        )
        return [o["external_id"] for o in response.json()["results"]]

    a = make_sandbox(demo_orders=40, seed=7)
    b = make_sandbox(demo_orders=40, seed=7)
    c = make_sandbox(demo_orders=40, seed=8)
    assert first_page(a) == first_page(b)
    assert first_page(a) != first_page(c)


def test_start_twice_is_refused(sandbox: EmbeddedSandbox) -> None:
    with pytest.raises(RuntimeError, match="already running"):
        sandbox.start()
