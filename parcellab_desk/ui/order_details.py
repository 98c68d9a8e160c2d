"""A read-only view of one order and its trackings, shown in a tab of the main window."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import ORDER_FIELD
from parcellab_desk.qt.order_columns import format_local, format_utc

_ORDER_ROWS = (
    "order_number",
    "external_reference",
    "account",
    "client_key",
    "order_status",
    "has_multiple_shipments",
    "recipient_name",
    "recipient_email",
    "destination_country_iso3",
    "language_iso2",
    "timezone",
    "customer_number",
)


def _cell(value: object) -> str:
    if value is None or value == "" or value == []:
        return '<span style="color:#888">—</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def order_html(order: Order, tz: tzinfo | None = None) -> str:
    """The order as a small HTML document (Qt's rich text subset)."""
    title = escape(order.order_number or "(no order number)")
    status = escape(order.order_status or "no status")
    parts = [f"<h2 style='margin:0'>Order {title}</h2>"]
    badge = f"<b>{status}</b>"
    if order.is_cancelled:
        reason = order.cancelled_reason.label if order.cancelled_reason else "no reason given"
        when = format_local(order.cancelled_date, tz) if order.cancelled_date else "date unknown"
        badge += f" &nbsp;·&nbsp; cancelled ({escape(reason)}, {escape(when)})"
    parts.append(f"<p style='margin-top:4px'>{badge}</p>")
    created = format_local(order.created_at, tz)
    updated = format_local(order.updated_at, tz)
    parts.append(
        "<p style='color:#555'>"
        f"External id: <code>{_cell(order.external_id)}</code><br>"
        f"Created {escape(created)} (UTC {escape(format_utc(order.created_at))}) · "
        f"updated {escape(updated)}</p>"
    )
    rows = "".join(
        f"<tr><td style='padding-right:12px;color:#555'>{escape(ORDER_FIELD[name].label)}</td>"
        f"<td>{_cell(getattr(order, name))}</td></tr>"
        for name in _ORDER_ROWS
    )
    parts.append(f"<table cellspacing='2'>{rows}</table>")
    tags = ", ".join(escape(tag) for tag in order.tags) or _cell(None)
    parts.append(f"<h3>Tags</h3><p>{tags}</p>")
    parts.append(f"<h3>Trackings ({len(order.trackings)})</h3>")
    if order.trackings:
        head = "".join(
            f"<th align='left' style='padding-right:10px'>{h}</th>"
            for h in ("Courier", "Tracking number", "Status", "Postal code", "Return", "Cancelled")
        )
        body = ""
        for t in order.trackings:
            cancelled = (
                f"{t.cancelled_reason.label if t.cancelled_reason else 'yes'}"
                if t.is_cancelled
                else ""
            )
            body += (
                f"<tr><td>{_cell(t.courier)}</td><td>{_cell(t.tracking_number)}</td>"
                f"<td>{_cell(t.status)}</td><td>{_cell(t.recipient_postal_code)}</td>"
                f"<td>{_cell(t.is_return)}</td><td>{_cell(cancelled or None)}</td></tr>"
            )
        parts.append(f"<table cellspacing='2'><tr>{head}</tr>{body}</table>")
    else:
        parts.append("<p style='color:#555'>No trackings yet.</p>")
    extra = order.model_extra or {}
    if extra:
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:#555'>{escape(k)}</td>"
            f"<td>{_cell(v)}</td></tr>"
            for k, v in sorted(extra.items())
        )
        parts.append(f"<h3>Other fields</h3><table cellspacing='2'>{rows}</table>")
    return "".join(parts)


class OrderDetails(QWidget):
    """Shows one order; ``show_order`` replaces it (after a refresh or a save)."""

    def __init__(self, order: Order, tz: tzinfo | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._tz = tz
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.browser)
        self.order = order
        self.show_order(order)

    def show_order(self, order: Order) -> None:
        self.order = order
        self.browser.setHtml(order_html(order, self._tz))
