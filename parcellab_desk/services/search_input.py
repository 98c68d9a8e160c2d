"""What did the agent paste? An e-mail, a UUID, a tracking number, or a text that may be an
order number, an external reference or a customer number.

Customers write ``#40012345``, ``"SO-88121"``, ``Order no. 4001 2345`` or a tracking number in
groups of four; agents paste it as it came. ``classify`` strips what people add (quotes, ``#``,
spaces, ``Order no.``, ``mailto:``) and says what the rest looks like, so the lookup service
tries the lookups that can match and no others: the order-info lookup has a small rate limit
shared by a whole team, so a tracking-number lookup is only sent for numbers in a courier's
format, and only to the couriers that use that format.

Tracking-number formats are the couriers' public ones (the contract's appendix lists the
couriers). A *distinctive* format (a ``1Z`` prefix, an S10 code ending in a country, a 20-digit
DHL piece code) is tried at once; a *plain* one (8, 11, 12 or 15 digits, which order numbers
also use) only when the free lookups found nothing.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = [
    "COURIER_FORMATS",
    "CourierFormat",
    "InputKind",
    "SearchInput",
    "classify",
    "clean",
    "tracking_couriers",
]


class InputKind(StrEnum):
    EMPTY = "empty"
    EMAIL = "email"
    EXTERNAL_ID = "external_id"  # a UUID: parcelLab's id, or a shop's UUID reference
    TRACKING_NUMBER = "tracking_number"  # also tried as an order number or reference
    TEXT = "text"  # an order number, an external reference or a customer number


@dataclass(frozen=True, slots=True)
class CourierFormat:
    """A courier's public tracking-number format; ``distinctive`` when nothing else looks so."""

    pattern: re.Pattern[str]
    couriers: tuple[str, ...]  # most likely first
    distinctive: bool = True


def _format(pattern: str, *couriers: str, distinctive: bool = True) -> CourierFormat:
    return CourierFormat(re.compile(pattern), couriers, distinctive)


COURIER_FORMATS: Final[tuple[CourierFormat, ...]] = (
    _format(r"1Z[0-9A-Z]{16}", "ups"),
    _format(r"00340434\d{12}", "dhl-germany", "dhl-austria"),
    _format(r"JJD\d{16,20}", "dhl-germany"),
    _format(r"JVGL\d{12,18}", "dhl-benelux"),
    _format(r"GM\d{16,20}", "dhl-gm"),
    _format(r"[A-Z]{2}\d{9}GB", "royalmail", "parcelforce"),
    _format(r"[A-Z]{2}\d{9}FR", "colissimo"),
    _format(r"[A-Z]{2}\d{9}US", "usps"),
    _format(r"3S[A-Z]{4}\d{5,11}", "postnl"),
    _format(r"JD\d{16}", "yodel"),
    _format(r"H\d{2}[A-Z0-9]{13}", "evri"),
    _format(r"9[2-5]\d{20}", "usps", "ups-mi"),
    _format(r"\d{14}", "dpd-de", "dpd-uk"),
    _format(r"\d{16}", "hermes"),
    _format(r"\d{12}", "fedex", "gls", distinctive=False),
    _format(r"\d{15}", "fedex", distinctive=False),
    _format(r"\d{11}", "gls", distinctive=False),
    _format(r"\d{8}", "mondial", distinctive=False),
)

_QUOTES: Final = "\"'`´“”„‟‘’‚‛«»‹›「」"  # noqa: RUF001 - the quotes people paste
_TRAILING: Final = ".,;:!?)]}>" + _QUOTES
_LEADING: Final = "([{<" + _QUOTES
_PREFIX: Final = re.compile(
    r"^(?:(?:order|bestellung|auftrag|sendung)(?:\s+|(?=[#:])))?"
    r"(?:(?:no|nr|nummer|number)(?:\.\s*|:\s*|\s+|(?=#)))?"
    r"[:#]?\s*",
    re.IGNORECASE,
)
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_SPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchInput:
    """What the agent typed, cleaned, and what it may be.

    ``text`` is the cleaned value (an e-mail in lower case, a tracking number in upper case);
    ``variants`` are the order-number spellings worth a lookup (``#1001`` and ``1001``);
    ``couriers`` the couriers whose format a tracking number has, most likely first;
    ``distinctive`` whether that format is one no order number has."""

    raw: str
    text: str
    kind: InputKind
    variants: tuple[str, ...] = ()
    couriers: tuple[str, ...] = ()
    distinctive: bool = False
    had_hash: bool = False


def clean(raw: str) -> str:
    """``raw`` without what customers and mail programs add around a value."""
    text = raw.strip()
    for _ in range(3):  # "„#4001 2345“." has several layers
        before = text
        text = text.strip().rstrip(_TRAILING).lstrip(_LEADING).strip()
        if text.lower().startswith("mailto:"):
            text = text[7:]
        stripped = _PREFIX.sub("", text, count=1).strip()
        text = stripped or text
        if text == before:
            break
    # "#", "..." or a lone quote is nothing to look for
    return text if any(c.isalnum() for c in text) else ""


def tracking_couriers(number: str) -> tuple[tuple[str, ...], bool]:
    """The couriers whose format ``number`` (upper case, no spaces) has, and whether that
    format is distinctive; ``((), False)`` when it has none."""
    couriers: list[str] = []
    distinctive = False
    for fmt in COURIER_FORMATS:
        if fmt.pattern.fullmatch(number):
            couriers.extend(c for c in fmt.couriers if c not in couriers)
            distinctive = distinctive or fmt.distinctive
    return tuple(couriers), distinctive


def classify(raw: str) -> SearchInput:
    """What ``raw`` is and how to look for it."""
    had_hash = "#" in raw
    text = clean(raw)
    if not text:
        return SearchInput(raw, "", InputKind.EMPTY)
    compact = _SPACE.sub("", text)
    if "@" in compact and _EMAIL.match(compact):
        return SearchInput(raw, compact.lower(), InputKind.EMAIL)
    try:
        external_id = uuid.UUID(compact)
    except ValueError:
        pass
    else:
        if len(compact) in (32, 36):
            return SearchInput(raw, str(external_id), InputKind.EXTERNAL_ID, variants=(compact,))
    # Spaces inside a number are how people read numbers out; inside other text they may
    # belong to it (an external reference), so both spellings are tried.
    variants = list(dict.fromkeys([compact, text]))
    if compact.isdigit() and len(compact) <= 10:
        # Shop systems number orders "#1001"; customers drop the "#" or add one.
        variants.append(f"#{compact}")
    couriers, distinctive = tracking_couriers(compact.upper())
    if couriers:
        return SearchInput(
            raw,
            compact.upper(),
            InputKind.TRACKING_NUMBER,
            variants=tuple(dict.fromkeys(variants)),
            couriers=couriers,
            distinctive=distinctive,
            had_hash=had_hash,
        )
    return SearchInput(
        raw, compact, InputKind.TEXT, variants=tuple(dict.fromkeys(variants)), had_hash=had_hash
    )
