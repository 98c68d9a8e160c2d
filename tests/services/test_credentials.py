"""The credential store against keyring backends registered with keyring.set_keyring."""

from __future__ import annotations

import asyncio
import threading

import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from parcellab_desk.services.credentials import (
    SERVICE_NAME,
    CredentialError,
    CredentialProblem,
    CredentialStore,
    StorageMode,
    keyring_user_name,
)
from parcellab_desk.services.secret import Secret
from tests.services.keyring_fakes import (
    BlockingKeyring,
    EchoingKeyring,
    FailingKeyring,
    MemoryKeyring,
    PlaintextFileKeyring,
    disabled_keyring,
    install_keyring,
    no_keyring,
)
from tests.signals import WAIT

TOKEN = Secret("tok-7f3a9c2e51b4")
PROFILE = "3b0d6c0e"


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return install_keyring(monkeypatch, MemoryKeyring())


async def test_a_remembered_token_is_found_again_by_the_next_session(
    memory: MemoryKeyring,
) -> None:
    mode = await CredentialStore().save(PROFILE, TOKEN, remember=True)

    assert mode is StorageMode.KEYRING
    assert memory.entries == {(SERVICE_NAME, f"profile:{PROFILE}"): TOKEN.reveal()}
    assert await CredentialStore().load(PROFILE) == TOKEN


async def test_each_profile_has_its_own_entry(memory: MemoryKeyring) -> None:
    store = CredentialStore()
    await store.save("a", Secret("token-a"))
    await store.save("b", Secret("token-b"))

    fresh = CredentialStore()
    assert await fresh.load("a") == Secret("token-a")
    assert await fresh.load("b") == Secret("token-b")
    assert keyring_user_name("a") == "profile:a"


async def test_signing_out_deletes_the_token_from_keyring_and_memory(
    memory: MemoryKeyring,
) -> None:
    store = CredentialStore()
    await store.save(PROFILE, TOKEN)

    await store.delete(PROFILE)

    assert memory.entries == {}
    assert await store.load(PROFILE) is None
    assert await CredentialStore().load(PROFILE) is None


async def test_deleting_a_token_that_was_never_stored_is_not_an_error(
    memory: MemoryKeyring,
) -> None:
    await CredentialStore().delete("never-signed-in")
    assert memory.calls == ["delete", "get"]


async def test_a_missing_token_loads_as_none(memory: MemoryKeyring) -> None:
    assert await CredentialStore().load(PROFILE) is None


async def test_later_reads_in_a_session_do_not_ask_the_keyring_again(
    memory: MemoryKeyring,
) -> None:
    await CredentialStore().save(PROFILE, TOKEN)
    store = CredentialStore()
    await store.load(PROFILE)
    await store.load(PROFILE)
    assert memory.calls.count("get") == 1


async def test_a_memory_only_token_never_reaches_the_keyring(memory: MemoryKeyring) -> None:
    store = CredentialStore()
    mode = await store.save(PROFILE, TOKEN, remember=False)

    assert mode is StorageMode.MEMORY
    assert memory.entries == {}
    assert await store.load(PROFILE) == TOKEN
    assert await CredentialStore().load(PROFILE) is None


async def test_choosing_memory_only_removes_a_token_remembered_earlier(
    memory: MemoryKeyring,
) -> None:
    await CredentialStore().save(PROFILE, Secret("old-token"))
    await CredentialStore().save(PROFILE, TOKEN, remember=False)
    assert memory.entries == {}


async def test_keyring_calls_run_off_the_event_loop_thread(memory: MemoryKeyring) -> None:
    store = CredentialStore()
    await store.save(PROFILE, TOKEN)
    await CredentialStore().load(PROFILE)
    await store.delete(PROFILE)
    assert memory.threads
    assert threading.get_ident() not in memory.threads


async def test_the_loop_keeps_running_while_the_keyring_waits_for_an_unlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = install_keyring(monkeypatch, BlockingKeyring())
    backend.entries[(SERVICE_NAME, keyring_user_name(PROFILE))] = TOKEN.reveal()
    load = asyncio.ensure_future(CredentialStore().load(PROFILE))

    # While load() waits inside the keyring, the loop still runs other coroutines: this
    # await only completes because the loop is free.
    assert await asyncio.to_thread(backend.entered.wait, 5)
    assert not load.done()
    backend.release.set()

    assert await asyncio.wait_for(load, WAIT) == TOKEN


async def test_an_empty_token_is_refused(memory: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="empty"):
        await CredentialStore().save(PROFILE, Secret(""))


async def test_status_names_a_working_backend(memory: MemoryKeyring) -> None:
    status = await CredentialStore().status(probe=True)
    assert status.usable
    assert status.problem is None
    assert "MemoryKeyring" in status.backend


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        pytest.param(
            keyring.errors.KeyringLocked("Failed to unlock the collection!"),
            CredentialProblem.LOCKED,
            id="locked",
        ),
        pytest.param(
            keyring.errors.InitError("Failed to create the collection: Prompt dismissed."),
            CredentialProblem.LOCKED,
            id="prompt-dismissed",
        ),
        pytest.param(
            keyring.errors.PasswordSetError("Access denied (org.freedesktop.DBus.Error)"),
            CredentialProblem.ACCESS_DENIED,
            id="access-denied",
        ),
        pytest.param(
            keyring.errors.NoKeyringError("No recommended backend was available."),
            CredentialProblem.NO_BACKEND,
            id="no-backend",
        ),
        pytest.param(OSError("D-Bus connection reset"), CredentialProblem.FAILED, id="os-error"),
    ],
)
async def test_every_backend_failure_becomes_one_typed_error(
    monkeypatch: pytest.MonkeyPatch, error: Exception, problem: CredentialProblem
) -> None:
    install_keyring(monkeypatch, FailingKeyring(error))
    store = CredentialStore()

    for attempt in (
        store.save(PROFILE, TOKEN),
        store.load(PROFILE),
        store.delete(PROFILE),
    ):
        with pytest.raises(CredentialError) as caught:
            await attempt
        assert caught.value.problem is problem
        assert "memory for this session only" in caught.value.message
        assert caught.value.__cause__ is None

    status = await store.status(probe=True)
    assert not status.usable
    assert status.problem is problem


async def test_the_error_says_what_failed_in_words_an_agent_can_act_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install_keyring(monkeypatch, FailingKeyring(keyring.errors.KeyringLocked("locked")))
    with pytest.raises(CredentialError) as caught:
        await CredentialStore().save(PROFILE, TOKEN)
    message = str(caught.value)
    assert message.startswith("Could not save the token: The system keyring is locked")
    assert "Unlock it and try again" in message


async def test_a_failed_keyring_falls_back_to_memory_only_when_the_agent_chooses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = install_keyring(monkeypatch, FailingKeyring(keyring.errors.KeyringLocked("x")))
    store = CredentialStore()
    with pytest.raises(CredentialError):
        await store.save(PROFILE, TOKEN)

    store.use_memory_only()
    calls_before = len(backend.calls)
    assert await store.save(PROFILE, TOKEN) is StorageMode.MEMORY
    assert await store.load(PROFILE) == TOKEN
    await store.delete(PROFILE)
    assert await store.load(PROFILE) is None

    # Memory only means no more keyring calls (and no more unlock prompts) this session.
    assert len(backend.calls) == calls_before
    assert store.memory_only
    assert not (await store.status()).usable


@pytest.mark.parametrize(
    ("backend", "problem"),
    [
        pytest.param(no_keyring(), CredentialProblem.NO_BACKEND, id="fail"),
        pytest.param(disabled_keyring(), CredentialProblem.UNUSABLE_BACKEND, id="null"),
        pytest.param(PlaintextFileKeyring(), CredentialProblem.UNUSABLE_BACKEND, id="alt-file"),
    ],
)
async def test_backends_that_cannot_keep_a_token_safely_are_refused(
    monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend, problem: CredentialProblem
) -> None:
    install_keyring(monkeypatch, backend)
    store = CredentialStore()

    status = await store.status()
    assert not status.usable
    assert status.problem is problem
    assert status.message

    with pytest.raises(CredentialError) as caught:
        await store.save(PROFILE, TOKEN)
    assert caught.value.problem is problem
    if isinstance(backend, PlaintextFileKeyring):
        assert backend.calls == []  # refused before anything was written
        assert "keyrings.alt" in caught.value.message


async def test_no_keyring_still_allows_a_session_token(monkeypatch: pytest.MonkeyPatch) -> None:
    install_keyring(monkeypatch, no_keyring())
    store = CredentialStore()
    assert await store.save(PROFILE, TOKEN, remember=False) is StorageMode.MEMORY
    assert await store.load(PROFILE) == TOKEN


async def test_a_token_echoed_by_the_backend_is_masked_in_the_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    install_keyring(monkeypatch, EchoingKeyring())
    caplog.set_level("DEBUG")
    with pytest.raises(CredentialError) as caught:
        await CredentialStore().save(PROFILE, TOKEN)

    error = caught.value
    for text in (str(error), repr(error), error.detail, caplog.text):
        assert TOKEN.reveal() not in text
    assert "********" in error.detail


async def test_a_delete_that_leaves_the_entry_behind_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class StickyKeyring(MemoryKeyring):
        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.PasswordDeleteError("Access denied")

    backend = install_keyring(monkeypatch, StickyKeyring())
    backend.entries[(SERVICE_NAME, keyring_user_name(PROFILE))] = TOKEN.reveal()

    with pytest.raises(CredentialError) as caught:
        await CredentialStore().delete(PROFILE)
    assert caught.value.problem is CredentialProblem.ACCESS_DENIED
    assert caught.value.action == "delete"
