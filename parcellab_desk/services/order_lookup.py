"""Find the order from whatever the customer wrote: Found, Several or NotFound, and how.

``OrderLookupService.search(text)`` classifies the text (``search_input``) and tries the
lookups that can match it, at once:

- free lookups (the orders API, no published limit): the order number or external id
  (``GET /v4/track/orders/{id}/``, each spelling: ``#1001`` and ``1001``), and the external
  reference (``?external_reference=``);
- the order-info lookup (100 a minute per account, shared by the team) only where it is the
  one way to find the order: an e-mail (per account), a tracking number in a courier's format
  (per courier that uses the format), and, only when nothing else matched, a customer number
  (per account) or a tracking number in a plain format that order numbers share.

Order-info answers name the order; the order itself (for the editor) is then read from the
orders API, and the answer is kept with ``OrderInfoService`` so the parcel timeline needs no
second request. Several matches come back with how each matched; none with what was tried,
what could not be tried (rate limit, failures) and the order numbers of this session that
start with or contain the text (the lookups match whole values only).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    NotFoundError,
    ParcelLabError,
    RateLimitedError,
)
from parcellab_desk.api.models import Order
from parcellab_desk.api.order_info import OrderInfo, OrderInfoQuery
from parcellab_desk.api.schema import OrderInfoMode
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.search_input import InputKind, SearchInput, classify
from parcellab_desk.services.translation_marks import QT_TRANSLATE_NOOP

__all__ = [
    "MATCH_LABELS",
    "Attempt",
    "AttemptOutcome",
    "Found",
    "LookupResult",
    "Match",
    "MatchKind",
    "NotFound",
    "OrderLookupService",
    "Several",
]

log = logging.getLogger(__name__)

_REFERENCE_PAGE: Final = 20
_CUSTOMER_NUMBER_MAX: Final = 64


class MatchKind(StrEnum):
    """What of the order matched the agent's text."""

    ORDER_NUMBER = "order_number"
    EXTERNAL_ID = "external_id"
    EXTERNAL_REFERENCE = "external_reference"
    TRACKING_NUMBER = "tracking_number"
    RECIPIENT_EMAIL = "recipient_email"
    CUSTOMER_NUMBER = "customer_number"


MATCH_LABELS: Final[dict[MatchKind, str]] = {
    MatchKind.ORDER_NUMBER: QT_TRANSLATE_NOOP("OrderLookup", "order number"),
    MatchKind.EXTERNAL_ID: QT_TRANSLATE_NOOP("OrderLookup", "external id"),
    MatchKind.EXTERNAL_REFERENCE: QT_TRANSLATE_NOOP("OrderLookup", "external reference"),
    MatchKind.TRACKING_NUMBER: QT_TRANSLATE_NOOP("OrderLookup", "tracking number"),
    MatchKind.RECIPIENT_EMAIL: QT_TRANSLATE_NOOP("OrderLookup", "recipient e-mail"),
    MatchKind.CUSTOMER_NUMBER: QT_TRANSLATE_NOOP("OrderLookup", "customer number"),
}
"""How a match is named to the agent (source strings of the ``OrderLookup`` context)."""

_INFO_MATCHES: Final = {
    OrderInfoMode.ORDER_NUMBER: MatchKind.ORDER_NUMBER,
    OrderInfoMode.EXTERNAL_ID: MatchKind.EXTERNAL_ID,
    OrderInfoMode.EXTERNAL_REFERENCE: MatchKind.EXTERNAL_REFERENCE,
    OrderInfoMode.TRACKING_NUMBER: MatchKind.TRACKING_NUMBER,
    OrderInfoMode.RECIPIENT_EMAIL: MatchKind.RECIPIENT_EMAIL,
    OrderInfoMode.CUSTOMER_NUMBER: MatchKind.CUSTOMER_NUMBER,
}


@dataclass(frozen=True, slots=True)
class Match:
    """One order found, and how. ``newest_only``: the order-info lookup answers with the
    newest order of the account, so older ones with the same e-mail or customer number may
    exist."""

    kind: MatchKind
    value: str
    order: Order
    info: OrderInfo | None = None
    newest_only: bool = False

    @property
    def key(self) -> tuple[int | None, str | None]:
        return (self.order.account, self.order.external_id or self.order.order_number)


class AttemptOutcome(StrEnum):
    FOUND = "found"
    NOTHING = "nothing"
    RESTING = "resting"  # not sent: the account's order-info budget is spent for now
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One lookup tried (or held back), for the sentence that says what was tried."""

    kind: MatchKind
    value: str
    outcome: AttemptOutcome
    account: int | None = None
    courier: str | None = None
    error: ParcelLabError | None = None
    retry_after: float | None = None


@dataclass(frozen=True, slots=True)
class Found:
    match: Match
    attempts: tuple[Attempt, ...] = ()

    @property
    def order(self) -> Order:
        return self.match.order


@dataclass(frozen=True, slots=True)
class Several:
    matches: tuple[Match, ...]
    attempts: tuple[Attempt, ...] = ()


@dataclass(frozen=True, slots=True)
class NotFound:
    search: SearchInput
    attempts: tuple[Attempt, ...] = ()
    suggestions: tuple[str, ...] = ()  # order numbers of this session like the text

    @property
    def failures(self) -> tuple[Attempt, ...]:
        return tuple(a for a in self.attempts if a.outcome is AttemptOutcome.FAILED)

    @property
    def resting(self) -> tuple[Attempt, ...]:
        return tuple(a for a in self.attempts if a.outcome is AttemptOutcome.RESTING)


LookupResult = Found | Several | NotFound


@dataclass(slots=True)
class _Run:
    """One search's matches and attempts as they come in."""

    matches: list[Match] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)

    def add(self, match: Match) -> None:
        if all(m.key != match.key for m in self.matches):
            self.matches.append(match)


Step = Callable[[_Run], Coroutine[Any, Any, None]]


class OrderLookupService:
    """Search orders for one profile's client.

    ``accounts`` gives the accounts to look in for the modes that need one (the profile's, or
    those of the orders loaded); ``suggest`` gives this session's order numbers like a text."""

    def __init__(
        self,
        client: ParcelLabClient,
        order_info: OrderInfoService,
        *,
        accounts: Callable[[], Sequence[int]] = tuple,
        suggest: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self._client = client
        self._info = order_info
        self._accounts = accounts
        self._suggest = suggest

    @property
    def order_info(self) -> OrderInfoService:
        return self._info

    async def search(self, text: str) -> LookupResult:
        """Every plausible lookup for ``text``; cancelling it cancels them all."""
        search = classify(text)
        run = _Run()
        if search.kind is InputKind.EMPTY:
            return NotFound(search)
        first, fallback = self._plan(search)
        await self._run(run, first)
        if not run.matches and fallback:
            await self._run(run, fallback)
        attempts = tuple(run.attempts)
        if len(run.matches) == 1:
            return Found(run.matches[0], attempts)
        if run.matches:
            return Several(tuple(run.matches), attempts)
        suggestions = tuple(self._suggest(search.text)) if self._suggest is not None else ()
        return NotFound(search, attempts, suggestions)

    # -- what to try ----------------------------------------------------------------------

    def _plan(self, search: SearchInput) -> tuple[list[Step], list[Step]]:
        """(tried at once, tried only when those found nothing)."""
        accounts = tuple(self._accounts())
        if search.kind is InputKind.EMAIL:
            return [
                self._by_info(OrderInfoQuery.recipient_email(a, search.text)) for a in accounts
            ], []
        free: list[Step] = [self._by_id(v) for v in search.variants]
        free.append(self._by_reference(search.variants[:2], accounts))
        if search.kind is InputKind.EXTERNAL_ID:
            return free, []
        tracking = [
            self._by_info(OrderInfoQuery.tracking_number(search.text, courier))
            for courier in search.couriers
        ]
        customers = (
            [self._by_info(OrderInfoQuery.customer_number(a, search.text)) for a in accounts]
            if _may_be_customer_number(search.text)
            else []
        )
        if search.kind is InputKind.TRACKING_NUMBER and search.distinctive:
            return free + tracking, customers
        return free, tracking + customers

    async def _run(self, run: _Run, steps: Sequence[Step]) -> None:
        async with asyncio.TaskGroup() as group:  # one failing bug cancels the rest
            for step in steps:
                group.create_task(step(run))

    # -- the free lookups -----------------------------------------------------------------

    def _by_id(self, value: str) -> Step:
        async def step(run: _Run) -> None:
            kind = MatchKind.EXTERNAL_ID if _looks_like_uuid(value) else MatchKind.ORDER_NUMBER
            try:
                order = await self._client.get_order(value)
            except AmbiguousOrderError as exc:
                run.attempts.append(Attempt(MatchKind.ORDER_NUMBER, value, AttemptOutcome.FOUND))
                for candidate in exc.candidates:
                    run.add(Match(MatchKind.ORDER_NUMBER, value, candidate))
                return
            except NotFoundError:
                run.attempts.append(Attempt(kind, value, AttemptOutcome.NOTHING))
                return
            except ParcelLabError as exc:
                run.attempts.append(Attempt(kind, value, AttemptOutcome.FAILED, error=exc))
                return
            if order.external_id and order.external_id.lower() == value.lower():
                kind = MatchKind.EXTERNAL_ID
            else:
                kind = MatchKind.ORDER_NUMBER
            run.attempts.append(Attempt(kind, value, AttemptOutcome.FOUND))
            run.add(Match(kind, value, order))

        return step

    def _by_reference(self, values: Sequence[str], accounts: Sequence[int]) -> Step:
        async def one(run: _Run, value: str) -> None:
            try:
                page = await self._client.list_orders(
                    accounts=accounts, external_reference=value, page_size=_REFERENCE_PAGE
                )
            except ParcelLabError as exc:
                run.attempts.append(
                    Attempt(MatchKind.EXTERNAL_REFERENCE, value, AttemptOutcome.FAILED, error=exc)
                )
                return
            found = [o for o in page.orders if o.external_reference == value]
            outcome = AttemptOutcome.FOUND if found else AttemptOutcome.NOTHING
            run.attempts.append(Attempt(MatchKind.EXTERNAL_REFERENCE, value, outcome))
            for order in found:
                run.add(Match(MatchKind.EXTERNAL_REFERENCE, value, order))

        async def step(run: _Run) -> None:
            await asyncio.gather(*(one(run, v) for v in dict.fromkeys(values) if v))

        return step

    # -- the order-info lookup ---------------------------------------------------------------

    def _by_info(self, query: OrderInfoQuery) -> Step:
        kind = _INFO_MATCHES[query.mode]

        def attempt(
            outcome: AttemptOutcome,
            error: ParcelLabError | None = None,
            retry_after: float | None = None,
        ) -> Attempt:
            return Attempt(
                kind, query.value, outcome, query.account, query.courier, error, retry_after
            )

        async def step(run: _Run) -> None:
            try:
                info = await self._info.lookup(query)
            except NotFoundError:
                run.attempts.append(attempt(AttemptOutcome.NOTHING))
                return
            except RateLimitedError as exc:
                run.attempts.append(attempt(AttemptOutcome.RESTING, exc, exc.retry_after))
                return
            except ParcelLabError as exc:
                run.attempts.append(attempt(AttemptOutcome.FAILED, exc))
                return
            try:
                order = await self._order_of(info, query)
            except ParcelLabError as exc:
                run.attempts.append(attempt(AttemptOutcome.FAILED, exc))
                return
            if order is None:  # the lookups disagree (e.g. the order was just renumbered)
                log.info("order info named an order the orders API does not have")
                run.attempts.append(attempt(AttemptOutcome.NOTHING))
                return
            self._info.remember(order, info)
            run.attempts.append(attempt(AttemptOutcome.FOUND))
            newest_only = kind in (MatchKind.RECIPIENT_EMAIL, MatchKind.CUSTOMER_NUMBER)
            run.add(Match(kind, query.value, order, info, newest_only))

        return step

    async def _order_of(self, info: OrderInfo, query: OrderInfoQuery) -> Order | None:
        """The full order an order-info answer names."""
        number = info.order_number
        if not number:
            return None
        if info.account is not None:
            return await self._client.find_order(info.account, number)
        try:
            return await self._client.get_order(number)
        except NotFoundError:
            return None
        except AmbiguousOrderError as exc:
            # the same number in several accounts: the one holding the parcel
            for candidate in exc.candidates:
                if query.courier and candidate.find_tracking(query.courier, query.value):
                    return candidate
            return None


def _looks_like_uuid(value: str) -> bool:
    return len(value) == 36 and value.count("-") == 4


def _may_be_customer_number(text: str) -> bool:
    """Worth a rate-limited lookup: one token with a digit, not too short or long."""
    return (
        3 <= len(text) <= _CUSTOMER_NUMBER_MAX
        and any(c.isdigit() for c in text)
        and not any(c.isspace() for c in text)
    )
