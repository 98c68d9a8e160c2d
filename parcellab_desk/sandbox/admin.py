"""Admin routes of the sandbox, not part of the contract: faults and behaviour switches.

They are left out of the OpenAPI document, which describes the contract's API only. They need
a token of the sandbox with write scope (``Authorization`` as for the API) and, for a body,
``Content-Type: application/json``: neither can be sent by a plain cross-site form or
``fetch`` without a CORS preflight, which the sandbox never grants, so a web page the agent
visits cannot switch faults on. Without them: 401 / 415.

- ``GET /_sandbox/faults``: the current rates, pending rules and how many faults were injected.
- ``PUT /_sandbox/faults``: set rates, e.g. ``{"latency_ms": 200, "error_rate": 0.1,
  "error_status": 503, "throttle_rate": 0.05, "retry_after": 2, "drop_rate": 0.02, "seed": 7}``
  (each key optional); ``after_commit_drop_rate``, ``after_commit_error_rate`` and
  ``after_commit_status`` (504) lose the answers of requests that were handled in full.
- ``POST /_sandbox/faults/next``: add a rule, e.g. ``{"count": 2, "status": 429,
  "retry_after": 3, "method": "PUT"}`` or ``{"count": 1, "drop": true}``; ``"after_commit":
  true`` fails the answer once the request was written; ``{"delay_ms": 1500}`` alone holds
  the next request back before handling it.
- ``DELETE /_sandbox/faults``: back to no faults at all.
- ``GET`` / ``PUT /_sandbox/settings``: ``{"put_echo": true}`` switches PUT to the echoing
  201/200 form, ``false`` back to 200 without a body.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from parcellab_desk.api.schema import ErrorCode
from parcellab_desk.sandbox.auth import require_write
from parcellab_desk.sandbox.errors import ApiError, parse_error

ADMIN_PREFIX = "/_sandbox"

_RATE_KEYS = {
    "latency_ms": (int, float),
    "error_rate": (int, float),
    "error_status": (int,),
    "throttle_rate": (int, float),
    "retry_after": (int,),
    "drop_rate": (int, float),
    "after_commit_drop_rate": (int, float),
    "after_commit_error_rate": (int, float),
    "after_commit_status": (int,),
    "seed": (int,),
}


def _admin(request: Request) -> None:
    """The caller holds a write token; a body comes as JSON (415 otherwise)."""
    grant = request.app.state.sandbox.auth.authenticate(request.headers.get("authorization"))
    require_write(grant)
    if request.method in ("PUT", "POST"):
        media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media != "application/json":
            shown = media or "none"
            raise ApiError.single(
                415,
                "unsupported_media_type",
                f'Unsupported media type "{shown}" in request; send application/json.',
            )


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise parse_error(f"JSON parse error - {exc}") from None
    if not isinstance(body, dict):
        raise ApiError.single(400, ErrorCode.INVALID, "Expected a JSON object.")
    return body


def _bad(attr: str, detail: str) -> ApiError:
    return ApiError.single(400, ErrorCode.INVALID, detail, attr)


async def _faults(request: Request) -> Response:
    _admin(request)
    faults = request.app.state.sandbox.faults
    if request.method == "DELETE":
        faults.reset()
    elif request.method == "PUT":
        body = await _body(request)
        for key, value in body.items():
            kinds = _RATE_KEYS.get(key)
            if kinds is None:
                raise _bad(key, f"Unknown setting; known: {', '.join(_RATE_KEYS)}.")
            if isinstance(value, bool) or not isinstance(value, kinds):
                raise _bad(key, "Expected a number.")
        try:
            faults.configure(**body)
        except ValueError as exc:
            raise _bad("", str(exc)) from None
    return JSONResponse(faults.snapshot())


async def _next(request: Request) -> Response:
    _admin(request)
    faults = request.app.state.sandbox.faults
    body = await _body(request)
    count = body.get("count", 1)
    method = body.get("method")
    if isinstance(count, bool) or not isinstance(count, int):
        raise _bad("count", "Expected an integer.")
    if method is not None and not isinstance(method, str):
        raise _bad("method", "Expected an HTTP method name.")
    after_commit = body.get("after_commit", False)
    if not isinstance(after_commit, bool):
        raise _bad("after_commit", "Must be a valid boolean.")
    delay_ms = body.get("delay_ms")
    if delay_ms is not None and (
        isinstance(delay_ms, bool) or not isinstance(delay_ms, int | float)
    ):
        raise _bad("delay_ms", "Expected a number.")
    try:
        if delay_ms is not None:
            faults.delay_next(count, delay_ms=delay_ms, method=method)
        elif body.get("drop"):
            faults.drop_next(count, method=method, after_commit=after_commit)
        else:
            status = body.get("status", 503)
            retry_after = body.get("retry_after")
            if isinstance(status, bool) or not isinstance(status, int):
                raise _bad("status", "Expected an integer.")
            if retry_after is not None and (
                isinstance(retry_after, bool) or not isinstance(retry_after, int)
            ):
                raise _bad("retry_after", "Expected an integer.")
            faults.fail_next(
                count,
                status=status,
                retry_after=retry_after,
                method=method,
                after_commit=after_commit,
            )
    except ValueError as exc:
        raise _bad("", str(exc)) from None
    return JSONResponse(faults.snapshot())


async def _settings(request: Request) -> Response:
    _admin(request)
    settings = request.app.state.sandbox.settings
    if request.method == "PUT":
        body = await _body(request)
        if "put_echo" in body:
            if not isinstance(body["put_echo"], bool):
                raise _bad("put_echo", "Must be a valid boolean.")
            settings.put_echo = body["put_echo"]
    return JSONResponse({"put_echo": settings.put_echo})


def admin_routes() -> list[BaseRoute]:
    return [
        Route(f"{ADMIN_PREFIX}/faults", _faults, methods=["GET", "PUT", "DELETE"]),
        Route(f"{ADMIN_PREFIX}/faults/next", _next, methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/settings", _settings, methods=["GET", "PUT"]),
    ]
