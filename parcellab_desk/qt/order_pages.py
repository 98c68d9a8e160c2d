"""What the order table asks for (a query) and where its pages come from (a page source).

The table model never speaks HTTP: it takes an ``OrderPageSource`` and walks the cursor pages
it returns. The protocols are deliberately small so the API client's own page object fits them
structurally, and tests can hand the model pages whose arrival they control.
``ClientPageSource`` adapts the API client (anything with its ``list_orders``) without this
layer importing the client, and with it httpx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import DEFAULT_ORDERING, Ordering

__all__ = ["ClientPageSource", "OrderLister", "OrderPageLike", "OrderPageSource", "OrderQuery"]


def _default_ordering() -> tuple[Ordering, bool]:
    descending = DEFAULT_ORDERING.startswith("-")
    return Ordering(DEFAULT_ORDERING.lstrip("-")), descending


_DEFAULT_FIELD, _DEFAULT_DESCENDING = _default_ordering()


@dataclass(frozen=True, slots=True)
class OrderQuery:
    """The filters and ordering of one listing; a change of any of them restarts paging
    (the server invalidates a cursor issued for other parameters)."""

    accounts: tuple[int, ...] = ()
    order_number: str | None = None
    external_reference: str | None = None
    ordering: Ordering = _DEFAULT_FIELD
    descending: bool = _DEFAULT_DESCENDING

    @property
    def ordering_param(self) -> str:
        """The ``ordering`` query parameter, e.g. ``-created_at``."""
        return f"-{self.ordering.value}" if self.descending else self.ordering.value

    def with_filters(
        self,
        *,
        accounts: Sequence[int] = (),
        order_number: str | None = None,
        external_reference: str | None = None,
    ) -> OrderQuery:
        """The same ordering with other filters (empty text means no filter)."""
        return replace(
            self,
            accounts=tuple(accounts),
            order_number=order_number or None,
            external_reference=external_reference or None,
        )

    def with_ordering(self, ordering: Ordering, *, descending: bool) -> OrderQuery:
        return replace(self, ordering=ordering, descending=descending)


class OrderPageLike(Protocol):
    """One cursor page of orders (the API client's ``OrderPage`` fits this)."""

    @property
    def orders(self) -> Sequence[Order]: ...

    def has_next_page(self) -> bool: ...

    async def get_next_page(self) -> OrderPageLike: ...


class OrderPageSource(Protocol):
    """Starts a listing; later pages come from the page objects themselves."""

    async def first_page(self, query: OrderQuery) -> OrderPageLike: ...


class OrderLister(Protocol):
    """The part of the API client the table needs (``ParcelLabClient`` fits this)."""

    async def list_orders(
        self,
        *,
        accounts: Sequence[int] = ...,
        order_number: str | None = ...,
        external_reference: str | None = ...,
        ordering: Ordering | str | None = ...,
        descending: bool = ...,
        page_size: int | None = ...,
    ) -> OrderPageLike: ...


class ClientPageSource:
    """An ``OrderPageSource`` over the API client's ``list_orders``.

    ``page_size`` None leaves it to the server (50 on the sandbox; the real service decides
    its own). Errors are the client's typed errors, unchanged: the model shows them and the
    UI's one error mapper words them.
    """

    def __init__(self, client: OrderLister, *, page_size: int | None = None) -> None:
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
