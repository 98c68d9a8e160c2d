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
from parcellab_desk.wording import translate

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
    if error.reason:
        text = translate(
            "Errors",
            "Certificate problem: the service's certificate is not trusted on this computer "
            "({reason}). Behind a company proxy that inspects TLS, ask IT to install its root "
            "certificate in the system's trust store; also check the computer's date and time "
            "and the base URL.",
        )
        return text.format(reason=error.reason)
    return translate(
        "Errors",
        "Certificate problem: the service's certificate is not trusted on this computer. "
        "Behind a company proxy that inspects TLS, ask IT to install its root certificate in "
        "the system's trust store; also check the computer's date and time and the base URL.",
    )


def _connection(error: ConnectionFailedError) -> str:
    if not error.request_sent:
        return translate(
            "Errors",
            "The service could not be reached. Check the network connection, the proxy "
            "settings and the base URL, then try again.",
        )
    return translate("Errors", "The connection was lost before the service answered.")


def _timeout(error: RequestTimeoutError) -> str:
    if not error.request_sent:
        return translate(
            "Errors", "No connection to the service could be opened in time. Try again."
        )
    if error.deadline:
        return translate("Errors", "The service did not answer within {seconds} s.").format(
            seconds=f"{error.deadline:g}"
        )
    return translate("Errors", "The service did not answer in time.")


def _too_large(error: ResponseTooLargeError) -> str:
    return translate(
        "Errors",
        "The service's answer is larger than {megabytes} MB, more than the console reads. "
        "Check the base URL, or narrow the filter.",
    ).format(megabytes=error.limit // (1024 * 1024))


def _wrong_base_url(error: WrongBaseUrlError) -> str:
    return translate(
        "Errors",
        "This base URL looks wrong: {url} answers with a web page, not the parcelLab API. "
        "Use the service's address alone, without a path, e.g. {example} (EU: {eu}, US: {us}).",
    ).format(
        url=error.base_url or translate("Errors", "it"),
        example=BASE_URL_EXAMPLES[0],
        eu=BASE_URL_EXAMPLES[1],
        us=BASE_URL_EXAMPLES[2],
    )


def _permission(error: PermissionDeniedError) -> str:
    if error.account is not None:
        account = translate("Errors", "account {account}").format(account=error.account)
    else:
        account = translate("Errors", "this account")
    if error.write:
        text = translate(
            "Errors",
            "Your token may not change orders of {account}: it does not hold that account "
            "or lacks the write scope. Ask whoever issues your parcelLab tokens for one with "
            "write access to {account}.",
        )
    else:
        text = translate(
            "Errors",
            "Your token may not read {account}. Ask whoever issues your parcelLab tokens for "
            "one that holds {account}, or remove it from the profile's default accounts.",
        )
    return text.format(account=account)


def _authentication(_error: AuthenticationError) -> str:
    return translate(
        "Errors",
        "Sign-in failed: the token was refused. Check the token and the sign-in method of "
        "the profile.",
    )


def _rate_limited(error: RateLimitedError) -> str:
    if error.retry_after is not None:
        return translate("Errors", "Too many requests: parcelLab asks to wait {seconds} s.").format(
            seconds=f"{error.retry_after:g}"
        )
    return translate("Errors", "Too many requests: wait a moment before trying again.")


def _server(error: ServerError) -> str:
    return translate(
        "Errors", "The service had a problem (HTTP {status}). Try again in a moment."
    ).format(status=error.status_code)


def _validation(error: ValidationError) -> str:
    said = summarize(error.errors).rstrip(".")
    if error.status_code is None:
        return translate("Errors", "Not sent, the data is invalid: {details}.").format(details=said)
    return translate("Errors", "The service refused the data: {details}.").format(
        details=said or "HTTP 400"
    )


def _not_found(error: NotFoundError) -> str:
    if not error.errors:
        return error.message  # the client's own finding (e.g. no order has that number)
    said = summarize(error.errors).rstrip(".")
    if said.lower() == "not found":
        return translate("Errors", "Not found.")
    return translate("Errors", "Not found: {details}.").format(details=said)


def _partially_saved(error: PartiallySavedError) -> str:
    return translate(
        "Errors",
        "The order was created, but %n change(s) to it were not saved: {reason}",
        None,
        len(error.unsaved),
    ).format(reason=describe_error(error.cause))


def _not_visible(error: WriteNotVisibleError) -> str:
    if not error.missing:
        return translate(
            "Errors",
            "The service accepted the save, but the order it returned does not show all of it.",
        )
    return translate(
        "Errors",
        "The service accepted the save, but the order it returned does not show {fields}.",
    ).format(fields=", ".join(error.missing))


# Each wording takes the error class it is listed with (hence Any: a table of mixed classes).
def _unresolved(error: ConflictUnresolvedError) -> str:
    labels = ", ".join(c.label for c in error.reconciliation.conflicts)
    return translate(
        "Errors",
        "{fields} also changed on parcelLab since you opened the order, and nothing was "
        "chosen. Save again to compare.",
    ).format(fields=labels)


_TABLE: Final[tuple[tuple[type[ParcelLabError], Callable[[Any], str]], ...]] = (
    # Most specific first: the first class that matches words the error.
    (CertificateError, _certificate),
    (ConnectionFailedError, _connection),
    (RequestTimeoutError, _timeout),
    (ResponseTooLargeError, _too_large),
    (WriteNotVisibleError, _not_visible),
    (WrongBaseUrlError, _wrong_base_url),
    (PermissionDeniedError, _permission),
    (AuthenticationError, _authentication),
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
        return translate("Errors", "The service took too long to answer. Try again.")
    if isinstance(error, OSError):
        return translate("Errors", "A network or file error occurred: {detail}.").format(
            detail=SECRETS.mask(str(error)) or type(error).__name__
        )
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return SECRETS.mask(message)
    return translate(
        "Errors", "Something unexpected went wrong ({kind}). Details are in the log."
    ).format(kind=type(error).__name__)


def can_retry(error: BaseException) -> bool:
    """Whether sending the same request again can help (a 403 or a refused payload cannot;
    a write that may have been applied must be looked up first, never simply re-sent)."""
    if isinstance(error, ParcelLabError) and error.may_have_been_applied:
        return False
    if isinstance(error, PartiallySavedError):
        return can_retry(error.cause)
    return not isinstance(error, _NO_RETRY)
