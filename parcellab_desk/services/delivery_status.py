"""The delivery-status vocabulary: every status code of the contract as a short label and a group.

One table for the order table, the editor's trackings, the parcel timeline and the theme's
status colours. The codes and their groups come from the contract (``api.schema``); this
module adds the words an agent reads. Labels are English source strings marked for Qt's
translation tools: the UI shows them through ``QCoreApplication.translate(TRANSLATION_CONTEXT,
label)`` (``translated_label`` in ``ui`` does it), so this module stays free of Qt.

A code the table does not know (the real service may add some) keeps its raw text as label
and the group ``UNKNOWN``: an agent sees exactly what the service said, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from parcellab_desk.api.schema import DELIVERY_STATUSES, DeliveryGroup
from parcellab_desk.services.translation_marks import QT_TRANSLATE_NOOP

__all__ = [
    "GROUP_LABELS",
    "TRANSLATION_CONTEXT",
    "VOCABULARY",
    "DeliveryGroup",
    "DeliveryStatus",
    "delivery_status",
    "group_label",
]

TRANSLATION_CONTEXT: Final = "DeliveryStatus"


@dataclass(frozen=True, slots=True)
class DeliveryStatus:
    """A delivery status as the agent reads it. ``known`` is False for codes outside the table."""

    code: str
    label: str
    group: DeliveryGroup
    known: bool = True


_LABELS: Final[dict[str, str]] = {
    "WarehousePending": QT_TRANSLATE_NOOP("DeliveryStatus", "At the warehouse"),
    "WarehousePrepared": QT_TRANSLATE_NOOP("DeliveryStatus", "Packed, awaiting pickup"),
    "InboundScan": QT_TRANSLATE_NOOP("DeliveryStatus", "Handed to courier"),
    "InTransit": QT_TRANSLATE_NOOP("DeliveryStatus", "In transit"),
    "ExportHub": QT_TRANSLATE_NOOP("DeliveryStatus", "At export hub"),
    "ImportHub": QT_TRANSLATE_NOOP("DeliveryStatus", "At import hub"),
    "CustomsIn": QT_TRANSLATE_NOOP("DeliveryStatus", "In customs"),
    "CustomsReleased": QT_TRANSLATE_NOOP("DeliveryStatus", "Cleared customs"),
    "DestinationDeliveryCenter": QT_TRANSLATE_NOOP("DeliveryStatus", "At local depot"),
    "OutForDelivery": QT_TRANSLATE_NOOP("DeliveryStatus", "Out for delivery"),
    "FailedAttempt-NewAttemptNextDay": QT_TRANSLATE_NOOP(
        "DeliveryStatus", "Missed, new attempt next day"
    ),
    "FailedAttempt-PickUpReady": QT_TRANSLATE_NOOP("DeliveryStatus", "Missed, ready for pickup"),
    "PickupReady": QT_TRANSLATE_NOOP("DeliveryStatus", "Ready for pickup"),
    "Delivered": QT_TRANSLATE_NOOP("DeliveryStatus", "Delivered"),
    "Delivered-Neighbor": QT_TRANSLATE_NOOP("DeliveryStatus", "Delivered to a neighbour"),
    "Delivered-ParcelLocker": QT_TRANSLATE_NOOP("DeliveryStatus", "Delivered to a locker"),
    "Delivered-ParcelShop": QT_TRANSLATE_NOOP("DeliveryStatus", "Delivered to a parcel shop"),
    "Exception-AddressIssue": QT_TRANSLATE_NOOP("DeliveryStatus", "Address problem"),
    "Exception-CustomerRefusal": QT_TRANSLATE_NOOP("DeliveryStatus", "Refused by recipient"),
    "Exception-Damaged": QT_TRANSLATE_NOOP("DeliveryStatus", "Damaged in transit"),
    "ReturnToSender-NotCollected": QT_TRANSLATE_NOOP("DeliveryStatus", "Not collected, going back"),
    "ReturnInProcess": QT_TRANSLATE_NOOP("DeliveryStatus", "Return on its way"),
    "ReturnDelivered": QT_TRANSLATE_NOOP("DeliveryStatus", "Return received"),
}

GROUP_LABELS: Final[dict[DeliveryGroup, str]] = {
    DeliveryGroup.PENDING: QT_TRANSLATE_NOOP("DeliveryStatus", "Pending"),
    DeliveryGroup.IN_TRANSIT: QT_TRANSLATE_NOOP("DeliveryStatus", "In transit"),
    DeliveryGroup.OUT_FOR_DELIVERY: QT_TRANSLATE_NOOP("DeliveryStatus", "Out for delivery"),
    DeliveryGroup.DELIVERED: QT_TRANSLATE_NOOP("DeliveryStatus", "Delivered"),
    DeliveryGroup.FAILED_ATTEMPT: QT_TRANSLATE_NOOP("DeliveryStatus", "Failed attempt / pickup"),
    DeliveryGroup.EXCEPTION: QT_TRANSLATE_NOOP("DeliveryStatus", "Exception"),
    DeliveryGroup.RETURN: QT_TRANSLATE_NOOP("DeliveryStatus", "Return"),
    DeliveryGroup.UNKNOWN: QT_TRANSLATE_NOOP("DeliveryStatus", "Unknown status"),
}

VOCABULARY: Final[dict[str, DeliveryStatus]] = {
    code: DeliveryStatus(code, _LABELS[code], group) for code, group in DELIVERY_STATUSES.items()
}
"""Every delivery status code of the contract, in the contract's order."""


def delivery_status(code: str | None) -> DeliveryStatus | None:
    """The status for ``code``; an unknown code as it is (group UNKNOWN); None for no code."""
    if code is None or not code.strip():
        return None
    code = code.strip()
    known = VOCABULARY.get(code)
    if known is not None:
        return known
    return DeliveryStatus(code, code, DeliveryGroup.UNKNOWN, known=False)


def group_label(group: DeliveryGroup) -> str:
    return GROUP_LABELS[group]
