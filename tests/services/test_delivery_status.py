"""The delivery-status vocabulary: every contract code readable, unknown codes shown as sent."""

from __future__ import annotations

import pytest

from parcellab_desk.api.schema import DELIVERY_STATUSES
from parcellab_desk.services.delivery_status import (
    GROUP_LABELS,
    VOCABULARY,
    DeliveryGroup,
    delivery_status,
    group_label,
)


def test_every_contract_code_has_a_short_label_and_its_group() -> None:
    assert list(VOCABULARY) == list(DELIVERY_STATUSES)
    for code, status in VOCABULARY.items():
        assert status.group is DELIVERY_STATUSES[code]
        assert (status.label and status.label != code) or code in ("Delivered",)
        assert len(status.label) <= 30, status.label  # fits a chip in the table
        assert status.known


def test_labels_tell_statuses_apart() -> None:
    labels = [s.label for s in VOCABULARY.values()]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("code", "label", "group"),
    [
        ("Delivered-ParcelLocker", "Delivered to a locker", DeliveryGroup.DELIVERED),
        ("FailedAttempt-PickUpReady", "Missed, ready for pickup", DeliveryGroup.FAILED_ATTEMPT),
        ("OutForDelivery", "Out for delivery", DeliveryGroup.OUT_FOR_DELIVERY),
        (" InTransit ", "In transit", DeliveryGroup.IN_TRANSIT),
    ],
)
def test_known_codes(code: str, label: str, group: DeliveryGroup) -> None:
    status = delivery_status(code)
    assert status is not None
    assert (status.label, status.group) == (label, group)


def test_an_unknown_code_is_shown_as_the_service_sent_it() -> None:
    status = delivery_status("Held-AtCustomsForInspection")
    assert status is not None
    assert status.label == "Held-AtCustomsForInspection"
    assert status.group is DeliveryGroup.UNKNOWN
    assert not status.known


@pytest.mark.parametrize("code", [None, "", "   "])
def test_no_code_is_no_status(code: str | None) -> None:
    assert delivery_status(code) is None


def test_every_group_has_a_label() -> None:
    assert set(GROUP_LABELS) == set(DeliveryGroup)
    assert group_label(DeliveryGroup.FAILED_ATTEMPT) == "Failed attempt / pickup"
