"""The search box's brain against the sandbox: what each kind of input tries, and what comes
back (table-driven), plus the order-info budget: cached, shared, and resting after a 429."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import RateLimitedError
from parcellab_desk.api.models import Order
from parcellab_desk.api.order_info import OrderInfoQuery
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.order_lookup import (
    AttemptOutcome,
    Found,
    MatchKind,
    NotFound,
    OrderLookupService,
    Several,
)
from parcellab_desk.services.order_suggestions import suggest_numbers

NO_RETRY = RetryPolicy(attempts=1)


@pytest.fixture
async def client(sandbox: EmbeddedSandbox) -> AsyncIterator[ParcelLabClient]:
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=NO_RETRY
    ) as running:
        yield running


@pytest.fixture
async def demo(client: ParcelLabClient) -> list[Order]:
    return [
        o
        async for o in client.iter_orders(page_size=500)
        if o.order_number and not o.order_number.startswith("T-")
    ]


def _service(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, demo: list[Order]
) -> OrderLookupService:
    numbers = [o.order_number or "" for o in demo]
    return OrderLookupService(
        client,
        OrderInfoService(client),
        accounts=lambda: sandbox.accounts,
        suggest=lambda text: suggest_numbers(text, numbers),
    )


@dataclass(frozen=True)
class Case:
    """``make(demo)`` builds the agent's input from the demo data; the rest is expected."""

    name: str
    make: Callable[[list[Order]], str]
    result: type
    kinds: frozenset[MatchKind]  # how the matches matched
    tried: frozenset[MatchKind]  # which lookups were sent
    info_requests: Callable[[int], int]  # order-info requests sent, given the accounts


def _first(demo: list[Order], test: Callable[[Order], bool]) -> Order:
    return next(o for o in demo if test(o))


def _tracking(prefix: str) -> Callable[[list[Order]], str]:
    def make(demo: list[Order]) -> str:
        for order in demo:
            for tracking in order.trackings:
                if (tracking.tracking_number or "").startswith(prefix):
                    number = tracking.tracking_number or ""
                    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        raise AssertionError(f"no demo tracking number starts with {prefix}")

    return make


def _unique_email(demo: list[Order]) -> str:
    emails = [o.recipient_email or "" for o in demo]
    return next(e for e in emails if "@" in e and emails.count(e) == 1).upper()


def _shared_email(demo: list[Order]) -> str:
    by_email: dict[str, set[int | None]] = {}
    for order in demo:
        if "@" in (order.recipient_email or ""):
            by_email.setdefault(order.recipient_email or "", set()).add(order.account)
    return next(e for e, accounts in by_email.items() if len(accounts) > 1)


def _shared_shop_number(demo: list[Order]) -> str:
    numbers = [o.order_number for o in demo if (o.order_number or "").startswith("#")]
    number = next(n for n in numbers if numbers.count(n) > 1) or ""
    return number.lstrip("#")  # the customer leaves the "#" out


def _reference(demo: list[Order]) -> str:
    return next(r for o in demo if (r := o.external_reference or "").startswith("ERP-"))


def _customer_number(demo: list[Order]) -> str:
    numbers = [o.customer_number for o in demo if o.customer_number]
    return next(n for n in numbers if numbers.count(n) == 1) or ""


ID_AND_REFERENCE = frozenset({MatchKind.ORDER_NUMBER, MatchKind.EXTERNAL_REFERENCE})

CASES = [
    Case(
        "order number with # and spaces",
        lambda demo: (
            "# "
            + " ".join(_first(demo, lambda o: (o.order_number or "").isdigit()).order_number or "")
        ),
        Found,
        frozenset({MatchKind.ORDER_NUMBER}),
        ID_AND_REFERENCE,
        lambda accounts: 0,  # a plain 8-digit number: order info only if nothing else matched
    ),
    Case(
        "quoted external reference",
        lambda demo: f'"{_reference(demo)}"',
        Found,
        frozenset({MatchKind.EXTERNAL_REFERENCE}),
        ID_AND_REFERENCE,
        lambda accounts: 0,
    ),
    Case(
        "external id",
        lambda demo: (demo[3].external_id or "").upper(),
        Found,
        frozenset({MatchKind.EXTERNAL_ID}),
        frozenset({MatchKind.EXTERNAL_ID, MatchKind.EXTERNAL_REFERENCE}),
        lambda accounts: 0,
    ),
    Case(
        "e-mail in capitals",
        _unique_email,
        Found,
        frozenset({MatchKind.RECIPIENT_EMAIL}),
        frozenset({MatchKind.RECIPIENT_EMAIL}),
        lambda accounts: accounts,
    ),
    Case(
        "e-mail with orders in several accounts",
        _shared_email,
        Several,
        frozenset({MatchKind.RECIPIENT_EMAIL}),
        frozenset({MatchKind.RECIPIENT_EMAIL}),
        lambda accounts: accounts,
    ),
    Case(
        "DHL piece code in groups of four",
        _tracking("00340434"),
        Found,
        frozenset({MatchKind.TRACKING_NUMBER}),
        ID_AND_REFERENCE | {MatchKind.TRACKING_NUMBER},
        lambda accounts: 2,
    ),
    Case(
        "UPS 1Z number",
        _tracking("1Z"),
        Found,
        frozenset({MatchKind.TRACKING_NUMBER}),
        ID_AND_REFERENCE | {MatchKind.TRACKING_NUMBER},
        lambda accounts: 1,
    ),
    Case(
        "PostNL 3S number",
        _tracking("3S"),
        Found,
        frozenset({MatchKind.TRACKING_NUMBER}),
        ID_AND_REFERENCE | {MatchKind.TRACKING_NUMBER},
        lambda accounts: 1,
    ),
    Case(
        "shop number shared by two accounts, without its #",
        _shared_shop_number,
        Several,
        frozenset({MatchKind.ORDER_NUMBER}),
        ID_AND_REFERENCE,
        lambda accounts: 0,
    ),
    Case(
        "customer number",
        _customer_number,
        Found,
        frozenset({MatchKind.CUSTOMER_NUMBER}),
        ID_AND_REFERENCE | {MatchKind.CUSTOMER_NUMBER},
        lambda accounts: accounts,
    ),
    Case(
        "partial order number",
        lambda demo: "4001",
        NotFound,
        frozenset(),
        ID_AND_REFERENCE | {MatchKind.CUSTOMER_NUMBER},
        lambda accounts: accounts,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_an_input_tries_the_plausible_lookups(
    case: Case, client: ParcelLabClient, sandbox: EmbeddedSandbox, demo: list[Order]
) -> None:
    service = _service(client, sandbox, demo)
    text = case.make(demo)
    result = await service.search(text)
    assert isinstance(result, case.result), (text, result)
    assert {a.kind for a in result.attempts} == case.tried
    assert service.order_info.requests_sent == case.info_requests(len(sandbox.accounts))
    if isinstance(result, Found):
        assert {result.match.kind} == case.kinds
        assert result.order.external_id  # the full order, ready for the editor
    elif isinstance(result, Several):
        assert {m.kind for m in result.matches} == case.kinds
        assert len({m.order.account for m in result.matches}) == len(result.matches)
    else:
        assert isinstance(result, NotFound)
        assert result.suggestions  # "4001" starts demo numbers 40012345, ...
        assert all(s.startswith("4001") for s in result.suggestions)


async def test_frugal_with_the_order_info_budget(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, demo: list[Order]
) -> None:
    service = _service(client, sandbox, demo)
    info = service.order_info
    number = next(o.order_number or "" for o in demo if (o.order_number or "").isdigit())
    assert isinstance(await service.search(f"#{number}"), Found)
    assert info.requests_sent == 0  # found by the free lookup: no order info spent
    email = _unique_email(demo)
    assert isinstance(await service.search(email), Found)
    assert info.requests_sent == len(sandbox.accounts)  # one per account
    assert isinstance(await service.search(f"  {email.lower()} "), Found)
    assert info.requests_sent == len(sandbox.accounts)  # kept for a minute
    ups = _tracking("1Z")(demo)
    found = await service.search(ups)
    assert isinstance(found, Found)
    assert info.requests_sent == len(sandbox.accounts) + 1  # one courier has this format
    # the timeline of the order just found needs no second request
    assert info.cached_for(found.order) is not None
    await info.for_order(found.order)
    assert info.requests_sent == len(sandbox.accounts) + 1


async def test_a_429_rests_the_account_and_says_when(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    running = make_sandbox(demo_orders=5)
    running.settings.order_info_per_minute = 1
    async with ParcelLabClient(
        running.base_url, BearerAuth(running.demo_token), retry=NO_RETRY
    ) as client:
        info = OrderInfoService(client)
        service = OrderLookupService(client, info, accounts=lambda: running.accounts[:1])
        first = await service.search("someone@example.com")
        assert isinstance(first, NotFound)
        assert [a.outcome for a in first.attempts] == [AttemptOutcome.NOTHING]
        second = await service.search("someone.else@example.com")
        assert isinstance(second, NotFound)
        (resting,) = second.resting
        assert resting.retry_after is not None
        assert 1 <= resting.retry_after <= 60
        sent = info.requests_sent
        third = await service.search("a.third@example.com")
        assert isinstance(third, NotFound)
        assert len(third.resting) == 1
        assert info.requests_sent == sent  # resting: not even sent
        with pytest.raises(RateLimitedError):
            await info.lookup(OrderInfoQuery.customer_number(running.accounts[0], "C1"))
        assert info.resting_for(running.accounts[0]) is not None
        assert info.resting_for(running.accounts[1]) is None


async def test_answers_expire_after_a_minute(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, demo: list[Order]
) -> None:
    now = [0.0]
    info = OrderInfoService(client, clock=lambda: now[0])
    order = demo[0]
    query = OrderInfoQuery.order_number(order.account or 0, order.order_number or "")
    await info.lookup(query)
    await info.lookup(query)
    assert info.requests_sent == 1
    now[0] = 61.0
    await info.lookup(query)
    assert info.requests_sent == 2


async def test_identical_requests_in_flight_are_sent_once(
    client: ParcelLabClient, demo: list[Order]
) -> None:
    import asyncio

    info = OrderInfoService(client)
    order = demo[1]
    query = OrderInfoQuery.order_number(order.account or 0, order.order_number or "")
    first, second = await asyncio.gather(info.lookup(query), info.lookup(query))
    assert first == second
    assert info.requests_sent == 1


async def test_an_empty_search_tries_nothing(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, demo: list[Order]
) -> None:
    result = await _service(client, sandbox, demo).search(' " # " ')
    assert isinstance(result, NotFound)
    assert result.attempts == ()
