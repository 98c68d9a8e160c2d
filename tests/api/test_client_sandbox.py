"""The client against the real sandbox over loopback: reading, writing, both PUT forms."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from parcellab_desk.api.auth import ApiAuth, BearerAuth, ParcelLabTokenAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    AuthenticationError,
    InvalidCursorError,
    ListingFailedError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.payload import CancelOrder
from parcellab_desk.api.schema import CancelReason, Ordering
from parcellab_desk.api.sentinel import NOT_GIVEN
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from tests.api.conftest import FAST_RETRY

Numbers = Callable[[], str]


async def test_list_filters_ordering_and_page_size(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    account = sandbox.accounts[0]
    page = await client.list_orders(accounts=[account], ordering=Ordering.ORDER_NUMBER, page_size=7)
    assert len(page) == 7
    assert page.has_next_page()
    assert {o.account for o in page} == {account}
    numbers = [o.order_number or "" for o in page.orders]
    assert numbers == sorted(numbers)
    descending = await client.list_orders(accounts=[account], ordering="-order_number", page_size=7)
    assert next(o.order_number for o in descending) >= numbers[-1]  # type: ignore[operator]
    by_number = await client.list_orders(order_number=numbers[0])
    assert {o.order_number for o in by_number} == {numbers[0]}
    assert "orders" in repr(page)


async def test_pages_walk_every_order_once(client: ParcelLabClient) -> None:
    small = [o.external_id async for o in client.iter_orders(page_size=40)]
    whole = [o.external_id async for o in client.iter_orders(page_size=500)]
    assert len(small) == len(set(small)) >= 300
    assert small == whole


async def test_next_page_of_a_last_page(client: ParcelLabClient, sandbox: EmbeddedSandbox) -> None:
    page = await client.list_orders(page_size=500, accounts=[sandbox.accounts[0]])
    assert not page.has_next_page()
    with pytest.raises(ListingFailedError, match="no next page"):
        await page.get_next_page()


async def test_a_tampered_cursor_offers_to_start_again(client: ParcelLabClient) -> None:
    page = await client.list_orders(page_size=5)
    assert page.next_url is not None
    page.next_url = page.next_url.replace("cursor=", "cursor=broken")
    with pytest.raises(InvalidCursorError, match="start the listing again") as caught:
        await page.get_next_page()
    assert isinstance(caught.value.cause, NotFoundError)


async def test_a_cursor_used_with_other_filters_is_invalid(client: ParcelLabClient) -> None:
    page = await client.list_orders(page_size=5, ordering="created_at")
    assert page.next_url is not None
    page.next_url = page.next_url.replace("ordering=created_at", "ordering=order_number")
    with pytest.raises(InvalidCursorError):
        await page.get_next_page()


async def test_orders_seen_before_are_not_yielded_again(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(demo_orders=12)
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        seen: list[str] = []
        async for order in client.iter_orders(ordering=Ordering.UPDATED_AT, page_size=4):
            assert order.external_id is not None
            if not seen:
                # Edited while the walk runs: sorted by updated_at it moves to the end.
                await client.update_order(order, {"order_status": "Moved"})
            seen.append(order.external_id)
        assert len(seen) == len(set(seen)) == 12


async def test_lookup_by_external_id_and_by_number(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    created = await client.create_order(
        {"account": sandbox.accounts[0], "order_number": unique_order_number()}
    )
    assert created.external_id is not None
    assert (await client.get_order(created.external_id)) == created
    assert (await client.get_order(created.order_number or "")) == created
    assert await client.find_order(sandbox.accounts[1], created.order_number or "") is None


async def test_an_ambiguous_number_comes_with_its_candidates(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    number = unique_order_number()
    for account in sandbox.accounts[:2]:
        await client.create_order({"account": account, "order_number": number})
    with pytest.raises(AmbiguousOrderError) as caught:
        await client.get_order(number)
    assert sorted(o.account or 0 for o in caught.value.candidates) == sorted(sandbox.accounts[:2])
    assert {o.order_number for o in caught.value.candidates} == {number}
    assert caught.value.status_code == 400


async def test_numbers_the_path_cannot_carry_are_looked_up_by_listing(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    number = unique_order_number() + ".v2"
    with pytest.raises(NotFoundError, match="no order has the number"):
        await client.get_order(number)
    created = await client.create_order({"account": sandbox.accounts[0], "order_number": number})
    assert await client.get_order(number) == created
    await client.create_order({"account": sandbox.accounts[1], "order_number": number})
    with pytest.raises(AmbiguousOrderError) as caught:
        await client.get_order(number)
    assert len(caught.value.candidates) == 2


async def test_unknown_order_is_not_found(client: ParcelLabClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.get_order("no-such-order-anywhere")
    assert caught.value.status_code == 404


async def test_create_and_duplicate(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    body = {
        "account": sandbox.accounts[0],
        "order_number": unique_order_number(),
        "timezone": "Europe/Berlin",
        "tags": ["channel:webshop"],
        "recipient_email": NOT_GIVEN,
    }
    created = await client.create_order(body, mutations=[CancelOrder(CancelReason.INVENTORY)])
    assert created.timezone == "Europe/Berlin"
    assert created.order_status == "Cancelled"
    assert created.created_at is not None
    assert created.created_at.tzinfo is not None
    with pytest.raises(ValidationError) as caught:
        await client.create_order(body)
    assert caught.value.status_code == 400
    assert [(e.attr, e.code) for e in caught.value.errors] == [("order_number", "unique")]


async def test_create_from_a_model(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    draft = Order(account=sandbox.accounts[0], order_number=unique_order_number(), tags=[])
    created = await client.create_order(draft)
    assert created.order_number == draft.order_number
    assert created.external_id


async def test_invalid_payloads_are_refused_before_sending(
    client: ParcelLabClient, sandbox: EmbeddedSandbox
) -> None:
    injected = sandbox.faults.injected
    with pytest.raises(ValidationError) as caught:
        await client.create_order(
            {"account": sandbox.accounts[0], "order_number": "", "timezone": "Mars/Base"}
        )
    assert caught.value.status_code is None
    assert {e.attr for e in caught.value.errors} == {"order_number", "timezone"}
    with pytest.raises(ValidationError):
        await client.put_order({"order_status": "x"})
    assert sandbox.faults.injected == injected


@pytest.mark.parametrize("echo", [False, True], ids=["no-body", "echo"])
async def test_put_returns_the_saved_order_in_both_modes(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers, echo: bool
) -> None:
    sandbox.put_echo = echo
    account = sandbox.accounts[0]
    number = unique_order_number()
    created = await client.put_order(
        {"account": account, "order_number": number, "client_key": "shop.example"}
    )
    assert created.order_number == number
    assert created.external_id
    updated = await client.update_order(created, {"client_key": None, "order_status": "Shipped"})
    assert updated.client_key is None
    assert updated.order_status == "Shipped"
    assert "mutations" not in (updated.model_extra or {})
    assert (
        await client.update_order(updated, {"order_status": "Shipped"}) is updated
    )  # nothing sent

    with_tracking = await client.add_tracking(
        updated, {"courier": "dhl-germany", "tracking_number": f"{number}-T"}
    )
    tracking = with_tracking.find_tracking("dhl-germany", f"{number}-T")
    assert tracking is not None
    edited = await client.update_tracking(
        with_tracking, "dhl-germany", f"{number}-T", {"recipient_postal_code": "10115"}
    )
    tracking = edited.find_tracking("dhl-germany", f"{number}-T")
    assert tracking is not None
    assert tracking.recipient_postal_code == "10115"
    assert await client.update_tracking(edited, "dhl-germany", f"{number}-T", tracking) is edited
    with pytest.raises(ValueError, match="no tracking"):
        await client.update_tracking(edited, "ups", "nope", {})

    cancelled_tracking = await client.cancel_tracking(
        edited, "dhl-germany", f"{number}-T", CancelReason.CUSTOMER
    )
    tracking = cancelled_tracking.find_tracking("dhl-germany", f"{number}-T")
    assert tracking is not None
    assert tracking.cancelled_reason is CancelReason.CUSTOMER
    assert tracking.cancelled_date is not None

    cancelled = await client.cancel_order(cancelled_tracking, CancelReason.PAYMENT)
    assert cancelled.order_status == "Cancelled"
    assert cancelled.cancelled_reason is CancelReason.PAYMENT
    again = await client.cancel_order(cancelled, CancelReason.OTHER)  # idempotent
    assert again.cancelled_reason is CancelReason.PAYMENT
    assert again.cancelled_date == cancelled.cancelled_date


async def test_put_by_number_reads_back_without_external_id(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    number = unique_order_number()
    saved = await client.add_tracking(
        Order(account=sandbox.accounts[0], order_number=number),
        Tracking(courier="gls", tracking_number=f"{number}-G", is_return=False),
    )
    assert saved.external_id
    assert [t.tracking_number for t in saved.trackings] == [f"{number}-G"]


async def test_a_tracking_of_another_order_is_refused_at_its_path(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    account = sandbox.accounts[0]
    first = await client.create_order({"account": account, "order_number": unique_order_number()})
    second = await client.create_order({"account": account, "order_number": unique_order_number()})
    tracking = {"courier": "ups", "tracking_number": f"{first.order_number}-U"}
    await client.add_tracking(first, tracking)
    with pytest.raises(ValidationError) as caught:
        await client.add_tracking(second, tracking)
    assert [(e.attr, e.code) for e in caught.value.field_errors] == [
        ("mutations.0.tracking.tracking_number", "unique")
    ]


async def test_parcellab_token_scheme(sandbox: EmbeddedSandbox) -> None:
    auth = ParcelLabTokenAuth.from_parts(sandbox.accounts[0], sandbox.demo_token)
    async with ParcelLabClient(sandbox.base_url, auth) as client:
        page = await client.list_orders(page_size=1)
    assert len(page) == 1


async def test_authentication_and_permission_errors(
    sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    async with ParcelLabClient(sandbox.base_url, BearerAuth("wrong-token-wrong-token")) as client:
        with pytest.raises(AuthenticationError) as auth:
            await client.list_orders()
    assert auth.value.status_code == 401
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.read_only_token)) as client:
        with pytest.raises(PermissionDeniedError) as read_only:
            await client.put_order(
                {"account": sandbox.accounts[0], "order_number": unique_order_number()}
            )
    assert read_only.value.status_code == 403
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=FAST_RETRY
    ) as client:
        with pytest.raises(PermissionDeniedError):
            await client.create_order(
                {"account": sandbox.other_account, "order_number": unique_order_number()}
            )


async def test_signing_in_again_swaps_the_token_for_later_requests(
    sandbox: EmbeddedSandbox,
) -> None:
    async with ParcelLabClient(sandbox.base_url, BearerAuth("expired-token-expired")) as client:
        with pytest.raises(AuthenticationError):
            await client.list_orders(page_size=1)
        client.set_auth(BearerAuth(sandbox.demo_token))
        page = await client.list_orders(page_size=1)
        assert len(page) == 1
        assert sandbox.demo_token not in repr(client)


async def test_external_reference_filter_and_unknown_ordering(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    reference = unique_order_number() + "-REF"
    created = await client.create_order(
        {
            "account": sandbox.accounts[0],
            "order_number": unique_order_number(),
            "external_reference": reference,
        }
    )
    page = await client.list_orders(external_reference=reference)
    assert page.orders == [created]
    with pytest.raises(ValueError, match="cannot sort orders by 'colour'"):
        await client.list_orders(ordering="-colour")


async def test_a_401_asks_the_hook_for_new_credentials_and_sends_again(
    sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    rejected: list[str] = []

    async def sign_in_again(auth: ApiAuth) -> bool:
        rejected.append(repr(auth))
        client.set_auth(BearerAuth(sandbox.demo_token))
        return True

    client = ParcelLabClient(
        sandbox.base_url, BearerAuth("expired-token-expired"), on_unauthorized=sign_in_again
    )
    async with client:
        page = await client.list_orders(page_size=1)
        assert len(page) == 1
        # A POST that met a 401 was not processed, so sending it again is safe.
        client.set_auth(BearerAuth("expired-again-expired"))
        number = unique_order_number()
        created = await client.create_order(
            {"account": sandbox.accounts[0], "order_number": number}
        )
        assert created.order_number == number
    assert len(rejected) == 2
    assert all("expired" not in text for text in rejected)  # reprs mask the token


async def test_a_401_stands_when_the_agent_does_not_sign_in_again(
    sandbox: EmbeddedSandbox,
) -> None:
    async def give_up(_auth: ApiAuth) -> bool:
        return False

    async with ParcelLabClient(
        sandbox.base_url, BearerAuth("expired-token-expired"), on_unauthorized=give_up
    ) as client:
        with pytest.raises(AuthenticationError):
            await client.list_orders(page_size=1)
