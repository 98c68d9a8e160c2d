"""Strict out: request bodies hold only what the agent changed, in the contract's JSON form.

``build_patch`` diffs an original ``Order`` against edited values (``NOT_GIVEN`` = leave as
is, ``None`` or ``""`` = empty it) and adds the mutations; the mutation classes serialise
themselves. The result is checked against the shared schema before anything is sent, so an
agent sees the server's wording for a mistake without a round trip.

Emptying follows the contract: ``null`` goes out only for the fields it marks nullable; every
other text field is emptied with ``""`` (the service refuses ``null`` there). A field the
server left out, sent as ``null`` or as ``""`` is empty in all three cases, so emptying an
already empty field sends nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Final

from pydantic import BaseModel

from parcellab_desk.api.errors import ValidationError, summarize
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import (
    ORDER_FIELD,
    TEXT_KINDS,
    TRACKING_FIELD,
    CancelReason,
    FieldKind,
    FieldSpec,
    MutationType,
)
from parcellab_desk.api.sentinel import NOT_GIVEN
from parcellab_desk.api.validation import FieldError, check_order, parse_datetime

__all__ = [
    "AddTracking",
    "CancelOrder",
    "CancelTracking",
    "Mutation",
    "OrderPatch",
    "build_patch",
    "check_payload",
    "identity_of",
    "is_empty_value",
    "missing_trackings",
    "same_value",
    "to_json_value",
    "tracking_changes",
    "wire_value",
    "without_empty",
]

ORDER_IDENTITY_FIELDS: Final = ("external_id", "account", "order_number")


def to_json_value(value: Any) -> Any:
    """A Python value in the contract's JSON form (UTC timestamps with ``Z``, enum values)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        text = value.astimezone(UTC).isoformat()
        return text.removesuffix("+00:00") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return to_json_value(value.model_dump())
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items() if v is not NOT_GIVEN}
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    return value


def is_empty_value(value: Any) -> bool:
    """No value: absent, ``null``, ``""`` or an empty list."""
    return value is None or value is NOT_GIVEN or value == "" or value == []


def wire_value(spec: FieldSpec | None, value: Any) -> Any:
    """``value`` as sent: "empty" becomes ``""`` for a text field the contract does not mark
    nullable (the service answers 400 ``null`` to ``null`` there)."""
    value = to_json_value(value)
    if value is None and spec is not None and not spec.nullable and spec.allows_blank:
        return ""
    return value


def same_value(spec: FieldSpec | None, before: Any, after: Any) -> bool:
    """Equal as the service stores them: ``null``, ``""`` and absent are all "empty" for a
    text field; an edited timestamp typed as text compares as a timestamp."""
    text_field = spec is not None and spec.kind in TEXT_KINDS
    if text_field and is_empty_value(before) and is_empty_value(after):
        return True
    if isinstance(before, datetime) and isinstance(after, str):
        try:
            after = parse_datetime(after)
        except ValueError:
            return False  # left for the schema check to report
    timestamps = spec is not None and spec.kind is FieldKind.DATETIME
    if timestamps and isinstance(before, str) and isinstance(after, str):
        try:
            return parse_datetime(before) == parse_datetime(after)
        except ValueError:
            return before == after
    return bool(to_json_value(before) == to_json_value(after))


def without_empty(body: Mapping[str, Any]) -> dict[str, Any]:
    """A body for something new: fields without a value are simply not sent."""
    return {k: to_json_value(v) for k, v in body.items() if not is_empty_value(v)}


def _tracking_body(tracking: Tracking | Mapping[str, Any]) -> dict[str, Any]:
    """A tracking as sent in ``add_tracking``: no read-only fields, "empty" in the form the
    contract takes (``""`` for text, never ``null`` where it is refused)."""
    if isinstance(tracking, Tracking):
        body = tracking.to_json_dict(exclude_read_only=True)
        return without_empty(body)
    return {
        k: wire_value(TRACKING_FIELD.get(k), v)
        for k, v in tracking.items()
        if v is not NOT_GIVEN and not (k in TRACKING_FIELD and TRACKING_FIELD[k].read_only)
    }


@dataclass(frozen=True, slots=True)
class AddTracking:
    """Adds a tracking, or updates the one with the same courier + tracking number."""

    tracking: Tracking | Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"type": MutationType.ADD_TRACKING.value, "tracking": _tracking_body(self.tracking)}


@dataclass(frozen=True, slots=True)
class CancelTracking:
    courier: str
    tracking_number: str
    reason: CancelReason
    cancelled_date: datetime | None = None  # None: the server fills in "now"

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": MutationType.CANCEL_TRACKING.value,
            "courier": self.courier,
            "tracking_number": self.tracking_number,
            "cancelled_reason": CancelReason(self.reason).value,
        }
        if self.cancelled_date is not None:
            body["cancelled_date"] = to_json_value(self.cancelled_date)
        return body


@dataclass(frozen=True, slots=True)
class CancelOrder:
    """Sets ``order_status`` to ``Cancelled``; idempotent."""

    reason: CancelReason
    cancelled_date: datetime | None = None  # None: the server fills in "now"

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": MutationType.CANCEL_ORDER.value,
            "cancelled_reason": CancelReason(self.reason).value,
        }
        if self.cancelled_date is not None:
            body["cancelled_date"] = to_json_value(self.cancelled_date)
        return body


Mutation = AddTracking | CancelTracking | CancelOrder


@dataclass(frozen=True, slots=True)
class OrderPatch:
    """A PUT body: identity, changed fields and mutations."""

    body: dict[str, Any]
    changed: frozenset[str] = field(default_factory=frozenset)
    mutations: tuple[Mutation, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to send: no field changed and no mutation."""
        return not self.changed and not self.mutations


def identity_of(order: Order) -> dict[str, Any]:
    """What identifies an order on PUT: ``external_id`` when known, else account + number."""
    if order.external_id:
        return {"external_id": order.external_id}
    if order.account is None or not order.order_number:
        raise ValueError("an order needs external_id, or account and order_number, to be updated")
    return {"account": order.account, "order_number": order.order_number}


def build_patch(
    original: Order,
    edited: Mapping[str, Any] | Order | None = None,
    mutations: Sequence[Mutation] = (),
) -> OrderPatch:
    """The minimal PUT body that turns ``original`` into ``edited`` and applies ``mutations``.

    ``edited`` maps field names to new values; ``NOT_GIVEN`` (or leaving a field out) keeps
    it, ``None`` or ``""`` empties it (sent as the contract wants: ``""`` for text fields,
    ``null`` only where allowed). An edited ``Order`` is compared field by field. Read-only fields
    (``external_id``, timestamps, ``trackings``) are never sent; unknown fields are sent only
    when their value changed.
    """
    if isinstance(edited, Order):
        values: dict[str, Any] = {name: getattr(edited, name) for name in Order.model_fields}
        values.update(edited.model_extra or {})
    else:
        values = dict(edited or {})
    body = identity_of(original)
    changed: set[str] = set()
    extras = original.model_extra or {}
    for name, new in values.items():
        if new is NOT_GIVEN or name == "mutations" or name in Order.READ_ONLY:
            continue
        spec = ORDER_FIELD.get(name)
        before = getattr(original, name) if spec is not None else extras.get(name, NOT_GIVEN)
        if before is not NOT_GIVEN and same_value(spec, before, new):
            continue
        body[name] = wire_value(spec, new)
        changed.add(name)
    if "order_number" in changed and "external_id" not in body:
        # Without external_id the number is the identity: changing it would create an order.
        raise ValueError("the order number can only be changed on an order with an external_id")
    if mutations:
        body["mutations"] = [m.to_json() for m in mutations]
    return OrderPatch(body=body, changed=frozenset(changed), mutations=tuple(mutations))


def tracking_changes(
    original: Tracking, edited: Mapping[str, Any] | Tracking
) -> AddTracking | None:
    """``add_tracking`` that updates ``original`` to ``edited`` (courier + number kept as the
    identity), or None when nothing changed."""
    if isinstance(edited, Tracking):
        values: dict[str, Any] = {n: getattr(edited, n) for n in Tracking.model_fields}
        values.update(edited.model_extra or {})
    else:
        values = dict(edited)
    body: dict[str, Any] = {
        "courier": original.courier,
        "tracking_number": original.tracking_number,
    }
    extras = original.model_extra or {}
    changed = False
    for name, new in values.items():
        if new is NOT_GIVEN or name in ("courier", "tracking_number"):
            continue
        spec = TRACKING_FIELD.get(name)
        if spec is not None and spec.read_only:
            continue
        before = getattr(original, name) if spec is not None else extras.get(name, NOT_GIVEN)
        if before is not NOT_GIVEN and same_value(spec, before, new):
            continue
        body[name] = wire_value(spec, new)
        changed = True
    return AddTracking(body) if changed else None


def check_payload(body: Mapping[str, Any], *, creating: bool) -> None:
    """Raises ``ValidationError`` (status None: never sent) when ``body`` breaks the schema."""
    errors: list[FieldError] = check_order(body, creating=creating)
    if not creating and "external_id" not in body:
        for name in ("account", "order_number"):
            if name not in body:
                errors.append(FieldError(name, "required", "This field is required."))
    if errors:
        raise ValidationError(
            f"Not sent, the data is invalid: {summarize(errors)}.", status_code=None, errors=errors
        )


def missing_trackings(order: Order, body: Mapping[str, Any]) -> list[str]:
    """``courier tracking_number`` of every tracking ``body`` adds that ``order`` lacks."""
    missing: list[str] = []
    for mutation in body.get("mutations") or ():
        if mutation.get("type") != "add_tracking":
            continue
        tracking = mutation.get("tracking") or {}
        courier, number = tracking.get("courier"), tracking.get("tracking_number")
        if order.find_tracking(str(courier), str(number)) is None:
            missing.append(f"{courier} {number}")
    return missing
