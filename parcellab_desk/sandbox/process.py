"""The console's demo sandbox, served from a child process of the console.

In the console's own process the server would share the GIL with the GUI thread: its imports
(starlette, uvicorn, SQLite) would lengthen the start, and every page it serves would take
the GUI thread's turn while the agent scrolls. As a child it starts on the other CPU while Qt
starts, and serves beside the window, never in its way.

``SandboxProcess`` has what the console asks of ``EmbeddedSandbox`` (``start``, ``stop``,
``base_url``, ``demo_token``, ``accounts``, ``db_path``) and needs only the standard library,
so the console imports nothing of the server. The child (``serve_for_parent``) starts an
``EmbeddedSandbox``, writes one JSON line on its standard output (where it listens, or why it
could not start: a damaged database comes back as ``sqlite3.DatabaseError`` with SQLite's
result code, so the console tells the agent as before), and serves until its standard input
closes. The parent holds that pipe: when the console ends in any way, crashes and kills
included, the pipe closes and the child stops. Tests that need the server's insides (faults,
the write log) keep using ``EmbeddedSandbox`` in their own process.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any, Final, Self

__all__ = ["CHILD_FLAG", "DemoHiddenError", "SandboxProcess", "serve_for_parent"]

CHILD_FLAG: Final = "--serve-demo-sandbox"  # argv[1] of the child: not an option agents use
_START_TIMEOUT_S: Final = 120.0  # a first start seeds the demo data (a few seconds)
_STOP_TIMEOUT_S: Final = 10.0


class DemoHiddenError(RuntimeError):
    """The machine's policy turns the demo off: no sandbox was started."""


def child_command(spec: dict[str, Any]) -> list[str]:
    """How to run the child: the frozen program itself, or this interpreter on the package."""
    frozen = getattr(sys, "frozen", False)
    prefix = [sys.executable] if frozen else [sys.executable, "-m", "parcellab_desk"]
    return [*prefix, CHILD_FLAG, json.dumps(spec)]


class SandboxProcess:
    """The demo sandbox in a child process; ``start()`` returns once it accepts connections."""

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        port: int = 0,
        demo_orders: int | None = None,
        seed: int | None = None,
        unless_policy_hides_demo: bool = False,
    ) -> None:
        """``unless_policy_hides_demo``: the child looks at the machine's policy first and
        does not start when it turns the demo off (``start()`` then raises ``DemoHiddenError``);
        the start path uses it so that its own thread need not load the policy's models."""
        self._spec: dict[str, Any] = {
            "db": str(db_path) if db_path is not None else None,
            "port": port,
            "demo_orders": demo_orders,
            "seed": seed,
            "policy": unless_policy_hides_demo,
        }
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: dict[str, Any] = {}

    def start(self) -> Self:
        """Starts the child and waits for its ready line. Raises ``sqlite3.DatabaseError``
        (with ``sqlite_errorcode``) when the database cannot be used, ``RuntimeError`` when
        the sandbox did not start for another reason."""
        if self._process is not None:
            raise RuntimeError("the sandbox is already running")
        process = subprocess.Popen(  # noqa: S603 - our own program
            child_command(self._spec),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # Windows: no console window of its own for the child.
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self._process = process
        assert process.stdout is not None
        line = process.stdout.readline()  # blocks without the GIL: the GUI thread runs on
        try:
            ready = json.loads(line) if line else {"error": "exited", "message": ""}
        except ValueError:
            ready = {"error": "garbled", "message": line[:200].decode(errors="replace")}
        if "error" in ready:
            self.stop()
            if ready["error"] == "hidden":
                raise DemoHiddenError(ready.get("message", ""))
            if ready["error"] == "database":
                import sqlite3

                error = sqlite3.DatabaseError(ready.get("message", ""))
                error.sqlite_errorcode = int(ready.get("code", 1))
                error.sqlite_errorname = str(ready.get("name", ""))
                raise error
            reason = ready.get("message") or ready["error"]
            raise RuntimeError(f"the sandbox did not start: {reason}")
        self._ready = ready
        return self

    def stop(self) -> None:
        """Ends the child (it stops when its standard input closes); safe to call twice."""
        process, self._process = self._process, None
        self._ready = {}
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=_STOP_TIMEOUT_S)
        if process.stdout is not None:
            process.stdout.close()

    def _value(self, key: str) -> Any:
        if self._process is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        return self._ready[key]

    @property
    def running(self) -> bool:
        return self._process is not None

    def wait_for_exit(self) -> int | None:
        """Block until the child ends; its exit code (None when it was never started)."""
        process = self._process
        return process.wait() if process is not None else None

    @property
    def base_url(self) -> str:
        return str(self._value("base_url"))

    @property
    def demo_token(self) -> str:
        return str(self._value("demo_token"))

    @property
    def accounts(self) -> tuple[int, ...]:
        return tuple(int(a) for a in self._value("accounts"))

    @property
    def db_path(self) -> Path:
        return Path(self._value("db"))

    @property
    def order_count(self) -> int:
        """The orders in its database when it started."""
        return int(self._value("orders"))

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None


def serve_for_parent(spec_text: str, stdin: IO[bytes] | None = None) -> int:
    """The child: serve the sandbox ``spec_text`` describes until ``stdin`` closes."""
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but the ready line goes to the parent's pipe
    spec = json.loads(spec_text)
    if spec.get("policy"):
        from parcellab_desk.services.policy_location import policy_path

        # Most machines have no policy file: then nothing (not pydantic) is loaded for it.
        if policy_path().exists() and _policy_hides_demo():
            _report(out, {"error": "hidden", "message": "the machine's policy hides the demo"})
            return 0
    from parcellab_desk.sandbox.demo_data import DEFAULT_DEMO_ORDERS, DEFAULT_SEED
    from parcellab_desk.sandbox.embedded import EmbeddedSandbox

    demo_orders = spec.get("demo_orders")
    sandbox = EmbeddedSandbox(
        spec.get("db"),
        port=int(spec.get("port") or 0),
        demo_orders=DEFAULT_DEMO_ORDERS if demo_orders is None else int(demo_orders),
        seed=DEFAULT_SEED if spec.get("seed") is None else int(spec["seed"]),
    )
    import sqlite3

    try:
        sandbox.start()
    except sqlite3.DatabaseError as exc:
        report: dict[str, Any] = {
            "error": "database",
            "message": str(exc),
            "code": getattr(exc, "sqlite_errorcode", None) or 1,
            "name": getattr(exc, "sqlite_errorname", None) or "",
        }
        _report(out, report)
        return 1
    except Exception as exc:  # told to the parent, which says it in one sentence
        _report(out, {"error": type(exc).__name__, "message": str(exc)})
        return 1
    _report(
        out,
        {
            "base_url": sandbox.base_url,
            "demo_token": sandbox.demo_token,
            "accounts": list(sandbox.accounts),
            "db": str(sandbox.db_path),
            "orders": sandbox.store.count(),
        },
    )
    try:
        (stdin or sys.stdin.buffer).read()  # until the parent closes it, or ends
    except (OSError, KeyboardInterrupt):
        pass
    finally:
        sandbox.stop()
    return 0


def _policy_hides_demo() -> bool:
    from parcellab_desk.services.policy import load_policy

    return load_policy().hide_demo


def _report(out: IO[str], message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()
