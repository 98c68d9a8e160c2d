"""``GET /v4/track/orders/info/``: the customer-facing order status lookup, six modes.

One mode per request (the contract's list): ``order_number`` + ``account`` (optional
``client``), ``external_order_id`` + ``account``, ``external_reference`` + ``account``,
``tracking_number`` + ``courier`` (optional ``account``), ``customer_number`` + ``account``,
``recipient_email`` + ``account``. Optional everywhere: ``lang`` and
``recipient_postal_code``. The answer is one order in the shape of the contract, with each
parcel's checkpoints (``sandbox.checkpoints``).

Decisions of the sandbox:

- Order of checks: 401, then a malformed ``account`` (400 ``invalid``), then 403 (the token
  does not hold the account, or may neither read nor use order info), then the rate limit
  (429), then the mode (400 listing the modes), then 404. An account that is not held is a
  403 here (the contract asks for read access to the account), not a 404 as in the lookup.
- Exactly one of the six identifying parameters may be given; none, two, or one without its
  partner is a 400 whose message lists the accepted modes. An empty value counts as absent.
- The rate limit counts requests per account over a sliding minute (default 100, the
  published figure; ``SandboxSettings.order_info_per_minute`` changes it). A request without
  ``account`` (the tracking mode) counts against every account the token holds, because it
  searches them all; it is refused when any of them is over the limit. A refused request is
  not counted.
- Matching: the e-mail in any letter case; everything else exactly. Several orders match (an
  e-mail or customer number with several orders, an external reference used twice): the
  newest. ``recipient_postal_code`` then must equal (ignoring case and spaces) the postal code
  of one of the order's trackings, otherwise 404.
- ``lang`` ``de`` gives German texts, anything else English; without ``lang`` the order's
  language when it is German, otherwise English.
- Redaction: a token without the ``read`` scope (only ``orderinfo``) gets ``"<name>"`` and
  ``"<email>"`` instead of the recipient's name and e-mail.
- ``courier`` is always the object form ``{"name", "prettyname", "trackingurl"}``;
  ``trackingurl`` is given for the couriers below and null for the others.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import quote

from starlette.datastructures import QueryParams

from parcellab_desk.api.schema import (
    ORDER_INFO_LIMIT_PER_MINUTE,
    ORDER_INFO_PATH,
    ErrorCode,
    OrderInfoMode,
)
from parcellab_desk.api.validation import FieldError
from parcellab_desk.sandbox.auth import TokenGrant, permission_denied
from parcellab_desk.sandbox.checkpoints import history, lifecycle
from parcellab_desk.sandbox.errors import ApiError, not_found
from parcellab_desk.sandbox.store import Store, StoredOrder

__all__ = [
    "MODES",
    "ORDER_INFO_PATH",
    "PUBLISHED_LIMIT_PER_MINUTE",
    "OrderInfoBudget",
    "order_info",
]

PUBLISHED_LIMIT_PER_MINUTE: Final = ORDER_INFO_LIMIT_PER_MINUTE
REDACTED_NAME: Final = "<name>"
REDACTED_EMAIL: Final = "<email>"

MODES: Final = (
    "order_number + account (optional client)",
    "external_order_id + account",
    "external_reference + account",
    "tracking_number + courier (optional account)",
    "customer_number + account",
    "recipient_email + account",
)
IDENTIFYING: Final = tuple(m.value for m in OrderInfoMode)
MODES_MESSAGE: Final = "Give exactly one lookup mode: " + "; ".join(MODES) + "."

_PRETTY_NAMES: Final = {
    "dhl-germany": "DHL Paket",
    "dhl-austria": "DHL Austria",
    "dhl-benelux": "DHL Parcel Benelux",
    "dhl-gm": "DHL eCommerce",
    "dpd-de": "DPD Germany",
    "dpd-uk": "DPD UK",
    "gls": "GLS",
    "ups": "UPS",
    "ups-mi": "UPS Mail Innovations",
    "fedex": "FedEx",
    "usps": "USPS",
    "royalmail": "Royal Mail",
    "parcelforce": "Parcelforce Worldwide",
    "evri": "Evri",
    "hermes": "Hermes",
    "yodel": "Yodel",
    "colissimo": "Colissimo",
    "mondial": "Mondial Relay",
    "postnl": "PostNL",
}
# The sandbox's answer names a tracking page for some couriers only, so a client has to cope
# with a missing one (the real service's courier data varies by account).
_SANDBOX_TRACKING_URLS: Final = {
    "dhl-germany": "https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode={}",
    "ups": "https://www.ups.com/track?tracknum={}",
    "royalmail": "https://www.royalmail.com/track-your-item#/tracking-results/{}",
    "postnl": "https://jouw.postnl.nl/track-and-trace/{}",
}


class OrderInfoBudget:
    """The published rate limit: requests per account in a sliding minute, thread-safe."""

    def __init__(
        self,
        limit: Callable[[], int],
        *,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = limit
        self._window = window_s
        self._clock = clock
        self._calls: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def spend(self, accounts: Iterable[int]) -> float | None:
        """Counts one request against each account; the seconds to wait instead when any
        of them is over the limit (then nothing is counted)."""
        now = self._clock()
        limit = self._limit()
        with self._lock:
            wait = 0.0
            queues = []
            for account in accounts:
                calls = self._calls.setdefault(account, deque())
                while calls and calls[0] <= now - self._window:
                    calls.popleft()
                if len(calls) >= limit:
                    oldest = calls[len(calls) - limit] if limit > 0 else now
                    wait = max(wait, oldest + self._window - now)
                queues.append(calls)
            if wait > 0 or limit <= 0:
                return max(wait, 1.0)
            for calls in queues:
                calls.append(now)
        return None

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()


@dataclass(frozen=True, slots=True)
class _Mode:
    name: OrderInfoMode
    value: str
    account: int | None


def _account(params: QueryParams) -> int | None:
    raw = params.get("account")
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.strip().isdigit():
        raise ApiError.validation(
            [FieldError("account", ErrorCode.INVALID, "Enter a whole number.")]
        )
    return int(raw)


def _mode(params: QueryParams, account: int | None) -> _Mode:
    given = [(name, params.get(name, "").strip()) for name in IDENTIFYING]
    present = [(name, value) for name, value in given if value]
    if len(present) != 1:
        raise _no_mode()
    name, value = OrderInfoMode(present[0][0]), present[0][1]
    if name is OrderInfoMode.TRACKING_NUMBER:
        if not params.get("courier", "").strip():
            raise _no_mode()
    elif account is None:
        raise _no_mode()
    return _Mode(name, value, account)


def _no_mode() -> ApiError:
    return ApiError.single(400, ErrorCode.INVALID, MODES_MESSAGE)


def _find(store: Store, grant: TokenGrant, mode: _Mode, params: QueryParams) -> StoredOrder:
    accounts = sorted(grant.accounts) if mode.account is None else [mode.account]
    with store.reading() as conn:
        if mode.name is OrderInfoMode.ORDER_NUMBER:
            matches = store.with_number(conn, accounts, mode.value)
            client = params.get("client", "").strip()
            if client:
                matches = [o for o in matches if o.fields.get("client_key") == client]
        elif mode.name is OrderInfoMode.EXTERNAL_ID:
            try:
                external_id = str(uuid.UUID(mode.value))
            except ValueError:
                raise not_found() from None
            found = store.by_external_id(conn, external_id)
            matches = [found] if found is not None and found.account in accounts else []
        elif mode.name is OrderInfoMode.EXTERNAL_REFERENCE:
            matches = [
                o for a in accounts if (o := store.by_reference(conn, a, mode.value)) is not None
            ]
        elif mode.name is OrderInfoMode.TRACKING_NUMBER:
            courier = params.get("courier", "").strip()
            matches = store.with_tracking(conn, accounts, courier, mode.value)
        elif mode.name is OrderInfoMode.CUSTOMER_NUMBER:
            matches = store.with_customer_number(conn, accounts, mode.value)
        else:
            matches = store.with_email(conn, accounts, mode.value)
    postal = _postal(params.get("recipient_postal_code"))
    if postal:
        matches = [
            o
            for o in matches
            if any(_postal(t.get("recipient_postal_code")) == postal for t in o.trackings)
        ]
    if not matches:
        raise not_found("No order matches this lookup.")
    return max(matches, key=lambda o: (o.created_at, o.id))


def _postal(value: Any) -> str:
    return "".join(str(value or "").split()).upper()


def _language(params: QueryParams, order: StoredOrder) -> str:
    lang = params.get("lang", "").strip().lower()
    if lang:
        return "de" if lang.startswith("de") else "en"
    return "de" if order.fields.get("language_iso2") == "de" else "en"


def _courier(code: Any) -> dict[str, Any]:
    name = str(code or "")
    template = _SANDBOX_TRACKING_URLS.get(name)
    return {"name": name, "prettyname": _PRETTY_NAMES.get(name, name), "trackingurl": template}


def _parcel(tracking: Mapping[str, Any], lang: str, order: StoredOrder, now: datetime) -> Any:
    parcel_history = history(tracking, lang=lang, fallback_start=order.created_at, now=now)
    courier = _courier(tracking.get("courier"))
    number = str(tracking.get("tracking_number") or "")
    if courier["trackingurl"]:
        courier["trackingurl"] = courier["trackingurl"].format(quote(number, safe=""))
    return {
        "tracking_number": number,
        "courier": courier,
        "status": tracking.get("status"),
        "lifecycle": lifecycle(tracking.get("status")),
        "delivery_estimate": parcel_history.delivery_estimate,
        "checkpoints": parcel_history.checkpoints,
    }


def answer(order: StoredOrder, *, lang: str, redact: bool, now: datetime | None = None) -> Any:
    """The order-info body for ``order``."""
    now = now or datetime.now(UTC)
    fields = order.fields
    name = fields.get("recipient_name")
    email = fields.get("recipient_email")
    return {
        "order_number": fields.get("order_number"),
        "client_key": fields.get("client_key"),
        "order_date": order.created_at,
        "recipient_name": REDACTED_NAME if redact and name else name,
        "recipient_email": REDACTED_EMAIL if redact and email else email,
        "destination_country_iso3": fields.get("destination_country_iso3"),
        "trackings": [_parcel(t, lang, order, now) for t in order.trackings],
    }


def order_info(
    store: Store, budget: OrderInfoBudget, grant: TokenGrant, params: QueryParams
) -> Any:
    """The body of a successful lookup, or raises the ``ApiError`` to answer with."""
    account = _account(params)
    if not grant.can_use_order_info:
        raise permission_denied("This token may not use the order-info lookup.")
    if account is not None and account not in grant.accounts:
        raise permission_denied(f"This token does not hold account {account}.")
    wait = budget.spend([account] if account is not None else sorted(grant.accounts))
    if wait is not None:
        seconds = math.ceil(wait)
        raise ApiError.single(
            429,
            ErrorCode.THROTTLED,
            f"Request was throttled. Expected available in {seconds} seconds.",
            headers={"Retry-After": str(seconds)},
        )
    mode = _mode(params, account)
    order = _find(store, grant, mode, params)
    return answer(order, lang=_language(params, order), redact=not grant.can_read)
