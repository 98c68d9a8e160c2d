"""Editing one order, without Qt: the agent's draft, the minimal write, and where errors go.

``OrderDraft`` holds the order as the server last returned it plus what the agent changed:
field values (in the contract's JSON form) and trackings to add or edit, which become
``add_tracking`` mutations sent with the next save. Nothing here is thrown away on a failure:
the draft only forgets an edit once the server has accepted it.

``OrderEditingService`` sends a draft: POST for a new order, PUT with only the changed fields
and the pending mutations for an existing one, and the cancel mutations on their own (a
cancel is confirmed in a dialog and happens at once; unsaved edits stay in the draft).

``OrderDraft.failure`` turns any exception from a write into an ``EditFailure``: validation
errors placed on form fields (``tags.3`` -> ``tags``) or tracking rows
(``mutations.1.tracking.courier`` -> the tracking sent as mutation 1), everything else as one
sentence for a banner, with Retry where trying again can help.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Final, Protocol

import pydantic

from parcellab_desk.api.errors import ParcelLabError, TransportError, ValidationError
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.payload import (
    AddTracking,
    Mutation,
    OrderPatch,
    build_patch,
    to_json_value,
    tracking_changes,
)
from parcellab_desk.api.schema import (
    ORDER_FIELD,
    TRACKING_FIELD,
    CancelReason,
    FieldKind,
    FieldSpec,
)
from parcellab_desk.api.validation import FieldError, check_field
from parcellab_desk.services.error_messages import describe_error

__all__ = [
    "EDITABLE_FIELDS",
    "EditFailure",
    "ErrorPlacement",
    "OrderDraft",
    "OrderEditingService",
    "OrderWriter",
    "TrackingKey",
    "TrackingRow",
    "TrackingState",
    "value_from_text",
]

EDITABLE_FIELDS: Final[tuple[str, ...]] = (
    "account",
    "order_number",
    "external_reference",
    "client_key",
    "order_status",
    "has_multiple_shipments",
    "recipient_name",
    "recipient_email",
    "destination_country_iso3",
    "language_iso2",
    "timezone",
    "customer_number",
    "tags",
)
"""Order fields the editor changes directly. The cancel fields change through the cancel
mutation only; ``external_id`` and the timestamps are the server's."""

EDITABLE_TRACKING_FIELDS: Final[tuple[str, ...]] = tuple(
    f.name for f in TRACKING_FIELD.values() if not f.read_only and not f.name.startswith("cancel")
)

TrackingKey = tuple[str, str]
"""``(courier, tracking_number)``: what identifies a tracking within an account."""

_REQUIRED = "This field is required."


def value_from_text(spec: FieldSpec, text: str) -> Any:
    """A form's text as the JSON value the contract expects.

    Surrounding blanks are dropped (pasted numbers often carry them); an empty box clears a
    nullable field and leaves ``""`` for a required one, so the validator says "may not be
    blank". An account that is not a number stays text, so the validator can say so.
    """
    text = text.strip()
    if spec.kind is FieldKind.INTEGER:
        if not text:
            return None
        return int(text) if text.isdigit() else text
    if not text:
        return None if spec.nullable or spec.kind is not FieldKind.STRING else ""
    return text


def _json(value: Any) -> Any:
    return to_json_value(value)


class TrackingState(Enum):
    """Where a tracking row stands relative to the server."""

    SAVED = "saved"
    NEW = "new"  # added in the editor, sent with the next save
    EDITED = "edited"  # changed in the editor, sent with the next save


@dataclass(frozen=True, slots=True)
class TrackingRow:
    """One line of the trackings table: the tracking as it will be after the next save."""

    tracking: Tracking
    state: TrackingState

    @property
    def key(self) -> TrackingKey:
        return (self.tracking.courier or "", self.tracking.tracking_number or "")


@dataclass(frozen=True, slots=True)
class ErrorPlacement:
    """Messages sorted by where they belong on screen."""

    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    trackings: Mapping[TrackingKey, tuple[str, ...]] = field(default_factory=dict)
    general: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.trackings or self.general)


@dataclass(frozen=True, slots=True)
class EditFailure:
    """What the editor shows after a write failed. ``banner`` is empty when every message
    sits on a field or a row; ``can_retry`` says whether sending the same again can help."""

    banner: str
    placement: ErrorPlacement
    can_retry: bool


class OrderDraft:
    """One order being edited: the server's version plus the agent's unsaved changes."""

    def __init__(self, original: Order | None = None, *, account: int | None = None) -> None:
        self._original = original
        self._defaults: dict[str, Any] = {} if original is not None else {"account": account}
        self._edits: dict[str, Any] = {}
        # Insertion order is the order of the add_tracking mutations on the next save.
        self._trackings: dict[TrackingKey, dict[str, Any]] = {}
        self._sent_keys: tuple[TrackingKey, ...] = ()

    # -- what is there -----------------------------------------------------------------

    @property
    def original(self) -> Order | None:
        """The order as the server last returned it (None for a new order)."""
        return self._original

    @property
    def is_new(self) -> bool:
        return self._original is None

    def original_value(self, name: str) -> Any:
        """A field's saved value in JSON form (a new order's starting value)."""
        if self._original is None:
            return self._defaults.get(name, [] if name == "tags" else None)
        if name in ORDER_FIELD:
            return _json(getattr(self._original, name))
        return _json((self._original.model_extra or {}).get(name))

    def value(self, name: str) -> Any:
        """A field's current value in JSON form: the agent's edit, else the saved value."""
        if name in self._edits:
            return self._edits[name]
        return self.original_value(name)

    def set_value(self, name: str, value: Any) -> None:
        """Record an edit; setting a field back to its saved value forgets the edit."""
        if name not in EDITABLE_FIELDS:
            raise KeyError(f"{name!r} is not an editable order field")
        value = _json(value)
        if value == self.original_value(name):
            self._edits.pop(name, None)
        else:
            self._edits[name] = value

    def changed_fields(self) -> frozenset[str]:
        return frozenset(self._edits)

    @property
    def is_dirty(self) -> bool:
        """Anything a save would send: a changed field or a tracking to add or edit."""
        return bool(self._edits or self._trackings)

    def edits(self) -> dict[str, Any]:
        """The changed fields and their new values (JSON form)."""
        return dict(self._edits)

    def revert(self) -> None:
        """Forget every unsaved change."""
        self._edits.clear()
        self._trackings.clear()

    # -- checking ----------------------------------------------------------------------

    def field_errors(self, name: str) -> tuple[str, ...]:
        """The validator's messages for one field; empty when it is fine.

        On an existing order only fields the agent changed are checked: the saved values
        are what the server accepted, and marking them would blame the agent for them.
        """
        spec = ORDER_FIELD[name]
        value = self.value(name)
        if self.is_new:
            if spec.required_on_create and value in (None, ""):
                return (_REQUIRED,)
        elif name not in self._edits:
            return ()
        return tuple(e.detail for e in check_field(spec, value))

    def all_field_errors(self) -> dict[str, tuple[str, ...]]:
        found = {name: self.field_errors(name) for name in EDITABLE_FIELDS}
        return {name: errors for name, errors in found.items() if errors}

    @property
    def has_errors(self) -> bool:
        return any(self.field_errors(name) for name in EDITABLE_FIELDS)

    # -- trackings ---------------------------------------------------------------------

    def _saved_tracking(self, key: TrackingKey) -> Tracking | None:
        if self._original is None:
            return None
        return self._original.find_tracking(*key)

    def tracking(self, key: TrackingKey) -> Tracking | None:
        """A tracking as it will be after the next save (saved values plus pending edits)."""
        for row in self.tracking_rows():
            if row.key == key:
                return row.tracking
        return None

    def tracking_rows(self) -> list[TrackingRow]:
        """Saved trackings (with pending edits applied), then the ones to be added."""
        rows: list[TrackingRow] = []
        saved = self._original.trackings if self._original is not None else []
        for tracking in saved:
            key = (tracking.courier or "", tracking.tracking_number or "")
            pending = self._trackings.get(key)
            if pending is None:
                rows.append(TrackingRow(tracking, TrackingState.SAVED))
            else:
                merged = Tracking.model_validate({**tracking.to_json_dict(), **pending})
                rows.append(TrackingRow(merged, TrackingState.EDITED))
        for key, values in self._trackings.items():
            if self._saved_tracking(key) is None:
                rows.append(TrackingRow(Tracking.model_validate(values), TrackingState.NEW))
        return rows

    def put_tracking(self, values: Mapping[str, Any]) -> TrackingKey:
        """Add a tracking, or change one (saved or pending) with the same courier + number.

        ``values`` are tracking fields in JSON form; None leaves a field unset. A change that
        brings a saved tracking back to its saved values drops the pending edit.
        """
        courier = str(values.get("courier") or "").strip()
        number = str(values.get("tracking_number") or "").strip()
        if not courier or not number:
            raise ValueError("a tracking needs a courier and a tracking number")
        key = (courier, number)
        clean = {name: _json(values[name]) for name in EDITABLE_TRACKING_FIELDS if name in values}
        clean["courier"], clean["tracking_number"] = courier, number
        saved = self._saved_tracking(key)
        if saved is None:
            self._trackings[key] = {k: v for k, v in clean.items() if v not in (None, [])}
            return key
        changes = {k: v for k, v in clean.items() if _json(getattr(saved, k)) != v}
        if changes:
            self._trackings[key] = changes
        else:
            self._trackings.pop(key, None)
        return key

    def discard_tracking(self, key: TrackingKey) -> None:
        """Drop a pending add or edit (a saved tracking stays as saved)."""
        self._trackings.pop(key, None)

    def pending_tracking_keys(self) -> tuple[TrackingKey, ...]:
        return tuple(self._trackings)

    def mutations(self) -> list[Mutation]:
        """The ``add_tracking`` mutations for the pending trackings, in the order added."""
        mutations: list[Mutation] = []
        keys: list[TrackingKey] = []
        for key, values in self._trackings.items():
            saved = self._saved_tracking(key)
            if saved is None:
                mutation: AddTracking | None = AddTracking(values)
            else:
                mutation = tracking_changes(saved, values)
            if mutation is not None:
                mutations.append(mutation)
                keys.append(key)
        self._sent_keys = tuple(keys)
        return mutations

    # -- sending -----------------------------------------------------------------------

    def patch(self) -> OrderPatch:
        """The PUT body for an existing order: identity, changed fields, mutations."""
        if self._original is None:
            raise ValueError("a new order is created with create_payload(), not patched")
        return build_patch(self._original, self._edits, self.mutations())

    def create_payload(self) -> dict[str, Any]:
        """The POST body for a new order (without mutations): every field that has a value."""
        body: dict[str, Any] = {}
        for name in EDITABLE_FIELDS:
            value = self.value(name)
            if value is not None and value != []:
                body[name] = value
        return body

    def accept_saved(self, order: Order) -> None:
        """The server accepted everything: ``order`` is the new original, no edits remain."""
        self._original = order
        self._defaults = {}
        self._edits.clear()
        self._trackings.clear()
        self._sent_keys = ()

    def rebase(self, order: Order) -> None:
        """The order changed on the server (a cancel, a reload): keep the agent's edits
        that still differ from it, on top of the new original."""
        edits, trackings = dict(self._edits), dict(self._trackings)
        self._original = order
        self._defaults = {}
        self._edits.clear()
        self._trackings.clear()
        for name, value in edits.items():
            self.set_value(name, value)
        for key, values in trackings.items():
            saved = self._saved_tracking(key)
            base = saved.to_json_dict() if saved is not None else {}
            # A pending edit of a saved tracking holds only its changes: the key says which.
            self.put_tracking({**base, **values, "courier": key[0], "tracking_number": key[1]})

    # -- keeping a draft across a crash ------------------------------------------------

    SNAPSHOT_VERSION = 1

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to bring this draft back after a restart, as JSON values."""
        return {
            "version": self.SNAPSHOT_VERSION,
            "original": self._original.to_json_dict() if self._original is not None else None,
            "defaults": dict(self._defaults),
            "edits": dict(self._edits),
            "trackings": [
                {"courier": key[0], "tracking_number": key[1], "values": dict(values)}
                for key, values in self._trackings.items()
            ],
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> OrderDraft:
        """The draft a ``snapshot()`` described; raises ValueError when it is not one."""
        if data.get("version") != cls.SNAPSHOT_VERSION:
            raise ValueError(f"unknown draft version {data.get('version')!r}")
        try:
            raw = data.get("original")
            draft = cls(Order.model_validate(raw) if raw is not None else None)
            draft._defaults = dict(data.get("defaults") or {})
            for name, value in dict(data.get("edits") or {}).items():
                draft.set_value(name, value)
            for item in data.get("trackings") or []:
                key = (str(item["courier"]), str(item["tracking_number"]))
                draft._trackings[key] = dict(item["values"])
        except (KeyError, TypeError, AttributeError, pydantic.ValidationError) as exc:
            raise ValueError(f"not a draft: {exc}") from exc
        return draft

    # -- errors ------------------------------------------------------------------------

    def place_errors(self, errors: Iterable[FieldError]) -> ErrorPlacement:
        """Where each error belongs: a form field, a tracking row, or the banner."""
        fields: dict[str, list[str]] = {}
        rows: dict[TrackingKey, list[str]] = {}
        general: list[str] = []
        for error in errors:
            attr = error.attr or ""
            parts = attr.split(".")
            if parts[0] in EDITABLE_FIELDS:
                fields.setdefault(parts[0], []).append(error.detail)
                continue
            key = self._tracking_of_mutation(parts)
            if key is not None:
                rows.setdefault(key, []).append(_tracking_message(parts, error.detail))
                continue
            if not attr or attr == "non_field_errors":
                general.append(error.detail)
            else:
                general.append(f"{_label_of(attr)}: {error.detail}")
        return ErrorPlacement(
            {k: tuple(v) for k, v in fields.items()},
            {k: tuple(v) for k, v in rows.items()},
            tuple(general),
        )

    def _tracking_of_mutation(self, parts: Sequence[str]) -> TrackingKey | None:
        if len(parts) < 2 or parts[0] != "mutations" or not parts[1].isdigit():
            return None
        index = int(parts[1])
        if index < len(self._sent_keys):
            return self._sent_keys[index]
        return None

    def failure(self, error: BaseException) -> EditFailure:
        """What to show after a write raised ``error``; the draft itself is unchanged."""
        if isinstance(error, ValidationError):
            placement = self.place_errors(error.errors)
            if placement.is_empty:
                placement = ErrorPlacement(general=(describe_error(error),))
            banner = " ".join(placement.general)
            if not banner:
                count = sum(len(v) for v in placement.fields.values()) + sum(
                    len(v) for v in placement.trackings.values()
                )
                noun = "problem" if count == 1 else "problems"
                banner = f"Not saved: {count} {noun} marked below."
            return EditFailure(banner, placement, can_retry=False)
        if isinstance(error, TransportError) and error.order_created is None and self.is_new:
            # Sending the order again could create it twice; the message says to look first.
            return EditFailure(describe_error(error), ErrorPlacement(), can_retry=False)
        return EditFailure(
            f"Not saved: {describe_error(error)} Your changes are kept.",
            ErrorPlacement(),
            can_retry=True,
        )


def _label_of(attr: str) -> str:
    spec = ORDER_FIELD.get(attr.split(".")[0])
    return spec.label if spec is not None else attr


def _tracking_message(parts: Sequence[str], detail: str) -> str:
    name = parts[-1]
    spec = TRACKING_FIELD.get(name)
    return f"{spec.label}: {detail}" if spec is not None else detail


class OrderWriter(Protocol):
    """The part of the API client the editor needs (``ParcelLabClient`` is one)."""

    async def create_order(
        self, order: Mapping[str, Any], mutations: Sequence[Mutation] = ()
    ) -> Order: ...

    async def put_order(self, body: Mapping[str, Any]) -> Order: ...

    async def cancel_order(
        self, order: Order, reason: CancelReason, cancelled_date: Any = None
    ) -> Order: ...

    async def cancel_tracking(
        self,
        order: Order,
        courier: str,
        tracking_number: str,
        reason: CancelReason,
        cancelled_date: Any = None,
    ) -> Order: ...

    async def get_order(self, unique_id: str) -> Order: ...


def _iso_with_offset(moment: datetime) -> str:
    """``2026-11-27T14:05:00+01:00``: the agent's own offset, as the dialog showed it."""
    if moment.tzinfo is None:
        raise ValueError("a cancellation time needs a time zone")
    return moment.isoformat(timespec="seconds")


class OrderEditingService:
    """Sends drafts and cancels through an ``OrderWriter``; raises ``ParcelLabError``s."""

    def __init__(self, writer: OrderWriter) -> None:
        self._writer = writer

    async def save(self, draft: OrderDraft) -> Order:
        """POST a new order or PUT what changed; on success the draft holds the saved order.

        Raises whatever the client raised; the draft keeps every edit then.
        """
        if draft.is_new:
            order = await self._writer.create_order(draft.create_payload(), draft.mutations())
        else:
            patch = draft.patch()
            original = draft.original
            assert original is not None  # not new
            order = original if patch.is_empty else await self._writer.put_order(patch.body)
        draft.accept_saved(order)
        return order

    async def cancel_order(self, draft: OrderDraft, reason: CancelReason, when: datetime) -> Order:
        """Cancel the order now; unsaved edits stay in the draft on top of the result."""
        original = _saved(draft)
        order = await self._writer.cancel_order(original, reason, _iso_with_offset(when))
        draft.rebase(order)
        return order

    async def cancel_tracking(
        self, draft: OrderDraft, key: TrackingKey, reason: CancelReason, when: datetime
    ) -> Order:
        """Cancel one saved tracking now; unsaved edits stay in the draft."""
        original = _saved(draft)
        if original.find_tracking(*key) is None:
            raise ValueError(f"the order has no saved tracking {key[0]} {key[1]}")
        order = await self._writer.cancel_tracking(
            original, key[0], key[1], reason, _iso_with_offset(when)
        )
        draft.rebase(order)
        return order

    async def reload(self, draft: OrderDraft) -> Order:
        """Read the order again; unsaved edits stay in the draft on top of it."""
        original = _saved(draft)
        order = await self._writer.get_order(original.external_id or original.order_number or "")
        draft.rebase(order)
        return order


def _saved(draft: OrderDraft) -> Order:
    if draft.original is None:
        raise ParcelLabError("Save the new order before cancelling it.")
    return draft.original
