"""What each kind of bulk job writes to one order, decided from the order as it is now.

Every row starts from a fresh lookup of its order, and ``decide`` turns that order into one
of three answers: a PUT body to send, "it already holds" (the order already is as the job
wants it), or "it cannot take this" (skipped, with the reason). Because the decision is made
from the server's current state, the same function is the unknown-outcome rule: after a
write whose answer was lost, the order is looked up and decided again; if the change is
there it is not sent again, and if not, the PUT (idempotent) is sent again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parcellab_desk.api.models import Order
from parcellab_desk.api.payload import (
    AddTracking,
    CancelOrder,
    CancelTracking,
    Mutation,
    build_patch,
    identity_of,
    tracking_changes,
)
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.api.validation import parse_datetime
from parcellab_desk.services.job_plan import JobKind, JobRow
from parcellab_desk.wording import translate

__all__ = ["Decision", "decide", "params_for_cancel", "params_for_tags"]


@dataclass(frozen=True, slots=True)
class Decision:
    """``body`` to send, or why nothing is sent (``holds``: already as wanted)."""

    body: dict[str, Any] | None = None
    reason: str = ""
    holds: bool = False

    @classmethod
    def send(cls, body: dict[str, Any]) -> Decision:
        return cls(body=body)

    @classmethod
    def already(cls, reason: str) -> Decision:
        return cls(reason=reason, holds=True)

    @classmethod
    def skip(cls, reason: str) -> Decision:
        return cls(reason=reason)


def params_for_tags(tags: Sequence[str]) -> dict[str, Any]:
    return {"tags": [t.strip() for t in tags if t.strip()]}


def params_for_cancel(
    reason: CancelReason, cancelled_date: datetime | None = None, courier: str | None = None
) -> dict[str, Any]:
    params: dict[str, Any] = {"reason": CancelReason(reason).value}
    if cancelled_date is not None:
        params["date"] = cancelled_date.isoformat()
    if courier is not None:
        params["courier"] = courier
    return params


def decide(kind: JobKind, params: Mapping[str, Any], row: JobRow, order: Order) -> Decision:
    """What to do to ``order`` (as just read) for ``row`` of a job of ``kind``."""
    match kind:
        case JobKind.ADD_TAGS:
            return _add_tags(order, params["tags"])
        case JobKind.REMOVE_TAGS:
            return _remove_tags(order, params["tags"])
        case JobKind.CANCEL_ORDERS:
            return _cancel_order(order, params)
        case JobKind.CANCEL_TRACKINGS:
            return _cancel_trackings(order, params)
        case JobKind.IMPORT_TRACKINGS:
            return _import_trackings(order, row.items)
        case JobKind.UPDATE_ORDERS:
            return _update_fields(order, row.items)


def _with_mutations(order: Order, mutations: Sequence[Mutation]) -> dict[str, Any]:
    return {**identity_of(order), "mutations": [m.to_json() for m in mutations]}


def _add_tags(order: Order, tags: Sequence[str]) -> Decision:
    missing = [t for t in dict.fromkeys(tags) if t not in order.tags]
    if not missing:
        return Decision.already(translate("Jobs", "already has the tags"))
    return Decision.send({**identity_of(order), "tags": [*order.tags, *missing]})


def _remove_tags(order: Order, tags: Sequence[str]) -> Decision:
    unwanted = set(tags)
    kept = [t for t in order.tags if t not in unwanted]
    if len(kept) == len(order.tags):
        return Decision.already(translate("Jobs", "has none of the tags"))
    return Decision.send({**identity_of(order), "tags": kept})


def _date(params: Mapping[str, Any]) -> datetime | None:
    text = params.get("date")
    return parse_datetime(text) if text else None


def _cancel_order(order: Order, params: Mapping[str, Any]) -> Decision:
    if order.is_cancelled:
        reason = (
            order.cancelled_reason.label
            if order.cancelled_reason
            else translate("Jobs", "no reason")
        )
        return Decision.already(
            translate("Jobs", "already cancelled ({reason})").format(reason=reason)
        )
    mutation = CancelOrder(CancelReason(params["reason"]), _date(params))
    return Decision.send(_with_mutations(order, [mutation]))


def _cancel_trackings(order: Order, params: Mapping[str, Any]) -> Decision:
    courier = str(params["courier"])
    of_courier = [t for t in order.trackings if t.courier == courier and t.tracking_number]
    if not of_courier:
        return Decision.skip(
            translate("Jobs", "has no tracking of {courier}").format(courier=courier)
        )
    open_ones = [t for t in of_courier if not t.is_cancelled]
    if not open_ones:
        return Decision.already(
            translate("Jobs", "its {courier} trackings are already cancelled").format(
                courier=courier
            )
        )
    reason, when = CancelReason(params["reason"]), _date(params)
    mutations = [CancelTracking(courier, t.tracking_number or "", reason, when) for t in open_ones]
    return Decision.send(_with_mutations(order, mutations))


def _import_trackings(order: Order, items: Sequence[Mapping[str, Any]]) -> Decision:
    if order.is_cancelled:
        return Decision.skip(translate("Jobs", "the order is cancelled"))
    mutations: list[Mutation] = []
    for item in items:
        existing = order.find_tracking(str(item["courier"]), str(item["tracking_number"]))
        if existing is None:
            mutations.append(AddTracking(item))
            continue
        change = tracking_changes(existing, item)
        if change is not None:
            mutations.append(change)
    if not mutations:
        return Decision.already(translate("Jobs", "already has these trackings"))
    return Decision.send(_with_mutations(order, mutations))


def _update_fields(order: Order, items: Sequence[Mapping[str, Any]]) -> Decision:
    values: dict[str, Any] = {}
    for item in items:
        values.update(item)  # a later line of the sheet wins
    patch = build_patch(order, values)
    if patch.is_empty:
        return Decision.already(translate("Jobs", "already has these values"))
    return Decision.send(patch.body)
