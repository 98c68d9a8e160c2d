"""Edits made meanwhile by someone else: found before a PUT, never overwritten unasked.

The draft remembers the order as it was when the agent opened it (``OrderDraft.original``).
Before a PUT the editing service reads the order again (one GET) and compares three
versions of every field: as opened (*base*), as the agent has it (*mine*) and as the
service has it now (*theirs*):

- the agent changed it and the service did not: sent, as always;
- the service changed it and the agent did not: taken in (shown, never overwritten; a PUT
  sends only the agent's fields anyway);
- both changed it, to different values: a **conflict**. The agent sees both values side by
  side and keeps theirs or takes the service's, per field. Both changed it to the same
  value: nothing to decide.

Trackings the agent edits are compared field by field the same way. No conflict, no dialog,
no extra click.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from parcellab_desk.api.errors import ParcelLabError
from parcellab_desk.api.models import Order
from parcellab_desk.api.payload import same_value, to_json_value
from parcellab_desk.api.schema import ORDER_FIELD, TRACKING_FIELD
from parcellab_desk.wording import translate

__all__ = [
    "Choice",
    "ConflictResolver",
    "ConflictUnresolvedError",
    "FieldConflict",
    "Reconciliation",
    "reconcile",
]

TrackingKey = tuple[str, str]


class Choice(StrEnum):
    MINE = "mine"  # keep the agent's value (sent with the save)
    THEIRS = "theirs"  # take the service's value (the agent's edit is dropped)


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both sides changed: values in JSON form. ``tracking`` names the tracking
    for a tracking field (None for an order field)."""

    name: str
    base: Any
    mine: Any
    theirs: Any
    tracking: TrackingKey | None = None

    @property
    def key(self) -> tuple[TrackingKey | None, str]:
        return (self.tracking, self.name)

    @property
    def label(self) -> str:
        if self.tracking is None:
            return ORDER_FIELD[self.name].title
        return translate("Conflicts", "Tracking {number}: {field}").format(
            number=self.tracking[1], field=TRACKING_FIELD[self.name].title
        )


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The order as the service has it now, what conflicts, and what was taken in."""

    current: Order
    conflicts: tuple[FieldConflict, ...] = ()
    taken_in: tuple[str, ...] = ()  # labels of fields only the service changed


Choices = Mapping[tuple[TrackingKey | None, str], Choice]
ConflictResolver = Callable[[Reconciliation], Awaitable[Choices | None]]
"""Shows the comparison and returns the agent's choice per conflict (None: not now)."""


class ConflictUnresolvedError(ParcelLabError):
    """The agent closed the comparison without choosing: nothing was sent."""

    def __init__(self, reconciliation: Reconciliation):
        super().__init__(
            f"{len(reconciliation.conflicts)} field(s) were changed on parcelLab meanwhile; "
            "nothing was sent."
        )
        self.reconciliation = reconciliation


def _order_value(order: Order, name: str) -> Any:
    return to_json_value(getattr(order, name))


def reconcile(
    base: Order,
    mine: Mapping[str, Any],
    current: Order,
    *,
    tracking_edits: Mapping[TrackingKey, Mapping[str, Any]] | None = None,
    editable: tuple[str, ...],
) -> Reconciliation:
    """Compare the agent's ``mine`` (changed fields, JSON form) and pending tracking edits
    (changed fields of saved trackings) against ``current``, both relative to ``base``."""
    conflicts: list[FieldConflict] = []
    taken_in: list[str] = []
    for name in editable:
        spec = ORDER_FIELD[name]
        before, now = _order_value(base, name), _order_value(current, name)
        if same_value(spec, before, now):
            continue
        if name not in mine:
            taken_in.append(spec.title)
        elif not same_value(spec, now, mine[name]):
            conflicts.append(FieldConflict(name, before, mine[name], now))
    for key, changes in (tracking_edits or {}).items():
        was, now_t = base.find_tracking(*key), current.find_tracking(*key)
        if was is None or now_t is None:
            continue
        for name, value in changes.items():
            tracking_spec = TRACKING_FIELD.get(name)
            if tracking_spec is None or name in ("courier", "tracking_number"):
                continue
            before, now = to_json_value(getattr(was, name)), to_json_value(getattr(now_t, name))
            if not same_value(tracking_spec, before, now) and not same_value(
                tracking_spec, now, value
            ):
                conflicts.append(FieldConflict(name, before, value, now, tracking=key))
    return Reconciliation(current, tuple(conflicts), tuple(taken_in))
