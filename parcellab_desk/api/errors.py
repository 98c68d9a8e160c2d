"""One hierarchy of errors that carry facts; the services layer words them for the agent.

Every failure the client can meet ends as a ``ParcelLabError``. Each carries the facts a
caller decides on: the request (``method``, ``path``), the ``status_code`` and the server's
``errors`` (``code``, ``detail`` and the dotted ``attr`` of the field concerned), and
``may_have_been_applied``: True when a write (POST or PUT) failed in a way that does not
tell whether the service applied it (a timeout, a connection lost after the request went
out, a 502/503/504 from a gateway). Such a write must be looked up before anything is sent
again. ``message`` is a developer-facing summary for logs and scripts; what an agent reads
comes from ``services/error_messages.py``. Messages never contain credentials: they are
built from the status, the request path and the server's error text only.
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
    "CertificateError",
    "ConfigurationError",
    "ConnectionFailedError",
    "FieldError",
    "InvalidCursorError",
    "ListingFailedError",
    "NotFoundError",
    "ParcelLabError",
    "PartiallySavedError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "ServerError",
    "TransportError",
    "UnexpectedStatusError",
    "ValidationError",
    "WriteNotVisibleError",
    "WrongBaseUrlError",
    "is_write",
]


class ParcelLabError(Exception):
    """Base of every error the client raises. ``message`` is one sentence for the agent."""

    may_have_been_applied: bool = False
    """A write failed without telling whether the service applied it: look it up first."""

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
    """No HTTP answer arrived. ``request_sent`` False: it never left this computer (the
    connection could not be opened), so nothing can have been applied."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        path: str | None = None,
        request_sent: bool = True,
    ):
        super().__init__(message, method=method, path=path)
        self.request_sent = request_sent
        self.may_have_been_applied = request_sent and is_write(method)


class ConnectionFailedError(TransportError):
    """The server could not be reached, or dropped the connection."""


class CertificateError(ConnectionFailedError):
    """TLS verification failed: the server's certificate is not trusted here (a company's
    TLS-inspecting proxy whose CA is not installed, a wrong host, a clock far off).
    ``reason`` is what the TLS library said."""

    def __init__(
        self,
        message: str,
        *,
        reason: str = "",
        method: str | None = None,
        path: str | None = None,
    ):
        super().__init__(message, method=method, path=path, request_sent=False)
        self.reason = reason


class RequestTimeoutError(TransportError):
    """The server did not answer within the operation's deadline (connect, headers and
    body together). ``deadline`` in seconds."""

    def __init__(
        self,
        message: str,
        *,
        deadline: float | None = None,
        method: str | None = None,
        path: str | None = None,
        request_sent: bool = True,
    ):
        super().__init__(message, method=method, path=path, request_sent=request_sent)
        self.deadline = deadline


class BadResponseError(ParcelLabError):
    """A 2xx answer whose body breaks the contract (not JSON, wrong shape)."""


class ResponseTooLargeError(BadResponseError):
    """The answer was larger than the client reads (``limit`` bytes); reading stopped."""

    def __init__(
        self, message: str, *, limit: int, method: str | None = None, path: str | None = None
    ):
        super().__init__(message, method=method, path=path)
        self.limit = limit
        # The status line may have said 2xx, but nothing of the answer was read.
        self.may_have_been_applied = is_write(method)


class WriteNotVisibleError(BadResponseError):
    """The service accepted a write but the order it answered (or read back) does not show
    it (e.g. trackings sent but absent): ``missing`` names what is not there."""

    def __init__(
        self,
        message: str,
        *,
        missing: Sequence[str] = (),
        method: str | None = None,
        path: str | None = None,
    ):
        super().__init__(message, method=method, path=path)
        self.missing: tuple[str, ...] = tuple(missing)


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
GATEWAY_STATUSES = frozenset({502, 503, 504})


def is_write(method: str | None) -> bool:
    return method is not None and method.upper() in WRITE_METHODS


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
        # A gateway's 502/503/504 says nothing about whether the service behind it wrote.
        self.may_have_been_applied = status_code in GATEWAY_STATUSES and is_write(method)
        self.body_is_json = True
        """False when the body was HTML, text or empty (a proxy's or Django's own page)."""

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
    """403: the token does not hold that account, or lacks the write scope. Retrying does
    not help. ``account`` is the account the request acted on (when it named one);
    ``write`` tells a write (write scope needed) from a read."""

    account: int | None = None

    @property
    def write(self) -> bool:
        return is_write(self.method)


class NotFoundError(ApiStatusError):
    """404: no such order."""


class WrongBaseUrlError(NotFoundError):
    """The list path answered a 404 page that is not the API's (Django's HTML "Not Found"):
    the base URL has a path (``.../v4``) or names a host that is not the API.
    ``base_url`` is the one configured."""

    base_url: str = ""
    expected: str = "https://api.parcellab.com"


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


class PartiallySavedError(ParcelLabError):
    """An order was created (``order``) but the writes that had to follow the POST (the
    ``add_tracking`` mutations, sent by PUT) did not all land: ``unsaved`` are the mutations
    still to send, ``cause`` why (also ``__cause__``)."""

    def __init__(
        self,
        message: str,
        *,
        order: Order,
        unsaved: Sequence[object],
        cause: ParcelLabError,
    ):
        super().__init__(message, method=cause.method, path=cause.path)
        self.order = order
        self.unsaved: tuple[object, ...] = tuple(unsaved)
        self.cause = cause
        self.may_have_been_applied = cause.may_have_been_applied


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
