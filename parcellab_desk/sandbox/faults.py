"""Fault injection for the sandbox only: latency, 500/503, 429 with Retry-After, dropped sockets.

Two kinds of fault, switchable while the server runs (from Python through a
``FaultController`` or over HTTP through the admin routes in ``admin.py``):

- *rates*: a share of requests answers 500 or 503, a share 429, a share is dropped, and every
  request can wait an added latency. Draws come from a seeded ``random.Random`` so a demo can
  be replayed.
- *rules*, for tests: "the next N requests (optionally only those with method M) fail with
  status S / carry Retry-After R / are dropped". Rules are used up in the order they were
  added and win over rates.

Either kind can strike *before* the request is handled (nothing is written) or *after
commit*: the request is handled in full (an order is created or changed) and then its
answer is replaced by the fault status or the connection is dropped, which is what a
gateway timing out in front of a slow service does. A rule can also hold a request back
(``delay_ms``) before it is handled, so it reaches the service after the client gave up.

Only the contract's paths (``/v4/...``) are affected: the admin routes and the OpenAPI
document always answer, so a test can always switch faults off again. A dropped request
closes the socket without any response (the client sees a disconnect), which needs the
server's transport; under a server that does not expose it the request answers 500 instead.
"""

from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parcellab_desk.api.schema import ErrorCode, ErrorType
from parcellab_desk.api.validation import FieldError
from parcellab_desk.sandbox.errors import error_response

FAULT_PATH_PREFIX = "/v4/"


@dataclass(slots=True)
class FaultRule:
    """One deterministic fault for the next ``remaining`` matching requests."""

    remaining: int
    status: int | None = 503
    retry_after: int | None = None
    drop: bool = False
    method: str | None = None
    after_commit: bool = False  # handle the request, then fail its answer
    delay_ms: float = 0.0  # hold the request back this long before handling it


@dataclass(slots=True)
class FaultRates:
    latency_ms: float = 0.0
    error_rate: float = 0.0  # share answered with error_status
    error_status: int = 503
    throttle_rate: float = 0.0  # share answered 429
    retry_after: int = 1
    drop_rate: float = 0.0  # share dropped without an answer
    # Handled in full (written), then the answer is lost: dropped, or replaced by a status.
    after_commit_drop_rate: float = 0.0
    after_commit_error_rate: float = 0.0
    after_commit_status: int = 504


@dataclass(frozen=True, slots=True)
class FaultDecision:
    latency_s: float = 0.0
    status: int | None = None
    retry_after: int | None = None
    drop: bool = False
    after_commit: bool = False

    @property
    def faulty(self) -> bool:
        return self.drop or self.status is not None


@dataclass(slots=True)
class _State:
    rates: FaultRates = field(default_factory=FaultRates)
    rules: list[FaultRule] = field(default_factory=list)
    injected: int = 0


class FaultController:
    """Thread-safe fault switches shared by the server thread and whoever drives it."""

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._state = _State()
        self._random = random.Random(seed)  # noqa: S311 - replayable demo faults, not security

    def configure(
        self,
        *,
        latency_ms: float | None = None,
        error_rate: float | None = None,
        error_status: int | None = None,
        throttle_rate: float | None = None,
        retry_after: int | None = None,
        drop_rate: float | None = None,
        after_commit_drop_rate: float | None = None,
        after_commit_error_rate: float | None = None,
        after_commit_status: int | None = None,
        seed: int | None = None,
    ) -> None:
        """Sets the rates given; the others keep their values."""
        for name, share in (
            ("error_rate", error_rate),
            ("throttle_rate", throttle_rate),
            ("drop_rate", drop_rate),
            ("after_commit_drop_rate", after_commit_drop_rate),
            ("after_commit_error_rate", after_commit_error_rate),
        ):
            if share is not None and not 0.0 <= share <= 1.0:
                raise ValueError(f"{name} must be within 0..1")
        if latency_ms is not None and latency_ms < 0:
            raise ValueError("latency_ms must not be negative")
        for name, status in (
            ("error_status", error_status),
            ("after_commit_status", after_commit_status),
        ):
            if status is not None and not 400 <= status <= 599:
                raise ValueError(f"{name} must be a 4xx or 5xx status")
        if retry_after is not None and retry_after < 0:
            raise ValueError("retry_after must not be negative")
        given = {
            "latency_ms": latency_ms,
            "error_rate": error_rate,
            "error_status": error_status,
            "throttle_rate": throttle_rate,
            "retry_after": retry_after,
            "drop_rate": drop_rate,
            "after_commit_drop_rate": after_commit_drop_rate,
            "after_commit_error_rate": after_commit_error_rate,
            "after_commit_status": after_commit_status,
        }
        with self._lock:
            for name, value in given.items():
                if value is not None:
                    setattr(self._state.rates, name, value)
            if seed is not None:
                self._random.seed(seed)

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 503,
        retry_after: int | None = None,
        method: str | None = None,
        after_commit: bool = False,
    ) -> None:
        """The next ``count`` requests (with ``method``, if given) answer ``status``;
        ``after_commit``: only once they were handled (written) in full."""
        if not 400 <= status <= 599:
            raise ValueError("status must be a 4xx or 5xx status")
        self._add(
            FaultRule(
                count,
                status,
                retry_after,
                method=_method(method),
                after_commit=after_commit,
            )
        )

    def delay_next(self, count: int = 1, *, delay_ms: float, method: str | None = None) -> None:
        """The next ``count`` requests are held back ``delay_ms`` before they are handled,
        then handled normally: a write that reaches the service after the client gave up."""
        if delay_ms < 0:
            raise ValueError("delay_ms must not be negative")
        self._add(FaultRule(count, None, method=_method(method), delay_ms=delay_ms))

    def _add(self, rule: FaultRule) -> None:
        if rule.remaining < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._state.rules.append(rule)

    def throttle_next(
        self, count: int = 1, *, retry_after: int = 1, method: str | None = None
    ) -> None:
        """The next ``count`` requests answer 429 with ``Retry-After: retry_after``."""
        self.fail_next(count, status=429, retry_after=retry_after, method=method)

    def drop_next(
        self, count: int = 1, *, method: str | None = None, after_commit: bool = False
    ) -> None:
        """The next ``count`` requests get their connection closed without an answer;
        ``after_commit``: only once they were handled (written) in full."""
        self._add(FaultRule(count, None, None, True, _method(method), after_commit=after_commit))

    def reset(self) -> None:
        """No latency, no rates, no pending rules."""
        with self._lock:
            self._state = _State()

    @property
    def injected(self) -> int:
        """How many requests a fault has hit since the last reset."""
        with self._lock:
            return self._state.injected

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                **asdict(self._state.rates),
                "rules": [asdict(r) for r in self._state.rules],
                "injected": self._state.injected,
            }

    def decide(self, method: str) -> FaultDecision:
        with self._lock:
            state = self._state
            latency = state.rates.latency_ms / 1000.0
            for rule in state.rules:
                if rule.method is None or rule.method == method.upper():
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        state.rules.remove(rule)
                    latency += rule.delay_ms / 1000.0
                    if rule.status is None and not rule.drop:
                        return FaultDecision(latency)  # only held back
                    state.injected += 1
                    return FaultDecision(
                        latency, rule.status, rule.retry_after, rule.drop, rule.after_commit
                    )
            rates = state.rates
            if rates.after_commit_drop_rate or rates.after_commit_error_rate:
                draw = self._random.random()
                if draw < rates.after_commit_drop_rate:
                    state.injected += 1
                    return FaultDecision(latency, drop=True, after_commit=True)
                if draw < rates.after_commit_drop_rate + rates.after_commit_error_rate:
                    state.injected += 1
                    return FaultDecision(latency, rates.after_commit_status, after_commit=True)
            if rates.drop_rate and self._random.random() < rates.drop_rate:
                state.injected += 1
                return FaultDecision(latency, drop=True)
            if rates.throttle_rate and self._random.random() < rates.throttle_rate:
                state.injected += 1
                return FaultDecision(latency, 429, rates.retry_after)
            if rates.error_rate and self._random.random() < rates.error_rate:
                state.injected += 1
                return FaultDecision(latency, rates.error_status)
            return FaultDecision(latency)


def _method(method: str | None) -> str | None:
    return method.upper() if method else None


def fault_response_parts(
    decision: FaultDecision,
) -> tuple[int, list[FieldError], ErrorType, dict[str, str]]:
    status = decision.status or 500
    headers: dict[str, str] = {}
    if decision.retry_after is not None:
        headers["Retry-After"] = str(decision.retry_after)
    if status == 429:
        wait = decision.retry_after if decision.retry_after is not None else 1
        headers.setdefault("Retry-After", str(wait))
        detail = f"Request was throttled. Expected available in {wait} seconds."
        return (
            status,
            [FieldError(None, ErrorCode.THROTTLED, detail)],
            ErrorType.CLIENT_ERROR,
            headers,
        )
    if status == 503:
        detail = "Service temporarily unavailable, try again later."
    elif status == 504:
        detail = "The gateway timed out waiting for the service."
    elif status >= 500:
        detail = "A server error occurred."
    else:
        detail = "Injected client error."
    kind = ErrorType.SERVER_ERROR if status >= 500 else ErrorType.CLIENT_ERROR
    code = "error" if status >= 500 else "invalid"
    return status, [FieldError(None, code, detail)], kind, headers


class FaultMiddleware:
    """ASGI middleware applying the controller's decision to each contract request."""

    def __init__(self, app: ASGIApp, controller: FaultController) -> None:
        self.app = app
        self.controller = controller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(FAULT_PATH_PREFIX):
            await self.app(scope, receive, send)
            return
        decision = self.controller.decide(scope["method"])
        server_receive = receive  # the server's own, which knows the connection
        if decision.latency_s:
            # Read the body first, as a WSGI server does before the view runs: a request held
            # back is still handled when its client has given up meanwhile.
            receive = await _buffered(receive)
            await asyncio.sleep(decision.latency_s)
        if decision.after_commit and decision.faulty:
            await self._after_commit(decision, scope, receive, send, server_receive)
            return
        if decision.drop:
            if await _drop_connection(server_receive):
                return
            decision = FaultDecision(status=500)
        if decision.status is None:
            await self.app(scope, receive, send)
            return
        status, errors, kind, headers = fault_response_parts(decision)
        await error_response(status, errors, kind, headers)(scope, receive, send)

    async def _after_commit(
        self,
        decision: FaultDecision,
        scope: Scope,
        receive: Receive,
        send: Send,
        server_receive: Receive,
    ) -> None:
        """Handle the request in full, swallow its answer, then fail the answer."""

        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        if decision.drop and await _drop_connection(server_receive):
            return
        status, errors, kind, headers = fault_response_parts(
            FaultDecision(status=decision.status or 500, retry_after=decision.retry_after)
        )
        await error_response(status, errors, kind, headers)(scope, receive, send)


async def _buffered(receive: Receive) -> Receive:
    """The request body read in full now, handed out again as one message."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        return await receive()

    return replay


async def _drop_connection(receive: Receive) -> bool:
    """Closes the client's socket without a response; False when the server hides it."""
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if not isinstance(transport, asyncio.BaseTransport):
        return False
    abort = getattr(transport, "abort", None) or transport.close
    abort()
    # Wait until the server has noticed the disconnect, so it does not answer 500 itself.
    message: Message = await receive()
    while message["type"] != "http.disconnect":
        message = await receive()
    return True
