"""Fixtures that start the sandbox server over loopback for client and UI tests.

- ``sandbox`` (session): one ``EmbeddedSandbox`` with 300 demo orders on a free port. Tests
  that write to it create their own uniquely numbered orders (``unique_order_number``).
  Faults, the PUT echo switch and the order-info rate limit's counts are reset after every
  test that used it.
- ``make_sandbox`` (function): ``make_sandbox(demo_orders=0, **options)`` starts a fresh
  sandbox of a test's own, stopped when the test ends.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from parcellab_desk.sandbox.embedded import EmbeddedSandbox

SHARED_DEMO_ORDERS = 300

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[EmbeddedSandbox]:
    with EmbeddedSandbox(demo_orders=SHARED_DEMO_ORDERS, seed=1234) as running:
        yield running


@pytest.fixture(autouse=True)
def _reset_sandbox_after_test(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "sandbox" in request.fixturenames:
        running: EmbeddedSandbox = request.getfixturevalue("sandbox")
        running.faults.reset()
        running.put_echo = False
        running.order_info_budget.reset()


@pytest.fixture
def make_sandbox() -> Iterator[Callable[..., EmbeddedSandbox]]:
    started: list[EmbeddedSandbox] = []

    def make(demo_orders: int = 0, **options: Any) -> EmbeddedSandbox:
        running = EmbeddedSandbox(demo_orders=demo_orders, **options).start()
        started.append(running)
        return running

    yield make
    for running in reversed(started):
        running.stop()


@pytest.fixture
def unique_order_number(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Order numbers no other test (nor the demo data) uses."""
    stem = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")[:60]

    def make() -> str:
        return f"T-{stem}-{next(_numbers)}"

    return make
