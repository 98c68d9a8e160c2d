"""The sandbox's ASGI app: the contract's routes, the OpenAPI document and the admin routes.

Every answer of the API that is not a success is in the contract's wrapped error shape:
wrong methods (405 with ``Allow``), bodies that are not JSON (400 ``parse_error``), orders
not found (404) and any unexpected failure (500 ``server_error``). A path that is no route
of the API at all answers what Django itself answers there: its HTML "Not Found" page (404,
``text/html``), which is what a base URL with a path (``.../v4``) or a host that is not the
API shows the client.

Decisions the contract leaves open:

- Paths must end in a slash; a path without it is an unknown route (Django's HTML 404),
  never a redirect, because the client must not follow redirects for PUT and POST.
- The body is read as JSON whatever the ``Content-Type`` says; an empty body counts as
  ``{}`` (as DRF reads it), a body that is not UTF-8 JSON, or holds unpaired surrogates, is
  ``parse_error``.
- A lookup sees only the orders of the accounts the token holds: an order of another account
  is 404, not 403. A ``unique_id`` that parses as a UUID is tried as ``external_id`` first,
  then as an order number.
- Limits (``limits.py``): 1 MB bodies (413), 100 mutations per request (400 ``max_length``
  at ``mutations``), a ``Host`` that is not this sandbox's (400); every store access runs in
  a worker thread, writes through a bounded gate (503 with ``Retry-After`` when saturated).
- ``ambiguous`` is answered as ``client_error`` with ``attr`` null.
- An ``account`` query value that is not an integer is 400 ``invalid`` at ``account``.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from parcellab_desk.api.schema import ORDERS_PATH, UNIQUE_ID_PATTERN, ErrorCode
from parcellab_desk.api.validation import FieldError
from parcellab_desk.sandbox.admin import admin_routes
from parcellab_desk.sandbox.auth import Authenticator, TokenGrant, require_read, require_write
from parcellab_desk.sandbox.errors import ApiError, not_found, parse_error, server_error
from parcellab_desk.sandbox.faults import FaultController, FaultMiddleware
from parcellab_desk.sandbox.limits import (
    BodyLimitMiddleware,
    HostCheckMiddleware,
    Workers,
    check_mutation_count,
)
from parcellab_desk.sandbox.openapi import build_openapi
from parcellab_desk.sandbox.order_info import (
    ORDER_INFO_PATH,
    PUBLISHED_LIMIT_PER_MINUTE,
    OrderInfoBudget,
    order_info,
)
from parcellab_desk.sandbox.orders import OrderWriter, WriteOutcome
from parcellab_desk.sandbox.pagination import (
    ListQuery,
    decode_cursor,
    encode_cursor,
    fetch_page,
    parse_ordering,
    parse_page_size,
    visible_accounts,
)
from parcellab_desk.sandbox.store import Store
from parcellab_desk.sandbox.write_log import RequestTracker, WriteLog

log = logging.getLogger(__name__)


DJANGO_NOT_FOUND_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n'
    "<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n"
    "</body>\n</html>\n"
)
"""Django's own 404 page (DEBUG off), served for paths that are no route of the API."""


@dataclass(slots=True)
class SandboxSettings:
    """Behaviour switches that may change while the server runs."""

    put_echo: bool = False  # False: PUT answers 200 without a body, as the seed says
    order_info_per_minute: int = PUBLISHED_LIMIT_PER_MINUTE  # per account, sliding minute


@dataclass(slots=True)
class SandboxContext:
    store: Store
    auth: Authenticator
    writer: OrderWriter
    faults: FaultController
    settings: SandboxSettings
    workers: Workers
    write_log: WriteLog
    order_info_budget: OrderInfoBudget


def _context(request: Request) -> SandboxContext:
    ctx: SandboxContext = request.app.state.sandbox
    return ctx


def _grant(request: Request) -> TokenGrant:
    return _context(request).auth.authenticate(request.headers.get("authorization"))


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8"))
        # Unpaired surrogates decode fine but cannot be stored or sent back as UTF-8.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError, RecursionError) as exc:
        raise parse_error(f"JSON parse error - {exc}") from None
    return body


def _orders_list(request: Request) -> Response:
    grant = _grant(request)
    require_read(grant)
    params = request.query_params
    account_filter: tuple[int, ...] | None = None
    raw_accounts = params.getlist("account")
    if raw_accounts:
        try:
            account_filter = tuple(int(a) for a in raw_accounts)
        except ValueError:
            raise ApiError.validation(
                [FieldError("account", ErrorCode.INVALID, "Enter a whole number.")]
            ) from None
    sort, descending = parse_ordering(params.get("ordering"))
    query = ListQuery(
        accounts=visible_accounts(grant.accounts, account_filter),
        account_filter=account_filter,
        order_number=params.get("order_number"),
        external_reference=params.get("external_reference"),
        sort=sort,
        descending=descending,
        page_size=parse_page_size(params.get("page_size")),
    )
    token = params.get("cursor")
    cursor = decode_cursor(query, token) if token is not None else None
    page = fetch_page(_context(request).store, query, cursor)

    def link(target: Any) -> str | None:
        if target is None:
            return None
        return str(request.url.include_query_params(cursor=encode_cursor(query, target)))

    return JSONResponse(
        {
            "next": link(page.next),
            "previous": link(page.previous),
            "results": [o.to_json() for o in page.orders],
        }
    )


async def _orders_collection(request: Request) -> Response:
    if request.method in ("GET", "HEAD"):
        # In a worker thread, like every store access: the event loop only moves bytes.
        return await _context(request).workers.read(_orders_list, request)
    grant = _grant(request)
    ctx = _context(request)
    # Write scope before the body is even read: 403 comes before 400.
    require_write(grant)
    body = await _json_body(request)
    check_mutation_count(body)
    if request.method == "POST":
        outcome = await ctx.workers.write(ctx.writer.post, grant, body)
        ctx.write_log.record(outcome.order.external_id)
        return JSONResponse(outcome.order.to_json(), status_code=201)
    outcome = await ctx.workers.write(ctx.writer.put, grant, body)
    ctx.write_log.record(outcome.order.external_id)
    if not ctx.settings.put_echo:
        return Response(status_code=200)
    return _echo(outcome)


def _echo(outcome: WriteOutcome) -> JSONResponse:
    body = outcome.order.to_json()
    body["mutations"] = outcome.results
    return JSONResponse(body, status_code=201 if outcome.created else 200)


async def _order_info(request: Request) -> Response:
    grant = _grant(request)
    ctx = _context(request)
    return JSONResponse(order_info(ctx.store, ctx.order_info_budget, grant, request.query_params))


async def _order_lookup(request: Request) -> Response:
    return await _context(request).workers.read(_lookup, request)


def _lookup(request: Request) -> Response:
    grant = _grant(request)
    require_read(grant)
    unique_id: str = request.path_params["unique_id"]
    if not UNIQUE_ID_PATTERN.match(unique_id):
        raise not_found()
    store = _context(request).store
    with store.reading() as conn:
        try:
            external_id = str(uuid.UUID(unique_id))
        except ValueError:
            external_id = None
        if external_id is not None:
            order = store.by_external_id(conn, external_id)
            if order is not None and order.account in grant.accounts:
                return JSONResponse(order.to_json())
        matches = store.with_number(conn, grant.accounts, unique_id)
    if not matches:
        raise not_found()
    if len(matches) > 1:
        raise ApiError.single(
            400,
            ErrorCode.AMBIGUOUS,
            f"{len(matches)} orders in different accounts have this order number; "
            "list with ?order_number= and choose one.",
        )
    return JSONResponse(matches[0].to_json())


async def _openapi(request: Request) -> Response:
    settings = _context(request).settings
    return JSONResponse(
        build_openapi(str(request.base_url).rstrip("/"), put_echo=settings.put_echo)
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        detail = f'Method "{request.method}" not allowed.'
        return ApiError.single(
            405, ErrorCode.METHOD_NOT_ALLOWED, detail, headers=headers
        ).response()
    if exc.status_code == 404:
        return HTMLResponse(DJANGO_NOT_FOUND_PAGE, status_code=404, headers=headers)
    code = ErrorCode.INVALID if exc.status_code < 500 else "error"
    return ApiError.single(exc.status_code, code, str(exc.detail), headers=headers).response()


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error in the sandbox", exc_info=exc)
    return server_error()


def create_app(
    store: Store,
    *,
    auth: Authenticator,
    faults: FaultController | None = None,
    settings: SandboxSettings | None = None,
    allowed_hosts: Iterable[str] = (),
    write_log: WriteLog | None = None,
) -> Starlette:
    """The ASGI app over ``store``; faults and settings may be changed while it serves.
    ``allowed_hosts``: names the ``Host`` header may carry besides loopback ones."""
    settings = settings or SandboxSettings()
    context = SandboxContext(
        store=store,
        auth=auth,
        writer=OrderWriter(store),
        faults=faults or FaultController(),
        settings=settings,
        workers=Workers(),
        write_log=write_log or WriteLog(),
        order_info_budget=OrderInfoBudget(lambda: settings.order_info_per_minute),
    )
    routes = [
        Route(ORDERS_PATH, _orders_collection, methods=["GET", "PUT", "POST"]),
        # before the lookup route: "info" is no unique_id (the contract's pattern says so)
        Route(ORDER_INFO_PATH, _order_info, methods=["GET"]),
        Route(ORDERS_PATH + "{unique_id}/", _order_lookup, methods=["GET"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        *admin_routes(),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            # Outermost first: a foreign Host is refused before a byte of body is read;
            # faults see the server's own receive (dropping needs its transport), which the
            # request tracker passes on untouched.
            Middleware(HostCheckMiddleware, allowed=allowed_hosts),
            Middleware(RequestTracker, log=context.write_log),
            Middleware(FaultMiddleware, controller=context.faults),
            Middleware(BodyLimitMiddleware),
        ],
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
    )
    app.router.redirect_slashes = False
    app.state.sandbox = context
    return app
