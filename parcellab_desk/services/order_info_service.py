"""Order-info answers kept for a minute and shared, and the rate limit respected.

The order-info lookup allows 100 requests a minute per account, and that budget belongs to the
whole team working on the account. So every order-info request of the console goes through one
``OrderInfoService``:

- an answer (found or not found) is kept for ``ttl`` seconds (a minute) under its query, and a
  found order also under its account + order number, so the search and the parcel timeline
  share it: opening the order a search just found costs no second request;
- two identical requests in flight at once become one;
- after a 429 no request goes to that account until the ``Retry-After`` has passed (60 s when
  the service did not say); callers get ``RateLimitedError`` at once with the seconds left,
  so the console can say when to try again instead of retrying in a loop. A lookup across every
  account (by tracking number without an account) is held back under its own key.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import NotFoundError, RateLimitedError
from parcellab_desk.api.models import Order
from parcellab_desk.api.order_info import OrderInfo, OrderInfoQuery
from parcellab_desk.api.schema import ORDER_INFO_PATH

__all__ = ["DEFAULT_TTL_S", "OrderInfoService"]

DEFAULT_TTL_S: Final = 60.0
DEFAULT_RETRY_AFTER_S: Final = 60.0
_EVERY_ACCOUNT: Final = -1  # the budget key of a lookup that names no account


@dataclass(frozen=True, slots=True)
class _Kept:
    info: OrderInfo | None  # None: the service answered 404
    until: float


class OrderInfoService:
    """The console's one way to the order-info lookup (per client, so per profile)."""

    def __init__(
        self,
        client: ParcelLabClient,
        *,
        ttl: float = DEFAULT_TTL_S,
        clock: Callable[[], float] = time.monotonic,
        lang: str | None = None,
    ) -> None:
        """``lang`` (e.g. ``de``) asks for the couriers' texts in the agent's language."""
        self._client = client
        self._lang = lang
        self._ttl = ttl
        self._clock = clock
        self._answers: dict[object, _Kept] = {}
        self._in_flight: dict[OrderInfoQuery, asyncio.Future[OrderInfo]] = {}
        self._resting_until: dict[int, float] = {}
        self.requests_sent = 0  # for the benchmark and tests: what the team's budget paid

    # -- the rate limit -------------------------------------------------------------------

    def _budget_key(self, query: OrderInfoQuery) -> int:
        return query.account if query.account is not None else _EVERY_ACCOUNT

    def resting_for(self, account: int | None) -> float | None:
        """Seconds until order info may be asked again for ``account`` (None: every account),
        or None when it may be asked now."""
        key = account if account is not None else _EVERY_ACCOUNT
        until = self._resting_until.get(key)
        now = self._clock()
        if until is None or until <= now:
            return None
        return until - now

    # -- lookups ------------------------------------------------------------------------------

    def cached(self, query: OrderInfoQuery) -> OrderInfo | None:
        """The kept answer to ``query``, if one is fresh (a kept 404 reads as None too)."""
        kept = self._fresh(query)
        return kept.info if kept is not None else None

    def cached_for(self, order: Order) -> OrderInfo | None:
        """A fresh answer about ``order`` from any earlier lookup that found it."""
        if order.account is None or not order.order_number:
            return None
        kept = self._fresh(("order", order.account, order.order_number))
        return kept.info if kept is not None else None

    async def lookup(self, query: OrderInfoQuery) -> OrderInfo:
        """The answer to ``query``: kept, shared with a request in flight, or asked for.

        Raises ``NotFoundError``, ``RateLimitedError`` (also without asking, while the
        account rests) and any other ``ParcelLabError``."""
        kept = self._fresh(query)
        if kept is not None:
            if kept.info is None:
                raise _not_found()
            return kept.info
        pending = self._in_flight.get(query)
        if pending is not None:
            return await asyncio.shield(pending)
        resting = self.resting_for(query.account)
        if resting is None and query.account is not None:
            resting = self.resting_for(None)
        if resting is not None:
            raise RateLimitedError(
                "The order-info lookup is resting after the rate limit was reached.",
                retry_after=resting,
                status_code=None,
                method="GET",
                path=ORDER_INFO_PATH,
            )
        future: asyncio.Future[OrderInfo] = asyncio.get_running_loop().create_future()
        self._in_flight[query] = future
        try:
            info = await self._ask(query)
        except BaseException as exc:
            if not future.done():
                if isinstance(exc, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(exc)
                    future.exception()  # read here, so an unshared failure is not "never retrieved"
            raise
        else:
            future.set_result(info)
            return info
        finally:
            self._in_flight.pop(query, None)

    async def for_order(self, order: Order) -> OrderInfo:
        """The parcels of ``order`` (by its account and order number)."""
        kept = self.cached_for(order)
        if kept is not None:
            return kept
        if order.account is None or not order.order_number:
            raise ValueError("an order without account or order number has no order info")
        query = OrderInfoQuery.order_number(order.account, order.order_number)
        return await self.lookup(query)

    def remember(self, order: Order, info: OrderInfo) -> None:
        """``info`` is about ``order``: keep it under the order too (e.g. after a lookup by
        tracking number, whose answer does not name the account)."""
        if order.account is not None and order.order_number:
            until = self._clock() + self._ttl
            self._answers[("order", order.account, order.order_number)] = _Kept(info, until)

    def forget(self) -> None:
        self._answers.clear()

    # -- internals ---------------------------------------------------------------------------

    def _fresh(self, key: object) -> _Kept | None:
        kept = self._answers.get(key)
        if kept is None:
            return None
        if kept.until <= self._clock():
            del self._answers[key]
            return None
        return kept

    async def _ask(self, query: OrderInfoQuery) -> OrderInfo:
        self.requests_sent += 1
        until = self._clock() + self._ttl
        sent = query if query.lang or not self._lang else query.with_options(lang=self._lang)
        try:
            info = await self._client.order_info.lookup(sent)
        except NotFoundError:
            self._answers[query] = _Kept(None, until)
            raise
        except RateLimitedError as exc:
            wait = exc.retry_after if exc.retry_after is not None else DEFAULT_RETRY_AFTER_S
            self._resting_until[self._budget_key(query)] = self._clock() + wait
            raise
        self._answers[query] = _Kept(info, until)
        if info.account is not None and info.order_number:
            self._answers[("order", info.account, info.order_number)] = _Kept(info, until)
        return info


def _not_found() -> NotFoundError:
    return NotFoundError(
        "No order matches this lookup.", status_code=404, method="GET", path=ORDER_INFO_PATH
    )
