"""``EmbeddedSandbox``: the sandbox served from a background thread of this process.

The console's demo mode, the test suite and the benchmarks start it in-process::

    with EmbeddedSandbox(demo_orders=300) as sandbox:
        httpx.get(sandbox.base_url + "/v4/track/orders/",
                  headers={"Authorization": f"Bearer {sandbox.demo_token}"})

The server runs its own asyncio loop in its own thread, so it works beside any loop of the
caller (qasync included). Faults (``sandbox.faults``) and the PUT echo switch
(``sandbox.put_echo``) may change while it runs.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

from parcellab_desk.sandbox.app import SandboxSettings
from parcellab_desk.sandbox.auth import (
    ORDER_INFO_TOKEN,
    OTHER_ACCOUNT,
    OTHER_ACCOUNT_TOKEN,
    READ_ONLY_TOKEN,
    SINGLE_ACCOUNT_TOKEN,
    TokenGrant,
)
from parcellab_desk.sandbox.demo_data import DEFAULT_DEMO_ORDERS, DEFAULT_SEED
from parcellab_desk.sandbox.faults import FaultController
from parcellab_desk.sandbox.order_info import OrderInfoBudget
from parcellab_desk.sandbox.server import SandboxServer
from parcellab_desk.sandbox.slow_clients import HEADER_TIMEOUT_S, MAX_CONNECTIONS
from parcellab_desk.sandbox.store import Store
from parcellab_desk.sandbox.write_log import WriteLog

_START_TIMEOUT_S = 60.0


class EmbeddedSandbox:
    """A sandbox server on loopback, started with ``start()`` and ended with ``stop()``.

    ``db_path`` None puts the database in a temporary folder removed on ``stop()``; ``port``
    0 picks a free port. Besides the demo token (write on every demo account) the default
    tokens include ``read_only_token`` (read on the demo accounts), ``single_account_token``
    (read and write on the first demo account only), ``other_account_token`` (holds only
    ``other_account``, which the demo token does not) and ``order_info_token`` (only the
    order-info lookup on the demo accounts, with names and e-mails redacted).
    """

    read_only_token = READ_ONLY_TOKEN
    single_account_token = SINGLE_ACCOUNT_TOKEN
    other_account_token = OTHER_ACCOUNT_TOKEN
    other_account = OTHER_ACCOUNT
    order_info_token = ORDER_INFO_TOKEN

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        demo_orders: int = DEFAULT_DEMO_ORDERS,
        seed: int = DEFAULT_SEED,
        put_echo: bool = False,
        grants: list[TokenGrant] | None = None,
        header_timeout: float = HEADER_TIMEOUT_S,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self._header_timeout = header_timeout
        self._max_connections = max_connections
        self._db_path = Path(db_path) if db_path is not None else None
        self._host = host
        self._port = port
        self._demo_orders = demo_orders
        self._seed = seed
        self._put_echo = put_echo
        self._grants = grants
        self._tempdir: str | None = None
        self._server: SandboxServer | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Creates and seeds the database, starts serving; returns once connections are accepted."""
        if self._server is not None:
            raise RuntimeError("the sandbox is already running")
        db_path = self._db_path
        if db_path is None:
            self._tempdir = tempfile.mkdtemp(prefix="parcellab-sandbox-")
            db_path = Path(self._tempdir) / "sandbox.sqlite3"
        server = SandboxServer(
            db_path,
            host=self._host,
            port=self._port,
            demo_orders=self._demo_orders,
            seed=self._seed,
            put_echo=self._put_echo,
            grants=self._grants,
            header_timeout=self._header_timeout,
            max_connections=self._max_connections,
        )
        self._server = server
        self._failure = None
        self._thread = threading.Thread(target=self._run, name="parcellab-sandbox", daemon=True)
        self._thread.start()
        if not server.server.ready.wait(_START_TIMEOUT_S) or self._failure is not None:
            failure = self._failure
            self.stop()
            raise RuntimeError("the sandbox did not start") from failure
        return self

    def _run(self) -> None:
        assert self._server is not None
        try:
            self._server.serve_forever()
        except BaseException as exc:  # reported to start(); a thread has nowhere else to say it
            self._failure = exc
            self._server.server.ready.set()

    def stop(self) -> None:
        """Stops serving and closes the database; safe to call twice."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.server.should_exit = True
            if thread is not None:
                thread.join(timeout=30)
            server.close()
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)
            self._tempdir = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what callers use -------------------------------------------------------------------

    def _running(self) -> SandboxServer:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        return self._server

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, without a trailing slash."""
        return self._running().base_url

    @property
    def port(self) -> int:
        return self._running().port

    @property
    def demo_token(self) -> str:
        return self._running().demo_token

    @property
    def accounts(self) -> tuple[int, ...]:
        """The accounts the demo token holds (and the demo data fills)."""
        return self._running().accounts

    @property
    def faults(self) -> FaultController:
        return self._running().faults

    @property
    def write_log(self) -> WriteLog:
        """Accepted writes per order (``external_id``), for exactly-once checks."""
        return self._running().write_log

    @property
    def settings(self) -> SandboxSettings:
        return self._running().settings

    @property
    def put_echo(self) -> bool:
        return self._running().settings.put_echo

    @put_echo.setter
    def put_echo(self, value: bool) -> None:
        self._running().settings.put_echo = value

    @property
    def order_info_budget(self) -> OrderInfoBudget:
        """The order-info rate limit's counts (``reset()`` forgets them)."""
        budget: OrderInfoBudget = self._running().app.state.sandbox.order_info_budget
        return budget

    @property
    def store(self) -> Store:
        return self._running().store

    @property
    def db_path(self) -> Path:
        return self._running().store.path
