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

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import (
    CANCELLED_ORDER_STATUS,
    DeliveryGroup,
    Ordering,
    delivery_group,
)
from parcellab_desk.qt.status_labels import delivery_label
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

__all__ = [
    "COLUMN_COUNT",
    "HEADER_LABELS",
    "SORT_FIELDS",
    "Badge",
    "BadgeTone",
    "OrderColumn",
    "badge",
    "column_for_ordering",
    "delivery_tone",
    "display_text",
    "format_local",
    "format_utc",
    "latest_tracking",
    "sort_value",
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
    OrderColumn.ORDER_NUMBER: QT_TRANSLATE_NOOP("OrderColumns", "Order no."),
    OrderColumn.EXTERNAL_REFERENCE: QT_TRANSLATE_NOOP("OrderColumns", "Ext. ref."),
    OrderColumn.ACCOUNT: QT_TRANSLATE_NOOP("OrderColumns", "Account"),
    OrderColumn.CLIENT_KEY: QT_TRANSLATE_NOOP("OrderColumns", "Client key"),
    OrderColumn.ORDER_STATUS: QT_TRANSLATE_NOOP("OrderColumns", "Status"),
    OrderColumn.TRACKINGS: QT_TRANSLATE_NOOP("OrderColumns", "Trackings"),
    OrderColumn.TAGS: QT_TRANSLATE_NOOP("OrderColumns", "Tags"),
    OrderColumn.CREATED: QT_TRANSLATE_NOOP("OrderColumns", "Created"),
    OrderColumn.UPDATED: QT_TRANSLATE_NOOP("OrderColumns", "Updated"),
    OrderColumn.CANCELLED: QT_TRANSLATE_NOOP("OrderColumns", "Cancelled"),
}

HEADER_TOOLTIPS: Final[dict[OrderColumn, str]] = {
    OrderColumn.ORDER_NUMBER: QT_TRANSLATE_NOOP("OrderColumns", "Customer-facing order number"),
    OrderColumn.EXTERNAL_REFERENCE: QT_TRANSLATE_NOOP(
        "OrderColumns",
        "The retailer's own reference",
    ),
    OrderColumn.TRACKINGS: QT_TRANSLATE_NOOP(
        "OrderColumns",
        "Number of parcels and the latest one's delivery status",
    ),
    OrderColumn.CREATED: QT_TRANSLATE_NOOP(
        "OrderColumns",
        "When parcelLab received the order (your local time)",
    ),
    OrderColumn.UPDATED: QT_TRANSLATE_NOOP("OrderColumns", "Last change (your local time)"),
    OrderColumn.CANCELLED: QT_TRANSLATE_NOOP("OrderColumns", "Cancel reason and date"),
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
    """The status group a chip belongs to; the theme gives each group its colours, the text
    says the status itself, so nothing is told by colour alone."""

    NEUTRAL = "neutral"
    PENDING = "pending"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    ATTEMPT = "attempt"  # failed attempt, ready for pickup
    EXCEPTION = "exception"
    RETURN = "return"
    CANCELLED = "cancelled"
    ATTENTION = "attention"  # not a delivery state: "not saved yet" and the like


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    tone: BadgeTone


GROUP_TONES: Final[dict[DeliveryGroup, BadgeTone]] = {
    DeliveryGroup.PENDING: BadgeTone.PENDING,
    DeliveryGroup.IN_TRANSIT: BadgeTone.IN_TRANSIT,
    DeliveryGroup.OUT_FOR_DELIVERY: BadgeTone.OUT_FOR_DELIVERY,
    DeliveryGroup.DELIVERED: BadgeTone.DELIVERED,
    DeliveryGroup.FAILED_ATTEMPT: BadgeTone.ATTEMPT,
    DeliveryGroup.EXCEPTION: BadgeTone.EXCEPTION,
    DeliveryGroup.RETURN: BadgeTone.RETURN,
    DeliveryGroup.UNKNOWN: BadgeTone.NEUTRAL,
}

# The order statuses the contract names, by group; others are tolerated as neutral.
ORDER_STATUS_TONES: Final[dict[str, BadgeTone]] = {
    "Processing": BadgeTone.PENDING,
    "Shipped": BadgeTone.IN_TRANSIT,
    "PartiallyShipped": BadgeTone.IN_TRANSIT,
    "Delivered": BadgeTone.DELIVERED,
    CANCELLED_ORDER_STATUS: BadgeTone.CANCELLED,
}


def delivery_tone(status: str | None) -> BadgeTone:
    """The badge tone of a delivery status code, by its group in the vocabulary."""
    return GROUP_TONES[delivery_group(status)]


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
        return translate("OrderColumns", "Cancelled")
    return delivery_label(tracking.status) or translate("OrderColumns", "No status yet")


def badge(order: Order, column: OrderColumn) -> Badge | None:
    """The status badge of a cell, or None for columns that are plain text."""
    if column is OrderColumn.ORDER_STATUS:
        if order.is_cancelled or order.order_status == CANCELLED_ORDER_STATUS:
            return Badge(translate("OrderColumns", "Cancelled"), BadgeTone.CANCELLED)
        status = order.order_status
        tone = ORDER_STATUS_TONES.get(status or "", BadgeTone.NEUTRAL)
        return Badge(status or translate("OrderColumns", "No status"), tone)
    if column is OrderColumn.TRACKINGS:
        tracking = latest_tracking(order)
        if tracking is None:
            return None
        if order.is_cancelled:
            # A cancelled order's parcels are not on their way, whatever the last scan said.
            return Badge(translate("OrderColumns", "Order cancelled"), BadgeTone.CANCELLED)
        if tracking.is_cancelled:
            return Badge(_tracking_status_text(tracking), BadgeTone.CANCELLED)
        return Badge(_tracking_status_text(tracking), delivery_tone(tracking.status))
    if column is OrderColumn.CANCELLED and order.is_cancelled:
        return Badge(translate("OrderColumns", "Cancelled"), BadgeTone.CANCELLED)
    return None


# --- cell text --------------------------------------------------------------------------


def _trackings_text(order: Order) -> str:
    tracking = latest_tracking(order)
    if tracking is None:
        return translate("OrderColumns", "none")
    status = (
        translate("OrderColumns", "Order cancelled")
        if order.is_cancelled
        else _tracking_status_text(tracking)
    )
    return f"{len(order.trackings)} · {status}"


def _cancelled_text(order: Order, tz: tzinfo | None) -> str:
    if not order.is_cancelled:
        return ""
    reason = (
        order.cancelled_reason.label
        if order.cancelled_reason
        else translate("OrderColumns", "No reason")
    )
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
    # the service's own code too: it is what parcelLab's support and the courier speak
    suffix = "" if tracking.is_cancelled or not tracking.status else f" ({tracking.status})"
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
            reason = (
                order.cancelled_reason.label
                if order.cancelled_reason
                else translate("OrderColumns", "No reason")
            )
            when = format_utc(order.cancelled_date)
            text = translate("OrderColumns", "Cancelled: {reason}").format(reason=reason)
            return text + (f", {when}" if when else "")
        case OrderColumn.TRACKINGS:
            if not order.trackings:
                return translate("OrderColumns", "No trackings yet")
            return "\n".join(_tracking_line(t) for t in order.trackings)
        case OrderColumn.TAGS:
            return "\n".join(order.tags) or None
        case OrderColumn.ORDER_STATUS:
            if order.is_cancelled and order.order_status != CANCELLED_ORDER_STATUS:
                # The server's status text and the cancellation disagree: show both.
                return translate("OrderColumns", "Cancelled (order status: {status})").format(
                    status=order.order_status or translate("OrderColumns", "none")
                )
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
