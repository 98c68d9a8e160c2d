"""The delivery-status vocabulary and the lookup's match kinds in the agent's language.

``services.delivery_status`` and ``services.order_lookup`` hold English source strings
marked for the translation catalogue; these helpers translate them where they are shown (the
order table, the trackings, the parcel timeline, the search picker). An unknown status code is
shown exactly as the service sent it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from parcellab_desk.services.delivery_status import (
    TRANSLATION_CONTEXT,
    DeliveryGroup,
    delivery_status,
    group_label,
)
from parcellab_desk.services.order_lookup import MATCH_LABELS, MatchKind

__all__ = ["delivery_label", "delivery_tooltip", "group_text", "match_text"]


def delivery_label(code: str | None) -> str:
    """The short label of a delivery status (``Delivered to a locker``); '' for none."""
    status = delivery_status(code)
    if status is None:
        return ""
    if not status.known:
        return status.code
    return QCoreApplication.translate(TRANSLATION_CONTEXT, status.label)


def delivery_tooltip(code: str | None) -> str:
    """Label, group and the service's code, for hovering."""
    status = delivery_status(code)
    if status is None:
        return ""
    if not status.known:
        return QCoreApplication.translate(
            TRANSLATION_CONTEXT, "{code} (a status this console does not know yet)"
        ).format(code=status.code)
    return f"{delivery_label(code)} · {group_text(status.group)} · {status.code}"


def group_text(group: DeliveryGroup) -> str:
    return QCoreApplication.translate(TRANSLATION_CONTEXT, group_label(group))


def match_text(kind: MatchKind) -> str:
    return QCoreApplication.translate("OrderLookup", MATCH_LABELS[kind])
