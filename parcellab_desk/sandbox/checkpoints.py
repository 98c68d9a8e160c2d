"""Parcel event histories (checkpoints) for the order-info lookup, derived from each tracking.

The sandbox keeps no event table: a tracking's history follows from what it already holds
(courier, number, destination, ``created_at`` when the label was made, and its ``status``),
so the history always agrees with the status the list and lookup show, also after an agent
edits the order. The same tracking always gets the same history: times, depots and details
are drawn from a random generator seeded by the courier and tracking number.

Decisions of the sandbox (the real event model is richer and per courier):

- The path is the usual one for the final status: handed to the courier, in transit,
  (export hub, import hub, customs for Switzerland), local depot, out for delivery, and then
  the status itself; a pending parcel only has the warehouse events, a damaged one stops in
  transit, a return starts at a parcel shop. A tracking without a status has no events.
- Event times start at the tracking's ``created_at`` and lie a few hours apart; a history that
  would end after the current hour began is squeezed into the time since ``created_at``.
- ``status_text`` is the courier's sentence in German (``lang=de``) or English (anything
  else); ``status_details`` adds a detail where couriers give one (exceptions, missed
  deliveries), otherwise null; ``location`` is ``"City, CC"``.
- The delivery estimate is a date (``YYYY-MM-DD``) for parcels still on their way, null for
  delivered, failed-for-good and returned ones.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from parcellab_desk.api.schema import DeliveryGroup, delivery_group
from parcellab_desk.sandbox.store import format_ts

_HANDOVER: Final = ("InboundScan", "InTransit")
_CUSTOMS: Final = ("ExportHub", "ImportHub", "CustomsIn", "CustomsReleased")
_LAST_MILE: Final = ("DestinationDeliveryCenter", "OutForDelivery")

# The events before the final one, per final status (the final one is the status itself).
_BEFORE: Final[dict[str, tuple[str, ...]]] = {
    "WarehousePending": (),
    "WarehousePrepared": ("WarehousePending",),
    "InboundScan": (),
    "InTransit": ("InboundScan",),
    "ExportHub": _HANDOVER,
    "ImportHub": (*_HANDOVER, "ExportHub"),
    "CustomsIn": (*_HANDOVER, "ExportHub", "ImportHub"),
    "CustomsReleased": (*_HANDOVER, "ExportHub", "ImportHub", "CustomsIn"),
    "DestinationDeliveryCenter": _HANDOVER,
    "OutForDelivery": (*_HANDOVER, "DestinationDeliveryCenter"),
    "FailedAttempt-NewAttemptNextDay": (*_HANDOVER, *_LAST_MILE),
    "FailedAttempt-PickUpReady": (*_HANDOVER, *_LAST_MILE),
    "PickupReady": (*_HANDOVER, "DestinationDeliveryCenter"),
    "Delivered": (*_HANDOVER, *_LAST_MILE),
    "Delivered-Neighbor": (*_HANDOVER, *_LAST_MILE),
    "Delivered-ParcelLocker": (*_HANDOVER, *_LAST_MILE),
    "Delivered-ParcelShop": (*_HANDOVER, "DestinationDeliveryCenter", "PickupReady"),
    "Exception-AddressIssue": (*_HANDOVER, *_LAST_MILE),
    "Exception-CustomerRefusal": (*_HANDOVER, *_LAST_MILE),
    "Exception-Damaged": _HANDOVER,
    "ReturnToSender-NotCollected": (*_HANDOVER, "DestinationDeliveryCenter", "PickupReady"),
    "ReturnInProcess": ("InboundScan",),
    "ReturnDelivered": ("InboundScan", "ReturnInProcess"),
}

# Hours after the previous event (low, high), by the event that happens.
_GAP_HOURS: Final[dict[str, tuple[float, float]]] = {
    "WarehousePrepared": (1, 8),
    "InTransit": (2, 8),
    "ExportHub": (6, 20),
    "ImportHub": (4, 12),
    "CustomsIn": (1, 4),
    "CustomsReleased": (3, 30),
    "DestinationDeliveryCenter": (8, 30),
    "OutForDelivery": (6, 14),
    "PickupReady": (2, 20),
    "ReturnInProcess": (3, 24),
    "ReturnDelivered": (24, 72),
    "ReturnToSender-NotCollected": (160, 200),  # a week at the shop, then back
}
_FINAL_GAP_HOURS: Final = (1.5, 7.0)

_TEXTS: Final[dict[str, tuple[str, str]]] = {  # code: (English, German)
    "WarehousePending": (
        "The order is being prepared at the warehouse.",
        "Die Bestellung wird im Lager vorbereitet.",
    ),
    "WarehousePrepared": (
        "The parcel is packed and waiting to be picked up by the courier.",
        "Das Paket ist verpackt und wartet auf die Abholung durch den Zusteller.",
    ),
    "InboundScan": (
        "The parcel has been handed over to the courier.",
        "Die Sendung wurde an den Zusteller übergeben.",
    ),
    "InTransit": (
        "The parcel has been processed at the parcel centre.",
        "Die Sendung wurde im Paketzentrum bearbeitet.",
    ),
    "ExportHub": (
        "The parcel has left the export hub.",
        "Die Sendung hat das Exportzentrum verlassen.",
    ),
    "ImportHub": (
        "The parcel has arrived in the destination country.",
        "Die Sendung ist im Zielland angekommen.",
    ),
    "CustomsIn": (
        "The parcel is being cleared by customs.",
        "Die Sendung befindet sich in der Zollabfertigung.",
    ),
    "CustomsReleased": (
        "Customs clearance is complete.",
        "Die Zollabfertigung ist abgeschlossen.",
    ),
    "DestinationDeliveryCenter": (
        "The parcel has arrived at the delivery depot.",
        "Die Sendung ist im Zustellstützpunkt angekommen.",
    ),
    "OutForDelivery": (
        "The parcel is out for delivery.",
        "Die Sendung befindet sich in der Zustellung.",
    ),
    "FailedAttempt-NewAttemptNextDay": (
        "The recipient was not at home. We will try again on the next working day.",
        "Der Empfänger wurde nicht angetroffen. Wir versuchen es am nächsten Werktag erneut.",
    ),
    "FailedAttempt-PickUpReady": (
        "The recipient was not at home. The parcel can be collected from the parcel shop.",
        "Der Empfänger wurde nicht angetroffen. Die Sendung liegt im Paketshop bereit.",
    ),
    "PickupReady": (
        "The parcel is ready for collection.",
        "Die Sendung liegt zur Abholung bereit.",
    ),
    "Delivered": (
        "The parcel has been delivered.",
        "Die Sendung wurde zugestellt.",
    ),
    "Delivered-Neighbor": (
        "The parcel has been delivered to a neighbour.",
        "Die Sendung wurde bei einem Nachbarn abgegeben.",
    ),
    "Delivered-ParcelLocker": (
        "The parcel has been placed in the parcel locker.",
        "Die Sendung wurde im Paketautomaten hinterlegt.",
    ),
    "Delivered-ParcelShop": (
        "The recipient has collected the parcel from the parcel shop.",
        "Der Empfänger hat die Sendung im Paketshop abgeholt.",
    ),
    "Exception-AddressIssue": (
        "The parcel could not be delivered: the address is incomplete or wrong.",
        "Die Sendung konnte nicht zugestellt werden: Die Adresse ist unvollständig oder falsch.",
    ),
    "Exception-CustomerRefusal": (
        "The recipient refused to accept the parcel.",
        "Der Empfänger hat die Annahme der Sendung verweigert.",
    ),
    "Exception-Damaged": (
        "The parcel was damaged in transit.",
        "Die Sendung wurde beim Transport beschädigt.",
    ),
    "ReturnToSender-NotCollected": (
        "The parcel was not collected in time and is on its way back to the sender.",
        "Die Sendung wurde nicht rechtzeitig abgeholt und geht an den Absender zurück.",
    ),
    "ReturnInProcess": (
        "The return is on its way to the retailer.",
        "Die Rücksendung ist auf dem Weg zum Händler.",
    ),
    "ReturnDelivered": (
        "The return has been delivered to the retailer.",
        "Die Rücksendung wurde dem Händler zugestellt.",
    ),
}

_DETAILS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "FailedAttempt-NewAttemptNextDay": (
        ("A notification card was left.", "Eine Benachrichtigungskarte wurde hinterlassen."),
    ),
    "FailedAttempt-PickUpReady": (
        ("Collect it within 7 days.", "Bitte innerhalb von 7 Tagen abholen."),
    ),
    "Exception-AddressIssue": (
        ("House number missing.", "Hausnummer fehlt."),
        ("Recipient unknown at this address.", "Empfänger unter dieser Anschrift unbekannt."),
        ("Street not found.", "Straße nicht gefunden."),
    ),
    "Exception-Damaged": (("The packaging was damaged.", "Die Verpackung wurde beschädigt."),),
}


@dataclass(frozen=True, slots=True)
class _Places:
    origin: str
    hubs: tuple[str, ...]
    depots: tuple[str, ...]
    customs: tuple[str, str] | None = None  # (export hub, import/customs office)


_PLACES: Final[dict[str, _Places]] = {
    "DEU": _Places(
        "Leipzig, DE",
        ("Hannover, DE", "Kassel, DE", "Nuremberg, DE"),
        ("Berlin, DE", "Hamburg, DE", "Munich, DE", "Cologne, DE", "Frankfurt, DE"),
    ),
    "AUT": _Places("Leipzig, DE", ("Salzburg, AT", "Linz, AT"), ("Vienna, AT", "Graz, AT")),
    "CHE": _Places(
        "Leipzig, DE",
        ("Stuttgart, DE",),
        ("Zurich, CH", "Bern, CH", "Geneva, CH"),
        customs=("Weil am Rhein, DE", "Basel, CH"),
    ),
    "GBR": _Places(
        "Manchester, GB",
        ("Coventry, GB", "Warrington, GB"),
        ("London, GB", "Leeds, GB", "Bristol, GB"),
    ),
    "NLD": _Places("Rotterdam, NL", ("Utrecht, NL",), ("Amsterdam, NL", "Eindhoven, NL")),
    "FRA": _Places("Paris, FR", ("Orleans, FR", "Lyon, FR"), ("Paris, FR", "Lille, FR")),
    "USA": _Places(
        "Newark, NJ, US",
        ("Louisville, KY, US", "Memphis, TN, US"),
        ("Chicago, IL, US", "Denver, CO, US", "Los Angeles, CA, US", "New York, NY, US"),
    ),
}
_ANYWHERE: Final = _Places("Hub", ("Parcel centre",), ("Delivery depot",))

# What parcelLab's event model calls a tracking's lifecycle, by group [ours: the names].
LIFECYCLES: Final[dict[DeliveryGroup, str]] = {
    DeliveryGroup.PENDING: "pending",
    DeliveryGroup.IN_TRANSIT: "in_transit",
    DeliveryGroup.OUT_FOR_DELIVERY: "out_for_delivery",
    DeliveryGroup.DELIVERED: "delivered",
    DeliveryGroup.FAILED_ATTEMPT: "failed_attempt",
    DeliveryGroup.EXCEPTION: "exception",
    DeliveryGroup.RETURN: "return",
    DeliveryGroup.UNKNOWN: "unknown",
}
_STILL_COMING: Final = frozenset(
    {DeliveryGroup.PENDING, DeliveryGroup.IN_TRANSIT, DeliveryGroup.OUT_FOR_DELIVERY}
)


def event_codes(status: str | None) -> tuple[str, ...]:
    """The events of a parcel whose latest status is ``status``, oldest first."""
    if not status or status not in _BEFORE:
        return ()
    return (*_BEFORE[status], status)


def _rng(tracking: Mapping[str, Any]) -> random.Random:
    key = f"{tracking.get('courier')}|{tracking.get('tracking_number')}".encode()
    seed = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - demo data, not security


def _parse_ts(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ParcelHistory:
    """A tracking's checkpoints (JSON-ready) and its delivery estimate (a date or None)."""

    checkpoints: list[dict[str, Any]]
    delivery_estimate: str | None


def history(
    tracking: Mapping[str, Any],
    *,
    lang: str = "en",
    fallback_start: str | None = None,
    now: datetime | None = None,
) -> ParcelHistory:
    """The checkpoints of ``tracking`` in ``lang`` (``de`` or English)."""
    codes = event_codes(tracking.get("status"))
    now = now or datetime.now(UTC)
    start = _parse_ts(tracking.get("created_at")) or _parse_ts(fallback_start) or now
    start = min(start, now)
    if not codes:
        return ParcelHistory([], None)
    rng = _rng(tracking)
    offsets = _offsets(codes, rng)
    span = offsets[-1]
    # Squeezed against the start of the hour rather than the very moment, so the same
    # parcel answers with the same times for an hour (and a cache can be tested).
    bound = now.replace(minute=0, second=0, microsecond=0)
    available = (bound - start).total_seconds() / 3600
    if span > available:  # a young parcel: the same events, closer together
        factor = max(available, 0.0) / span if span else 0.0
        offsets = [o * factor for o in offsets]
    places = _PLACES.get(str(tracking.get("destination_country_iso3") or ""), _ANYWHERE)
    locations = _locations(codes, places, rng)
    german = lang.strip().lower().startswith("de")
    checkpoints: list[dict[str, Any]] = []
    for code, offset, location in zip(codes, offsets, locations, strict=True):
        english, deutsch = _TEXTS[code]
        details = _DETAILS.get(code)
        detail = rng.choice(details)[1 if german else 0] if details else None
        checkpoints.append(
            {
                "timestamp": format_ts(start + timedelta(hours=offset)),
                "status": code,
                "status_text": deutsch if german else english,
                "status_details": detail,
                "location": location,
            }
        )
    return ParcelHistory(
        checkpoints, _estimate(codes[-1], start + timedelta(hours=offsets[-1]), rng)
    )


def _offsets(codes: Sequence[str], rng: random.Random) -> list[float]:
    offsets = [0.0]
    for index, code in enumerate(codes[1:], start=1):
        final = index == len(codes) - 1
        low, high = _GAP_HOURS.get(code, _FINAL_GAP_HOURS if final else (2.0, 10.0))
        offsets.append(offsets[-1] + rng.uniform(low, high))
    return offsets


def _locations(codes: Sequence[str], places: _Places, rng: random.Random) -> list[str]:
    depot = rng.choice(places.depots)
    hub = rng.choice(places.hubs)
    # a return travels the other way: from the customer's depot back to the warehouse
    returning = codes[-1] in ("ReturnInProcess", "ReturnDelivered")
    out: list[str] = []
    for code in codes:
        if code == "InboundScan" and returning:
            out.append(depot)
        elif code in ("WarehousePending", "WarehousePrepared", "InboundScan", "ReturnDelivered"):
            out.append(places.origin)
        elif code in ("InTransit", "ReturnInProcess"):
            out.append(hub)
        elif code == "ExportHub":
            out.append(places.customs[0] if places.customs else hub)
        elif code in ("ImportHub", "CustomsIn", "CustomsReleased"):
            out.append(places.customs[1] if places.customs else hub)
        else:
            out.append(depot)
    return out


def _estimate(last: str, last_at: datetime, rng: random.Random) -> str | None:
    group = delivery_group(last)
    if last == "FailedAttempt-NewAttemptNextDay":
        return (last_at + timedelta(days=1)).date().isoformat()
    if group not in _STILL_COMING:
        return None
    if group is DeliveryGroup.OUT_FOR_DELIVERY:
        return last_at.date().isoformat()
    days = rng.randint(1, 2) if group is DeliveryGroup.IN_TRANSIT else rng.randint(2, 4)
    return (last_at + timedelta(days=days)).date().isoformat()


def lifecycle(status: str | None) -> str:
    return LIFECYCLES[delivery_group(status)]
