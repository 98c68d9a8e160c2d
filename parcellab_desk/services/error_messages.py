"""The one place that turns a failure into the sentence an agent reads, and says whether
trying the same again can help.

The API layer raises errors that carry facts (status, code, attr, the account, whether a
write may have been applied); this table words them. The API's own ``message`` is a
developer's summary (logs, scripts) and is used here only as a last resort.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Final

from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    AuthenticationError,
    BadResponseError,
    CertificateError,
    ConfigurationError,
    ConnectionFailedError,
    ListingFailedError,
    NotFoundError,
    ParcelLabError,
    PartiallySavedError,
    PermissionDeniedError,
    RateLimitedError,
    RequestTimeoutError,
    ResponseTooLargeError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
    WriteNotVisibleError,
    WrongBaseUrlError,
    summarize,
)
from parcellab_desk.services.conflicts import ConflictUnresolvedError
from parcellab_desk.services.logging_setup import SECRETS

__all__ = ["BASE_URL_EXAMPLES", "ConnectionWarning", "can_retry", "describe_error"]

BASE_URL_EXAMPLES: Final = (
    "https://api.parcellab.com",
    "https://api.eu.parcellab.com",
    "https://api.us.parcellab.com",
)


class ConnectionWarning(str):
    """The connection works, but something about the profile needs a look (shown as a
    warning, not as a failure)."""

    __slots__ = ()


def _certificate(error: CertificateError) -> str:
    return (
        "Certificate problem: the service's certificate is not trusted on this computer"
        f"{f' ({error.reason})' if error.reason else ''}. Behind a company proxy that "
        "inspects TLS, ask IT to install its root certificate in the system's trust store; "
        "also check the computer's date and time and the base URL."
    )


def _connection(error: ConnectionFailedError) -> str:
    if not error.request_sent:
        return (
            "The service could not be reached. Check the network connection, the proxy "
            "settings and the base URL, then try again."
        )
    return "The connection was lost before the service answered."


def _timeout(error: RequestTimeoutError) -> str:
    if not error.request_sent:
        return "No connection to the service could be opened in time. Try again."
    within = f" within {error.deadline:g} s" if error.deadline else " in time"
    return f"The service did not answer{within}."


def _too_large(error: ResponseTooLargeError) -> str:
    return (
        f"The service's answer is larger than {error.limit // (1024 * 1024)} MB, more than "
        "the console reads. Check the base URL, or narrow the filter."
    )


def _wrong_base_url(error: WrongBaseUrlError) -> str:
    return (
        f"This base URL looks wrong: {error.base_url or 'it'} answers with a web page, not "
        "the parcelLab API. Use the service's address alone, without a path, e.g. "
        f"{BASE_URL_EXAMPLES[0]} (EU: {BASE_URL_EXAMPLES[1]}, US: {BASE_URL_EXAMPLES[2]})."
    )


def _permission(error: PermissionDeniedError) -> str:
    account = f"account {error.account}" if error.account is not None else "this account"
    if error.write:
        return (
            f"Your token may not change orders of {account}: it does not hold that account "
            "or lacks the write scope. Ask whoever issues your parcelLab tokens for one with "
            f"write access to {account}."
        )
    return (
        f"Your token may not read {account}. Ask whoever issues your parcelLab tokens for "
        f"one that holds {account}, or remove it from the profile's default accounts."
    )


def _rate_limited(error: RateLimitedError) -> str:
    if error.retry_after is not None:
        return f"Too many requests: parcelLab asks to wait {error.retry_after:g} s."
    return "Too many requests: wait a moment before trying again."


def _server(error: ServerError) -> str:
    return f"The service had a problem (HTTP {error.status_code}). Try again in a moment."


def _validation(error: ValidationError) -> str:
    said = summarize(error.errors).rstrip(".")
    if error.status_code is None:
        return f"Not sent, the data is invalid: {said}."
    return f"The service refused the data: {said or 'HTTP 400'}."


def _not_found(error: NotFoundError) -> str:
    if not error.errors:
        return error.message  # the client's own finding (e.g. no order has that number)
    said = summarize(error.errors).rstrip(".")
    return f"Not found: {said}." if said.lower() != "not found" else "Not found."


def _partially_saved(error: PartiallySavedError) -> str:
    return (
        f"The order was created, but {len(error.unsaved)} change(s) to it were not saved: "
        f"{describe_error(error.cause)}"
    )


def _not_visible(error: WriteNotVisibleError) -> str:
    return (
        "The service accepted the save, but the order it returned does not show "
        f"{', '.join(error.missing) or 'all of it'}."
    )


# Each wording takes the error class it is listed with (hence Any: a table of mixed classes).
def _unresolved(error: ConflictUnresolvedError) -> str:
    labels = ", ".join(c.label for c in error.reconciliation.conflicts)
    return (
        f"{labels} also changed on parcelLab since you opened the order, and nothing was "
        "chosen. Save again to compare."
    )


_TABLE: Final[tuple[tuple[type[ParcelLabError], Callable[[Any], str]], ...]] = (
    # Most specific first: the first class that matches words the error.
    (CertificateError, _certificate),
    (ConnectionFailedError, _connection),
    (RequestTimeoutError, _timeout),
    (ResponseTooLargeError, _too_large),
    (WriteNotVisibleError, _not_visible),
    (WrongBaseUrlError, _wrong_base_url),
    (PermissionDeniedError, _permission),
    (AuthenticationError, lambda e: "Sign-in failed: the token was refused. Check the token "
     "and the sign-in method of the profile."),
    (RateLimitedError, _rate_limited),
    (ServerError, _server),
    (AmbiguousOrderError, lambda e: e.message),
    (ValidationError, _validation),
    (NotFoundError, _not_found),
    (PartiallySavedError, _partially_saved),
    (ConflictUnresolvedError, _unresolved),
    (UnexpectedStatusError, lambda e: e.message),
    (BadResponseError, lambda e: e.message),
    (ConfigurationError, lambda e: e.message),
)  # fmt: skip

_NO_RETRY: Final = (
    PermissionDeniedError,
    ValidationError,
    ConfigurationError,
    CertificateError,
    WrongBaseUrlError,
    ResponseTooLargeError,
    AmbiguousOrderError,
    NotFoundError,
    WriteNotVisibleError,
)


def describe_error(error: BaseException) -> str:
    """One sentence for the agent; never a token, never a traceback."""
    if isinstance(error, ListingFailedError) and error.cause is not None:
        # The table already says "Could not load more orders"; the cause is the news.
        return describe_error(error.cause)
    if isinstance(error, ParcelLabError):
        for kind, wording in _TABLE:
            if isinstance(error, kind):
                return SECRETS.mask(wording(error))
        return SECRETS.mask(error.message)
    if isinstance(error, asyncio.TimeoutError | TimeoutError):
        return "The service took too long to answer. Try again."
    if isinstance(error, OSError):
        return (
            f"A network or file error occurred: {SECRETS.mask(str(error)) or type(error).__name__}."
        )
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return SECRETS.mask(message)
    return f"Something unexpected went wrong ({type(error).__name__}). Details are in the log."


def can_retry(error: BaseException) -> bool:
    """Whether sending the same request again can help (a 403 or a refused payload cannot;
    a write that may have been applied must be looked up first, never simply re-sent)."""
    if isinstance(error, ParcelLabError) and error.may_have_been_applied:
        return False
    if isinstance(error, PartiallySavedError):
        return can_retry(error.cause)
    return not isinstance(error, _NO_RETRY)
