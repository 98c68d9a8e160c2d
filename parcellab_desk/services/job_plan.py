"""What a bulk job will do, row by row, and what became of each row (plain data, no I/O).

A job is a list of rows, each naming one order (``OrderRef``) and what to do to it. A plan
never holds one order twice: rows that name the same order are merged when the plan is
built (an import with three trackings of one order is one row with three trackings), so a
job cannot send one order twice even when a sheet lists it twice. Plans and row states
round-trip through JSON for the journal.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from parcellab_desk.api.models import Order

__all__ = [
    "JobKind",
    "JobPlan",
    "JobRow",
    "OrderRef",
    "RowState",
    "merge_rows",
    "rows_for_orders",
]


class JobKind(StrEnum):
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"
    CANCEL_ORDERS = "cancel_orders"
    CANCEL_TRACKINGS = "cancel_trackings"  # every tracking of one courier
    IMPORT_TRACKINGS = "import_trackings"
    UPDATE_ORDERS = "update_orders"  # order fields from a sheet


class RowState(StrEnum):
    PENDING = "pending"  # not started (or started, then the job was cancelled or killed)
    IN_FLIGHT = "in_flight"  # a worker holds it now
    DONE = "done"  # the change is on the server
    SKIPPED = "skipped"  # the order could not take the action, or already had it
    FAILED = "failed"  # refused or gave up; "retry failed" tries again

    @property
    def is_final(self) -> bool:
        return self in (RowState.DONE, RowState.SKIPPED, RowState.FAILED)


@dataclass(frozen=True, slots=True)
class OrderRef:
    """How a row names its order: ``external_id``, else ``account`` + ``order_number``
    (an order number alone works when only one account has it)."""

    external_id: str | None = None
    account: int | None = None
    order_number: str | None = None

    @classmethod
    def of(cls, order: Order) -> OrderRef:
        return cls(order.external_id, order.account, order.order_number)

    @property
    def key(self) -> str:
        """Identity within a job: two rows with the same key are the same order."""
        if self.external_id:
            return f"id:{self.external_id.lower()}"
        return f"no:{self.account or ''}:{self.order_number or ''}"

    @property
    def label(self) -> str:
        """What the agent calls it: the order number, else the external id."""
        return self.order_number or self.external_id or "?"

    def to_json(self) -> dict[str, Any]:
        return {
            "external_id": self.external_id,
            "account": self.account,
            "number": self.order_number,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OrderRef:
        account = data.get("account")
        return cls(
            _opt_str(data.get("external_id")),
            int(account) if account is not None else None,
            _opt_str(data.get("number")),
        )


@dataclass(frozen=True, slots=True)
class JobRow:
    """One order of a job. ``items`` are per-order inputs (trackings to add, field values);
    ``lines`` the sheet lines they came from (empty for selections)."""

    ref: OrderRef
    items: tuple[Mapping[str, Any], ...] = ()
    lines: tuple[int, ...] = ()
    state: RowState = RowState.PENDING
    message: str = ""
    sent: bool = False  # a write may have reached the server: look up before anything else

    @property
    def key(self) -> str:
        return self.ref.key

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref.to_json(),
            "items": [dict(item) for item in self.items],
            "lines": list(self.lines),
            "state": self.state.value,
            "message": self.message,
            "sent": self.sent,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JobRow:
        return cls(
            ref=OrderRef.from_json(data["ref"]),
            items=tuple(dict(item) for item in data.get("items", ())),
            lines=tuple(int(n) for n in data.get("lines", ())),
            state=RowState(data.get("state", RowState.PENDING)),
            message=str(data.get("message", "")),
            sent=bool(data.get("sent", False)),
        )


@dataclass(frozen=True, slots=True)
class JobPlan:
    """A job as it was confirmed: kind, parameters shared by every row, and the rows."""

    kind: JobKind
    title: str
    params: Mapping[str, Any]
    rows: tuple[JobRow, ...]
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def __post_init__(self) -> None:
        keys = [row.key for row in self.rows]
        if len(keys) != len(set(keys)):
            raise ValueError("a job plan names an order twice; merge the rows first")

    def with_rows(self, rows: Sequence[JobRow]) -> JobPlan:
        return replace(self, rows=tuple(rows))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "job_id": self.job_id,
            "kind": self.kind.value,
            "title": self.title,
            "params": dict(self.params),
            "created_at": self.created_at,
            "rows": [row.to_json() for row in self.rows],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JobPlan:
        if data.get("version") != 1:
            raise ValueError(f"unknown job file version {data.get('version')!r}")
        return cls(
            kind=JobKind(data["kind"]),
            title=str(data["title"]),
            params=dict(data.get("params", {})),
            rows=tuple(JobRow.from_json(row) for row in data["rows"]),
            job_id=str(data["job_id"]),
            created_at=str(data["created_at"]),
        )


def merge_rows(rows: Iterable[JobRow]) -> tuple[JobRow, ...]:
    """One row per order, in first-seen order; the items and lines of repeats are appended."""
    merged: dict[str, JobRow] = {}
    for row in rows:
        seen = merged.get(row.key)
        if seen is None:
            merged[row.key] = row
        else:
            merged[row.key] = replace(
                seen, items=seen.items + row.items, lines=seen.lines + row.lines
            )
    return tuple(merged.values())


def rows_for_orders(orders: Iterable[Order]) -> tuple[JobRow, ...]:
    """A row per selected order (a selection that lists one order twice gives one row)."""
    return merge_rows(JobRow(OrderRef.of(order)) for order in orders)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
