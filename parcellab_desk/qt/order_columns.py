"""The order table's columns in one place: order, labels, server sort fields and cell text.

Times are shown in the agent's local time zone (tooltips carry the UTC value, which is what
the server and parcelLab's support speak). Status cells carry a ``Badge``: text that reads on
its own plus a tone the view turns into colour, so nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import Enum, IntEnum
from typing import Final

from PySide6.QtGui import QColor

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import (
    CANCELLED_ORDER_STATUS,
    DeliveryGroup,
    Ordering,
    delivery_group,
)

__all__ = [
    "COLUMN_COUNT",
    "HEADER_LABELS",
    "SORT_FIELDS",
    "Badge",
    "BadgeTone",
    "OrderColumn",
    "badge",
    "column_for_ordering",
    "display_text",
    "format_local",
    "format_utc",
    "latest_tracking",
    "sort_value",
    "tone_colors",
    "tooltip_text",
]


class OrderColumn(IntEnum):
    """Column positions of the order table (the view may reorder sections; the model won't)."""

    ORDER_NUMBER = 0
    EXTERNAL_REFERENCE = 1
    ACCOUNT = 2
    CLIENT_KEY = 3
    ORDER_STATUS = 4
    TRACKINGS = 5
    TAGS = 6
    CREATED = 7
    UPDATED = 8
    CANCELLED = 9


COLUMN_COUNT: Final = len(OrderColumn)

HEADER_LABELS: Final[dict[OrderColumn, str]] = {
    OrderColumn.ORDER_NUMBER: "Order no.",
    OrderColumn.EXTERNAL_REFERENCE: "Ext. ref.",
    OrderColumn.ACCOUNT: "Account",
    OrderColumn.CLIENT_KEY: "Client key",
    OrderColumn.ORDER_STATUS: "Status",
    OrderColumn.TRACKINGS: "Trackings",
    OrderColumn.TAGS: "Tags",
    OrderColumn.CREATED: "Created",
    OrderColumn.UPDATED: "Updated",
    OrderColumn.CANCELLED: "Cancelled",
}

HEADER_TOOLTIPS: Final[dict[OrderColumn, str]] = {
    OrderColumn.ORDER_NUMBER: "Customer-facing order number",
    OrderColumn.EXTERNAL_REFERENCE: "The retailer's own reference",
    OrderColumn.TRACKINGS: "Number of parcels and the latest one's delivery status",
    OrderColumn.CREATED: "When parcelLab received the order (your local time)",
    OrderColumn.UPDATED: "Last change (your local time)",
    OrderColumn.CANCELLED: "Cancel reason and date",
}

# Sorting is the server's job: only these columns can be sorted, by these fields.
SORT_FIELDS: Final[dict[OrderColumn, Ordering]] = {
    OrderColumn.ORDER_NUMBER: Ordering.ORDER_NUMBER,
    OrderColumn.EXTERNAL_REFERENCE: Ordering.EXTERNAL_REFERENCE,
    OrderColumn.CREATED: Ordering.CREATED_AT,
    OrderColumn.UPDATED: Ordering.UPDATED_AT,
}

_COLUMN_FOR_ORDERING: Final = {field: column for column, field in SORT_FIELDS.items()}


def column_for_ordering(ordering: Ordering) -> OrderColumn:
    """The column whose header shows the sort indicator for ``ordering``."""
    return _COLUMN_FOR_ORDERING[ordering]


# --- time -------------------------------------------------------------------------------


def format_local(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """``2026-11-27 14:05`` in ``tz`` (None: the machine's local zone); empty when unknown."""
    if moment is None:
        return ""
    # Formatted by hand: the table shows three per row, and strftime is twice as slow.
    local = moment.astimezone(tz)
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def format_utc(moment: datetime | None) -> str:
    """``2026-11-27 13:05:09 UTC``; empty when unknown."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


# --- badges -----------------------------------------------------------------------------


class BadgeTone(Enum):
    """What a status means to the agent; the view maps it to colour, the text says it too."""

    NEUTRAL = "neutral"
    PROGRESS = "progress"
    SUCCESS = "success"
    ATTENTION = "attention"
    PROBLEM = "problem"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    tone: BadgeTone


_GROUP_TONES: Final[dict[DeliveryGroup, BadgeTone]] = {
    DeliveryGroup.PENDING: BadgeTone.NEUTRAL,
    DeliveryGroup.IN_TRANSIT: BadgeTone.PROGRESS,
    DeliveryGroup.OUT_FOR_DELIVERY: BadgeTone.PROGRESS,
    DeliveryGroup.DELIVERED: BadgeTone.SUCCESS,
    DeliveryGroup.FAILED_ATTEMPT: BadgeTone.ATTENTION,
    DeliveryGroup.EXCEPTION: BadgeTone.PROBLEM,
    DeliveryGroup.RETURN: BadgeTone.ATTENTION,
    DeliveryGroup.UNKNOWN: BadgeTone.NEUTRAL,
}

# (text, background): dark text on a light tint reads the same under light and dark themes.
_TONE_COLORS: Final[dict[BadgeTone, tuple[str, str]]] = {
    BadgeTone.NEUTRAL: ("#202124", "#e8eaed"),
    BadgeTone.PROGRESS: ("#0b3d91", "#d2e3fc"),
    BadgeTone.SUCCESS: ("#0d5222", "#ceead6"),
    BadgeTone.ATTENTION: ("#5c3b00", "#feefc3"),
    BadgeTone.PROBLEM: ("#8c1d18", "#fad2cf"),
    BadgeTone.CANCELLED: ("#3c4043", "#dadce0"),
}


def tone_colors(tone: BadgeTone) -> tuple[QColor, QColor]:
    """(foreground, background) for a badge of ``tone``."""
    text, background = _TONE_COLORS[tone]
    return QColor(text), QColor(background)


def latest_tracking(order: Order) -> Tracking | None:
    """The most recently created tracking; list order breaks ties and missing dates."""
    if not order.trackings:
        return None
    floor = datetime.min.replace(tzinfo=UTC)
    # max() keeps the first of equal keys, so compare on (date, position) to prefer the last.
    return max(
        enumerate(order.trackings),
        key=lambda item: (item[1].created_at or floor, item[0]),
    )[1]


def _tracking_status_text(tracking: Tracking) -> str:
    if tracking.is_cancelled:
        return "Cancelled"
    return tracking.status or "No status yet"


def badge(order: Order, column: OrderColumn) -> Badge | None:
    """The status badge of a cell, or None for columns that are plain text."""
    if column is OrderColumn.ORDER_STATUS:
        if order.is_cancelled or order.order_status == CANCELLED_ORDER_STATUS:
            return Badge(CANCELLED_ORDER_STATUS, BadgeTone.CANCELLED)
        return Badge(order.order_status or "No status", BadgeTone.NEUTRAL)
    if column is OrderColumn.TRACKINGS:
        tracking = latest_tracking(order)
        if tracking is None:
            return None
        if tracking.is_cancelled:
            return Badge(_tracking_status_text(tracking), BadgeTone.CANCELLED)
        tone = _GROUP_TONES[delivery_group(tracking.status)]
        return Badge(_tracking_status_text(tracking), tone)
    if column is OrderColumn.CANCELLED and order.is_cancelled:
        return Badge(CANCELLED_ORDER_STATUS, BadgeTone.CANCELLED)
    return None


# --- cell text --------------------------------------------------------------------------


def _trackings_text(order: Order) -> str:
    tracking = latest_tracking(order)
    if tracking is None:
        return "none"
    return f"{len(order.trackings)} · {_tracking_status_text(tracking)}"


def _cancelled_text(order: Order, tz: tzinfo | None) -> str:
    if not order.is_cancelled:
        return ""
    reason = order.cancelled_reason.label if order.cancelled_reason else "No reason"
    when = format_local(order.cancelled_date, tz)
    return f"{reason} · {when}" if when else reason


def display_text(order: Order, column: OrderColumn, tz: tzinfo | None = None) -> str:
    """What the cell shows; times in ``tz`` (None: the machine's local zone)."""
    match column:
        case OrderColumn.ORDER_NUMBER:
            return order.order_number or ""
        case OrderColumn.EXTERNAL_REFERENCE:
            return order.external_reference or ""
        case OrderColumn.ACCOUNT:
            return "" if order.account is None else str(order.account)
        case OrderColumn.CLIENT_KEY:
            return order.client_key or ""
        case OrderColumn.ORDER_STATUS:
            status = badge(order, column)
            return status.text if status else ""
        case OrderColumn.TRACKINGS:
            return _trackings_text(order)
        case OrderColumn.TAGS:
            return ", ".join(order.tags)
        case OrderColumn.CREATED:
            return format_local(order.created_at, tz)
        case OrderColumn.UPDATED:
            return format_local(order.updated_at, tz)
        case OrderColumn.CANCELLED:
            return _cancelled_text(order, tz)


def _tracking_line(tracking: Tracking) -> str:
    courier = tracking.courier or "?"
    number = tracking.tracking_number or "?"
    status = _tracking_status_text(tracking)
    group = delivery_group(tracking.status)
    suffix = "" if tracking.is_cancelled or group is DeliveryGroup.UNKNOWN else f" ({group})"
    return f"{courier} {number}: {status}{suffix}"


def tooltip_text(order: Order, column: OrderColumn) -> str | None:
    """Detail on hover: UTC times, every tracking, every tag; None when the cell says it all."""
    match column:
        case OrderColumn.CREATED:
            return format_utc(order.created_at) or None
        case OrderColumn.UPDATED:
            return format_utc(order.updated_at) or None
        case OrderColumn.CANCELLED:
            if not order.is_cancelled:
                return None
            reason = order.cancelled_reason.label if order.cancelled_reason else "No reason"
            when = format_utc(order.cancelled_date)
            return f"Cancelled: {reason}" + (f", {when}" if when else "")
        case OrderColumn.TRACKINGS:
            if not order.trackings:
                return "No trackings yet"
            return "\n".join(_tracking_line(t) for t in order.trackings)
        case OrderColumn.TAGS:
            return "\n".join(order.tags) or None
        case OrderColumn.ORDER_STATUS:
            if order.is_cancelled and order.order_status != CANCELLED_ORDER_STATUS:
                # The server's status text and the cancellation disagree: show both.
                return f"Cancelled (order status: {order.order_status or 'none'})"
            return None
        case _:
            return None


SortValue = str | int | float | None


def sort_value(order: Order, column: OrderColumn) -> SortValue:
    """The raw value behind a cell (times as UTC epoch seconds), for sorting and copying."""
    match column:
        case OrderColumn.ACCOUNT:
            return order.account
        case OrderColumn.TRACKINGS:
            return len(order.trackings)
        case OrderColumn.CREATED:
            return order.created_at.timestamp() if order.created_at else None
        case OrderColumn.UPDATED:
            return order.updated_at.timestamp() if order.updated_at else None
        case OrderColumn.CANCELLED:
            return order.cancelled_date.timestamp() if order.cancelled_date else None
        case OrderColumn.ORDER_STATUS:
            return order.order_status
        case _:
            return display_text(order, column, UTC)
