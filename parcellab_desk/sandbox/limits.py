"""What keeps one request (or one web page the agent visits) from knocking the sandbox over.

- **Host header** (DNS rebinding): a page on ``evil.example`` that resolves its name to
  127.0.0.1 reaches the sandbox with ``Host: evil.example``; only loopback names, the address
  the sandbox was started on and names given with ``--allowed-host`` are answered, anything
  else is 400 ``invalid`` (as Django's ``ALLOWED_HOSTS`` refuses it).
- **Body size**: 1 MB, the payload limit parcelLab's data model states; a larger body is
  413 ``request_too_large`` before the app reads any of it. A body must also arrive within
  ``BODY_TIMEOUT_S`` (408 otherwise), so a client trickling it cannot hold a worker.
- **Mutations per request**: at most ``MAX_MUTATIONS``; more is 400 ``max_length`` at
  ``mutations`` (DRF's words for a list that is too long).
- **Writes off the event loop, bounded**: at most ``MAX_WRITERS`` writes wait for the
  database at a time; one that cannot start within ``WRITE_QUEUE_TIMEOUT_S`` is answered
  503 with ``Retry-After`` (the client retries PUT), never left hanging.

All answers are in the contract's wrapped error shape.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, Final, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parcellab_desk.api.schema import ErrorCode, ErrorType
from parcellab_desk.api.validation import FieldError
from parcellab_desk.sandbox.errors import ApiError, error_response

MAX_BODY_BYTES: Final = 1_000_000
BODY_TIMEOUT_S: Final = 10.0
MAX_MUTATIONS: Final = 100
MAX_WRITERS: Final = 8
WORKER_THREADS: Final = 16
WRITE_QUEUE_TIMEOUT_S: Final = 10.0

LOOPBACK_NAMES: Final = frozenset({"localhost", "127.0.0.1", "::1"})

_T = TypeVar("_T")


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """``example.com:8765`` → ``example.com``; ``[::1]:8765`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheckMiddleware:
    """Answers only requests whose ``Host`` names this sandbox."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {name.strip("[]").lower() for name in allowed} | LOOPBACK_NAMES

    def accepts(self, host: str) -> bool:
        name = _host_name(host)
        return name in self.allowed or is_loopback(name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = ""
        for key, value in scope["headers"]:
            if key == b"host":
                host = value.decode("latin-1")
                break
        if self.accepts(host):
            await self.app(scope, receive, send)
            return
        shown = host[:80] or "(none)"
        error = FieldError(None, ErrorCode.INVALID, f"Invalid Host header: {shown!r}.")
        await error_response(400, [error])(scope, receive, send)


class BodyLimitMiddleware:
    """Reads the whole body first (at most ``limit`` bytes, within ``timeout`` seconds),
    then hands it to the app; refuses what is too large or too slow."""

    def __init__(
        self, app: ASGIApp, limit: int = MAX_BODY_BYTES, timeout: float = BODY_TIMEOUT_S
    ) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope["headers"]:
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.limit:
                    await self._too_large(scope, receive, send)
                    return
        try:
            body, more_after = await asyncio.wait_for(self._read(receive), self.timeout)
        except TimeoutError:
            error = FieldError(None, "request_timeout", "The request body did not arrive in time.")
            await error_response(408, [error])(scope, receive, send)
            return
        if body is None:
            await self._too_large(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await more_after()

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> tuple[bytes | None, Receive]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks), _disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return None, receive
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), receive

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"The request body is larger than {self.limit // 1_000_000} MB."
        error = FieldError(None, "request_too_large", detail)
        response = error_response(413, [error], ErrorType.CLIENT_ERROR, {"Connection": "close"})
        await response(scope, receive, send)


async def _disconnected() -> Message:
    return {"type": "http.disconnect"}


def check_mutation_count(body: Any) -> None:
    """400 ``max_length`` at ``mutations`` when a request carries more than the cap."""
    if not isinstance(body, dict):
        return
    mutations = body.get("mutations")
    if isinstance(mutations, list) and len(mutations) > MAX_MUTATIONS:
        raise ApiError.validation(
            [
                FieldError(
                    "mutations",
                    ErrorCode.MAX_LENGTH,
                    f"Ensure this field has no more than {MAX_MUTATIONS} elements.",
                )
            ]
        )


class Workers:
    """The threads every store access runs in, so the event loop only moves bytes.

    Reads run as they come; writes pass a gate of ``MAX_WRITERS`` at a time, and one that
    cannot get in within ``WRITE_QUEUE_TIMEOUT_S`` is answered 503 with ``Retry-After``.
    Our own pool (not anyio's): its idle threads end at once when the server stops.
    """

    def __init__(
        self,
        threads: int = WORKER_THREADS,
        writers: int = MAX_WRITERS,
        wait: float = WRITE_QUEUE_TIMEOUT_S,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="sandbox-worker")
        self._writers = writers
        self._slots: asyncio.Semaphore | None = None  # made on the server's loop
        self._wait = wait

    async def read(self, work: Callable[..., _T], *args: Any) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, partial(work, *args))

    async def write(self, work: Callable[..., _T], *args: Any) -> _T:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._writers)
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait)
        except TimeoutError:
            busy = FieldError(None, "error", "The sandbox is busy with other writes; try again.")
            raise ApiError(
                503, [busy], error_type=ErrorType.SERVER_ERROR, headers={"Retry-After": "1"}
            ) from None
        try:
            return await self.read(work, *args)
        finally:
            self._slots.release()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
