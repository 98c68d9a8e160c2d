"""List, look up, create, update, add a tracking and cancel an order against a local sandbox.

Run it as it is: .venv/bin/python docs/client-example.py
"""

import asyncio

from parcellab_desk.api import BearerAuth, CancelReason, ParcelLabClient
from parcellab_desk.sandbox.embedded import EmbeddedSandbox


async def main(base_url: str, token: str, account: int) -> None:
    async with ParcelLabClient(base_url, BearerAuth(token)) as client:
        page = await client.list_orders(accounts=[account], ordering="-created_at", page_size=5)
        print(f"listed {len(page.orders)} orders, more pages: {page.has_next_page()}")

        first = await client.get_order(page.orders[0].external_id or "")
        print(f"looked up {first.order_number}: {len(first.trackings)} tracking(s)")

        order = await client.create_order(
            {"account": account, "order_number": "EX-1001", "tags": ["channel:webshop"]}
        )
        print(f"created {order.order_number} ({order.external_id})")

        order = await client.update_order(order, {"order_status": "Shipped"})
        print(f"updated status: {order.order_status}")

        order = await client.add_tracking(
            order, {"courier": "dhl-germany", "tracking_number": "00340434161234567890"}
        )
        print(f"added tracking: {[t.tracking_number for t in order.trackings]}")

        order = await client.cancel_order(order, CancelReason.CUSTOMER)
        print(f"cancelled: {order.order_status} ({order.cancelled_reason})")


if __name__ == "__main__":
    with EmbeddedSandbox(demo_orders=20) as sandbox:
        asyncio.run(main(sandbox.base_url, sandbox.demo_token, sandbox.accounts[0]))
