"""The async parcelLab v4 track/orders client (no Qt): models, schema, errors, auth, retries.

async with ParcelLabClient(base_url, BearerAuth(token)) as client:
    page = await client.list_orders(ordering="-created_at")

Nothing is imported until it is asked for: the sandbox needs only ``api.schema`` and the
start path imports the client behind the first frame, so importing a submodule must not
load httpx and pydantic with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parcellab_desk.api.auth import (
        ApiAuth,
        BearerAuth,
        ParcelLabTokenAuth,
    )
    from parcellab_desk.api.client import (
        ParcelLabClient,
    )
    from parcellab_desk.api.errors import (
        AmbiguousOrderError,
        ApiStatusError,
        AuthenticationError,
        BadResponseError,
        ConfigurationError,
        ConnectionFailedError,
        InvalidCursorError,
        ListingFailedError,
        NotFoundError,
        ParcelLabError,
        PermissionDeniedError,
        RateLimitedError,
        RequestTimeoutError,
        ServerError,
        TransportError,
        UnexpectedStatusError,
        ValidationError,
    )
    from parcellab_desk.api.models import (
        Order,
        Tracking,
    )
    from parcellab_desk.api.order_info import (
        Checkpoint,
        CourierInfo,
        DeliveryEstimate,
        OrderInfo,
        OrderInfoMode,
        OrderInfoQuery,
        ParcelInfo,
    )
    from parcellab_desk.api.pagination import (
        OrderPage,
    )
    from parcellab_desk.api.payload import (
        AddTracking,
        CancelOrder,
        CancelTracking,
        Mutation,
        OrderPatch,
        build_patch,
    )
    from parcellab_desk.api.retry import (
        RetryPolicy,
    )
    from parcellab_desk.api.schema import (
        CancelReason,
        Ordering,
    )
    from parcellab_desk.api.sentinel import (
        NOT_GIVEN,
        NotGiven,
        NotGivenOr,
    )
    from parcellab_desk.api.validation import (
        FieldError,
    )

_HOMES: dict[str, str] = {
    "AddTracking": "parcellab_desk.api.payload",
    "AmbiguousOrderError": "parcellab_desk.api.errors",
    "ApiAuth": "parcellab_desk.api.auth",
    "ApiStatusError": "parcellab_desk.api.errors",
    "AuthenticationError": "parcellab_desk.api.errors",
    "BadResponseError": "parcellab_desk.api.errors",
    "BearerAuth": "parcellab_desk.api.auth",
    "CancelOrder": "parcellab_desk.api.payload",
    "CancelReason": "parcellab_desk.api.schema",
    "CancelTracking": "parcellab_desk.api.payload",
    "Checkpoint": "parcellab_desk.api.order_info",
    "ConfigurationError": "parcellab_desk.api.errors",
    "ConnectionFailedError": "parcellab_desk.api.errors",
    "CourierInfo": "parcellab_desk.api.order_info",
    "DeliveryEstimate": "parcellab_desk.api.order_info",
    "FieldError": "parcellab_desk.api.validation",
    "InvalidCursorError": "parcellab_desk.api.errors",
    "ListingFailedError": "parcellab_desk.api.errors",
    "Mutation": "parcellab_desk.api.payload",
    "NOT_GIVEN": "parcellab_desk.api.sentinel",
    "NotFoundError": "parcellab_desk.api.errors",
    "NotGiven": "parcellab_desk.api.sentinel",
    "NotGivenOr": "parcellab_desk.api.sentinel",
    "Order": "parcellab_desk.api.models",
    "OrderInfo": "parcellab_desk.api.order_info",
    "OrderInfoMode": "parcellab_desk.api.order_info",
    "OrderInfoQuery": "parcellab_desk.api.order_info",
    "OrderPage": "parcellab_desk.api.pagination",
    "OrderPatch": "parcellab_desk.api.payload",
    "Ordering": "parcellab_desk.api.schema",
    "ParcelInfo": "parcellab_desk.api.order_info",
    "ParcelLabClient": "parcellab_desk.api.client",
    "ParcelLabError": "parcellab_desk.api.errors",
    "ParcelLabTokenAuth": "parcellab_desk.api.auth",
    "PermissionDeniedError": "parcellab_desk.api.errors",
    "RateLimitedError": "parcellab_desk.api.errors",
    "RequestTimeoutError": "parcellab_desk.api.errors",
    "RetryPolicy": "parcellab_desk.api.retry",
    "ServerError": "parcellab_desk.api.errors",
    "Tracking": "parcellab_desk.api.models",
    "TransportError": "parcellab_desk.api.errors",
    "UnexpectedStatusError": "parcellab_desk.api.errors",
    "ValidationError": "parcellab_desk.api.errors",
    "build_patch": "parcellab_desk.api.payload",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "NOT_GIVEN",
    "AddTracking",
    "AmbiguousOrderError",
    "ApiAuth",
    "ApiStatusError",
    "AuthenticationError",
    "BadResponseError",
    "BearerAuth",
    "CancelOrder",
    "CancelReason",
    "CancelTracking",
    "Checkpoint",
    "ConfigurationError",
    "ConnectionFailedError",
    "CourierInfo",
    "DeliveryEstimate",
    "FieldError",
    "InvalidCursorError",
    "ListingFailedError",
    "Mutation",
    "NotFoundError",
    "NotGiven",
    "NotGivenOr",
    "Order",
    "OrderInfo",
    "OrderInfoMode",
    "OrderInfoQuery",
    "OrderPage",
    "OrderPatch",
    "Ordering",
    "ParcelInfo",
    "ParcelLabClient",
    "ParcelLabError",
    "ParcelLabTokenAuth",
    "PermissionDeniedError",
    "RateLimitedError",
    "RequestTimeoutError",
    "RetryPolicy",
    "ServerError",
    "Tracking",
    "TransportError",
    "UnexpectedStatusError",
    "ValidationError",
    "build_patch",
]
