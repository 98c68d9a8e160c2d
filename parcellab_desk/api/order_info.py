"""The order-info lookup (``GET /v4/track/orders/info/``): models, queries and the typed calls.

parcelLab documents this customer-facing lookup beside the orders API; its answer shape is
known from public specs only, not confirmed. So parsing is liberal: every field is optional,
``courier`` may be a code or an object (``name``, ``prettyname``, ``trackingurl``), a
location may be text or an object, checkpoints may be missing or ``null``, a delivery
estimate may be a date, a timestamp or a range, and personal data that comes redacted
(``"<name>"``, ``"<email>"``, ``"***"``) is recognised: the field reads None and its name is in
``redacted``. Unknown fields are kept, as everywhere in the client.

The answer is for reading only: edits go through the full order from the lookup endpoint.

Rate limit: 100 requests a minute per account, shared by every agent of a team. A 429 here is
never retried by the client (waiting would freeze the search and still spend the team's
budget); it raises ``RateLimitedError`` with ``retry_after`` so the agent is told when to try
again. Connection failures are retried as for any GET.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Final

import pydantic
from pydantic import BeforeValidator, Field, model_validator

from parcellab_desk.api.errors import BadResponseError
from parcellab_desk.api.models import OptionalText, Timestamp, _ApiModel
from parcellab_desk.api.pagination import QueryParams
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import ORDER_INFO_PATH, OrderInfoMode

if TYPE_CHECKING:
    from parcellab_desk.api.client import ParcelLabClient

__all__ = [
    "Checkpoint",
    "CourierInfo",
    "DeliveryEstimate",
    "OrderInfo",
    "OrderInfoApi",
    "OrderInfoMode",
    "OrderInfoQuery",
    "ParcelInfo",
    "is_redacted",
]

_REDACTED: Final = re.compile(r"^\s*(<[^<>]*>|\*{3,}|\[redacted\]|redacted)\s*$", re.IGNORECASE)
_PERSONAL: Final = ("recipient_name", "recipient_email")


def is_redacted(value: Any) -> bool:
    """A placeholder the service puts where personal data was withheld."""
    return isinstance(value, str) and bool(_REDACTED.match(value))


class _InfoModel(_ApiModel):
    """The orders API's model rules (unknown fields kept, frozen, numbers read as text)."""


def _courier(value: Any) -> Any:
    """A code (``"dhl-germany"``) or an object; both become a CourierInfo."""
    if isinstance(value, str | int):
        text = str(value).strip()
        return {"code": text} if text else None
    if isinstance(value, dict):
        code = value.get("name", value.get("code"))
        return {
            **value,
            "code": code,
            "pretty_name": value.get("prettyname", value.get("pretty_name")),
            "tracking_url": value.get("trackingurl", value.get("tracking_url")),
        }
    return value


def _location(value: Any) -> Any:
    """``"Leipzig, DE"``, or an object with city / country / name parts."""
    if isinstance(value, dict):
        parts = [
            str(value[key]).strip()
            for key in ("name", "city", "region", "country", "country_iso3")
            if isinstance(value.get(key), str | int) and str(value[key]).strip()
        ]
        return ", ".join(dict.fromkeys(parts)) or None
    return value


def _list(value: Any) -> Any:
    return [] if value is None else value


class CourierInfo(_InfoModel):
    """The courier of a parcel: its code and, when the service says so, a display name and the
    tracking page of this very parcel."""

    code: OptionalText = None
    pretty_name: OptionalText = None
    tracking_url: OptionalText = None

    @property
    def display_name(self) -> str:
        return self.pretty_name or self.code or ""


class Checkpoint(_InfoModel):
    """One event of a parcel's history."""

    timestamp: Timestamp = None
    status: OptionalText = None  # an event code from the delivery-status vocabulary
    status_text: OptionalText = None  # the courier's sentence, in the language asked for
    status_details: OptionalText = None
    location: Annotated[OptionalText, BeforeValidator(_location)] = None


def _estimate(value: Any) -> Any:
    if value is None or isinstance(value, dict):
        if isinstance(value, dict):
            start = next(
                (value[k] for k in ("earliest", "from", "start", "date") if value.get(k)), None
            )
            end = next((value[k] for k in ("latest", "to", "end") if value.get(k)), None)
            return {"earliest": start, "latest": end or start} if start or end else None
        return None
    if isinstance(value, str):
        return {"earliest": value, "latest": value} if value.strip() else None
    return value


def _day(value: Any) -> Any:
    """A date from ``2026-12-02`` or a timestamp (its calendar day as written)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) > 10 and text[10] in "Tt ":
            return text[:10]
        return text
    if isinstance(value, datetime):
        return value.date()
    return value


Day = Annotated[date | None, BeforeValidator(_day)]


class DeliveryEstimate(_InfoModel):
    """When the parcel is expected: one day (``earliest == latest``) or a range."""

    earliest: Day = None
    latest: Day = None


class ParcelInfo(_InfoModel):
    """One parcel of the answer, with its history (oldest first once parsed)."""

    tracking_number: OptionalText = None
    courier: Annotated[CourierInfo | None, BeforeValidator(_courier)] = None
    status: OptionalText = None
    lifecycle: OptionalText = None
    delivery_estimate: Annotated[DeliveryEstimate | None, BeforeValidator(_estimate)] = None
    checkpoints: Annotated[list[Checkpoint], BeforeValidator(_list)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _oldest_first(self) -> ParcelInfo:
        # Services list events newest first or oldest first; a timeline needs one order.
        # Events without a time keep their place after the dated ones.
        dated = [c for c in self.checkpoints if c.timestamp is not None]
        if dated != sorted(dated, key=lambda c: c.timestamp or datetime.min):
            ordered = sorted(dated, key=lambda c: c.timestamp or datetime.min)
            undated = [c for c in self.checkpoints if c.timestamp is None]
            object.__setattr__(self, "checkpoints", [*ordered, *undated])
        return self

    @property
    def courier_code(self) -> str | None:
        return self.courier.code if self.courier is not None else None


class OrderInfo(_InfoModel):
    """The order-info answer: one order as a customer would see it, and its parcels.

    ``account`` is the account the lookup asked in (the answer itself may not say);
    ``redacted`` names the personal fields that came withheld."""

    order_number: OptionalText = None
    client_key: OptionalText = None
    order_date: Timestamp = None
    recipient_name: OptionalText = None
    recipient_email: OptionalText = None
    destination_country_iso3: OptionalText = None
    trackings: Annotated[list[ParcelInfo], BeforeValidator(_list)] = Field(default_factory=list)
    account: int | None = None
    redacted: frozenset[str] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _recognise_redaction(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        withheld = {name for name in _PERSONAL if is_redacted(data.get(name))}
        if not withheld:
            return data
        return {
            **{k: v for k, v in data.items() if k not in withheld},
            "redacted": frozenset(withheld) | frozenset(data.get("redacted") or ()),
        }

    def parcel(self, courier: str | None, tracking_number: str | None) -> ParcelInfo | None:
        """The parcel with this number (and courier, when both sides name one)."""
        for parcel in self.trackings:
            if parcel.tracking_number != tracking_number:
                continue
            if courier and parcel.courier_code and parcel.courier_code != courier:
                continue
            return parcel
        return None


@dataclass(frozen=True, slots=True)
class OrderInfoQuery:
    """One lookup: a mode, the value it looks for and the parameters that go with it.

    Hashable, so answers can be kept per query. Build it with the class methods, which
    enforce each mode's partner parameter (``account`` or ``courier``)."""

    mode: OrderInfoMode
    value: str
    account: int | None = None
    courier: str | None = None
    client_key: str | None = None
    lang: str | None = None
    postal_code: str | None = None

    @classmethod
    def order_number(
        cls, account: int, order_number: str, *, client_key: str | None = None
    ) -> OrderInfoQuery:
        return cls(OrderInfoMode.ORDER_NUMBER, order_number, account, client_key=client_key)

    @classmethod
    def external_id(cls, account: int, external_id: str) -> OrderInfoQuery:
        return cls(OrderInfoMode.EXTERNAL_ID, external_id, account)

    @classmethod
    def external_reference(cls, account: int, reference: str) -> OrderInfoQuery:
        return cls(OrderInfoMode.EXTERNAL_REFERENCE, reference, account)

    @classmethod
    def tracking_number(
        cls, tracking_number: str, courier: str, *, account: int | None = None
    ) -> OrderInfoQuery:
        return cls(OrderInfoMode.TRACKING_NUMBER, tracking_number, account, courier=courier)

    @classmethod
    def customer_number(cls, account: int, customer_number: str) -> OrderInfoQuery:
        return cls(OrderInfoMode.CUSTOMER_NUMBER, customer_number, account)

    @classmethod
    def recipient_email(cls, account: int, email: str) -> OrderInfoQuery:
        return cls(OrderInfoMode.RECIPIENT_EMAIL, email, account)

    def with_options(
        self, *, lang: str | None = None, postal_code: str | None = None
    ) -> OrderInfoQuery:
        """The same lookup with these options (None keeps an option as it is)."""
        return dataclasses.replace(
            self,
            lang=lang if lang is not None else self.lang,
            postal_code=postal_code if postal_code is not None else self.postal_code,
        )

    def params(self) -> QueryParams:
        if not self.value.strip():
            raise ValueError(f"an order-info lookup by {self.mode.value} needs a value")
        if self.mode is OrderInfoMode.TRACKING_NUMBER:
            if not self.courier:
                raise ValueError("a lookup by tracking number needs the courier")
        elif self.account is None:
            raise ValueError(f"a lookup by {self.mode.value} needs the account")
        out: QueryParams = [(self.mode.value, self.value)]
        if self.account is not None:
            out.append(("account", str(self.account)))
        for name, value in (
            ("courier", self.courier),
            ("client", self.client_key),
            ("lang", self.lang),
            ("recipient_postal_code", self.postal_code),
        ):
            if value:
                out.append((name, value))
        return out


class OrderInfoApi:
    """The typed calls, one per mode: ``await client.order_info.by_recipient_email(1001, ...)``.

    Raises ``NotFoundError`` (nothing matches), ``RateLimitedError`` (429, never retried
    here), ``ValidationError`` (the service refused the parameters), and the other
    ``ParcelLabError`` kinds any request can end with."""

    def __init__(self, client: ParcelLabClient) -> None:
        self._client = client

    def _policy(self) -> RetryPolicy:
        policy = self._client.retry
        return dataclasses.replace(policy, statuses=policy.statuses - {429})

    async def lookup(self, query: OrderInfoQuery) -> OrderInfo:
        response = await self._client._request(
            "GET", ORDER_INFO_PATH, params=query.params(), retry=self._policy()
        )
        try:
            info = OrderInfo.model_validate_json(response.content)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise BadResponseError(
                f"The server's answer to GET {ORDER_INFO_PATH} is not an order-info answer "
                f"({where}: {first['msg']}).",
                method="GET",
                path=ORDER_INFO_PATH,
            ) from exc
        if info.account is None and query.account is not None:
            info = info.model_copy(update={"account": query.account})
        return info

    async def by_order_number(
        self,
        account: int,
        order_number: str,
        *,
        client_key: str | None = None,
        lang: str | None = None,
    ) -> OrderInfo:
        query = OrderInfoQuery.order_number(account, order_number, client_key=client_key)
        return await self.lookup(query.with_options(lang=lang))

    async def by_external_id(
        self, account: int, external_id: str, *, lang: str | None = None
    ) -> OrderInfo:
        return await self.lookup(
            OrderInfoQuery.external_id(account, external_id).with_options(lang=lang)
        )

    async def by_external_reference(
        self, account: int, reference: str, *, lang: str | None = None
    ) -> OrderInfo:
        query = OrderInfoQuery.external_reference(account, reference)
        return await self.lookup(query.with_options(lang=lang))

    async def by_tracking_number(
        self,
        tracking_number: str,
        courier: str,
        *,
        account: int | None = None,
        lang: str | None = None,
    ) -> OrderInfo:
        query = OrderInfoQuery.tracking_number(tracking_number, courier, account=account)
        return await self.lookup(query.with_options(lang=lang))

    async def by_customer_number(
        self, account: int, customer_number: str, *, lang: str | None = None
    ) -> OrderInfo:
        query = OrderInfoQuery.customer_number(account, customer_number)
        return await self.lookup(query.with_options(lang=lang))

    async def by_recipient_email(
        self, account: int, email: str, *, lang: str | None = None
    ) -> OrderInfo:
        query = OrderInfoQuery.recipient_email(account, email)
        return await self.lookup(query.with_options(lang=lang))
