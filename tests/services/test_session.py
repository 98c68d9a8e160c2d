"""Signing in, switching, a 401 and signing out, over the profile and credential stores."""

from __future__ import annotations

import base64
import logging
import secrets
from pathlib import Path
from urllib.parse import quote, quote_plus

import keyring.errors
import pytest

from parcellab_desk.api.auth import ParcelLabTokenAuth
from parcellab_desk.services.credentials import (
    SERVICE_NAME,
    CredentialError,
    CredentialStore,
    StorageMode,
    keyring_user_name,
)
from parcellab_desk.services.logging_setup import SECRETS, MaskingFilter
from parcellab_desk.services.profiles import AuthScheme, Profile, ProfileStore
from parcellab_desk.services.secret import Secret
from parcellab_desk.services.session import SessionService
from tests.services.keyring_fakes import FailingKeyring, MemoryKeyring, install_keyring

EU = Profile(name="EU prod", base_url="https://api.eu.parcellab.com")
US = Profile(name="US staging", base_url="https://api.us.parcellab.com")
TOKEN = Secret("tok-eu-0c3d5e7f")


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return install_keyring(monkeypatch, MemoryKeyring())


def _session(tmp_path: Path) -> SessionService:
    return SessionService(ProfileStore(tmp_path), CredentialStore())


async def test_first_start_needs_the_welcome_dialog(tmp_path: Path, memory: MemoryKeyring) -> None:
    session = _session(tmp_path)
    assert session.needs_welcome()
    await session.sign_in(EU, TOKEN, remember=True)
    assert not _session(tmp_path).needs_welcome()


async def test_signing_in_remembers_profile_and_token_for_the_next_start(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    mode = await _session(tmp_path).sign_in(EU, TOKEN, remember=True)
    assert mode is StorageMode.KEYRING

    next_start = _session(tmp_path)
    last = next_start.profiles.last_used()
    assert last == EU
    assert await next_start.token_for(EU) == TOKEN


async def test_a_memory_only_sign_in_asks_again_at_the_next_start(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    session = _session(tmp_path)
    assert await session.sign_in(EU, TOKEN, remember=False) is StorageMode.MEMORY
    assert await session.token_for(EU) == TOKEN

    next_start = _session(tmp_path)
    stored = next_start.profiles.get(EU.id)
    assert stored is not None
    assert not stored.remember_token
    assert await next_start.token_for(stored) is None
    assert memory.calls.count("get") <= 1  # no keyring lookups for a memory-only profile


async def test_a_failed_keyring_changes_nothing_until_memory_only_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_keyring(monkeypatch, FailingKeyring(keyring.errors.KeyringLocked("locked")))
    session = _session(tmp_path)
    with pytest.raises(CredentialError):
        await session.sign_in(EU, TOKEN, remember=True)
    assert session.current is None
    assert session.needs_welcome()

    session.credentials.use_memory_only()
    assert await session.sign_in(EU, TOKEN, remember=True) is StorageMode.MEMORY
    stored = session.profiles.get(EU.id)
    assert stored is not None
    assert not stored.remember_token


async def test_switching_makes_the_profile_current_and_returns_its_token(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    session = _session(tmp_path)
    await session.sign_in(EU, TOKEN, remember=True)
    await session.sign_in(US, Secret("tok-us-9f8e7d6c"), remember=True)

    profile, token = await session.switch_to(EU.id)

    assert (profile, token) == (EU, TOKEN)
    assert session.current == EU
    assert _session(tmp_path).profiles.last_used() == EU
    with pytest.raises(KeyError):
        await session.switch_to("unknown")


async def test_after_a_401_the_session_asks_again_but_the_keyring_keeps_the_entry(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    session = _session(tmp_path)
    await session.sign_in(EU, TOKEN, remember=True)

    session.token_rejected(EU)
    new = Secret("tok-eu-new-1a2b3c4d")
    await session.sign_in(EU, new, remember=True)

    assert memory.entries[(SERVICE_NAME, keyring_user_name(EU.id))] == new.reveal()
    assert await _session(tmp_path).token_for(EU) == new


async def test_signing_out_deletes_the_token_and_keeps_the_profile(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    session = _session(tmp_path)
    await session.sign_in(EU, TOKEN, remember=True)

    await session.sign_out()

    assert memory.entries == {}
    assert await session.token_for(EU) is None
    assert _session(tmp_path).profiles.get(EU.id) == EU


async def test_deleting_a_profile_deletes_its_token(tmp_path: Path, memory: MemoryKeyring) -> None:
    session = _session(tmp_path)
    await session.sign_in(EU, TOKEN, remember=True)
    await session.delete_profile(EU.id)
    assert memory.entries == {}
    assert session.current is None
    assert _session(tmp_path).needs_welcome()


async def test_signing_in_registers_every_form_of_the_token_for_masking(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    raw = f"pl+{secrets.token_urlsafe(24)}/="  # "+", "/" and "=" change when URL-quoted
    profile = Profile(
        name="EU token",
        base_url="https://api.eu.parcellab.com",
        auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        account_id=1042,
    )
    header = base64.b64encode(f"1042:{raw}".encode()).decode()
    forms = [raw, quote(raw, safe=""), quote_plus(raw), header, header.rstrip("=")]
    assert not any(form in SECRETS for form in forms)  # nobody knew it before

    await _session(tmp_path).sign_in(profile, Secret(raw), remember=True)

    # What the client really sends is one of the registered forms.
    assert ParcelLabTokenAuth.from_parts(1042, raw).header_value.endswith(header)
    record = logging.LogRecord(
        "t", logging.WARNING, __file__, 1, "sent %s then %s", (header, quote(raw, safe="")), None
    )
    MaskingFilter().filter(record)
    assert record.getMessage() == "sent *** then ***"
    for form in forms:
        assert SECRETS.mask(f"x {form} y") == "x *** y"
