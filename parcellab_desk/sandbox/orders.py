"""Writes: what PUT (create or update) and POST (create only) do to the store.

Checks run in the contract's order: write scope and account (403), validation with the shared
validators (400), then existence (404); everything a request changes is applied in one SQLite
transaction, and any failure rolls all of it back (all or nothing).

Decisions the contract leaves open:

- An order can never move to another account: a PUT naming an existing order (by
  ``external_id``) with a different ``account`` is 400 ``invalid`` at ``account``.
- An order of an account the token does not hold is treated as absent by ``external_id``
  (404), the same answer a lookup gives, so tokens cannot probe other accounts' ids.
- ``cancel_tracking`` naming a tracking this order does not have is 400 ``invalid`` at
  ``mutations.<i>.tracking_number``.
- Cancelling an already-cancelled order or tracking changes nothing at all (neither reason nor
  date); an order counts as cancelled once it has a ``cancelled_date`` and the status
  ``Cancelled``, a tracking once it has a ``cancelled_date``.
- ``updated_at`` moves only when the request changed something, so repeating a PUT is a no-op
  in every respect.
- POST takes order fields only, as the seed's POST body and a stock DRF serializer do:
  ``mutations`` and unknown fields in a POST body are dropped without an error (never
  validated, never applied), and ``external_id`` is ignored like every read-only field. An
  order with trackings is created by POST, then PUT with ``add_tracking``.
- ``null`` is taken only by the fields the contract marks nullable (``has_multiple_shipments``,
  ``cancelled_date``, ``cancelled_reason``; on trackings the two cancel fields); any other
  field answers 400, code ``null``, "This field may not be null.", and a text field is
  emptied with ``""`` (stored and served as ``""``).
- Datetimes written by a client are stored normalised to UTC (``...Z`` with microseconds).
- Newly added trackings have ``status`` null until a courier event would arrive.
- The echoing PUT form answers the merged order plus ``mutations``: one
  ``{"type", "result"}`` per mutation, ``result`` being ``created``, ``updated``,
  ``cancelled`` or ``unchanged``.
"""

from __future__ import annotations

import copy
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from parcellab_desk.api.schema import (
    CANCELLED_ORDER_STATUS,
    ORDER_FIELD,
    TRACKING_FIELD,
    ErrorCode,
    FieldKind,
    MutationType,
)
from parcellab_desk.api.validation import FieldError, check_order, parse_datetime
from parcellab_desk.sandbox.auth import TokenGrant, permission_denied, require_write
from parcellab_desk.sandbox.errors import ApiError, not_found
from parcellab_desk.sandbox.store import (
    Store,
    StoredOrder,
    blank_order_fields,
    blank_tracking,
    format_ts,
    utc_now,
)

CREATED = "created"
UPDATED = "updated"
CANCELLED = "cancelled"
UNCHANGED = "unchanged"


@dataclass(slots=True)
class WriteOutcome:
    order: StoredOrder
    created: bool
    changed: bool
    results: list[dict[str, str]] = field(default_factory=list)


def _normalise(kind: FieldKind, value: Any) -> Any:
    if kind is FieldKind.DATETIME and isinstance(value, str):
        return format_ts(parse_datetime(value))
    if kind is FieldKind.TAGS and isinstance(value, list):
        return list(value)
    return value


def _is_account_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class OrderWriter:
    """PUT and POST semantics over a Store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def put(self, grant: TokenGrant, body: Any) -> WriteOutcome:
        self._check_permission(grant, body)
        errors = check_order(body, creating=False)
        assert isinstance(body, Mapping) or errors
        if not errors and body.get("external_id") is None:
            for name in ("account", "order_number"):
                if name not in body:
                    errors.append(FieldError(name, ErrorCode.REQUIRED, "This field is required."))
        if errors:
            raise ApiError.validation(errors)
        now = format_ts(utc_now())
        with self._store.transaction() as conn:
            external_id = body.get("external_id")
            existing: StoredOrder | None
            if external_id is not None:
                # validated as a UUID above; stored in its canonical lower-case form
                existing = self._store.by_external_id(conn, str(uuid.UUID(str(external_id))))
                if existing is None or existing.account not in grant.accounts:
                    raise not_found()
                if "account" in body and body["account"] != existing.account:
                    raise ApiError.validation(
                        [
                            FieldError(
                                "account",
                                ErrorCode.INVALID,
                                "An order cannot be moved to another account.",
                            )
                        ]
                    )
            else:
                existing = self._store.by_number(conn, body["account"], body["order_number"])
            return self._apply(conn, existing, body, now)

    def post(self, grant: TokenGrant, body: Any) -> WriteOutcome:
        if isinstance(body, Mapping):
            # Stock DRF drops what its serializer does not declare: no mutations on POST.
            body = {k: v for k, v in body.items() if k != "mutations"}
        self._check_permission(grant, body)
        errors = check_order(body, creating=True)
        if errors:
            raise ApiError.validation(errors)
        now = format_ts(utc_now())
        with self._store.transaction() as conn:
            if self._store.by_number(conn, body["account"], body["order_number"]) is not None:
                raise ApiError.validation(
                    [
                        FieldError(
                            "order_number",
                            ErrorCode.UNIQUE,
                            "An order with this account and order number already exists.",
                        )
                    ]
                )
            return self._apply(conn, None, body, now)

    @staticmethod
    def _check_permission(grant: TokenGrant, body: Any) -> None:
        require_write(grant)
        if isinstance(body, Mapping):
            account = body.get("account")
            if _is_account_id(account) and account not in grant.accounts:
                raise permission_denied("This token does not hold that account.")

    def _apply(
        self,
        conn: sqlite3.Connection,
        existing: StoredOrder | None,
        body: Mapping[str, Any],
        now: str,
    ) -> WriteOutcome:
        errors: list[FieldError] = []
        if existing is None:
            fields = blank_order_fields()
            account: int = body["account"]
            trackings: list[dict[str, Any]] = []
        else:
            fields = copy.deepcopy(existing.fields)
            account = existing.account
            trackings = copy.deepcopy(existing.trackings)
        before = (copy.deepcopy(fields), copy.deepcopy(trackings))

        for name, value in body.items():
            spec = ORDER_FIELD.get(name)
            if spec is None or spec.read_only or name == "account":
                continue
            fields[name] = _normalise(spec.kind, value)

        own_id = existing.id if existing is not None else None
        if existing is None or fields["order_number"] != existing.fields["order_number"]:
            other = self._store.by_number(conn, account, fields["order_number"])
            if other is not None and other.id != own_id:
                errors.append(
                    FieldError(
                        "order_number",
                        ErrorCode.UNIQUE,
                        "An order with this account and order number already exists.",
                    )
                )
        reference = fields.get("external_reference")
        if reference:
            other = self._store.by_reference(conn, account, reference)
            if other is not None and other.id != own_id:
                errors.append(
                    FieldError(
                        "external_reference",
                        ErrorCode.UNIQUE,
                        "An order with this account and external reference already exists.",
                    )
                )

        results: list[dict[str, str]] = []
        for index, mutation in enumerate(body.get("mutations") or []):
            kind = mutation["type"]
            if kind == MutationType.ADD_TRACKING:
                result = self._add_tracking(
                    conn, account, own_id, trackings, mutation["tracking"], index, now, errors
                )
            elif kind == MutationType.CANCEL_TRACKING:
                result = _cancel_tracking(trackings, mutation, index, now, errors)
            else:
                result = _cancel_order(fields, mutation, now)
            results.append({"type": kind, "result": result})

        if errors:
            raise ApiError.validation(errors)

        changed = existing is None or before != (fields, trackings)
        if existing is None:
            order = self._store.insert_order(
                conn, external_id=str(uuid.uuid4()), account=account, fields=fields, now=now
            )
        else:
            order = existing
            order.fields = fields
            if changed:
                order.updated_at = now
                self._store.update_order(conn, order)
        order.trackings = trackings
        if changed:
            self._store.replace_trackings(conn, order)
        return WriteOutcome(order, existing is None, changed, results)

    def _add_tracking(
        self,
        conn: sqlite3.Connection,
        account: int,
        own_id: int | None,
        trackings: list[dict[str, Any]],
        body: Mapping[str, Any],
        index: int,
        now: str,
        errors: list[FieldError],
    ) -> str:
        courier, number = body["courier"], body["tracking_number"]
        owner = self._store.tracking_owner(conn, account, courier, number)
        if owner is not None and owner.order_id != own_id:
            errors.append(
                FieldError(
                    f"mutations.{index}.tracking.tracking_number",
                    ErrorCode.UNIQUE,
                    "A tracking with this courier and tracking number belongs to another order.",
                )
            )
            return UNCHANGED
        current = _find_tracking(trackings, courier, number)
        if current is None:
            current = blank_tracking()
            current["created_at"] = now
            trackings.append(current)
            outcome = CREATED
        else:
            outcome = UPDATED
        before = dict(current)
        for name, value in body.items():
            spec = TRACKING_FIELD.get(name)
            if spec is None or spec.read_only:
                continue
            current[name] = _normalise(spec.kind, value)
        if outcome == UPDATED and current == before:
            return UNCHANGED
        return outcome


def _find_tracking(
    trackings: list[dict[str, Any]], courier: str, number: str
) -> dict[str, Any] | None:
    for tracking in trackings:
        if tracking["courier"] == courier and tracking["tracking_number"] == number:
            return tracking
    return None


def _cancel_tracking(
    trackings: list[dict[str, Any]],
    mutation: Mapping[str, Any],
    index: int,
    now: str,
    errors: list[FieldError],
) -> str:
    tracking = _find_tracking(trackings, mutation["courier"], mutation["tracking_number"])
    if tracking is None:
        errors.append(
            FieldError(
                f"mutations.{index}.tracking_number",
                ErrorCode.INVALID,
                "This order has no tracking with this courier and tracking number.",
            )
        )
        return UNCHANGED
    if tracking.get("cancelled_date"):
        return UNCHANGED
    given = mutation.get("cancelled_date")
    tracking["cancelled_date"] = format_ts(parse_datetime(given)) if given else now
    tracking["cancelled_reason"] = mutation["cancelled_reason"]
    return CANCELLED


def _cancel_order(fields: dict[str, Any], mutation: Mapping[str, Any], now: str) -> str:
    stored_date = fields.get("cancelled_date")
    if stored_date and fields.get("order_status") == CANCELLED_ORDER_STATUS:
        return UNCHANGED
    fields["order_status"] = CANCELLED_ORDER_STATUS
    given = mutation.get("cancelled_date")
    if not stored_date:
        fields["cancelled_date"] = format_ts(parse_datetime(given)) if given else now
    if not (stored_date and fields.get("cancelled_reason")):
        fields["cancelled_reason"] = mutation["cancelled_reason"]
    return CANCELLED
