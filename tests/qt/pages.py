"""A page source the test controls: every request is a future the test resolves or fails."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import SignalInstance

from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_pages import OrderQuery
from tests.signals import WAIT as WAIT  # one generous upper bound for every wait


def make_order(n: int, **fields: Any) -> Order:
    """Order number ``n``: a stable external id, created ``n`` minutes after a fixed time."""
    created = datetime(2026, 11, 27, 9, 0, tzinfo=UTC) + timedelta(minutes=n)
    data: dict[str, Any] = {
        "external_id": f"00000000-0000-4000-8000-{n:012d}",
        "account": 1042,
        "order_number": f"4001{n:04d}",
        "external_reference": f"SO-{n}",
        "client_key": "brand-a.de",
        "order_status": "Processing",
        "created_at": created.isoformat(),
        "updated_at": created.isoformat(),
    }
    data.update(fields)
    return Order.model_validate(data)


def orders(first: int, count: int) -> list[Order]:
    return [make_order(n) for n in range(first, first + count)]


@dataclass
class FakePage:
    source: ControlledSource
    query: OrderQuery
    number: int
    orders: Sequence[Order]
    has_next: bool

    def has_next_page(self) -> bool:
        return self.has_next

    async def get_next_page(self) -> FakePage:
        return await self.source.request(self.query, self.number + 1)


@dataclass
class Request:
    """One page asked of the source; the test decides when and how it completes."""

    source: ControlledSource
    query: OrderQuery
    page: int  # 0 for the first page
    future: asyncio.Future[FakePage] = field(default_factory=lambda: _new_future())
    # Resolved when the page has been handed to the caller (the model) after ``resolve``.
    handed_over: asyncio.Future[None] = field(default_factory=lambda: _new_future())

    def resolve(self, rows: Sequence[Order], *, has_next: bool = True) -> None:
        self.future.set_result(FakePage(self.source, self.query, self.page, rows, has_next))

    def fail(self, error: Exception) -> None:
        self.future.set_exception(error)


def _new_future() -> asyncio.Future[Any]:
    return asyncio.get_running_loop().create_future()


class ControlledSource:
    """An ``OrderPageSource`` whose pages arrive only when the test says so.

    ``ignore_cancel`` makes requests finish even after the model cancelled them, as a client
    that completes its request regardless would: only the generation check can drop them.
    """

    def __init__(self, *, ignore_cancel: bool = False) -> None:
        self.requests: list[Request] = []
        self._queue: asyncio.Queue[Request] = asyncio.Queue()
        self._ignore_cancel = ignore_cancel

    async def first_page(self, query: OrderQuery) -> FakePage:
        return await self.request(query, 0)

    async def request(self, query: OrderQuery, page: int) -> FakePage:
        req = Request(self, query, page)
        self.requests.append(req)
        self._queue.put_nowait(req)
        if not self._ignore_cancel:
            result = await req.future
        else:
            try:
                result = await asyncio.shield(req.future)
            except asyncio.CancelledError:
                result = await req.future
        req.handed_over.set_result(None)
        return result

    def release(self) -> None:
        """End every request still waiting for the test (at teardown): each waiting caller
        sees a cancellation, so no task is left awaiting a page that will never come."""
        for req in self.requests:
            if not req.future.done():
                req.future.cancel()

    async def next_request(self) -> Request:
        return await asyncio.wait_for(self._queue.get(), WAIT)

    @property
    def pending(self) -> int:
        """Requests made but not yet taken by ``next_request``."""
        return self._queue.qsize()


def emitted(signal: SignalInstance) -> asyncio.Future[tuple[Any, ...]]:
    """A future resolved with the arguments of ``signal``'s next emission."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def slot(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(slot)
    future.add_done_callback(lambda _: signal.disconnect(slot))
    return future
