"""Two clients edit one order against the sandbox: the second sees the comparison, changes
to fields it did not touch are taken in, nothing anyone saved is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.conflicts import (
    Choice,
    Choices,
    ConflictUnresolvedError,
    Reconciliation,
)
from parcellab_desk.services.edit_failures import edit_failure
from parcellab_desk.services.order_editing import OrderDraft, OrderEditingService

Numbers = Callable[[], str]


async def opened(client: ParcelLabClient, sandbox: EmbeddedSandbox, numbers: Numbers) -> Order:
    order = await client.create_order(
        {
            "account": sandbox.accounts[0],
            "order_number": numbers(),
            "order_status": "Processing",
            "recipient_name": "Erika Mustermann",
            "customer_number": "C-1",
        },
        [],
    )
    return await client.add_tracking(
        order, {"courier": "gls", "tracking_number": f"{order.order_number}-G"}
    )


async def test_two_agents_edit_one_order_and_nothing_is_lost(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    order = await opened(client, sandbox, unique_order_number)
    service = OrderEditingService(client)
    first, second = OrderDraft(order), OrderDraft(order)  # both opened the same version

    first.set_value("order_status", "Shipped")
    first.set_value("recipient_name", "Erika Musterfrau")
    first.set_value("tags", ["priority:vip"])
    await service.save(first)  # no conflict: no question asked

    second.set_value("order_status", "Delivered")  # also changed by the first agent
    second.set_value("recipient_name", "Erika Musterfrau")  # the same value: no conflict
    second.set_value("customer_number", "C-2")  # only this agent
    asked: list[Reconciliation] = []

    async def choose(found: Reconciliation) -> Choices:
        asked.append(found)
        return {c.key: Choice.MINE for c in found.conflicts}

    saved = await service.save(second, choose)
    (found,) = asked
    assert [(c.name, c.base, c.mine, c.theirs) for c in found.conflicts] == [
        ("order_status", "Processing", "Delivered", "Shipped")
    ]
    assert found.taken_in == ("Tags",)  # the first agent's change, untouched by the second
    assert second.taken_in == ("Tags",)
    read_back = await client.get_order(order.external_id or "")
    assert read_back == saved
    assert read_back.order_status == "Delivered"  # kept by choice
    assert read_back.customer_number == "C-2"
    assert read_back.recipient_name == "Erika Musterfrau"
    assert read_back.tags == ["priority:vip"]  # taken in, not overwritten


async def test_taking_theirs_drops_the_edit_and_sends_only_the_rest(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    order = await opened(client, sandbox, unique_order_number)
    key = ("gls", f"{order.order_number}-G")
    await client.put_order(
        {
            "external_id": order.external_id,
            "order_status": "Shipped",
            "mutations": [
                {
                    "type": "add_tracking",
                    "tracking": {"courier": key[0], "tracking_number": key[1], "tags": ["x"]},
                }
            ],
        }
    )
    draft = OrderDraft(order)
    draft.set_value("order_status", "Cancelled-by-agent")
    draft.put_tracking({"courier": key[0], "tracking_number": key[1], "tags": ["mine"]})
    draft.set_value("customer_number", "C-9")

    async def take_theirs(found: Reconciliation) -> Choices:
        assert {c.key for c in found.conflicts} == {(None, "order_status"), (key, "tags")}
        return {c.key: Choice.THEIRS for c in found.conflicts}

    await OrderEditingService(client).save(draft, take_theirs)
    read_back = await client.get_order(order.external_id or "")
    assert read_back.order_status == "Shipped"
    (tracking,) = read_back.trackings
    assert tracking.tags == ["x"]
    assert read_back.customer_number == "C-9"
    assert not draft.is_dirty


async def test_closing_the_comparison_sends_nothing_and_keeps_the_edits(
    client: ParcelLabClient, sandbox: EmbeddedSandbox, unique_order_number: Numbers
) -> None:
    order = await opened(client, sandbox, unique_order_number)
    await client.put_order({"external_id": order.external_id, "order_status": "Shipped"})
    draft = OrderDraft(order)
    draft.set_value("order_status", "Delivered")

    async def not_now(found: Reconciliation) -> None:
        return None

    with pytest.raises(ConflictUnresolvedError) as caught:
        await OrderEditingService(client).save(draft, not_now)
    assert draft.value("order_status") == "Delivered"
    assert (await client.get_order(order.external_id or "")).order_status == "Shipped"
    failure = edit_failure(draft, caught.value)
    assert "Order status also changed on parcelLab" in failure.banner
    assert failure.can_retry
