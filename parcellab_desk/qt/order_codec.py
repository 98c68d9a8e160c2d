"""Orders as small byte strings, for the table's rows that are not on screen.

An order's JSON is about 1 KB, and most of it is the same in every order: the field names,
``null``, the time-stamp and status formats. Raw deflate with a preset dictionary (a sample
order that holds all of those) takes that shared part out, so a row costs about a quarter of
its JSON. The bytes live in memory only, for one run: nothing reads them but ``unpack``.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime
from functools import cache
from typing import Final

from parcellab_desk.api.models import Order, Tracking

__all__ = ["pack", "unpack"]

_WINDOW_BITS: Final = -15  # raw deflate (no header or checksum: nothing leaves the process)
_LEVEL: Final = 6
_MEMORY_LEVEL: Final = 8


@cache
def _dictionary() -> bytes:
    """A sample order's JSON: every field name, and values shaped like real ones."""
    moment = datetime(2026, 1, 1, 12, 0, 0, 123456, tzinfo=UTC)
    tracking = Tracking(
        courier="dhl",
        tracking_number="00340434161234567890",
        recipient_postal_code="10115",
        destination_country_iso3="DEU",
        is_return=False,
        notifications_inactive=False,
        courier_service_level="standard",
        announced_send_date=date(2026, 1, 2),
        status="InTransit",
        created_at=moment,
    )
    order = Order(
        external_id="00000000-0000-4000-8000-000000000000",
        account=1001,
        order_number="2026-000001",
        external_reference="ERP-0000001",
        client_key="shop.example.com",
        timezone="Europe/Berlin",
        order_status="InTransit",
        tags=["channel:web"],
        recipient_email="recipient@example.com",
        recipient_name="Recipient Name",
        destination_country_iso3="DEU",
        language_iso2="de",
        created_at=moment,
        updated_at=moment,
        trackings=[tracking],
    )
    # Deflate looks back from the end: the commonest text (field names, nulls) goes last.
    bare = Order(trackings=[Tracking()]).model_dump_json().encode()
    return order.model_dump_json().encode() + bare


def pack(order: Order) -> bytes:
    """``order`` (unknown fields included) as compressed JSON."""
    packer = zlib.compressobj(
        _LEVEL, zlib.DEFLATED, _WINDOW_BITS, _MEMORY_LEVEL, zlib.Z_DEFAULT_STRATEGY, _dictionary()
    )
    return packer.compress(order.model_dump_json().encode()) + packer.flush()


def unpack(blob: bytes) -> Order:
    """The order ``pack`` was given (equal to it, unknown fields included)."""
    unpacker = zlib.decompressobj(_WINDOW_BITS, _dictionary())
    return Order.model_validate_json(unpacker.decompress(blob) + unpacker.flush())
