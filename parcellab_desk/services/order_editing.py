"""Editing one order, without Qt: the agent's draft, the minimal write, and where errors go.

``OrderDraft`` holds the order as the server last returned it plus what the agent changed:
field values (in the contract's JSON form) and trackings to add or edit, which become
``add_tracking`` mutations sent with the next save. Nothing here is thrown away on a failure:
the draft only forgets an edit once the server has accepted it.

``OrderEditingService`` sends a draft through ``OrderWrites`` (``write_outcomes.py``): for a
new order a POST of its fields, then a PUT of its trackings (the service drops mutations
sent with a POST); for an existing one a PUT with only the changed fields and the pending
mutations; the cancel mutations on their own (a cancel is confirmed in a dialog and happens
at once; unsaved edits stay in the draft). When the POST worked and the PUT did not, the
draft holds the created order with its trackings still pending, and the next save sends only
those. A write whose outcome is unknown stays recorded in the draft (``unresolved``): the
next save, or "Check again", looks the order up before anything is sent again.

Emptying a field follows the contract: a cleared text box is ``""``, ``null`` only for the
fields the contract marks nullable; an empty box and a field the server left out or sent as
``null`` are the same "empty", so clearing an empty field is no change.

What the agent is told when a write fails, and where each message goes, is
``services.edit_failures``'s; how a draft is kept on disk is ``services.drafts``'s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Final, Protocol

from parcellab_desk.api.errors import (
    ParcelLabError,
    PartiallySavedError,
)
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.payload import (
    AddTracking,
    CancelOrder,
    CancelTracking,
    Mutation,
    OrderPatch,
    build_patch,
    is_empty_value,
    same_value,
    to_json_value,
    tracking_changes,
)
from parcellab_desk.api.schema import (
    ORDER_EDITABLE,
    ORDER_FIELD,
    TRACKING_EDITABLE,
    TRACKING_FIELD,
    CancelReason,
    FieldKind,
    FieldSpec,
)
from parcellab_desk.services.conflicts import (
    Choice,
    ConflictResolver,
    ConflictUnresolvedError,
    reconcile,
)
from parcellab_desk.services.field_checks import field_messages
from parcellab_desk.services.write_outcomes import (
    OrderWrites,
    Outcome,
    WriteIntent,
    WriteOutcomeUnknownError,
    WriteResult,
)

__all__ = [
    "EDITABLE_FIELDS",
    "OrderDraft",
    "OrderEditingService",
    "OrderWriter",
    "TrackingKey",
    "TrackingRow",
    "TrackingState",
    "value_from_text",
]

EDITABLE_FIELDS: Final[tuple[str, ...]] = tuple(f.name for f in ORDER_EDITABLE)
"""Order fields the editor changes directly, in the form's order (the schema says which)."""

EDITABLE_TRACKING_FIELDS: Final[tuple[str, ...]] = tuple(f.name for f in TRACKING_EDITABLE)

TrackingKey = tuple[str, str]
"""``(courier, tracking_number)``: what identifies a tracking within an account."""

_REQUIRED = "This field is required."


def value_from_text(spec: FieldSpec, text: str) -> Any:
    """A form's text as the JSON value the contract expects.

    Surrounding blanks are dropped (pasted numbers often carry them); an empty box is the
    field's cleared value (``""`` for a text field, ``null`` only where the contract allows
    it), ``""`` for a required text field, so the validator says "may not be blank", and
    None ("no value") for a field that cannot be emptied. An account that is not a number
    stays text, so the validator can say so.
    """
    text = text.strip()
    if spec.kind is FieldKind.INTEGER:
        if not text:
            return None
        return int(text) if text.isdigit() else text
    if not text:
        if spec.can_be_cleared:
            return spec.cleared_value
        return "" if spec.kind is FieldKind.STRING else None
    return text


def _as_sent(spec: FieldSpec | None, value: Any) -> Any:
    """An edited value in the form it is sent: "empty" is the field's cleared value."""
    value = _json(value)
    if value is None and spec is not None and spec.can_be_cleared:
        return spec.cleared_value
    return value


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


class OrderDraft:
    """One order being edited: the server's version plus the agent's unsaved changes."""

    def __init__(self, original: Order | None = None, *, account: int | None = None) -> None:
        self._original = original
        self._defaults: dict[str, Any] = {} if original is not None else {"account": account}
        self._edits: dict[str, Any] = {}
        # Insertion order is the order of the add_tracking mutations on the next save.
        self._trackings: dict[TrackingKey, dict[str, Any]] = {}
        self.sent_keys: tuple[TrackingKey, ...] = ()
        """The tracking of each mutation in the write last sent (its errors name them by
        index); set by whoever sends."""
        self.unresolved: WriteIntent | None = None
        """A write sent from this draft whose outcome is not known yet (answer lost)."""
        self.checks_without_finding = 0
        """Lookups since ``unresolved`` was set that did not find the write."""
        self.taken_in: tuple[str, ...] = ()
        """Labels of fields the last save took in from the server (changed there meanwhile)."""

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
        spec = ORDER_FIELD[name]
        value = _as_sent(spec, value)
        if same_value(spec, self.original_value(name), value):
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
        return field_messages(
            ORDER_FIELD[name],
            self.value(name),
            creating=self.is_new,
            saved=self.original_value(name),
            changed=name in self._edits,
        )

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
        clean = {
            name: _as_sent(TRACKING_FIELD[name], values[name])
            for name in EDITABLE_TRACKING_FIELDS
            if name in values
        }
        clean["courier"], clean["tracking_number"] = courier, number
        saved = self._saved_tracking(key)
        if saved is None:
            self._trackings[key] = {k: v for k, v in clean.items() if not is_empty_value(v)}
            return key
        changes = {
            k: v
            for k, v in clean.items()
            if not same_value(TRACKING_FIELD[k], getattr(saved, k), v)
            # a field that cannot be emptied stays as saved when its box is left empty
            and not (v is None and not TRACKING_FIELD[k].can_be_cleared)
        }
        if changes:
            self._trackings[key] = changes
        else:
            self._trackings.pop(key, None)
        return key

    def saved_tracking_edits(self) -> dict[TrackingKey, dict[str, Any]]:
        """Pending changes to saved trackings (only the changed fields)."""
        return {
            key: dict(values)
            for key, values in self._trackings.items()
            if self._saved_tracking(key) is not None
        }

    def drop_tracking_change(self, key: TrackingKey, name: str) -> None:
        """Forget one field of a pending edit of a saved tracking (the server's value
        stays)."""
        changes = self._trackings.get(key)
        if changes is None or self._saved_tracking(key) is None:
            return
        changes.pop(name, None)
        if not set(changes) - {"courier", "tracking_number"}:
            del self._trackings[key]

    def discard_tracking(self, key: TrackingKey) -> None:
        """Drop a pending add or edit (a saved tracking stays as saved)."""
        self._trackings.pop(key, None)

    def pending_tracking_keys(self) -> tuple[TrackingKey, ...]:
        return tuple(self._trackings)

    def mutations(self) -> tuple[list[Mutation], tuple[TrackingKey, ...]]:
        """The ``add_tracking`` mutations for the pending trackings, in the order added,
        with the key of the tracking each one is for (mutation ``i`` is ``keys[i]``: the
        server's errors name mutations by index)."""
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
        return mutations, tuple(keys)

    # -- sending -----------------------------------------------------------------------

    def patch(self) -> tuple[OrderPatch, tuple[TrackingKey, ...]]:
        """The PUT body for an existing order (identity, changed fields, mutations) and the
        tracking each of its mutations is for."""
        if self._original is None:
            raise ValueError("a new order is created with create_payload(), not patched")
        mutations, keys = self.mutations()
        return build_patch(self._original, self._edits, mutations), keys

    def create_payload(self) -> dict[str, Any]:
        """The POST body for a new order (order fields only; trackings follow by PUT):
        every field that has a value."""
        body: dict[str, Any] = {}
        for name in EDITABLE_FIELDS:
            value = self.value(name)
            if not is_empty_value(value):
                body[name] = value
        return body

    def accept_saved(self, order: Order) -> None:
        """The server accepted everything: ``order`` is the new original, no edits remain."""
        self._original = order
        self._defaults = {}
        self._edits.clear()
        self._trackings.clear()
        self.sent_keys = ()
        self.unresolved = None
        self.checks_without_finding = 0

    def accept_created(self, order: Order) -> None:
        """The POST worked: ``order`` is the new original, its fields are saved, and the
        trackings to add stay pending (the next save sends only those)."""
        trackings = dict(self._trackings)
        self.accept_saved(order)
        for key, values in trackings.items():
            if self._saved_tracking(key) is None:
                self._trackings[key] = values

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

    # -- what a stored draft holds (the drafts store encodes it) ------------------------

    def defaults(self) -> dict[str, Any]:
        """A new order's starting values (the account chosen for it)."""
        return dict(self._defaults)

    def pending_trackings(self) -> dict[TrackingKey, dict[str, Any]]:
        """Trackings to add or change with the next save, in the order they were put."""
        return {key: dict(values) for key, values in self._trackings.items()}

    @classmethod
    def restored(
        cls,
        original: Order | None,
        *,
        defaults: Mapping[str, Any],
        edits: Mapping[str, Any],
        trackings: Mapping[TrackingKey, Mapping[str, Any]],
    ) -> OrderDraft:
        """A draft as it was kept (see ``services.drafts``)."""
        draft = cls(original)
        draft._defaults = dict(defaults)
        for name, value in edits.items():
            draft.set_value(name, value)
        for key, values in trackings.items():
            draft._trackings[key] = dict(values)
        return draft


class OrderWriter(Protocol):
    """The part of the API client the editor needs (``ParcelLabClient`` is one)."""

    async def post_order(self, order: Mapping[str, Any]) -> Order: ...

    async def put_order(self, body: Mapping[str, Any]) -> Order: ...

    async def get_order(self, unique_id: str) -> Order: ...

    async def find_order(self, account: int, order_number: str) -> Order | None: ...


def _iso_with_offset(moment: datetime) -> str:
    """``2026-11-27T14:05:00+01:00``: the agent's own offset, as the dialog showed it."""
    if moment.tzinfo is None:
        raise ValueError("a cancellation time needs a time zone")
    return moment.isoformat(timespec="seconds")


class OrderEditingService:
    """Sends drafts and cancels through an ``OrderWriter``; raises ``ParcelLabError``s
    (``WriteOutcomeUnknownError`` when a lookup could not tell whether a write landed,
    ``PartiallySavedError`` when a new order was created without all its trackings)."""

    def __init__(self, writer: OrderWriter, *, writes: OrderWrites | None = None) -> None:
        self._writer = writer
        self.writes = writes if writes is not None else OrderWrites(writer)

    async def save(self, draft: OrderDraft, resolve: ConflictResolver | None = None) -> Order:
        """POST a new order (then PUT its trackings) or PUT what changed; on success the
        draft holds the saved order. A draft with an unresolved write is looked up first:
        nothing is sent again until the lookup has been made.

        Before a PUT of changed fields the order is read again: changes made on the server
        meanwhile to fields the agent did not touch are taken in (``draft.taken_in``); when
        the agent and the server changed the same field, ``resolve`` is asked which value
        to keep (without one, or when it returns None, ``ConflictUnresolvedError``).

        Raises on failure; the draft keeps every edit then.
        """
        draft.taken_in = ()
        if draft.unresolved is not None:
            return await self.check(draft)
        deadline_at = self._deadline()
        if draft.is_new:
            mutations, keys = draft.mutations()
            posted = await self._send(draft, WriteIntent.post(draft.create_payload()), deadline_at)
            assert posted.order is not None  # saved
            draft.accept_created(posted.order)
            if not mutations:
                return posted.order
            return await self._save_trackings(draft, mutations, keys, deadline_at)
        original = draft.original
        assert original is not None  # not new
        patch, draft.sent_keys = draft.patch()
        if patch.is_empty:
            draft.accept_saved(original)
            return original
        if patch.changed or draft.saved_tracking_edits():
            await self._reconcile(draft, original, resolve)
            current = draft.original
            assert current is not None
            patch, draft.sent_keys = draft.patch()
            if patch.is_empty:  # every change was the server's value already, or given up
                draft.accept_saved(current)
                return current
        result = await self._send(draft, WriteIntent.put(patch.body), deadline_at)
        assert result.order is not None  # saved
        draft.accept_saved(result.order)
        return result.order

    async def _reconcile(
        self, draft: OrderDraft, original: Order, resolve: ConflictResolver | None
    ) -> None:
        """Read the order again and put the draft on top of it (see ``conflicts.py``)."""
        current = await self._writer.get_order(original.external_id or original.order_number or "")
        found = reconcile(
            original,
            draft.edits(),
            current,
            tracking_edits=draft.saved_tracking_edits(),
            editable=EDITABLE_FIELDS,
        )
        choices: Mapping[Any, Choice] = {}
        if found.conflicts:
            answer = await resolve(found) if resolve is not None else None
            if answer is None:
                raise ConflictUnresolvedError(found)
            choices = answer
        draft.rebase(current)
        for conflict in found.conflicts:
            if choices.get(conflict.key, Choice.MINE) is not Choice.THEIRS:
                continue
            if conflict.tracking is None:
                draft.set_value(conflict.name, conflict.theirs)  # the saved value: no edit
            else:
                draft.drop_tracking_change(conflict.tracking, conflict.name)
        draft.taken_in = found.taken_in

    async def check(self, draft: OrderDraft) -> Order:
        """Look up the write whose outcome is unknown ("Check again"); never re-sends it.

        Found: the draft takes the order in (keeping later edits) and, for a new order, its
        pending trackings are sent next. Not found: ``WriteOutcomeUnknownError`` again."""
        intent = draft.unresolved
        if intent is None:
            raise ValueError("nothing to check: no write of this draft is unresolved")
        result = await self.writes.check(intent)
        if not result.saved:
            if result.looked_up:
                draft.checks_without_finding += 1
            raise WriteOutcomeUnknownError(result)
        assert result.order is not None
        return await self._after_found(draft, intent, result.order)

    async def send_again(self, draft: OrderDraft) -> Order:
        """After checks found nothing: look once more, and only then send the draft as it
        is now (a found write is taken in instead)."""
        intent = draft.unresolved
        if intent is None:
            return await self.save(draft)
        result = await self.writes.check(intent)
        if result.saved:
            assert result.order is not None
            return await self._after_found(draft, intent, result.order)
        if not result.looked_up:
            raise WriteOutcomeUnknownError(result)
        draft.unresolved = None
        draft.checks_without_finding = 0
        return await self.save(draft)

    async def _after_found(self, draft: OrderDraft, intent: WriteIntent, order: Order) -> Order:
        draft.unresolved = None
        draft.checks_without_finding = 0
        if intent.method == "POST":
            # Fields typed since the unknown save stay edits on top of the created order.
            edits = draft.edits()
            draft.accept_created(order)
            for name, value in edits.items():
                draft.set_value(name, value)
            mutations, keys = draft.mutations()
            if not mutations:
                return order
            return await self._save_trackings(draft, mutations, keys, self._deadline())
        draft.rebase(order)
        return order

    async def _save_trackings(
        self,
        draft: OrderDraft,
        mutations: Sequence[Mutation],
        keys: tuple[TrackingKey, ...],
        deadline_at: float,
    ) -> Order:
        """PUT the trackings of an order just created; the draft keeps them pending (and
        any field typed meanwhile) until the service shows them."""
        order = draft.original
        assert order is not None
        draft.sent_keys = keys
        intent = self.writes.mutations_intent(order, mutations)
        try:
            result = await self._send(draft, intent, deadline_at)
        except WriteOutcomeUnknownError:
            raise
        except ParcelLabError as exc:
            raise PartiallySavedError(
                f"The order was created but {len(mutations)} tracking(s) were not saved.",
                order=order,
                unsaved=mutations,
                cause=exc,
            ) from exc
        assert result.order is not None
        draft.rebase(result.order)
        return result.order

    async def _send(
        self, draft: OrderDraft, intent: WriteIntent, deadline_at: float
    ) -> WriteResult:
        """Send and settle one write; a SAVED result, else the error to show. While it is
        on its way the draft records it, so a stopped save is known to be unresolved."""
        draft.unresolved = intent
        draft.checks_without_finding = 0
        result = await self.writes.send(intent, deadline_at=deadline_at)
        if result.outcome is Outcome.UNKNOWN:
            raise WriteOutcomeUnknownError(result)
        draft.unresolved = None
        if result.outcome is Outcome.NOT_SAVED:
            assert result.error is not None
            raise result.error
        return result

    def _deadline(self) -> float:
        return asyncio.get_running_loop().time() + self.writes.save_deadline

    async def cancel_order(self, draft: OrderDraft, reason: CancelReason, when: datetime) -> Order:
        """Cancel the order now; unsaved edits stay in the draft on top of the result."""
        original = _saved(draft)
        mutation = CancelOrder(reason, _iso_with_offset(when))  # type: ignore[arg-type]
        return await self._send_mutation(draft, original, mutation)

    async def cancel_tracking(
        self, draft: OrderDraft, key: TrackingKey, reason: CancelReason, when: datetime
    ) -> Order:
        """Cancel one saved tracking now; unsaved edits stay in the draft."""
        original = _saved(draft)
        if original.find_tracking(*key) is None:
            raise ValueError(f"the order has no saved tracking {key[0]} {key[1]}")
        mutation = CancelTracking(key[0], key[1], reason, _iso_with_offset(when))  # type: ignore[arg-type]
        return await self._send_mutation(draft, original, mutation)

    async def _send_mutation(self, draft: OrderDraft, original: Order, mutation: Mutation) -> Order:
        """A cancel goes out on its own (the draft's edits wait) and is settled like a save."""
        intent = self.writes.mutations_intent(original, [mutation])
        draft.sent_keys = ()  # a cancel's errors name no pending tracking
        result = await self._send(draft, intent, self._deadline())
        assert result.order is not None
        draft.rebase(result.order)
        return result.order

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
