"""The order table's page source over the API client (the model never sees the client)."""

from __future__ import annotations

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.qt.order_pages import OrderPageLike, OrderQuery


class ClientPageSource:
    """Starts listings with ``ParcelLabClient.list_orders``; pages carry their own cursors."""

    def __init__(self, client: ParcelLabClient, page_size: int | None = None) -> None:
        self._client = client
        self._page_size = page_size

    async def first_page(self, query: OrderQuery) -> OrderPageLike:
        return await self._client.list_orders(
            accounts=query.accounts,
            order_number=query.order_number,
            external_reference=query.external_reference,
            ordering=query.ordering,
            descending=query.descending,
            page_size=self._page_size,
        )
