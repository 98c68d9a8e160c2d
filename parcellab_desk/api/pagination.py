"""Cursor pages of the order list, and the query they were asked with.

The service pages like Django REST framework's ``CursorPagination``: ``next`` is an absolute
URL carrying the cursor and the other query parameters. A page follows only that URL's query
string, sent to the client's own base URL: a proxy in front of the service may build ``next``
with the wrong scheme or host, and the token must never travel to a host it was not meant for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import httpx

from parcellab_desk.api.errors import (
    ApiStatusError,
    InvalidCursorError,
    ListingFailedError,
    NotFoundError,
    ParcelLabError,
    ValidationError,
)
from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import PAGE_SIZE_MAX, PAGE_SIZE_MIN, Ordering

QueryParams = list[tuple[str, str]]
ORDERING_VALUES: Final = frozenset(o.value for o in Ordering)


def ordering_param(ordering: Ordering | str, *, descending: bool = False) -> str:
    """``"-created_at"`` style value; a leading ``-`` in ``ordering`` also means descending.

    Raises ValueError for a field the list cannot sort by (the server would silently ignore
    it, and the agent would see an order that is not the one asked for)."""
    text = str(ordering.value if isinstance(ordering, Ordering) else ordering).strip()
    if text.startswith("-"):
        text, descending = text[1:], True
    if text not in ORDERING_VALUES:
        raise ValueError(f"cannot sort orders by {text!r}; use one of {sorted(ORDERING_VALUES)}")
    return f"-{text}" if descending else text


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Filters, sort and page size of a listing. A change means starting again from page 1."""

    accounts: tuple[int, ...] = ()
    order_number: str | None = None
    external_reference: str | None = None
    ordering: str | None = None  # as ordering_param() returns it
    page_size: int | None = None

    @classmethod
    def build(
        cls,
        *,
        accounts: Sequence[int] = (),
        order_number: str | None = None,
        external_reference: str | None = None,
        ordering: Ordering | str | None = None,
        descending: bool = False,
        page_size: int | None = None,
    ) -> ListQuery:
        if page_size is not None:
            page_size = min(PAGE_SIZE_MAX, max(PAGE_SIZE_MIN, int(page_size)))
        return cls(
            accounts=tuple(int(a) for a in accounts),
            order_number=order_number or None,
            external_reference=external_reference or None,
            ordering=ordering_param(ordering, descending=descending) if ordering else None,
            page_size=page_size,
        )

    def params(self) -> QueryParams:
        out: QueryParams = [("account", str(a)) for a in self.accounts]
        if self.order_number is not None:
            out.append(("order_number", self.order_number))
        if self.external_reference is not None:
            out.append(("external_reference", self.external_reference))
        if self.ordering is not None:
            out.append(("ordering", self.ordering))
        if self.page_size is not None:
            out.append(("page_size", str(self.page_size)))
        return out


def query_of(url: str) -> QueryParams:
    """The query parameters of a ``next``/``previous`` URL (scheme and host ignored)."""
    return list(httpx.URL(url).params.multi_items())


PageFetcher = Callable[[ListQuery, QueryParams], Awaitable["OrderPage"]]


class OrderPage:
    """One page of orders. ``await page.get_next_page()`` while ``page.has_next_page()``."""

    def __init__(
        self,
        orders: Sequence[Order],
        *,
        query: ListQuery,
        next_url: str | None,
        previous_url: str | None,
        fetch: PageFetcher,
    ) -> None:
        self.orders: list[Order] = list(orders)
        self.query = query
        self.next_url = next_url
        self.previous_url = previous_url
        self._fetch = fetch

    def has_next_page(self) -> bool:
        return bool(self.next_url)

    async def get_next_page(self) -> OrderPage:
        """The following page. Any failure raises ``ListingFailedError`` (``InvalidCursorError``
        when the server rejected the cursor): offer to start the listing again."""
        if not self.next_url:
            raise ListingFailedError("There is no next page; the listing is complete.")
        try:
            return await self._fetch(self.query, query_of(self.next_url))
        except ParcelLabError as exc:
            raise listing_failed(exc) from exc

    def __iter__(self) -> Iterator[Order]:
        return iter(self.orders)

    def __len__(self) -> int:
        return len(self.orders)

    def __repr__(self) -> str:
        return f"OrderPage({len(self.orders)} orders, has_next_page={self.has_next_page()})"


def listing_failed(exc: ParcelLabError) -> ListingFailedError:
    """What continuing a listing failed with, as the error the UI offers "start again" for."""
    if isinstance(exc, NotFoundError | ValidationError) or (
        isinstance(exc, ApiStatusError) and "cursor" in exc.message.lower()
    ):
        return InvalidCursorError(
            f"The list position is no longer valid ({exc.message}); start the listing again.",
            cause=exc,
        )
    return ListingFailedError(
        f"Loading more orders failed ({exc.message}); retry or start the listing again.",
        cause=exc,
    )
