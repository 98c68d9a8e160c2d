"""A token must appear in no file the app writes and no log line, in any form.

This covers the profile and credential services; the whole-app version (sign in, work,
quit, scan settings, logs and drafts) uses the same scanner from tests/secret_scan.py.
"""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

import keyring.errors
import pytest

from parcellab_desk.services.credentials import CredentialError, CredentialStore
from parcellab_desk.services.paths import AppPaths
from parcellab_desk.services.profiles import AuthScheme, Profile, ProfileStore
from parcellab_desk.services.secret import Secret
from tests.secret_scan import files_under, find_secret
from tests.services.keyring_fakes import (
    EchoingKeyring,
    FailingKeyring,
    MemoryKeyring,
    install_keyring,
)

TOKEN = "leak-canary-4e9b27d1c0f8"
ACCOUNT = 1042


async def test_the_token_appears_in_no_file_and_no_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    home = Path(os.environ["HOME"])  # the per-test temporary home (see conftest)
    paths = AppPaths.default().ensure()
    profiles = ProfileStore(paths.config)
    profile = Profile(
        name="EU prod",
        base_url="https://api.eu.parcellab.com",
        auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        account_id=ACCOUNT,
        default_accounts=(ACCOUNT,),
    )
    seen: dict[str, str] = {}

    # Sign in and work: save the profile, remember the token, read it back.
    install_keyring(monkeypatch, MemoryKeyring())
    profiles.save(profile)
    profiles.set_last_used(profile.id)
    store = CredentialStore()
    await store.save(profile.id, Secret(TOKEN))
    token = await CredentialStore().load(profile.id)
    seen["repr(token)"] = f"{token!r} {token}"
    seen["repr(profile)"] = repr(profile)
    seen["status"] = repr(await store.status(probe=True))

    # Failures on the way: a locked keyring, and one that repeats the token in its error.
    for backend in (FailingKeyring(keyring.errors.KeyringLocked("locked")), EchoingKeyring()):
        install_keyring(monkeypatch, backend)
        with pytest.raises(CredentialError) as caught:
            await CredentialStore().save(profile.id, Secret(TOKEN))
        seen[f"error from {type(backend).__name__}"] = f"{caught.value} {caught.value!r}"

    # Memory only, then sign out.
    store.use_memory_only()
    await store.save(profile.id, Secret(TOKEN))
    await store.delete(profile.id)

    scanned = files_under([home])
    assert paths.config / "profiles.json" in scanned
    assert caplog.text  # the services did log what happened
    leaks = find_secret(TOKEN, roots=[home], texts={"log": caplog.text, **seen}, account_id=ACCOUNT)
    assert leaks == []


def test_the_scanner_finds_a_planted_token_in_its_encoded_forms(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "settings.ini").write_text("token=" + TOKEN, encoding="utf-8")
    header = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
    (tmp_path / "app.log").write_text(f"Authorization: Parcellab-API-Token {header}")
    (tmp_path / "win.dat").write_bytes(TOKEN.encode("utf-16-le"))

    leaks = find_secret(
        TOKEN, roots=[tmp_path], texts={"captured": f"x {TOKEN} y"}, account_id=ACCOUNT
    )

    assert sorted(leaks) == sorted(
        [
            f"{tmp_path / 'a' / 'b' / 'settings.ini'}: plain",
            f"{tmp_path / 'app.log'}: base64(account:token)",
            f"{tmp_path / 'win.dat'}: utf-16",
            "captured: plain",
        ]
    )
