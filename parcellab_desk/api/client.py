"""``ParcelLabClient``: the async client over ``httpx.AsyncClient`` (no Qt).

Strict out (trailing slashes, payloads checked against the shared schema before sending,
only changed fields on PUT, ``""`` to empty a text field, order fields only on POST, no
redirects followed for writes), liberal in (both PUT answer forms, every error body shape,
untidy timestamps). Every failure is a ``ParcelLabError`` carrying facts (see ``errors``).

Bounded: one deadline per call covers connecting, the headers, the whole body and every
retry, and cancels the request in flight when it passes; an answer larger than
``max_response_bytes`` is not read on. Network: loopback addresses never go through a proxy,
the real service goes through the environment's proxies, and certificates are checked
against the operating system's trust store (``tls.py``).

The client does not resolve a write whose outcome is unknown (``may_have_been_applied``):
it says so, and ``services/write_outcomes.py`` looks the order up before anything is sent
again.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
import platform
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Final, Self
from urllib.parse import quote

import httpx
import pydantic
import stamina

from parcellab_desk import __version__
from parcellab_desk.api.auth import ApiAuth
from parcellab_desk.api.error_parsing import error_from_response
from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    AuthenticationError,
    BadResponseError,
    CertificateError,
    ConfigurationError,
    ConnectionFailedError,
    NotFoundError,
    ParcelLabError,
    PartiallySavedError,
    PermissionDeniedError,
    RequestTimeoutError,
    ResponseTooLargeError,
    WriteNotVisibleError,
    WrongBaseUrlError,
)
from parcellab_desk.api.models import Order, OrderListBody, Tracking
from parcellab_desk.api.order_info import OrderInfoApi
from parcellab_desk.api.pagination import ListQuery, OrderPage, QueryParams
from parcellab_desk.api.payload import (
    AddTracking,
    CancelOrder,
    CancelTracking,
    Mutation,
    build_patch,
    check_payload,
    identity_of,
    missing_trackings,
    to_json_value,
    tracking_changes,
    without_empty,
)
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import ORDERS_PATH, UNIQUE_ID_PATTERN, CancelReason, Ordering
from parcellab_desk.api.tls import default_ssl_context, is_certificate_failure

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "MAX_RESPONSE_BYTES",
    "USER_AGENT",
    "ParcelLabClient",
    "check_base_url",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT: Final = httpx.Timeout(20.0, connect=5.0)
"""httpx's per-phase limits (connect, each read); the deadline bounds the call as a whole."""
DEFAULT_DEADLINE: Final = 30.0
"""Seconds one call may take in all: connect, headers, body, retries and their waits."""
MAX_RESPONSE_BYTES: Final = 20 * 1024 * 1024
"""A bigger answer is not an order list the console asked for: reading stops there."""
USER_AGENT: Final = (
    f"parcellab-desk/{__version__} httpx/{httpx.__version__} Python/{platform.python_version()}"
)
_LOOPBACK_NAMES: Final = frozenset({"localhost", "localhost.localdomain"})


def check_base_url(base_url: str | httpx.URL) -> httpx.URL:
    """The base URL without a trailing slash; ``http://`` only for loopback hosts."""
    url = httpx.URL(str(base_url).strip())
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"The base URL must be an https:// address, not {str(url)!r}.")
    if url.scheme == "http" and not _is_loopback(url.host):
        raise ConfigurationError(
            "Plain http:// sends the token unencrypted; use https:// (http:// is only "
            "accepted for this computer, e.g. the sandbox on 127.0.0.1)."
        )
    if url.query or url.fragment:
        raise ConfigurationError("The base URL must not carry a query or fragment.")
    return url.copy_with(path=url.path.rstrip("/") or "/")


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ssl_context_for(url: httpx.URL, *, loopback: bool) -> ssl.SSLContext | bool:
    """The OS trust store for the real service; for https to this computer, certifi's
    bundle. Plain http (the sandbox) makes no TLS connection at all: it gets a verifying
    context that trusts nothing, which costs nothing to build (loading a CA bundle takes
    ~25-75 ms of the console's start)."""
    if not loopback:
        return default_ssl_context()
    if url.scheme == "https":
        return True
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies; never used over http


Reauthenticate = Callable[[ApiAuth], Awaitable[bool]]
"""Given the rejected auth, get new credentials onto the client; True to try again."""


class ParcelLabClient:
    """Async client for ``/v4/track/orders/``. Use ``async with`` or ``await aclose()``.

    ``retry`` decides what is retried and for how long (tests pass one with tiny waits);
    ``deadline`` bounds each call in seconds (connect, headers, body, retries);
    ``max_response_bytes`` caps what is read of one answer; ``transport`` replaces the
    network (tests only); ``ssl_context`` replaces the OS trust store (e.g. to add a company
    CA), TLS verification itself is never switched off. ``trust_env`` None: the
    environment's proxies for the real service, none for a loopback base URL.
    """

    def __init__(
        self,
        base_url: str | httpx.URL,
        auth: ApiAuth,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        retry: RetryPolicy | None = None,
        ssl_context: ssl.SSLContext | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        on_unauthorized: Reauthenticate | None = None,
        trust_env: bool | None = None,
    ) -> None:
        """``on_unauthorized`` is awaited with the auth the server rejected (401); when it
        returns True (new credentials are set, e.g. the agent signed in again) the request is
        sent once more, so the caller's work goes on instead of failing."""
        self.base_url = check_base_url(base_url)
        self.auth = auth
        self.retry = retry or RetryPolicy()
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self.on_unauthorized = on_unauthorized
        loopback = _is_loopback(self.base_url.host)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=auth,
            timeout=timeout,
            verify=ssl_context or _ssl_context_for(self.base_url, loopback=loopback),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport,
            # HTTP(S)_PROXY would otherwise carry the sandbox's traffic, token included.
            trust_env=(not loopback) if trust_env is None else trust_env,
        )

    @functools.cached_property
    def order_info(self) -> OrderInfoApi:
        """The order-info lookup (six modes, rate limited per account): ``order_info.by_...``."""
        return OrderInfoApi(self)

    def set_auth(self, auth: ApiAuth) -> None:
        """Use ``auth`` from the next request on (the agent signed in again after a 401)."""
        self.auth = auth
        self._http.auth = auth

    def __repr__(self) -> str:
        return f"ParcelLabClient(base_url={str(self.base_url)!r}, auth={self.auth!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    # -- transport ---------------------------------------------------------------------

    async def _send_once(
        self, method: str, path: str, params: QueryParams | None, body: Any
    ) -> httpx.Response:
        """One request; a 2xx response (its body read, within the size cap) or a typed
        error."""
        started = time.perf_counter()
        try:
            async with self._http.stream(
                method,
                path,
                params=tuple(params) if params else None,
                json=body,
                follow_redirects=method == "GET",  # never for writes: a redirect loses the body
            ) as streamed:
                response = await self._read_capped(streamed, method, path)
        except httpx.ConnectError as exc:
            reason = is_certificate_failure(exc)
            if reason is not None:
                raise CertificateError(
                    f"The server's certificate is not trusted ({method} {path}: {reason}).",
                    reason=reason,
                    method=method,
                    path=path,
                ) from exc
            raise ConnectionFailedError(
                f"The server could not be reached ({method} {path}: {type(exc).__name__}).",
                method=method,
                path=path,
                request_sent=False,
            ) from exc
        except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise RequestTimeoutError(
                f"No connection to the server in time ({method} {path}).",
                method=method,
                path=path,
                request_sent=False,
            ) from exc
        except httpx.TimeoutException as exc:
            raise RequestTimeoutError(
                f"The server did not answer in time ({method} {path}).", method=method, path=path
            ) from exc
        except httpx.RequestError as exc:
            raise ConnectionFailedError(
                f"The server closed the connection without an answer ({method} {path}: "
                f"{type(exc).__name__}).",
                method=method,
                path=path,
            ) from exc
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug("%s %s -> %s in %.0f ms", method, path, response.status_code, elapsed_ms)
        if response.is_success:
            return response
        error = error_from_response(response, method=method, path=path)
        if isinstance(error, NotFoundError) and not error.body_is_json:
            # Django's own HTML 404: the route does not exist there, so the base URL is wrong.
            wrong = WrongBaseUrlError(
                f"{method} {path} answered a 404 page that is not the API's; the base URL "
                f"{str(self.base_url)!r} looks wrong.",
                status_code=error.status_code,
                errors=error.errors,
                method=method,
                path=path,
            )
            wrong.base_url = str(self.base_url)
            wrong.body_is_json = False
            raise wrong
        if isinstance(error, PermissionDeniedError):
            account = body.get("account") if isinstance(body, Mapping) else None
            if account is None and params:
                account = next((v for k, v in params if k == "account"), None)
            error.account = int(str(account)) if str(account or "").isdigit() else None
        raise error

    async def _read_capped(
        self, streamed: httpx.Response, method: str, path: str
    ) -> httpx.Response:
        """The answer with its body read in full, unless it is bigger than the cap."""
        limit = self.max_response_bytes
        declared = streamed.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(method, path, limit)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in streamed.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    # Close the connection under the stream: the iteration then ends from
                    # inside, so every layer of it is finalised here, in this task.
                    await streamed.aclose()
                    continue
                chunks.append(chunk)
        except (httpx.StreamClosed, httpx.ReadError):
            if size <= limit:
                raise
        if size > limit:
            raise _too_large(method, path, limit)
        # The body is decoded already: the new response must not decode it again.
        headers = [
            (k, v)
            for k, v in streamed.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(
            streamed.status_code,
            headers=headers,
            content=b"".join(chunks),
            request=streamed.request,
        )

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        body: Any = None,
        retry: RetryPolicy | None = None,
    ) -> httpx.Response:
        """A request with the retry policy applied (``retry`` replaces the client's for this
        request); after a 401, new credentials (if the ``on_unauthorized`` hook provides
        them) and one more try. A 401 means the server did nothing, so even a POST is safe to
        send again then."""
        rejected = self.auth
        try:
            return await self._within_deadline(
                self._request_with_retries(method, path, params=params, body=body, retry=retry),
                method,
                path,
            )
        except AuthenticationError:
            hook = self.on_unauthorized
            if hook is None or not await hook(rejected):
                raise
        return await self._within_deadline(
            self._request_with_retries(method, path, params=params, body=body, retry=retry),
            method,
            path,
        )

    async def _within_deadline(
        self, call: Awaitable[httpx.Response], method: str, path: str
    ) -> httpx.Response:
        """The call with every retry inside one deadline; the request in flight is cancelled
        when it passes (the wait for a new sign-in after a 401 is not part of it)."""
        try:
            async with asyncio.timeout(self.deadline):
                return await call
        except TimeoutError as exc:
            raise RequestTimeoutError(
                f"No complete answer within {self.deadline:g} s ({method} {path}).",
                deadline=self.deadline,
                method=method,
                path=path,
            ) from exc

    async def _request_with_retries(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        body: Any = None,
        retry: RetryPolicy | None = None,
    ) -> httpx.Response:
        """A request with the retry policy applied (POST is never retried). When any
        attempt may have been applied, so may the call, whatever the last attempt met."""
        policy = retry or self.retry
        if not policy.retries_method(method):
            return await self._send_once(method, path, params, body)
        attempts_made = 0
        maybe_applied = False

        def decide(error: Exception) -> bool | float:
            return policy.decide(error, last_attempt=attempts_made >= policy.attempts)

        try:
            async for attempt in stamina.retry_context(
                on=decide,
                attempts=policy.attempts,
                timeout=policy.total_timeout,
                wait_initial=policy.wait_initial,
                wait_max=policy.wait_max,
                wait_jitter=policy.wait_jitter,
                wait_exp_base=policy.wait_exp_base,
            ):
                with attempt:
                    attempts_made = attempt.num
                    try:
                        return await self._send_once(method, path, params, body)
                    except ParcelLabError as exc:
                        maybe_applied = maybe_applied or exc.may_have_been_applied
                        raise
        except ParcelLabError as exc:
            exc.may_have_been_applied = exc.may_have_been_applied or maybe_applied
            raise
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    # -- reading -----------------------------------------------------------------------

    async def list_orders(
        self,
        *,
        accounts: Sequence[int] = (),
        order_number: str | None = None,
        external_reference: str | None = None,
        ordering: Ordering | str | None = None,
        descending: bool = False,
        page_size: int | None = None,
    ) -> OrderPage:
        """The first page of orders matching the filters (newest first by default)."""
        query = ListQuery.build(
            accounts=accounts,
            order_number=order_number,
            external_reference=external_reference,
            ordering=ordering,
            descending=descending,
            page_size=page_size,
        )
        return await self._fetch_page(query, query.params())

    async def _fetch_page(self, query: ListQuery, params: QueryParams) -> OrderPage:
        response = await self._request("GET", ORDERS_PATH, params=params)
        try:
            body = OrderListBody.model_validate_json(response.content)
        except pydantic.ValidationError as exc:
            raise _bad_response("GET", ORDERS_PATH, "an order list", exc) from exc
        return OrderPage(
            body.results,
            query=query,
            next_url=body.next,
            previous_url=body.previous,
            fetch=self._fetch_page,
        )

    async def iter_orders(
        self,
        *,
        accounts: Sequence[int] = (),
        order_number: str | None = None,
        external_reference: str | None = None,
        ordering: Ordering | str | None = None,
        descending: bool = False,
        page_size: int | None = None,
    ) -> AsyncIterator[Order]:
        """Every matching order, page after page. An order seen before (by ``external_id``;
        it moved while sorted by a changing field) is not yielded again."""
        page = await self.list_orders(
            accounts=accounts,
            order_number=order_number,
            external_reference=external_reference,
            ordering=ordering,
            descending=descending,
            page_size=page_size,
        )
        seen: set[str] = set()
        while True:
            for order in page.orders:
                if order.external_id:
                    if order.external_id in seen:
                        continue
                    seen.add(order.external_id)
                yield order
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def _all(self, **filters: Any) -> list[Order]:
        return [order async for order in self.iter_orders(**filters)]

    async def get_order(self, unique_id: str) -> Order:
        """The order with this ``external_id`` or order number.

        Raises ``NotFoundError``, or ``AmbiguousOrderError`` with ``candidates`` (the orders
        of every account sharing that number) for the agent to choose from."""
        unique_id = unique_id.strip()
        if not UNIQUE_ID_PATTERN.match(unique_id):
            # The path cannot carry it (a dot, a slash, or "info..."): the list filter can.
            return await self._only_order(unique_id)
        path = f"{ORDERS_PATH}{quote(unique_id, safe='')}/"
        try:
            response = await self._request("GET", path)
        except AmbiguousOrderError as exc:
            candidates = await self._all(order_number=unique_id)
            raise AmbiguousOrderError(
                f"{len(candidates)} orders (in different accounts) have the number "
                f"{unique_id!r}; choose one.",
                candidates=candidates,
                status_code=exc.status_code,
                errors=exc.errors,
                method=exc.method,
                path=exc.path,
            ) from exc
        return _parse_order(response, "GET", path)

    async def _only_order(self, order_number: str) -> Order:
        candidates = await self._all(order_number=order_number)
        if not candidates:
            raise NotFoundError(
                f"Not found: no order has the number {order_number!r}.",
                status_code=None,
                method="GET",
                path=ORDERS_PATH,
            )
        if len(candidates) > 1:
            raise AmbiguousOrderError(
                f"{len(candidates)} orders have the number {order_number!r}; choose one.",
                candidates=candidates,
                status_code=None,
                method="GET",
                path=ORDERS_PATH,
            )
        return candidates[0]

    async def find_order(self, account: int, order_number: str) -> Order | None:
        """The order with this number in this account, or None."""
        async for order in self.iter_orders(accounts=[account], order_number=order_number):
            if order.order_number == order_number and order.account == account:
                return order
        return None

    # -- writing -----------------------------------------------------------------------

    async def create_order(
        self, order: Order | Mapping[str, Any], mutations: Sequence[Mutation] = ()
    ) -> Order:
        """POST the order's fields (``account`` and ``order_number`` required), then PUT the
        ``mutations`` (e.g. its trackings) and check that each tracking is on the order.

        The service drops ``mutations`` sent with a POST (as stock DRF drops unknown
        fields), hence the second request. Never retried; a POST whose answer was lost
        raises with ``may_have_been_applied`` (look the order up before sending it again).
        When the POST worked but the PUT did not, ``PartiallySavedError`` holds the created
        order and the mutations still to send."""
        created = await self.post_order(order)
        if not mutations:
            return created
        try:
            return await self.apply_mutations(created, mutations)
        except ParcelLabError as exc:
            raise PartiallySavedError(
                f"The order was created but {len(mutations)} change(s) to it were not saved "
                f"({exc.message})",
                order=created,
                unsaved=mutations,
                cause=exc,
            ) from exc

    async def post_order(self, order: Order | Mapping[str, Any]) -> Order:
        """POST: creates the order from its fields alone (fields without a value are not
        sent). Never retried."""
        body = _create_body(order)
        check_payload(body, creating=True)
        response = await self._request("POST", ORDERS_PATH, body=body)
        return await self._saved_order(response, "POST", body)

    async def apply_mutations(self, order: Order, mutations: Sequence[Mutation]) -> Order:
        """PUT ``mutations`` onto a saved order; raises ``WriteNotVisibleError`` when the
        service accepted them but a tracking they add is not on the order it answered."""
        body = {**identity_of(order), "mutations": [m.to_json() for m in mutations]}
        saved = await self.put_order(body)
        missing = missing_trackings(saved, body)
        if missing:
            raise WriteNotVisibleError(
                f"The service accepted the trackings but the order does not show "
                f"{', '.join(missing)}.",
                missing=missing,
                method="PUT",
                path=ORDERS_PATH,
            )
        return saved

    async def put_order(self, body: Mapping[str, Any]) -> Order:
        """PUT: create or update with a partial body (``NOT_GIVEN`` values are left out).

        Returns the saved order: the one the server echoed, or, when it answered without a
        body, the order read back."""
        payload = to_json_value(body)
        check_payload(payload, creating=False)
        response = await self._request("PUT", ORDERS_PATH, body=payload)
        return await self._saved_order(response, "PUT", payload)

    async def update_order(
        self,
        original: Order,
        changes: Order | Mapping[str, Any] | None = None,
        mutations: Sequence[Mutation] = (),
    ) -> Order:
        """Sends only what differs between ``original`` and ``changes`` (``NOT_GIVEN`` keeps
        a field, ``None`` clears it) plus ``mutations``; nothing changed, nothing is sent."""
        patch = build_patch(original, changes, mutations)
        if patch.is_empty:
            return original
        return await self.put_order(patch.body)

    async def add_tracking(self, order: Order, tracking: Tracking | Mapping[str, Any]) -> Order:
        """Adds a tracking (or updates the one with the same courier + number)."""
        return await self.put_order(
            {**identity_of(order), "mutations": [AddTracking(tracking).to_json()]}
        )

    async def update_tracking(
        self,
        order: Order,
        courier: str,
        tracking_number: str,
        changes: Tracking | Mapping[str, Any],
    ) -> Order:
        """Changes fields of an existing tracking; only what differs is sent."""
        original = order.find_tracking(courier, tracking_number)
        if original is None:
            raise ValueError(f"the order has no tracking {courier} {tracking_number}")
        mutation = tracking_changes(original, changes)
        if mutation is None:
            return order
        return await self.put_order({**identity_of(order), "mutations": [mutation.to_json()]})

    async def cancel_tracking(
        self,
        order: Order,
        courier: str,
        tracking_number: str,
        reason: CancelReason,
        cancelled_date: Any = None,
    ) -> Order:
        mutation = CancelTracking(courier, tracking_number, reason, cancelled_date)
        return await self.put_order({**identity_of(order), "mutations": [mutation.to_json()]})

    async def cancel_order(
        self, order: Order, reason: CancelReason, cancelled_date: Any = None
    ) -> Order:
        """Cancels the order (status ``Cancelled``); cancelling twice changes nothing."""
        mutation = CancelOrder(reason, cancelled_date)
        return await self.put_order({**identity_of(order), "mutations": [mutation.to_json()]})

    async def _saved_order(
        self, response: httpx.Response, method: str, body: Mapping[str, Any]
    ) -> Order:
        """The order a write answered with, or read back when the answer has none."""
        echoed = _echoed_order(response)
        if echoed is not None:
            return echoed
        log.debug("%s answered %s without an order; reading it back", method, response.status_code)
        try:
            if body.get("external_id"):
                return await self.get_order(str(body["external_id"]))
            found = await self.find_order(body["account"], body["order_number"])
        except ParcelLabError as exc:
            # The write itself was accepted: whoever settles it must know it landed.
            raise _read_back_failed(method) from exc
        if found is None:
            raise _read_back_failed(method)
        return found


def _create_body(order: Order | Mapping[str, Any]) -> dict[str, Any]:
    """The POST body: order fields with a value; ``mutations`` never (the service drops
    them on POST)."""
    data = order.to_json_dict(exclude_read_only=True) if isinstance(order, Order) else order
    return without_empty({k: v for k, v in data.items() if k != "mutations"})


def _too_large(method: str, path: str, limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The answer to {method} {path} is larger than {limit // (1024 * 1024)} MB; "
        "reading stopped.",
        limit=limit,
        method=method,
        path=path,
    )


def _echoed_order(response: httpx.Response) -> Order | None:
    """The order in a write's answer; None when the body is empty or is not an order."""
    if not response.content.strip():
        return None
    try:
        order = Order.model_validate_json(response.content)
    except pydantic.ValidationError:
        return None
    if not (order.external_id or order.order_number):
        return None
    extra = order.model_extra or {}
    if "mutations" in extra:
        # The echoing form reports one result per mutation; it is not a field of the order.
        return Order.model_validate(
            {k: v for k, v in order.to_json_dict().items() if k != "mutations"}
        )
    return order


def _parse_order(response: httpx.Response, method: str, path: str) -> Order:
    try:
        return Order.model_validate_json(response.content)
    except pydantic.ValidationError as exc:
        raise _bad_response(method, path, "an order", exc) from exc


def _bad_response(
    method: str, path: str, what: str, exc: pydantic.ValidationError
) -> BadResponseError:
    first = exc.errors()[0]  # a ValidationError always holds at least one
    where = ".".join(str(p) for p in first["loc"]) or "body"
    return BadResponseError(
        f"The server's answer to {method} {path} is not {what} ({where}: {first['msg']}).",
        method=method,
        path=path,
    )


def _read_back_failed(method: str) -> BadResponseError:
    error = BadResponseError(
        f"The server accepted the {method} but the order could not be read back; reload the list.",
        method=method,
        path=ORDERS_PATH,
    )
    error.may_have_been_applied = True  # it was: the service answered 2xx
    return error
