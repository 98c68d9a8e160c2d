"""Writes whose answer is lost, against the sandbox: looked up before anything is said or sent.

The sandbox's fault injection loses answers *after commit* (a gateway's 504, a dropped
connection once the order is written) and holds requests back so that they reach the server
after the client gave up. Requests are counted by a pass-through transport (the real network
underneath), so "never sent twice" is measured, not assumed.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import PermissionDeniedError
from parcellab_desk.api.payload import AddTracking
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.error_messages import can_retry, describe_error
from parcellab_desk.services.write_outcomes import (
    OrderWrites,
    Outcome,
    WriteIntent,
    write_landed,
)
from tests import plain_http

Numbers = Callable[[], str]


class CountingTransport(httpx.AsyncHTTPTransport):
    """The real transport, counting what was sent by method."""

    def __init__(self) -> None:
        super().__init__(verify=plain_http.PLAIN_HTTP_ONLY)  # the sandbox: plain http
        self.sent: Counter[str] = Counter()
        self._sending: dict[str, asyncio.Event] = {}

    def _event(self, method: str) -> asyncio.Event:
        return self._sending.setdefault(method, asyncio.Event())

    async def until_sending(self, method: str) -> None:
        """Returns once a request with ``method`` is on its way."""
        await asyncio.wait_for(self._event(method).wait(), 5)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent[request.method] += 1
        self._event(request.method).set()
        return await super().handle_async_request(request)


@dataclass
class Env:
    sandbox: EmbeddedSandbox
    client: ParcelLabClient
    transport: CountingTransport
    writes: OrderWrites
    numbers: Numbers

    @property
    def account(self) -> int:
        return self.sandbox.accounts[0]

    def new_order_body(self) -> dict[str, object]:
        return {"account": self.account, "order_number": self.numbers(), "order_status": "New"}

    async def stored(self, number: object) -> int:
        """How many orders the service holds with this number (in the demo account)."""
        return len([o async for o in self.client.iter_orders(order_number=str(number))])


@pytest.fixture
async def env(sandbox: EmbeddedSandbox, unique_order_number: Numbers) -> AsyncIterator[Env]:
    transport = CountingTransport()
    async with ParcelLabClient(
        sandbox.base_url,
        BearerAuth(sandbox.demo_token),
        retry=RetryPolicy(attempts=1),
        transport=transport,
        deadline=2.0,
    ) as client:
        yield Env(
            sandbox,
            client,
            transport,
            OrderWrites(client, save_deadline=2.0, check_deadline=2.0),
            unique_order_number,
        )


@pytest.mark.parametrize("fault", ["504", "drop"])
async def test_a_post_whose_answer_is_lost_after_commit_is_found_and_saved(
    env: Env, fault: str
) -> None:
    if fault == "drop":
        env.sandbox.faults.drop_next(1, method="POST", after_commit=True)
    else:
        env.sandbox.faults.fail_next(1, status=504, method="POST", after_commit=True)
    body = env.new_order_body()
    result = await env.writes.send(WriteIntent.post(body))
    assert result.outcome is Outcome.SAVED  # no false "not saved"
    assert result.looked_up
    assert result.order is not None
    assert result.order.order_number == body["order_number"]
    assert env.transport.sent["POST"] == 1  # never sent twice
    assert await env.stored(body["order_number"]) == 1


async def test_a_post_that_reaches_the_server_after_the_deadline_is_unknown_then_found(
    env: Env,
) -> None:
    # Held back beyond the client's deadline, then written: the look-up right after the
    # timeout cannot see it yet, so the outcome is unknown, never "not saved".
    env.sandbox.faults.delay_next(1, delay_ms=3000, method="POST")
    body = env.new_order_body()
    intent = WriteIntent.post(body)
    result = await env.writes.send(intent)
    assert result.outcome is Outcome.UNKNOWN
    assert result.looked_up
    assert result.error is not None
    assert result.error.may_have_been_applied
    # "Check again" looks only; once the late request has landed it finds the order.
    for _ in range(100):
        checked = await env.writes.check(intent)
        if checked.saved:
            break
        assert checked.outcome is Outcome.UNKNOWN
        await asyncio.sleep(0.05)  # polling the server until the late write shows
    assert checked.saved
    assert env.transport.sent["POST"] == 1
    assert await env.stored(body["order_number"]) == 1


async def test_send_again_looks_first_and_sends_only_when_absent(env: Env) -> None:
    env.sandbox.faults.drop_next(1, method="POST")  # dropped before it was handled
    intent = WriteIntent.post(env.new_order_body())
    first = await env.writes.send(intent)
    assert first.outcome is Outcome.UNKNOWN
    again = await env.writes.send_again(intent)
    assert again.saved
    assert env.transport.sent["POST"] == 2  # the second only after a look-up found nothing
    assert (await env.writes.send_again(intent)).saved
    assert env.transport.sent["POST"] == 2  # found: not sent a third time


async def test_a_post_refused_as_a_duplicate_of_our_own_landed_write_is_saved(env: Env) -> None:
    body = env.new_order_body()
    assert (await env.writes.send(WriteIntent.post(body))).saved
    again = await env.writes.send(WriteIntent.post(body))
    assert again.saved  # the order as meant exists: not "already exists"
    other = await env.writes.send(WriteIntent.post({**body, "order_status": "Shipped"}))
    assert other.outcome is Outcome.NOT_SAVED  # someone else's order with that number


async def test_a_put_answered_504_after_commit_is_found(env: Env) -> None:
    created = await env.client.post_order(env.new_order_body())
    env.sandbox.faults.fail_next(1, status=504, method="PUT", after_commit=True)
    intent = OrderWrites.mutations_intent(
        created, [AddTracking({"courier": "gls", "tracking_number": f"{created.order_number}-G"})]
    )
    result = await env.writes.send(intent)
    assert result.saved
    assert result.order is not None
    assert [t.tracking_number for t in result.order.trackings] == [f"{created.order_number}-G"]


async def test_a_lookup_that_fails_leaves_the_outcome_unknown(env: Env) -> None:
    env.sandbox.faults.fail_next(1, status=504, method="POST", after_commit=True)
    env.sandbox.faults.fail_next(5, status=500, method="GET")
    result = await env.writes.send(WriteIntent.post(env.new_order_body()))
    assert result.outcome is Outcome.UNKNOWN
    assert not result.looked_up


async def test_a_refusal_is_not_saved_and_a_403_offers_no_retry(
    env: Env, sandbox: EmbeddedSandbox
) -> None:
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.single_account_token), retry=RetryPolicy(attempts=1)
    ) as limited:
        writes = OrderWrites(limited)
        other_account = sandbox.accounts[1]
        result = await writes.send(
            WriteIntent.post({"account": other_account, "order_number": env.numbers()})
        )
    assert result.outcome is Outcome.NOT_SAVED
    assert isinstance(result.error, PermissionDeniedError)
    assert result.error.account == other_account
    assert not can_retry(result.error)
    sentence = describe_error(result.error)
    assert f"account {other_account}" in sentence
    assert "write" in sentence


async def test_create_puts_the_trackings_after_the_post_and_confirms_them(env: Env) -> None:
    body = env.new_order_body()
    number = body["order_number"]
    trackings = [
        AddTracking({"courier": "dhl-germany", "tracking_number": f"{number}-1"}),
        AddTracking({"courier": "ups", "tracking_number": f"{number}-2", "is_return": True}),
    ]
    result = await env.writes.create(body, trackings)
    assert result.outcome is Outcome.SAVED
    assert result.order is not None
    assert sorted(t.tracking_number or "" for t in result.order.trackings) == [
        f"{number}-1",
        f"{number}-2",
    ]
    assert env.transport.sent["POST"] == 1
    assert env.transport.sent["PUT"] == 1
    assert write_landed(result.trackings_write.intent, result.order)  # type: ignore[union-attr]
