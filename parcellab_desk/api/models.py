"""Typed orders and trackings as the v4 track/orders API returns them.

Lenient in: the real service is stock Django REST framework and untidier than the sandbox, so
parsing accepts timestamps with or without fractional seconds, ``Z`` or an offset (naive means
UTC), empty strings where a value is missing, ``null`` lists, numbers where strings belong and
reasons in any letter case. Unknown fields are kept (``model_extra``) and written back out
unchanged, so the client never drops a field it does not know.

The models are frozen value objects: the Qt table holds them, and an edit is a new object
(``model_copy(update=...)``) that the patch builder diffs against the original.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from parcellab_desk.api.schema import ORDER_FIELDS, TRACKING_FIELDS, CancelReason

__all__ = [
    "CancelReason",
    "Order",
    "OrderListBody",
    "Tracking",
]


def _blank_to_none(value: Any) -> Any:
    """DRF and hand-fed databases send ``""`` where they mean "no value"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _as_utc_if_naive(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _reason(value: Any) -> Any:
    """Cancel reasons in any case; an unknown reason is kept as ``other`` rather than failing."""
    value = _blank_to_none(value)
    if value is None or isinstance(value, CancelReason):
        return value
    text = str(value).strip().lower()
    try:
        return CancelReason(text)
    except ValueError:
        return CancelReason.OTHER


def _tags(value: Any) -> Any:
    """``null`` means no tags; a single string is one tag."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _send_date(value: Any) -> Any:
    """A date, also when the service sends a whole timestamp for it."""
    value = _blank_to_none(value)
    if isinstance(value, str) and len(value) > 10 and value[10] in "Tt ":
        return value[:10]
    return value


Timestamp = Annotated[
    datetime | None, BeforeValidator(_blank_to_none), AfterValidator(_as_utc_if_naive)
]
"""A timezone-aware datetime (naive input is taken as UTC), or None."""

OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
Reason = Annotated[CancelReason | None, BeforeValidator(_reason)]
Tags = Annotated[list[str], BeforeValidator(_tags)]
SendDate = Annotated[date | None, BeforeValidator(_send_date)]


class _ApiModel(BaseModel):
    model_config = ConfigDict(
        extra="allow",  # unknown fields are kept and round-tripped
        frozen=True,
        coerce_numbers_to_str=True,  # an order number sent as 1234 is still "1234"
        populate_by_name=True,
    )

    READ_ONLY: ClassVar[tuple[str, ...]] = ()

    def to_json_dict(self, *, exclude_read_only: bool = False) -> dict[str, Any]:
        """The JSON form (unknown fields included), as the service would send it back."""
        data = self.model_dump(mode="json")
        if exclude_read_only:
            for name in self.READ_ONLY:
                data.pop(name, None)
        return data


class Tracking(_ApiModel):
    """One parcel of an order, identified by ``courier`` + ``tracking_number``."""

    courier: OptionalText = None
    tracking_number: OptionalText = None
    recipient_postal_code: OptionalText = None
    destination_country_iso3: OptionalText = None
    is_return: bool | None = None
    notifications_inactive: bool | None = None
    tags: Tags = Field(default_factory=list)
    cancelled_date: Timestamp = None
    cancelled_reason: Reason = None
    courier_service_level: OptionalText = None
    announced_send_date: SendDate = None
    status: OptionalText = None  # read only: the delivery status, e.g. "InTransit"
    created_at: Timestamp = None  # read only

    READ_ONLY: ClassVar[tuple[str, ...]] = tuple(f.name for f in TRACKING_FIELDS if f.read_only)

    @property
    def key(self) -> tuple[str | None, str | None]:
        """What identifies this tracking within an account."""
        return (self.courier, self.tracking_number)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_date is not None or self.cancelled_reason is not None


class Order(_ApiModel):
    """An order with its trackings. Read-only fields: external_id, created_at, updated_at,
    trackings (trackings change through mutations, never by sending the list)."""

    external_id: OptionalText = None
    account: int | None = None
    order_number: OptionalText = None
    external_reference: OptionalText = None
    client_key: OptionalText = None
    timezone: OptionalText = None
    order_status: OptionalText = None
    has_multiple_shipments: bool | None = None
    cancelled_date: Timestamp = None
    cancelled_reason: Reason = None
    tags: Tags = Field(default_factory=list)
    recipient_email: OptionalText = None
    recipient_name: OptionalText = None
    destination_country_iso3: OptionalText = None
    language_iso2: OptionalText = None
    customer_number: OptionalText = None
    created_at: Timestamp = None
    updated_at: Timestamp = None
    trackings: Annotated[list[Tracking], BeforeValidator(_tags)] = Field(default_factory=list)

    # trackings change through mutations only, never by sending the list
    READ_ONLY: ClassVar[tuple[str, ...]] = (
        *(f.name for f in ORDER_FIELDS if f.read_only),
        "trackings",
    )

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_date is not None or self.cancelled_reason is not None

    def find_tracking(self, courier: str, tracking_number: str) -> Tracking | None:
        for tracking in self.trackings:
            if tracking.courier == courier and tracking.tracking_number == tracking_number:
                return tracking
        return None


class OrderListBody(BaseModel):
    """One page of ``GET /v4/track/orders/`` (DRF cursor pagination)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    next: OptionalText = None
    previous: OptionalText = None
    results: list[Order]


def parse_order(raw: bytes | str) -> Order:
    """An order from JSON bytes; raises pydantic.ValidationError when it breaks the contract."""
    return Order.model_validate_json(raw)


def parse_list_body(raw: bytes | str) -> OrderListBody:
    """A list page from JSON bytes; raises pydantic.ValidationError when it breaks the contract."""
    return OrderListBody.model_validate_json(raw)
