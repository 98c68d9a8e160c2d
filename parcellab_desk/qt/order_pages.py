"""What the order table asks for (a query) and where its pages come from (a page source).

The table model never speaks HTTP: it takes an ``OrderPageSource`` and walks the cursor pages
it returns. The protocols are deliberately small so the API client's own page object fits them
structurally, and tests can hand the model pages whose arrival they control.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import DEFAULT_ORDERING, Ordering

__all__ = ["OrderPageLike", "OrderPageSource", "OrderQuery"]


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
