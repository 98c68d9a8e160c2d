"""The console's demo sandbox in a child process: it serves over loopback, reports a damaged
database the way the console tells the agent about it, respects a policy that turns the demo
off, and never outlives the console."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from parcellab_desk.__main__ import main
from parcellab_desk.sandbox import process
from parcellab_desk.sandbox.process import DemoHiddenError, SandboxProcess
from parcellab_desk.services.demo_database import database_is_damaged
from parcellab_desk.services.policy_location import POLICY_ENV

DEADLINE_S = 30.0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child that ended but was not reaped yet is a zombie: gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def test_it_serves_the_demo_orders_and_stops(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    sandbox = SandboxProcess(db, demo_orders=30).start()
    try:
        response = httpx.get(
            f"{sandbox.base_url}/v4/track/orders/",
            headers={"Authorization": f"Bearer {sandbox.demo_token}"},
            params={"page_size": 5},
            timeout=DEADLINE_S,
        )
        assert response.status_code == 200
        assert len(response.json()["results"]) == 5
        assert sandbox.db_path == db
        assert sandbox.accounts
        pid = sandbox.pid
        assert pid is not None
    finally:
        sandbox.stop()
    assert not sandbox.running
    assert not pid_alive(pid)
    sandbox.stop()  # twice is fine


def test_a_damaged_database_comes_back_as_sqlites_error(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    db.write_bytes(b"this is not a database, it only has its name" * 100)

    with pytest.raises(sqlite3.DatabaseError) as caught:
        SandboxProcess(db, demo_orders=30).start()

    assert database_is_damaged(caught.value)  # the console offers fresh demo data
    assert db.read_bytes().startswith(b"this is not a database")  # left as it was


def test_a_policy_that_turns_the_demo_off_starts_no_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"hide_demo": True}), encoding="utf-8")
    monkeypatch.setenv(POLICY_ENV, str(policy))

    with pytest.raises(DemoHiddenError):
        SandboxProcess(tmp_path / "demo.sqlite3", unless_policy_hides_demo=True).start()

    assert not (tmp_path / "demo.sqlite3").exists()  # nothing was created


@pytest.mark.skipif(sys.platform == "win32", reason="reads /proc to see the process end")
def test_the_sandbox_ends_when_the_console_is_killed(tmp_path: Path) -> None:
    # The "console": starts the sandbox, says its pid, then dies without stopping it.
    code = (
        "import os, sys\n"
        "from parcellab_desk.sandbox.process import SandboxProcess\n"
        f"s = SandboxProcess({str(tmp_path / 'demo.sqlite3')!r}, demo_orders=30).start()\n"
        "print(s.pid, flush=True)\n"
        "os._exit(9)\n"
    )
    console = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert console.returncode == 9, console.stderr
    child = int(console.stdout.split()[0])

    deadline = time.monotonic() + DEADLINE_S
    while pid_alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling another process's end: there is nothing to wait on
    assert not pid_alive(child)


def test_the_child_is_started_by_the_programs_own_entry_point() -> None:
    command = process.child_command({"db": None})

    assert command[:3] == [sys.executable, "-m", "parcellab_desk"]
    assert command[3] == process.CHILD_FLAG
    assert json.loads(command[4]) == {"db": None}


def test_the_entry_point_hands_the_flag_to_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def serve(spec: str) -> int:
        seen.append(spec)
        return 0

    monkeypatch.setattr(process, "serve_for_parent", serve)

    assert main([process.CHILD_FLAG, '{"db": null}']) == 0
    assert seen == ['{"db": null}']
