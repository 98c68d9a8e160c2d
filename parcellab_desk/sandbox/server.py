"""Assembles a runnable sandbox: database, demo data, app and a uvicorn server on a bound socket.

Shared by the command line (serving in the foreground) and ``EmbeddedSandbox`` (serving in a
background thread). The socket is bound before the server starts, so port 0 yields a free
port whose number is known at once. Demo data is generated only into an empty database, so
restarting on the same file keeps what was written.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from parcellab_desk.sandbox.app import SandboxSettings, create_app
from parcellab_desk.sandbox.auth import DEMO_TOKEN, Authenticator, TokenGrant, default_grants
from parcellab_desk.sandbox.demo_data import seed_store
from parcellab_desk.sandbox.faults import FaultController
from parcellab_desk.sandbox.slow_clients import (
    HEADER_TIMEOUT_S,
    KEEP_ALIVE_S,
    MAX_CONNECTIONS,
    guarded_protocol,
)
from parcellab_desk.sandbox.store import Store
from parcellab_desk.sandbox.write_log import WriteLog


class _Server(uvicorn.Server):
    """uvicorn's server that tells a waiting thread once it accepts connections."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


class SandboxServer:
    """Everything one running sandbox consists of."""

    def __init__(
        self,
        db_path: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        demo_orders: int,
        seed: int,
        put_echo: bool = False,
        grants: Sequence[TokenGrant] | None = None,
        log_level: str = "warning",
        allowed_hosts: Sequence[str] = (),
        header_timeout: float = HEADER_TIMEOUT_S,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        """``allowed_hosts``: names clients may use besides loopback ones and ``host``;
        ``header_timeout``/``max_connections``: see ``slow_clients``."""
        self.grants = tuple(grants) if grants is not None else default_grants()
        self.store = Store(db_path)
        try:
            if self.store.count() == 0:
                seed_store(self.store, demo_orders, seed=seed)
            self.faults = FaultController(seed)
            self.settings = SandboxSettings(put_echo=put_echo)
            self.write_log = WriteLog()
            self.app = create_app(
                self.store,
                auth=Authenticator(self.grants),
                faults=self.faults,
                settings=self.settings,
                allowed_hosts=(host, *allowed_hosts),
                write_log=self.write_log,
            )
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            # IPPROTO_TCP said out loud: asyncio sets TCP_NODELAY on accepted sockets only
            # when the listening socket's proto is TCP (0 does not count). Without it, Nagle
            # holds the body of every answer on a kept-alive connection for the client's
            # delayed ACK: 40 ms per request instead of 2.
            self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind((host, port))
            # Listening from here on: a client that read the URL (the CLI prints it before
            # serving) waits in the backlog until the server accepts, instead of being refused.
            self.socket.listen()
        except BaseException:
            self.store.close()
            raise
        self.host = host
        self.port: int = self.socket.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            http=guarded_protocol(header_timeout, max_connections),
            ws="none",
            timeout_keep_alive=KEEP_ALIVE_S,
            timeout_graceful_shutdown=2,
        )
        self.server = _Server(config)

    @property
    def base_url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}"

    @property
    def demo_token(self) -> str:
        return (
            DEMO_TOKEN if any(g.token == DEMO_TOKEN for g in self.grants) else self.grants[0].token
        )

    @property
    def accounts(self) -> tuple[int, ...]:
        for grant in self.grants:
            if grant.token == self.demo_token:
                return tuple(sorted(grant.accounts))
        return ()

    def serve_forever(self) -> None:
        """Serves in this thread until the server is told to exit (or gets SIGINT/SIGTERM)."""
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self.server.serve(sockets=[self.socket]))
        finally:
            loop.close()
            self.socket.close()

    def close(self) -> None:
        self.socket.close()
        self.app.state.sandbox.workers.close()
        self.store.close()
