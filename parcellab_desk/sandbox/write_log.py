"""How many writes each order received: what a load test needs to prove "exactly once".

Not part of the contract. Every PUT or POST the sandbox accepted is counted against the
order it wrote (by ``external_id``), whether or not it changed anything: a job that sends one
order twice shows a count of 2 even when the second write was a no-op. Faults injected
before the app (429, 503, dropped sockets) never reach the writer, so they are not counted.
"""

from __future__ import annotations

import threading
from collections import Counter

from starlette.types import ASGIApp, Receive, Scope, Send


class WriteLog:
    """Thread-safe counts of accepted writes per order; the server thread records them."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._writes: Counter[str] = Counter()
        self._in_progress = 0
        self._handled = 0

    def record(self, external_id: str) -> None:
        with self._lock:
            self._writes[external_id] += 1

    def count(self, external_id: str) -> int:
        with self._lock:
            return self._writes[external_id]

    def counts(self) -> dict[str, int]:
        """A copy of every count (orders never written are absent)."""
        with self._lock:
            return dict(self._writes)

    def reset(self) -> None:
        with self._lock:
            self._writes.clear()
            self._handled = 0

    def wait_idle(self, timeout: float) -> bool:
        """Block until no request is being handled (a killed client's last request may still
        be running in the server); False when ``timeout`` seconds passed first."""
        with self._lock:
            return self._lock.wait_for(lambda: self._in_progress == 0, timeout)

    @property
    def handled(self) -> int:
        """Requests the server has taken in (any path, any answer) since the start or reset."""
        with self._lock:
            return self._handled

    def _enter(self) -> None:
        with self._lock:
            self._in_progress += 1
            self._handled += 1

    def _leave(self) -> None:
        with self._lock:
            self._in_progress -= 1
            self._lock.notify_all()


class RequestTracker:
    """ASGI middleware counting the requests being handled, for ``WriteLog.wait_idle``."""

    def __init__(self, app: ASGIApp, log: WriteLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.log._enter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.log._leave()
