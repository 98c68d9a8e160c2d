"""Slow or idle clients cannot pile up connections: a header deadline and a connection cap.

uvicorn closes a keep-alive connection that stays idle after a response
(``timeout_keep_alive``), but it waits forever for the headers of a request, so a client
that sends them a byte at a time (or never) holds its socket as long as it likes. The
protocol below closes a connection whose request headers are not complete within
``header_timeout`` seconds of connecting (or of the previous response), and refuses
connections beyond ``max_connections`` at once (closed without an answer: there is no
request yet to answer).
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S: Final = 10.0
MAX_CONNECTIONS: Final = 256
KEEP_ALIVE_S: Final = 5


def guarded_protocol(
    header_timeout: float = HEADER_TIMEOUT_S, max_connections: int = MAX_CONNECTIONS
) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a header deadline and a connection cap."""

    class GuardedH11Protocol(H11Protocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._header_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if len(self.connections) >= max_connections:
                transport.abort()
                return
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._header_deadline = self.loop.call_later(header_timeout, self._headers_late)

        def _disarm(self) -> None:
            if self._header_deadline is not None:
                self._header_deadline.cancel()
                self._header_deadline = None

        def _waiting_for_headers(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _headers_late(self) -> None:
            self._header_deadline = None
            if self._waiting_for_headers() and not self.transport.is_closing():
                self.transport.close()

        def handle_events(self) -> None:
            super().handle_events()
            if not self._waiting_for_headers():
                self._disarm()  # a request is in: the app's own limits apply now

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()  # the next request's headers get the same deadline

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            if self.transport is not None:  # None: refused in connection_made
                super().connection_lost(exc)

    return GuardedH11Protocol
