"""Keyring backends for tests: one that works in memory, and ones that fail like real ones.

They are registered with ``keyring.set_keyring`` (the ``use_keyring`` fixture), exactly as a
user's keyring configuration would be, so the app's code runs unpatched.
"""

from __future__ import annotations

import threading
from typing import TypeVar

import keyring
import keyring.core
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null


class MemoryKeyring(KeyringBackend):
    """A working keyring that keeps entries in a dict and records what touched it."""

    # Below every real backend (and below "fail"), so auto-detection never picks it.
    priority = -10

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []
        self.threads: set[int] = set()

    def _touch(self, name: str) -> None:
        self.calls.append(name)
        self.threads.add(threading.get_ident())

    def get_password(self, service: str, username: str) -> str | None:
        self._touch("get")
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._touch("set")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._touch("delete")
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("No such password!")
        del self.entries[(service, username)]


class FailingKeyring(MemoryKeyring):
    """Raises the given exception on every call, as a locked or refusing keyring does."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        self._touch("get")
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        self._touch("set")
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        self._touch("delete")
        raise self.error


class EchoingKeyring(MemoryKeyring):
    """A badly behaved backend whose error message repeats the password it was given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        self._touch("set")
        raise keyring.errors.PasswordSetError(f"cannot store {password!r} for {username}")


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's file backends, which must never receive a token."""


# What keyrings.alt's classes report as their module; the app refuses backends by module.
PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class BlockingKeyring(MemoryKeyring):
    """A keyring whose reads wait until released, like one showing an unlock prompt."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self._touch("get")
        self.entered.set()
        if not self.release.wait(timeout=10):
            raise keyring.errors.KeyringLocked("nobody answered the unlock prompt")
        return self.entries.get((service, username))


def no_keyring() -> KeyringBackend:
    """keyring's own "fail" backend: what a Linux session without a Secret Service gets."""
    return fail.Keyring()  # type: ignore[no-untyped-call]


def disabled_keyring() -> KeyringBackend:
    """keyring's own "null" backend: keyring switched off by configuration."""
    return null.Keyring()  # type: ignore[no-untyped-call]


_B = TypeVar("_B", bound=KeyringBackend)


def install_keyring(monkeypatch: pytest.MonkeyPatch, backend: _B) -> _B:
    """Make ``backend`` the process's keyring for one test; the previous one comes back after.

    Saving keyring's own module attribute avoids asking keyring for its current backend,
    which would start auto-detection (and talk to D-Bus).
    """
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    keyring.set_keyring(backend)
    return backend
