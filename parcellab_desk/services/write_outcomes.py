"""Writes whose answer may not tell the truth: send, and when in doubt look before saying.

A POST or PUT that timed out, lost its connection or got a 502/503/504 from a gateway may
still have been applied by the service (``ParcelLabError.may_have_been_applied``). So
before anything is reported, and before anything is sent again, the order is looked up:

- the lookup shows the write (every field it set, every tracking it added, every cancel):
  **saved**, with the order as found;
- the lookup cannot tell (nothing found, the order without the change, the lookup failed):
  **unknown**. Right after a timeout reads can lag behind writes, so "not found" proves
  nothing; the caller offers to check again, and ``send_again`` looks once more before it
  re-sends. A POST is never sent twice without a lookup in between.

Only a failure that proves nothing was written (the connection could not be opened, a 4xx,
a plain 500) is **not saved**.

``OrderWrites`` is the API (the editor and the bulk job runner use it): ``send`` (one
write), ``check`` (lookup only), ``send_again`` (lookup, then send if still not there),
``create`` (POST the fields, then PUT the trackings, as the service needs). Deadlines: one
for the sending part of a save (``save_deadline``, POST and PUT together), one for the
lookup after it (``check_deadline``); so no save hangs longer than their sum before the
agent has an answer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final, Protocol

from parcellab_desk.api.errors import (
    NotFoundError,
    ParcelLabError,
    RequestTimeoutError,
    ValidationError,
    WriteNotVisibleError,
)
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.payload import Mutation, identity_of, missing_trackings, same_value
from parcellab_desk.api.schema import (
    CANCELLED_ORDER_STATUS,
    ORDER_FIELD,
    TRACKING_FIELD,
    ErrorCode,
    FieldSpec,
    MutationType,
)

__all__ = [
    "CHECK_DEADLINE",
    "SAVE_DEADLINE",
    "NewOrderResult",
    "OrderWrites",
    "Outcome",
    "WriteIntent",
    "WriteOutcomeUnknownError",
    "WriteResult",
    "write_landed",
]

SAVE_DEADLINE: Final = 30.0
"""Seconds for the sending part of one save (POST and the PUT after it, retries included)."""
CHECK_DEADLINE: Final = 10.0
"""Seconds for the lookup that settles a write whose answer was lost."""

_IDENTITY: Final = frozenset({"external_id", "account", "order_number", "mutations"})


class Outcome(StrEnum):
    SAVED = "saved"  # the service answered it, or a lookup shows it
    NOT_SAVED = "not_saved"  # proven not applied: refused, or it never left this computer
    UNKNOWN = "unknown"  # it may have landed: look again before sending again


@dataclass(frozen=True, slots=True)
class WriteIntent:
    """One write as sent: enough to recognise it in a lookup and to send it again."""

    method: str  # "POST" or "PUT"
    body: Mapping[str, Any]  # JSON form, as sent

    @classmethod
    def post(cls, body: Mapping[str, Any]) -> WriteIntent:
        return cls("POST", {k: v for k, v in body.items() if k != "mutations"})

    @classmethod
    def put(cls, body: Mapping[str, Any]) -> WriteIntent:
        return cls("PUT", dict(body))

    @property
    def order_label(self) -> str:
        number = self.body.get("order_number")
        return f"order {number}" if number else f"order {self.body.get('external_id', '?')}"


def _shows(
    model: Order | Tracking,
    sent: Mapping[str, Any],
    specs: Mapping[str, FieldSpec],
    skip: Container[str] = (),
) -> bool:
    """Every field ``sent`` holds has that value in ``model`` ("" and absent both empty)."""
    extras = model.model_extra or {}
    for name, value in sent.items():
        spec = specs.get(name)
        if name in skip or (spec is not None and spec.read_only):
            continue
        current = getattr(model, name) if spec is not None else extras.get(name)
        if not same_value(spec, current, value):
            return False
    return True


def write_landed(intent: WriteIntent, order: Order) -> bool:
    """Whether ``order`` (as looked up) shows everything ``intent`` asked for."""
    # With an external_id, an order_number in the body is an edit of that field.
    identity = _IDENTITY - {"order_number"} if "external_id" in intent.body else _IDENTITY
    if not _shows(order, intent.body, ORDER_FIELD, identity):
        return False
    if intent.method == "POST":
        return order.account == intent.body.get("account") and (
            order.order_number == intent.body.get("order_number")
        )
    for mutation in intent.body.get("mutations") or ():
        kind = mutation.get("type")
        if kind == MutationType.ADD_TRACKING:
            sent = mutation.get("tracking") or {}
            found = order.find_tracking(str(sent.get("courier")), str(sent.get("tracking_number")))
            if found is None or not _shows(found, sent, TRACKING_FIELD):
                return False
        elif kind == MutationType.CANCEL_TRACKING:
            found = order.find_tracking(
                str(mutation.get("courier")), str(mutation.get("tracking_number"))
            )
            if found is None or not found.is_cancelled:
                return False
        elif kind == MutationType.CANCEL_ORDER and not (
            order.is_cancelled and order.order_status == CANCELLED_ORDER_STATUS
        ):
            return False
    return True


@dataclass(frozen=True, slots=True)
class WriteResult:
    """How one write ended. ``order``: the saved order (SAVED) or what a lookup found
    (UNKNOWN, may be None). ``error``: why it is not SAVED. ``looked_up``: a lookup settled
    or tried to settle it. ``finished_at``: ``time.monotonic()`` when this was known."""

    outcome: Outcome
    intent: WriteIntent
    order: Order | None = None
    error: ParcelLabError | None = None
    looked_up: bool = False
    finished_at: float = field(default_factory=time.monotonic)

    @property
    def saved(self) -> bool:
        return self.outcome is Outcome.SAVED


class WriteOutcomeUnknownError(ParcelLabError):
    """A write may or may not have landed, and a lookup could not tell. Look again before
    anything is sent again (``OrderWrites.check`` / ``send_again``)."""

    may_have_been_applied = True

    def __init__(self, result: WriteResult):
        cause = result.error
        super().__init__(
            f"It is not known whether the {result.intent.method} of {result.intent.order_label} "
            f"was applied ({cause.message if cause else 'no answer'}); look it up before "
            "sending it again.",
            method=result.intent.method,
            path=cause.path if cause else None,
        )
        self.result = result
        self.cause = cause


@dataclass(frozen=True, slots=True)
class NewOrderResult:
    """A new order's save: the POST, and the PUT of its trackings when it had any."""

    order_write: WriteResult
    trackings_write: WriteResult | None = None
    mutations: tuple[Mutation, ...] = ()

    @property
    def order(self) -> Order | None:
        """The order as last known (with its trackings once they were saved)."""
        if self.trackings_write is not None and self.trackings_write.order is not None:
            return self.trackings_write.order
        return self.order_write.order

    @property
    def created(self) -> bool:
        return self.order_write.saved

    @property
    def outcome(self) -> Outcome:
        if not self.order_write.saved:
            return self.order_write.outcome
        if self.trackings_write is None:
            return Outcome.SAVED
        return self.trackings_write.outcome


class OrderClient(Protocol):
    """What ``OrderWrites`` needs of the API client (``ParcelLabClient`` is one)."""

    async def post_order(self, order: Mapping[str, Any]) -> Order: ...

    async def put_order(self, body: Mapping[str, Any]) -> Order: ...

    async def get_order(self, unique_id: str) -> Order: ...

    async def find_order(self, account: int, order_number: str) -> Order | None: ...


class OrderWrites:
    """Sends writes and settles the ones whose answer was lost (see the module doc)."""

    def __init__(
        self,
        client: OrderClient,
        *,
        save_deadline: float = SAVE_DEADLINE,
        check_deadline: float = CHECK_DEADLINE,
    ) -> None:
        self._client = client
        self.save_deadline = save_deadline
        self.check_deadline = check_deadline

    @property
    def longest_wait(self) -> float:
        """The longest a save can take before its outcome is known or declared unknown."""
        return self.save_deadline + self.check_deadline

    # -- one write ---------------------------------------------------------------------

    async def send(self, intent: WriteIntent, *, deadline_at: float | None = None) -> WriteResult:
        """Send ``intent`` once; when the answer is lost, look it up before reporting."""
        loop = asyncio.get_running_loop()
        when = deadline_at if deadline_at is not None else loop.time() + self.save_deadline
        try:
            async with asyncio.timeout_at(when):
                if intent.method == "POST":
                    order = await self._client.post_order(intent.body)
                else:
                    order = await self._client.put_order(intent.body)
        except TimeoutError:
            lost: ParcelLabError = RequestTimeoutError(
                f"No answer to the {intent.method} within the save's deadline.",
                deadline=self.save_deadline,
                method=intent.method,
            )
            return await self.check(intent, cause=lost)
        except ValidationError as exc:
            if intent.method == "POST" and _is_duplicate(exc):
                # Already there: ours (an earlier try that did land) or someone else's.
                return await self.check(intent, cause=exc, settled_if_absent=True)
            return WriteResult(Outcome.NOT_SAVED, intent, error=exc)
        except ParcelLabError as exc:
            if exc.may_have_been_applied:
                return await self.check(intent, cause=exc)
            return WriteResult(Outcome.NOT_SAVED, intent, error=exc)
        missing = missing_trackings(order, intent.body)
        if missing:
            # Accepted, yet not there: say so (sending add_tracking again is harmless).
            return WriteResult(
                Outcome.NOT_SAVED,
                intent,
                order=order,
                error=WriteNotVisibleError(
                    f"The order the service returned lacks {', '.join(missing)}.",
                    missing=missing,
                    method=intent.method,
                ),
            )
        return WriteResult(Outcome.SAVED, intent, order=order)

    async def check(
        self,
        intent: WriteIntent,
        *,
        cause: ParcelLabError | None = None,
        settled_if_absent: bool = False,
    ) -> WriteResult:
        """Look the order up: SAVED when it shows the write, else UNKNOWN (``cause`` kept).

        ``settled_if_absent``: a write that cannot have landed unnoticed (the service
        refused it as a duplicate) is NOT_SAVED when the order does not show it."""
        try:
            async with asyncio.timeout(self.check_deadline):
                found = await self._lookup(intent)
        except (ParcelLabError, TimeoutError):
            return WriteResult(Outcome.UNKNOWN, intent, error=cause, looked_up=False)
        if found is not None and write_landed(intent, found):
            return WriteResult(Outcome.SAVED, intent, order=found, looked_up=True)
        outcome = Outcome.NOT_SAVED if settled_if_absent else Outcome.UNKNOWN
        return WriteResult(outcome, intent, order=found, error=cause, looked_up=True)

    async def send_again(self, intent: WriteIntent) -> WriteResult:
        """After an unknown outcome: look first; send only when the write is still absent."""
        checked = await self.check(intent)
        if checked.saved or not checked.looked_up:
            return checked
        return await self.send(intent)

    async def _lookup(self, intent: WriteIntent) -> Order | None:
        body = intent.body
        external_id = body.get("external_id")
        if external_id:
            try:
                return await self._client.get_order(str(external_id))
            except NotFoundError:
                return None
        account, number = body.get("account"), body.get("order_number")
        if not isinstance(account, int) or not isinstance(number, str):
            return None
        return await self._client.find_order(account, number)

    # -- a new order ---------------------------------------------------------------------

    async def create(
        self, fields: Mapping[str, Any], mutations: Sequence[Mutation] = ()
    ) -> NewOrderResult:
        """POST the order's fields, then (once it surely exists) PUT its ``add_tracking``
        mutations, both within one ``save_deadline``."""
        deadline_at = asyncio.get_running_loop().time() + self.save_deadline
        posted = await self.send(WriteIntent.post(fields), deadline_at=deadline_at)
        return await self.add_after_create(posted, mutations, deadline_at=deadline_at)

    async def add_after_create(
        self,
        posted: WriteResult,
        mutations: Sequence[Mutation],
        *,
        deadline_at: float | None = None,
    ) -> NewOrderResult:
        """The PUT that follows a POST: only once the order surely exists."""
        if not posted.saved or not mutations or posted.order is None:
            return NewOrderResult(posted, None, tuple(mutations))
        put = await self.send(
            self.mutations_intent(posted.order, mutations), deadline_at=deadline_at
        )
        return NewOrderResult(posted, put, tuple(mutations))

    @staticmethod
    def mutations_intent(order: Order, mutations: Sequence[Mutation]) -> WriteIntent:
        return WriteIntent.put(
            {**identity_of(order), "mutations": [m.to_json() for m in mutations]}
        )


def _is_duplicate(error: ValidationError) -> bool:
    return any(
        e.code == ErrorCode.UNIQUE and (e.attr or "") in ("order_number", "non_field_errors")
        for e in error.errors
    )
