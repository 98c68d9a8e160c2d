"""Retries, rate limits, timeouts and dropped connections, injected into the real sandbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import (
    ConnectionFailedError,
    ListingFailedError,
    ParcelLabError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
)
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.api.conftest import FAST_RETRY

Numbers = Callable[[], str]


def _recording(
    policy: RetryPolicy = FAST_RETRY,
) -> tuple[RetryPolicy, list[tuple[str, float | None]]]:
    seen: list[tuple[str, float | None]] = []
    recording = RetryPolicy(
        attempts=policy.attempts,
        total_timeout=policy.total_timeout,
        wait_initial=policy.wait_initial,
        wait_max=policy.wait_max,
        wait_jitter=policy.wait_jitter,
        max_retry_after=policy.max_retry_after,
        on_retry=lambda error, wait: seen.append((type(error).__name__, wait)),
    )
    return recording, seen


async def test_get_is_retried_through_gateway_failures(sandbox: EmbeddedSandbox) -> None:
    policy, seen = _recording()
    sandbox.faults.fail_next(2, status=503, method="GET")
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=policy
    ) as client:
        page = await client.list_orders(page_size=3)
    assert len(page) == 3
    assert seen == [("ServerError", None), ("ServerError", None)]


async def test_retries_end_after_the_attempts(sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.fail_next(10, status=502, method="GET")
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=FAST_RETRY
    ) as client:
        with pytest.raises(ServerError) as caught:
            await client.list_orders()
    assert caught.value.status_code == 502
    assert sandbox.faults.injected == FAST_RETRY.attempts


async def test_a_plain_500_is_not_retried(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    sandbox.faults.fail_next(3, status=500, method="GET")
    with pytest.raises(ServerError, match="HTTP 500"):
        await client.list_orders()
    assert sandbox.faults.injected == 1


async def test_put_is_retried_post_is_not(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    account = sandbox.accounts[0]
    sandbox.faults.fail_next(1, status=504, method="PUT")
    saved = await client.put_order({"account": account, "order_number": unique_order_number()})
    assert saved.external_id
    sandbox.faults.fail_next(1, status=503, method="POST")
    number = unique_order_number()
    with pytest.raises(ServerError):
        await client.create_order({"account": account, "order_number": number})
    assert sandbox.faults.injected == 2
    assert await client.find_order(account, number) is None


async def test_retry_after_is_honoured(sandbox: EmbeddedSandbox) -> None:
    policy, seen = _recording()
    sandbox.faults.throttle_next(1, retry_after=1, method="GET")
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=policy
    ) as client:
        page = await client.list_orders(page_size=2)
    assert len(page) == 2
    assert seen == [("RateLimitedError", 1.0)]


async def test_a_long_retry_after_is_handed_to_the_agent(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    sandbox.faults.throttle_next(1, retry_after=120, method="GET")
    with pytest.raises(RateLimitedError) as caught:
        await client.list_orders()
    assert caught.value.retry_after == 120
    assert "120 s" in caught.value.message
    assert sandbox.faults.injected == 1


async def test_dropped_connections_are_retried_for_reads(sandbox: EmbeddedSandbox) -> None:
    policy, seen = _recording()
    sandbox.faults.drop_next(1, method="GET")
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=policy
    ) as client:
        page = await client.list_orders(page_size=1)
    assert len(page) == 1
    assert seen == [("ConnectionFailedError", None)]


async def test_a_post_without_an_answer_may_have_been_applied(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    sandbox.faults.drop_next(1, method="POST")
    with pytest.raises(ConnectionFailedError) as caught:
        await client.create_order(
            {"account": sandbox.accounts[0], "order_number": unique_order_number()}
        )
    # The client cannot know; it says so and leaves the look-up to the write services.
    assert caught.value.may_have_been_applied
    assert caught.value.request_sent
    assert sandbox.faults.injected == 1  # never sent twice


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_a_gateway_status_on_a_write_may_have_been_applied(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers, status: int
) -> None:
    sandbox.faults.fail_next(1, status=status, method="POST", after_commit=True)
    number = unique_order_number()
    with pytest.raises(ServerError) as caught:
        await client.create_order({"account": sandbox.accounts[0], "order_number": number})
    assert caught.value.may_have_been_applied
    assert await client.find_order(sandbox.accounts[0], number) is not None  # it was


async def test_a_plain_500_or_a_4xx_on_a_write_was_not_applied(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    sandbox.faults.fail_next(1, status=500, method="POST")
    with pytest.raises(ServerError) as caught:
        await client.create_order(
            {"account": sandbox.accounts[0], "order_number": unique_order_number()}
        )
    assert not caught.value.may_have_been_applied
    sandbox.faults.fail_next(10, status=503, method="GET")
    with pytest.raises(ServerError) as read:
        await client.list_orders()
    assert not read.value.may_have_been_applied  # reads change nothing


async def test_a_put_that_may_have_been_applied_says_so_after_its_retries(
    sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=FAST_RETRY
    ) as client:
        order = await client.create_order(
            {"account": sandbox.accounts[0], "order_number": unique_order_number()}
        )
        # The first try lands and its answer is lost; the retries then meet 500s, which by
        # themselves would prove nothing was written.
        sandbox.faults.fail_next(1, status=504, method="PUT", after_commit=True)
        sandbox.faults.fail_next(3, status=500, method="PUT")
        with pytest.raises(ServerError) as caught:
            await client.put_order({"external_id": order.external_id, "order_status": "Shipped"})
    assert caught.value.status_code == 500
    assert caught.value.may_have_been_applied
    assert (await _reread(sandbox, order.external_id)).order_status == "Shipped"


async def _reread(sandbox: EmbeddedSandbox, external_id: str | None) -> Order:
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        return await client.get_order(external_id or "")


async def test_timeouts(sandbox: EmbeddedSandbox) -> None:
    policy, seen = _recording(
        RetryPolicy(attempts=2, wait_initial=0.01, wait_max=0.01, wait_jitter=0)
    )
    sandbox.faults.configure(latency_ms=400)
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), timeout=0.1, retry=policy
    ) as client:
        with pytest.raises(RequestTimeoutError, match="did not answer in time"):
            await client.list_orders(page_size=1)
    assert seen == [("RequestTimeoutError", None)]


async def test_a_failure_while_paging_offers_to_start_again(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    page = await client.list_orders(page_size=5)
    sandbox.faults.fail_next(1, status=500, method="GET")
    with pytest.raises(ListingFailedError, match="start the listing again") as caught:
        await page.get_next_page()
    assert isinstance(caught.value.cause, ServerError)
    assert isinstance(caught.value.__cause__, ServerError)
    assert (await page.get_next_page()).orders  # the same page can be asked for again


async def test_nothing_listening(unused_port: int) -> None:
    async with ParcelLabClient(
        f"http://127.0.0.1:{unused_port}",
        BearerAuth("token-token-token-1234"),
        retry=RetryPolicy(attempts=1),
    ) as client:
        with pytest.raises(ConnectionFailedError, match="could not be reached") as caught:
            await client.list_orders()
        with pytest.raises(ConnectionFailedError) as post:
            await client.create_order({"account": 1, "order_number": "N-1"})
    assert isinstance(caught.value, ParcelLabError)
    assert caught.value.method == "GET"
    # Nothing left this computer: a write that never got a connection cannot have landed.
    assert not post.value.request_sent
    assert not post.value.may_have_been_applied


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
