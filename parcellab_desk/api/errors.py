"""One hierarchy of errors, each with a short message an agent can act on.

Every failure the client can meet ends as a ``ParcelLabError``: the UI catches that one base
class and asks ``message`` (one sentence) and, for validation, ``field_errors`` (with the
dotted ``attr`` path of the form field concerned). Messages never contain credentials: they
are built from the status, the request path and the server's error text only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from parcellab_desk.api.validation import FieldError

if TYPE_CHECKING:
    from parcellab_desk.api.models import Order

__all__ = [
    "AmbiguousOrderError",
    "ApiStatusError",
    "AuthenticationError",
    "BadResponseError",
    "ConfigurationError",
    "ConnectionFailedError",
    "FieldError",
    "InvalidCursorError",
    "ListingFailedError",
    "NotFoundError",
    "ParcelLabError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RequestTimeoutError",
    "ServerError",
    "TransportError",
    "UnexpectedStatusError",
    "ValidationError",
]


class ParcelLabError(Exception):
    """Base of every error the client raises. ``message`` is one sentence for the agent."""

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ConfigurationError(ParcelLabError, ValueError):
    """The client was set up with something it refuses (e.g. plain http to a remote host)."""


class TransportError(ParcelLabError):
    """No HTTP answer arrived. ``order_created`` is set after an ambiguous POST: True when a
    lookup found the order, False when it did not (safe to send again), None when unknown."""

    order_created: bool | None = None


class ConnectionFailedError(TransportError):
    """The server could not be reached, or dropped the connection."""


class RequestTimeoutError(TransportError):
    """The server did not answer in time."""


class BadResponseError(ParcelLabError):
    """A 2xx answer whose body breaks the contract (not JSON, wrong shape)."""


class ApiStatusError(ParcelLabError):
    """The server answered with an error status; ``errors`` holds what its body said."""

    default_message = "The server refused the request."

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None,
        errors: Sequence[FieldError] = (),
        method: str | None = None,
        path: str | None = None,
    ):
        super().__init__(message, method=method, path=path)
        self.status_code = status_code
        self.errors: tuple[FieldError, ...] = tuple(errors)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(e.code for e in self.errors)


class ValidationError(ApiStatusError):
    """400: the payload was refused. ``field_errors`` name the fields by dotted path.

    Raised with ``status_code=None`` when the client itself refused to send a payload that
    breaks the schema (same errors, same wording as the server's)."""

    @property
    def field_errors(self) -> tuple[FieldError, ...]:
        return tuple(e for e in self.errors if e.attr)

    @property
    def general_errors(self) -> tuple[FieldError, ...]:
        return tuple(e for e in self.errors if not e.attr)

    def errors_for(self, attr: str) -> tuple[FieldError, ...]:
        """Errors for one field path and everything below it (``tags`` covers ``tags.3``)."""
        return tuple(
            e for e in self.errors if e.attr and (e.attr == attr or e.attr.startswith(attr + "."))
        )


class AmbiguousOrderError(ApiStatusError):
    """Several orders (in different accounts) share the order number; pick one of
    ``candidates``."""

    def __init__(
        self,
        message: str,
        *,
        candidates: Sequence[Order] = (),
        status_code: int | None = 400,
        errors: Sequence[FieldError] = (),
        method: str | None = None,
        path: str | None = None,
    ):
        super().__init__(message, status_code=status_code, errors=errors, method=method, path=path)
        self.candidates: tuple[Order, ...] = tuple(candidates)


class AuthenticationError(ApiStatusError):
    """401: no credentials or the token is wrong or expired."""


class PermissionDeniedError(ApiStatusError):
    """403: the token does not hold that account, or lacks the write scope."""


class NotFoundError(ApiStatusError):
    """404: no such order."""


class RateLimitedError(ApiStatusError):
    """429: too many requests; ``retry_after`` seconds when the server said so."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        status_code: int | None = 429,
        errors: Sequence[FieldError] = (),
        method: str | None = None,
        path: str | None = None,
    ):
        super().__init__(message, status_code=status_code, errors=errors, method=method, path=path)
        self.retry_after = retry_after


class ServerError(ApiStatusError):
    """5xx: the service failed; usually worth trying again later."""


class UnexpectedStatusError(ApiStatusError):
    """Any other status (3xx redirects for writes, 405, 409, ...)."""


class ListingFailedError(ParcelLabError):
    """Continuing a listing failed; the UI offers to start the listing again.

    ``cause`` is the underlying error (also chained as ``__cause__``)."""

    def __init__(self, message: str, *, cause: ParcelLabError | None = None):
        super().__init__(
            message,
            method=cause.method if cause else None,
            path=cause.path if cause else None,
        )
        self.cause = cause


class InvalidCursorError(ListingFailedError):
    """The server no longer accepts the cursor (filters or ordering changed, or it expired)."""


def summarize(errors: Iterable[FieldError], limit: int = 3) -> str:
    """``attr: detail`` for the first few errors, for one-line messages."""
    parts = [f"{e.attr}: {e.detail}" if e.attr else e.detail for e in errors]
    text = "; ".join(parts[:limit])
    if len(parts) > limit:
        text += f" (and {len(parts) - limit} more)"
    return text
