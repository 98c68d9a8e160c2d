"""Turns an error response into the matching ``ApiStatusError``.

The real service is Django REST framework behind drf-standardized-errors, and answers in more
than one shape: the wrapped ``{"type", "errors": [{"code", "detail", "attr"}]}``, the plain
``{"detail": ...}``, stock DRF's ``{"field": ["message"]}`` and, from proxies and crashes,
HTML or nothing at all. All of them end as a list of ``FieldError``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any, Final

import httpx

from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    ApiStatusError,
    AuthenticationError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
    summarize,
)
from parcellab_desk.api.retry import parse_retry_after
from parcellab_desk.api.schema import ErrorCode

NON_FIELD: Final = "non_field_errors"
ORDER_IDENTIFYING: Final = ("external_id", "account", "order_number", "external_reference")
TRACKING_IDENTIFYING: Final = ("courier", "tracking_number")
EXCERPT_LENGTH: Final = 200
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_DRF_UNIQUE_HINT = re.compile(r"unique|already exists", re.IGNORECASE)


def text_excerpt(content: bytes) -> str:
    """A short readable line from a body that is not JSON (HTML pages included)."""
    text = content.decode("utf-8", errors="replace")
    text = html.unescape(_TAG.sub(" ", text))
    text = _SPACE.sub(" ", text).strip()
    if len(text) > EXCERPT_LENGTH:
        text = text[: EXCERPT_LENGTH - 1] + "…"
    return text


def parse_error_body(content: bytes) -> list[FieldError]:
    """Every error an error body names, whatever its shape (empty when it names none)."""
    if not content.strip():
        return []
    try:
        data = json.loads(content)
    except ValueError:
        excerpt = text_excerpt(content)
        return [FieldError(None, "error", excerpt)] if excerpt else []
    return map_non_field_errors(_from_json(data))


def _from_json(data: Any) -> list[FieldError]:
    if isinstance(data, Mapping):
        errors = data.get("errors")
        if isinstance(errors, list) and all(isinstance(e, Mapping) for e in errors):
            return [_wrapped_item(item) for item in errors]
        if "detail" in data and len(data) <= 2:  # {"detail": ...} or {"detail", "code"}
            code = data.get("code")
            return _flatten(data["detail"], None, str(code) if code else "error")
        return _flatten(data, None, None)
    return _flatten(data, None, "error")


def _wrapped_item(item: Mapping[str, Any]) -> FieldError:
    attr = item.get("attr")
    code = item.get("code")
    return FieldError(
        str(attr) if attr not in (None, "") else None,
        str(code) if code else "error",
        str(item.get("detail") or ""),
    )


def _flatten(value: Any, attr: str | None, code: str | None) -> list[FieldError]:
    """Stock DRF's nested ``{"field": ["msg"], "mutations": [{}, {"type": ["msg"]}]}``."""
    if isinstance(value, Mapping):
        out: list[FieldError] = []
        for key, sub in value.items():
            out.extend(_flatten(sub, f"{attr}.{key}" if attr else str(key), code))
        return out
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return [_stock_message(attr, code, v) for v in value]
        out = []
        for index, sub in enumerate(value):
            if isinstance(sub, Mapping | list):
                out.extend(_flatten(sub, f"{attr}.{index}" if attr else str(index), code))
            elif sub is not None:
                out.append(_stock_message(attr, code, str(sub)))
        return out
    return [_stock_message(attr, code, "" if value is None else str(value))]


def _stock_message(attr: str | None, code: str | None, detail: str) -> FieldError:
    if code is None:
        # Stock DRF sends no codes; a uniqueness message is still recognisable.
        is_unique = (attr or "").endswith(NON_FIELD) and _DRF_UNIQUE_HINT.search(detail)
        code = ErrorCode.UNIQUE if is_unique else ErrorCode.INVALID
    return FieldError(attr, code, detail)


def map_non_field_errors(errors: list[FieldError]) -> list[FieldError]:
    """``non_field_errors`` onto the form fields they concern.

    A ``unique`` failure lands on the identifying fields its message names (DRF says "The
    fields account, order_number must make a unique set."), else on the order number (or
    the tracking number inside a tracking); anything else becomes a general error of the
    object it belongs to.
    """
    out: list[FieldError] = []
    for error in errors:
        attr = error.attr
        if attr is None or not (attr == NON_FIELD or attr.endswith("." + NON_FIELD)):
            out.append(error)
            continue
        prefix = attr[: -len(NON_FIELD)].rstrip(".")
        if error.code != ErrorCode.UNIQUE:
            out.append(FieldError(prefix or None, error.code, error.detail))
            continue
        in_tracking = prefix.endswith("tracking")
        candidates = TRACKING_IDENTIFYING if in_tracking else ORDER_IDENTIFYING
        named = [f for f in candidates if re.search(rf"\b{f}\b", error.detail)]
        if not named:
            named = ["tracking_number" if in_tracking else "order_number"]
        out.extend(
            FieldError(f"{prefix}.{name}" if prefix else name, error.code, error.detail)
            for name in named
        )
    return out


def error_from_response(response: httpx.Response, *, method: str, path: str) -> ApiStatusError:
    """The error for a non-2xx response (the caller has checked that it is one)."""
    error = _error_for_status(response, method=method, path=path)
    error.body_is_json = _is_json(response.content)
    return error


def _is_json(content: bytes) -> bool:
    if not content.strip():
        return False
    try:
        json.loads(content)
    except ValueError:
        return False
    return True


def _error_for_status(response: httpx.Response, *, method: str, path: str) -> ApiStatusError:
    status = response.status_code
    errors = parse_error_body(response.content)
    said = summarize(errors).rstrip(".")  # each message below ends its own sentence
    common: dict[str, Any] = {
        "status_code": status,
        "errors": errors,
        "method": method,
        "path": path,
    }
    where = f"{method} {path}"
    if status in (400, 422):
        if any(e.code == ErrorCode.AMBIGUOUS for e in errors):
            return AmbiguousOrderError(
                f"Several orders match; choose one ({said or 'ambiguous identifier'}).", **common
            )
        return ValidationError(
            f"The server refused the data: {said or f'HTTP {status}'}.", **common
        )
    if status == 401:
        return AuthenticationError(
            f"Authentication failed: check the API token and its scheme ({said or 'HTTP 401'}).",
            **common,
        )
    if status == 403:
        return PermissionDeniedError(
            "Permission denied: the token does not hold this account or may not write "
            f"({said or 'HTTP 403'}).",
            **common,
        )
    if status == 404:
        return NotFoundError(f"Not found: {said or where}.", **common)
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        when = f"try again in {retry_after:g} s" if retry_after is not None else "try again later"
        return RateLimitedError(f"Too many requests: {when}.", retry_after=retry_after, **common)
    if status >= 500:
        return ServerError(
            f"The service had a problem (HTTP {status}"
            + (f": {said}" if said else "")
            + "). Try again in a moment.",
            **common,
        )
    if 300 <= status < 400:
        location = response.headers.get("Location", "another address")
        return UnexpectedStatusError(
            f"The server redirected {where} to {location}; check the base URL in the profile.",
            **common,
        )
    return UnexpectedStatusError(
        f"Unexpected answer HTTP {status} to {where}" + (f": {said}." if said else "."), **common
    )
