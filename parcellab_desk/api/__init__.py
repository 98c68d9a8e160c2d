"""The async parcelLab v4 track/orders client (no Qt): models, schema, errors, auth, retries.

async with ParcelLabClient(base_url, BearerAuth(token)) as client:
    page = await client.list_orders(ordering="-created_at")
"""

from parcellab_desk.api.auth import ApiAuth, BearerAuth, ParcelLabTokenAuth
from parcellab_desk.api.client import ParcelLabClient
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
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.order_info import (
    Checkpoint,
    CourierInfo,
    DeliveryEstimate,
    OrderInfo,
    OrderInfoMode,
    OrderInfoQuery,
    ParcelInfo,
)
from parcellab_desk.api.pagination import OrderPage
from parcellab_desk.api.payload import (
    AddTracking,
    CancelOrder,
    CancelTracking,
    Mutation,
    OrderPatch,
    build_patch,
)
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason, Ordering
from parcellab_desk.api.sentinel import NOT_GIVEN, NotGiven, NotGivenOr
from parcellab_desk.api.validation import FieldError

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
