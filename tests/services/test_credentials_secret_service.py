"""The credential store against a real Secret Service (gnome-keyring in its own D-Bus session).

The test starts the session itself, so it runs in the normal test command and never touches
the developer's own keyring: a private D-Bus session bus, a fresh gnome-keyring unlocked
with a throwaway password, and HOME pointing at the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Runs inside the private session: stores, reads back (through a second store, as the next
# start of the console would), deletes, and reports what it saw as one JSON line.
_CHILD = r"""
import asyncio, json, sys
import keyring
from parcellab_desk.services.credentials import SERVICE_NAME, CredentialStore, keyring_user_name
from parcellab_desk.services.secret import Secret

async def main() -> None:
    token = Secret(sys.stdin.read().strip())
    store = CredentialStore()
    status = await store.status(probe=True)
    mode = await store.save("integration", token, remember=True)
    in_keyring = keyring.get_password(SERVICE_NAME, keyring_user_name("integration"))
    read_back = await CredentialStore().load("integration")
    await store.delete("integration")
    after_delete = await CredentialStore().load("integration")
    print(json.dumps({
        "backend": status.backend,
        "usable": status.usable,
        "mode": str(mode),
        "stored_matches": in_keyring == token.reveal(),
        "read_back_matches": read_back == token,
        "after_delete": None if after_delete is None else "still there",
    }))

asyncio.run(main())
"""

_UNLOCK_THEN_RUN = (
    'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"'
)


@pytest.mark.secret_service
def test_a_token_round_trips_through_a_real_secret_service(tmp_path: Path) -> None:
    tools = {tool: shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon")}
    missing = [tool for tool, path in tools.items() if path is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install the Debian packages with "
            "'apt-get install -y --no-install-recommends gnome-keyring dbus' "
            "(./dev test does this on a fresh machine)."
        )
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "PYTHON_KEYRING", "XDG_", "GNOME_KEYRING"))
    }
    # HOME must exist, or D-Bus activation of the keyring waits two minutes and fails.
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    (tmp_path / "run").mkdir(mode=0o700)
    token = "it-token-5c1e0b7a9d"

    completed = subprocess.run(  # noqa: S603 - fixed argv, no shell input from outside
        [
            str(tools["dbus-run-session"]),
            "--",
            "/bin/sh",
            "-c",
            _UNLOCK_THEN_RUN,
            "sh",
            sys.executable,
            "-c",
            _CHILD,
        ],
        input=token,
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=90,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert "SecretService" in report["backend"]
    assert report == {
        "backend": report["backend"],
        "usable": True,
        "mode": "keyring",
        "stored_matches": True,
        "read_back_matches": True,
        "after_delete": None,
    }
    assert token not in completed.stdout + completed.stderr
