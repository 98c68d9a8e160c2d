"""Deterministic, realistic demo orders: the same seed and anchor time give the same data.

Orders spread over several accounts and shops (client keys), each shop with its own order
number format (``40012345``, ``SO-88121``, ``#1001``, ``FR-2024-000123``), external reference
format, countries, time zones and languages. Statuses and trackings fit together: processing
orders have none yet, shipped ones one to three in transit, delivered ones delivered; about
one in twenty is cancelled, with every reason represented. Courier codes and delivery statuses
come from the shared schema.

Decisions of the sandbox: timestamps lie in the 180 days before the anchor time (``now``,
default the start of the current UTC hour so repeated runs within an hour match); two shops of
different accounts share the Shopify ``#1001`` numbering, so looking up such a number shows
the ``ambiguous`` case.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from parcellab_desk.api.schema import (
    COURIER_CODES,
    DELIVERY_STATUSES,
    CancelReason,
    DeliveryGroup,
)
from parcellab_desk.sandbox.auth import DEMO_ACCOUNTS
from parcellab_desk.sandbox.store import (
    NewOrder,
    Store,
    blank_order_fields,
    blank_tracking,
    format_ts,
)

DEFAULT_DEMO_ORDERS = 2000
DEFAULT_SEED = 42


@dataclass(frozen=True, slots=True)
class Market:
    country: str
    timezones: tuple[str, ...]
    language: str
    couriers: tuple[str, ...]
    postal: str  # format: 9 = digit, A = letter


_MARKETS = {
    "DEU": Market(
        "DEU", ("Europe/Berlin",), "de", ("dhl-germany", "dpd-de", "gls", "hermes", "ups"), "99999"
    ),
    "AUT": Market("AUT", ("Europe/Vienna",), "de", ("dhl-austria", "dpd-de", "gls"), "9999"),
    "CHE": Market("CHE", ("Europe/Zurich",), "de", ("dhl-germany", "ups"), "9999"),
    "GBR": Market(
        "GBR",
        ("Europe/London",),
        "en",
        ("royalmail", "evri", "dpd-uk", "yodel", "parcelforce"),
        "AA9 9AA",
    ),
    "FRA": Market("FRA", ("Europe/Paris",), "fr", ("colissimo", "mondial", "ups"), "99999"),
    "NLD": Market("NLD", ("Europe/Amsterdam",), "nl", ("postnl", "dhl-benelux"), "9999 AA"),
    "USA": Market(
        "USA",
        ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
        "en",
        ("usps", "ups", "fedex", "ups-mi", "dhl-gm"),
        "99999",
    ),
}


@dataclass(frozen=True, slots=True)
class Shop:
    account: int
    client_key: str
    number_format: str  # "numeric", "so", "shopify", "fr"
    number_start: int
    reference_format: str  # "erp", "sap", "uuid", "none"
    markets: tuple[str, ...]
    brand: str


_SHOPS: tuple[Shop, ...] = (
    Shop(
        DEMO_ACCOUNTS[0], "brand-a.de", "numeric", 40012345, "erp", ("DEU", "AUT", "CHE"), "Parkers"
    ),
    Shop(
        DEMO_ACCOUNTS[0], "outlet.brand-a.de", "shopify", 1001, "none", ("DEU",), "Parkers Outlet"
    ),
    Shop(DEMO_ACCOUNTS[1], "brand-b.co.uk", "so", 88121, "sap", ("GBR",), "Hollow & Finch"),
    Shop(DEMO_ACCOUNTS[1], "brand-b.nl", "so", 510001, "sap", ("NLD",), "Hollow & Finch"),
    Shop(DEMO_ACCOUNTS[2], "brand-c.com", "shopify", 1001, "uuid", ("USA",), "Northwind"),
    Shop(DEMO_ACCOUNTS[2], "brand-c.fr", "fr", 123, "erp", ("FRA",), "Northwind"),
)

_FIRST = {
    "de": ("Anna", "Lukas", "Marie", "Felix", "Sophie", "Jonas", "Lea", "Paul", "Hannah", "Max"),
    "en": ("Olivia", "George", "Amelia", "Harry", "Isla", "Jack", "Emily", "Noah", "Grace", "Liam"),
    "fr": (
        "Camille",
        "Louis",
        "Chloe",
        "Hugo",
        "Manon",
        "Jules",
        "Ines",
        "Gabriel",
        "Lea",
        "Arthur",
    ),
    "nl": ("Emma", "Daan", "Julia", "Sem", "Tess", "Lucas", "Sara", "Finn", "Zoe", "Milan"),
}
_LAST = {
    "de": (
        "Muller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Koch",
    ),
    "en": (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Miller",
        "Clark",
    ),
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
    ),
    "nl": (
        "de Jong",
        "Jansen",
        "de Vries",
        "van Dijk",
        "Bakker",
        "Visser",
        "Smit",
        "Meijer",
        "Mulder",
        "Bos",
    ),
}
_MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")
_CATEGORIES = (
    "womens fashion",
    "mens fashion",
    "sweater",
    "shoes",
    "accessories",
    "home apparel",
    "kids",
)
_SEASONS = ("W23", "S24", "W24", "S25", "W25")
_MATERIALS = ("cashmere", "cotton", "wool", "linen", "leather")
_CHANNELS = ("webshop", "app", "marketplace", "store")
_SERVICE_LEVELS = ("standard", "express", "economy", "same-day")

_BY_GROUP: dict[DeliveryGroup, tuple[str, ...]] = {
    group: tuple(s for s, g in DELIVERY_STATUSES.items() if g is group) for group in DeliveryGroup
}
_REASONS = tuple(CancelReason)
_KNOWN_COURIERS = frozenset(COURIER_CODES)


def default_anchor() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


class _Generator:
    def __init__(self, seed: int, accounts: Sequence[int], now: datetime) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.now = now
        self.shops = [s for s in _SHOPS if s.account in set(accounts)]
        # accounts the caller asks for beyond the built-in shops get a generic shop each
        for account in accounts:
            if not any(s.account == account for s in self.shops):
                self.shops.append(
                    Shop(account, f"shop-{account}.example", "numeric", 10_000_000 + account * 1000,
                         "erp", ("DEU", "GBR"), f"Brand {account}")
                )  # fmt: skip
        self.next_number = {s.client_key: s.number_start for s in self.shops}
        self.next_reference = 0
        self.next_tracking = 0

    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def _postal(self, fmt: str) -> str:
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return "".join(
            self.rng.choice("0123456789")
            if c == "9"
            else self.rng.choice(letters)
            if c == "A"
            else c
            for c in fmt
        )

    def order_number(self, shop: Shop) -> str:
        n = self.next_number[shop.client_key]
        self.next_number[shop.client_key] = n + 1
        if shop.number_format == "so":
            return f"SO-{n}"
        if shop.number_format == "shopify":
            return f"#{n}"
        if shop.number_format == "fr":
            return f"FR-2024-{n:06d}"
        return str(n)

    def reference(self, shop: Shop) -> str | None:
        self.next_reference += 1
        fmt = shop.reference_format
        if fmt == "none" or self.rng.random() < 0.08:
            return None
        if fmt == "sap":
            return f"45{self.next_reference:08d}"
        if fmt == "uuid":
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return f"ERP-{self.next_reference:07d}"

    def tracking_number(self, courier: str) -> str:
        """A number in the courier's own public format, so a pasted number tells its courier."""
        self.next_tracking += 1
        seq = self.next_tracking
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        if courier in ("dhl-germany", "dhl-austria"):
            return f"00340434{self._digits(4)}{seq:08d}"
        if courier == "dhl-benelux":
            return f"JVGL{self._digits(8)}{seq:08d}"
        if courier == "dhl-gm":
            return f"GM{self._digits(8)}{seq:08d}"
        if courier == "ups":
            return f"1Z{self.rng.choice(letters)}{self._digits(5)}{seq:010d}"
        if courier in ("ups-mi", "usps"):
            return f"{'92' if courier == 'ups-mi' else '94'}{self._digits(10)}{seq:010d}"
        if courier in ("royalmail", "parcelforce", "colissimo"):
            prefix = "".join(self.rng.choice(letters) for _ in range(2))
            suffix = {"royalmail": "GB", "parcelforce": "GB", "colissimo": "FR"}[courier]
            return f"{prefix}{seq:09d}{suffix}"
        if courier == "postnl":
            return f"3S{''.join(self.rng.choice(letters) for _ in range(4))}{seq:09d}"
        if courier == "evri":
            return (
                f"H{self._digits(2)}{''.join(self.rng.choice(letters) for _ in range(3))}{seq:010d}"
            )
        if courier == "yodel":
            return f"JD{self._digits(6)}{seq:010d}"
        if courier == "hermes":
            return f"{self._digits(6)}{seq:010d}"
        if courier == "gls":
            return f"{self._digits(1)}{seq:010d}"
        if courier == "fedex":
            return f"{self._digits(2)}{seq:010d}"
        if courier == "mondial":
            return f"{seq:08d}"
        return f"{self._digits(4)}{seq:010d}"  # dpd-de, dpd-uk: 14 digits

    def ts(self, moment: datetime) -> str:
        return format_ts(min(moment, self.now))

    def order(self) -> NewOrder:
        rng = self.rng
        shop = rng.choice(self.shops)
        market = _MARKETS[rng.choice(shop.markets)]
        created = self.now - timedelta(seconds=rng.uniform(60, 180 * 86400))
        first = rng.choice(_FIRST[market.language])
        last = rng.choice(_LAST[market.language])

        roll = rng.random()
        if roll < 0.05:
            status = "Cancelled"
        elif roll < 0.20:
            status = "Processing"
        elif roll < 0.30:
            status = "PartiallyShipped"
        elif roll < 0.65:
            status = "Shipped"
        else:
            status = "Delivered"

        fields = blank_order_fields()
        fields.update(
            order_number=self.order_number(shop),
            external_reference=self.reference(shop),
            client_key=shop.client_key,
            timezone=rng.choice(market.timezones) if rng.random() > 0.05 else None,
            order_status=status,
            has_multiple_shipments=(status == "PartiallyShipped") or None,
            tags=self.tags(shop),
            recipient_email=(
                "_unset"
                if rng.random() < 0.02
                else f"{first}.{last}".lower().replace(" ", "") + f"@{rng.choice(_MAIL_DOMAINS)}"
            ),
            recipient_name=f"{first} {last}",
            destination_country_iso3=market.country,
            language_iso2=market.language,
            customer_number=f"C{rng.randrange(1_000_000, 9_999_999)}"
            if rng.random() < 0.8
            else None,
        )

        trackings: list[dict[str, Any]] = []
        latest = created
        if status == "Cancelled":
            reason = _REASONS[self.next_reference % len(_REASONS)]  # every reason appears
            cancelled = created + timedelta(hours=rng.uniform(0.5, 72))
            latest = cancelled
            fields.update(cancelled_date=self.ts(cancelled), cancelled_reason=reason.value)
            if rng.random() < 0.3:  # cancelled after a label was printed
                tracking = self.tracking(market, created, DeliveryGroup.PENDING)
                tracking["cancelled_date"] = self.ts(cancelled)
                tracking["cancelled_reason"] = reason.value
                trackings.append(tracking)
        elif status != "Processing":
            count = rng.randint(2, 3) if status == "PartiallyShipped" else rng.choice((1, 1, 1, 2))
            for _ in range(count):
                group = self.group_for(status)
                tracking = self.tracking(market, created, group)
                trackings.append(tracking)
            latest = created + timedelta(days=rng.uniform(0.5, 6))
        updated = self.ts(max(latest, created))
        return NewOrder(
            external_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            account=shop.account,
            created_at=self.ts(created),
            updated_at=updated,
            fields=fields,
            trackings=trackings,
        )

    def group_for(self, status: str) -> DeliveryGroup:
        rng = self.rng
        if status == "Delivered":
            return DeliveryGroup.RETURN if rng.random() < 0.06 else DeliveryGroup.DELIVERED
        return rng.choices(
            (
                DeliveryGroup.PENDING,
                DeliveryGroup.IN_TRANSIT,
                DeliveryGroup.OUT_FOR_DELIVERY,
                DeliveryGroup.FAILED_ATTEMPT,
                DeliveryGroup.EXCEPTION,
                DeliveryGroup.DELIVERED,
            ),
            weights=(10, 50, 12, 8, 6, 14),
        )[0]

    def tracking(self, market: Market, created: datetime, group: DeliveryGroup) -> dict[str, Any]:
        rng = self.rng
        courier = rng.choice(market.couriers)
        assert courier in _KNOWN_COURIERS
        sent = created + timedelta(hours=rng.uniform(2, 48))
        tracking = blank_tracking()
        tracking.update(
            courier=courier,
            tracking_number=self.tracking_number(courier),
            recipient_postal_code=self._postal(market.postal),
            destination_country_iso3=market.country,
            is_return=group is DeliveryGroup.RETURN,
            notifications_inactive=rng.random() < 0.03,
            tags=[f"warehouse:{rng.choice(('BER1', 'LEJ2', 'MAN1', 'RTM1', 'NJ3'))}"]
            if rng.random() < 0.4
            else [],
            courier_service_level=rng.choice(_SERVICE_LEVELS),
            announced_send_date=sent.date().isoformat(),
            status=rng.choice(_BY_GROUP[group]),
            created_at=self.ts(sent),
        )
        return tracking

    def tags(self, shop: Shop) -> list[str]:
        rng = self.rng
        tags = [f"channel:{rng.choice(_CHANNELS)}", f"brand:{shop.brand}"]
        if rng.random() < 0.7:
            tags.append(f"category:{rng.choice(_CATEGORIES)}")
        if rng.random() < 0.5:
            tags.append(f"season:{rng.choice(_SEASONS)}")
        if rng.random() < 0.3:
            tags.append(f"material:{rng.choice(_MATERIALS)}")
        if rng.random() < 0.08:
            tags.append("priority:vip")
        if rng.random() < 0.05:
            tags.append("gift")
        return tags


def generate_orders(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    accounts: Sequence[int] = DEMO_ACCOUNTS,
    now: datetime | None = None,
) -> Iterator[NewOrder]:
    """``count`` demo orders; the same arguments always give the same orders."""
    generator = _Generator(seed, accounts, now or default_anchor())
    for _ in range(count):
        yield generator.order()


def seed_store(
    store: Store,
    count: int = DEFAULT_DEMO_ORDERS,
    *,
    seed: int = DEFAULT_SEED,
    accounts: Sequence[int] = DEMO_ACCOUNTS,
    now: datetime | None = None,
) -> int:
    """Fills an empty store with demo orders in one transaction; returns how many."""
    if count <= 0:
        return 0
    return store.bulk_insert(generate_orders(count, seed=seed, accounts=accounts, now=now))
