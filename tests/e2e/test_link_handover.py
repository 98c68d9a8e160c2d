"""Two console processes: the second one started with an order link hands it to the first,
which opens the order; the second exits at once. What happens when an agent clicks a
parcellab-desk:// link in a ticket while the console runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import ORDERS_PATH
from parcellab_desk.links import OrderLink
from parcellab_desk.services.logging_setup import LOG_FILE_NAME
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.single_instance import is_running, server_name
from tests import plain_http

START_TIMEOUT_S = 60.0


def _console(*args: str) -> list[str]:
    return [sys.executable, "-m", "parcellab_desk", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


def _wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def first_console() -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """A console in demo mode, its sandbox's URL, token and accounts read from its output."""
    process = subprocess.Popen(  # noqa: S603 - our interpreter, our module
        _console("--demo", "--demo-orders", "30"),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    facts: dict[str, str] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Sandbox running at "):
                facts["url"] = line.split(" at ", 1)[1].strip()
            elif ":" in line and line.startswith("  "):
                key, value = line.strip().split(":", 1)
                facts[key] = value.strip()
            if "accounts" in facts:
                break
        assert {"url", "demo token", "accounts"} <= set(facts), facts
        yield process, facts
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.timeout(180)
def test_a_second_launch_hands_its_link_to_the_running_console(
    first_console: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    process, facts = first_console
    paths = AppPaths.default()
    name = server_name(paths.config)
    _wait_for(lambda: is_running(name) or process.poll() is not None, "the console to listen")
    assert process.poll() is None, "the first console ended"
    # A plain request for an order to link to (this test runs no event loop of its own).
    listing = plain_http.get(
        facts["url"] + ORDERS_PATH,
        params={"page_size": 5},
        headers={"Authorization": f"Bearer {facts['demo token']}"},
        timeout=10,
    )
    listing.raise_for_status()
    order = Order.model_validate(listing.json()["results"][3])
    assert order.account is not None
    assert order.order_number is not None
    link = OrderLink(order.account, order.order_number).url()

    started = time.monotonic()
    second = subprocess.run(  # noqa: S603
        _console(link), env=_env(), capture_output=True, text=True, timeout=60, check=False
    )
    handed_over_s = time.monotonic() - started

    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.strip() == "The console is already running: it got the link."
    assert handed_over_s < 10  # no Qt, no window: it only passes the link on
    log = Path(paths.logs) / LOG_FILE_NAME
    opened = f"Opened order {order.external_id} of account {order.account} from a link"
    _wait_for(lambda: log.is_file() and opened in log.read_text(encoding="utf-8"), opened)
    assert process.poll() is None  # the first console still runs, with the order open
