"""Tokens in the OS keyring (Secret Service, macOS Keychain, Windows Credential Locker).

- One fixed service name; the user name is ``profile:<id>``, so the console's entries are
  easy to find and never collide with another app's.
- Keyring calls block (D-Bus, an unlock prompt): they run in a worker thread, so the window
  never freezes while the agent types a keyring password.
- Every failure becomes one :class:`CredentialError` with a reason and words an agent can
  act on. The token never appears in a message, a log line or a repr.
- Without a usable keyring the agent can keep tokens in memory for this session only;
  plaintext or "encrypted file" backends (keyrings.alt) are refused, never used silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from parcellab_desk.services.secret import Secret
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

_log = logging.getLogger(__name__)

SERVICE_NAME: Final = "parcellab_desk"

_T = TypeVar("_T")


# The key unsaved edits are encrypted with on disk (one per user, see services.drafts).
DRAFTS_KEY_USER: Final = "drafts:key"


def keyring_user_name(profile_id: str) -> str:
    """The keyring entry's user name for a profile (namespaced for future kinds of entry)."""
    return f"profile:{profile_id}"


class CredentialProblem(StrEnum):
    """Why the keyring could not be used."""

    NO_BACKEND = "no_backend"  # no keyring service at all (e.g. headless Linux)
    UNUSABLE_BACKEND = "unusable_backend"  # a backend we refuse: plaintext file, disabled
    LOCKED = "locked"  # locked, or the unlock prompt was dismissed
    ACCESS_DENIED = "access_denied"  # the keyring refused this app
    FAILED = "failed"  # any other error reported by the backend


_MEMORY_HINT: Final = QT_TRANSLATE_NOOP(
    "Credentials", "You can keep the token in memory for this session only."
)

_PROBLEM_TEXT: Final = {
    CredentialProblem.NO_BACKEND: QT_TRANSLATE_NOOP(
        "Credentials",
        "No system keyring is available on this computer (on Linux: no Secret Service "
        "such as GNOME Keyring or KWallet is running in this session).",
    ),
    CredentialProblem.UNUSABLE_BACKEND: QT_TRANSLATE_NOOP(
        "Credentials", "The configured keyring cannot keep tokens safely."
    ),
    CredentialProblem.LOCKED: QT_TRANSLATE_NOOP(
        "Credentials",
        "The system keyring is locked, or its unlock prompt was dismissed. "
        "Unlock it and try again.",
    ),
    CredentialProblem.ACCESS_DENIED: QT_TRANSLATE_NOOP(
        "Credentials", "The system keyring refused access to the token."
    ),
    CredentialProblem.FAILED: QT_TRANSLATE_NOOP(
        "Credentials", "The system keyring reported an error."
    ),
}


# What the store was doing ("Could not save the token: ..."), by the action's name.
_ACTIONS: Final = {
    "save": QT_TRANSLATE_NOOP("Credentials", "save"),
    "read": QT_TRANSLATE_NOOP("Credentials", "read"),
    "delete": QT_TRANSLATE_NOOP("Credentials", "delete"),
}


class CredentialError(Exception):
    """The keyring could not store, read or delete a token.

    ``message`` is written for the agent (what happened, what to do); ``detail`` is the
    backend's own words for diagnostics, already cleaned of the token.
    """

    def __init__(
        self, problem: CredentialProblem, *, backend: str, detail: str = "", action: str = ""
    ) -> None:
        self.problem = problem
        self.backend = backend
        self.detail = detail
        self.action = action
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        """Why, in plain words, without the backend's own text (for a dialog's main text)."""
        return translate("Credentials", _PROBLEM_TEXT[self.problem])

    @property
    def message(self) -> str:
        """The whole story in one line: for logs, status bars and agents' bug reports."""
        parts = [self.reason]
        if self.detail:
            parts.append(f"({self.detail})")
        parts.append(translate("Credentials", _MEMORY_HINT))
        text = " ".join(parts)
        if not self.action:
            return text
        action = translate("Credentials", _ACTIONS.get(self.action, self.action))
        return translate("Credentials", "Could not {action} the token: {text}").format(
            action=action, text=text
        )


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """What the credential store can do right now, for the UI and diagnostics."""

    backend: str  # e.g. "keyring.backends.SecretService.Keyring (priority: 5)"
    usable: bool
    problem: CredentialProblem | None = None
    message: str = ""  # the whole story, as CredentialError.message
    reason: str = ""  # plain words only, as CredentialError.reason
    detail: str = ""  # the backend's own words, for diagnostics

    @classmethod
    def from_error(cls, error: CredentialError) -> KeyringStatus:
        return cls(
            error.backend,
            usable=False,
            problem=error.problem,
            message=error.message,
            reason=error.reason,
            detail=error.detail,
        )


class StorageMode(StrEnum):
    KEYRING = "keyring"  # in the OS keyring, found again after a restart
    MEMORY = "memory"  # in this process only, gone when the console quits


def _backend_label(backend: KeyringBackend) -> str:
    try:
        return str(backend)
    except Exception:  # a backend's priority property may itself fail
        return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _refusal(backend: KeyringBackend) -> tuple[CredentialProblem, str] | None:
    """Why a backend must not hold tokens, or None when it may."""
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring):
        return CredentialProblem.NO_BACKEND, ""
    if isinstance(backend, null.Keyring):
        return CredentialProblem.UNUSABLE_BACKEND, "the keyring is disabled (null backend)"
    if module.startswith("keyrings.alt"):
        # keyrings.alt keeps secrets in a file (plain, base64 or with a weak password).
        return CredentialProblem.UNUSABLE_BACKEND, (
            f"{type(backend).__name__} from keyrings.alt stores secrets in a file"
        )
    if isinstance(backend, chainer.ChainerBackend):
        chained: list[KeyringBackend] = list(backend.backends)
        if not chained:
            return CredentialProblem.NO_BACKEND, ""
        for inner in chained:
            refusal = _refusal(inner)
            if refusal is not None:
                return refusal
    return None


def _classify(exc: Exception) -> CredentialProblem:
    text = str(exc).lower()
    if isinstance(exc, keyring.errors.NoKeyringError):
        return CredentialProblem.NO_BACKEND
    if isinstance(exc, keyring.errors.KeyringLocked) or "dismissed" in text or "locked" in text:
        return CredentialProblem.LOCKED
    if "denied" in text or "not permitted" in text or "not allowed" in text:
        return CredentialProblem.ACCESS_DENIED
    return CredentialProblem.FAILED


def _scrub(text: str, secret: Secret | None) -> str:
    value = secret.reveal() if secret is not None else ""
    if value and value in text:
        text = text.replace(value, "********")
    return text[:300]


class CredentialStore:
    """Stores, reads and deletes the token of each profile.

    Tokens saved with ``remember=False``, and all tokens once :meth:`use_memory_only` was
    chosen, stay in this object only. Tokens read from or written to the keyring are also
    kept here, so later reads in the same session need no keyring call (and no prompt).
    """

    def __init__(
        self, *, service_name: str = SERVICE_NAME, backend: KeyringBackend | None = None
    ) -> None:
        self._service = service_name
        # None: ask keyring each time, so keyring.set_keyring() (config, tests) is honoured.
        self._backend = backend
        self._memory: dict[str, Secret] = {}
        self._memory_only = False

    @property
    def service_name(self) -> str:
        return self._service

    @property
    def memory_only(self) -> bool:
        """True once the agent chose to keep tokens in memory for this session."""
        return self._memory_only

    def use_memory_only(self) -> None:
        """Stop using the keyring for the rest of this session (no more prompts or errors)."""
        _log.info("Credential store: keeping tokens in memory only for this session")
        self._memory_only = True

    def has_session_token(self, profile_id: str) -> bool:
        return profile_id in self._memory

    async def status(self, *, probe: bool = False) -> KeyringStatus:
        """Whether tokens can go to the keyring; ``probe`` also reads an entry to find out
        whether the keyring is locked (this may show the system's unlock prompt)."""
        if self._memory_only:
            return KeyringStatus(
                backend="memory only (chosen for this session)",
                usable=False,
                message=translate(
                    "Credentials", "Tokens are kept in memory for this session only."
                ),
                reason=translate(
                    "Credentials", "You chose to keep tokens in memory for this session only."
                ),
            )
        try:
            backend = await asyncio.to_thread(self._current_backend)
            label = await asyncio.to_thread(_backend_label, backend)
        except Exception as exc:  # choosing a backend talks to D-Bus and can fail
            detail = _scrub(f"{type(exc).__name__}: {exc}", None)
            return KeyringStatus.from_error(
                CredentialError(_classify(exc), backend="unknown", detail=detail)
            )
        refusal = _refusal(backend)
        if refusal is not None:
            problem, detail = refusal
            return KeyringStatus.from_error(CredentialError(problem, backend=label, detail=detail))
        if probe:
            try:
                await self._call("read", self._probe, None)
            except CredentialError as exc:
                return KeyringStatus.from_error(exc)
        return KeyringStatus(label, usable=True)

    async def load(self, profile_id: str) -> Secret | None:
        """The profile's token: from this session's memory, else from the keyring."""
        if profile_id in self._memory:
            return self._memory[profile_id]
        if self._memory_only:
            return None
        user = keyring_user_name(profile_id)

        def read(backend: KeyringBackend) -> Secret | None:
            # Wrapped in the worker thread: the executor logs results at DEBUG, so a bare
            # string would reach the log.
            value = backend.get_password(self._service, user)
            return Secret(value) if value else None

        secret = await self._call("read", read, None)
        if secret is not None:
            self._memory[profile_id] = secret
        return secret

    async def save(self, profile_id: str, token: Secret, *, remember: bool = True) -> StorageMode:
        """Keep a token; with ``remember`` in the keyring, else for this session only.

        Raises CredentialError when ``remember`` is asked for but the keyring cannot take
        it; the caller then offers memory only (the no-keyring message).
        """
        if not token:
            raise ValueError("an empty token cannot be saved")
        if remember and not self._memory_only:
            user = keyring_user_name(profile_id)
            await self._call(
                "save", lambda b: b.set_password(self._service, user, token.reveal()), token
            )
            self._memory[profile_id] = token
            _log.info("Token for profile %s saved in the keyring", profile_id)
            return StorageMode.KEYRING
        self._memory[profile_id] = token
        if not self._memory_only:
            # A token remembered earlier must not outlive the agent's choice of memory only.
            try:
                await self._delete_from_keyring(profile_id)
            except CredentialError as exc:
                _log.warning(
                    "Could not remove an older keyring entry for profile %s: %s",
                    profile_id,
                    exc.problem,
                )
        _log.info("Token for profile %s kept in memory for this session", profile_id)
        return StorageMode.MEMORY

    async def delete(self, profile_id: str) -> None:
        """Forget the profile's token everywhere (signing out). Deleting nothing is fine."""
        self._memory.pop(profile_id, None)
        if not self._memory_only:
            await self._delete_from_keyring(profile_id)
        _log.info("Token for profile %s deleted", profile_id)

    async def drafts_key(self, make: Callable[[], Secret]) -> Secret | None:
        """The key drafts are encrypted with, created with ``make`` and stored on first use;
        None once the agent chose memory only. Raises CredentialError when the keyring
        fails. An entry already there is never replaced (drafts on disk need it)."""
        if self._memory_only:
            return None

        def read_or_create(backend: KeyringBackend) -> Secret:
            value = backend.get_password(self._service, DRAFTS_KEY_USER)
            if value:
                return Secret(value)
            key = make()
            backend.set_password(self._service, DRAFTS_KEY_USER, key.reveal())
            return key

        return await self._call("read", read_or_create, None)

    def forget_session(self, profile_id: str) -> None:
        """Drop the in-memory copy only (e.g. after a 401), leaving the keyring alone."""
        self._memory.pop(profile_id, None)

    async def _delete_from_keyring(self, profile_id: str) -> None:
        user = keyring_user_name(profile_id)

        def delete(backend: KeyringBackend) -> None:
            try:
                backend.delete_password(self._service, user)
            except keyring.errors.PasswordDeleteError:
                # Backends report "nothing stored" as a delete error; only a real failure
                # (the entry is still there) is one.
                if backend.get_password(self._service, user) is not None:
                    raise

        await self._call("delete", delete, None)

    def _probe(self, backend: KeyringBackend) -> bool:
        """Reads an entry that never exists: enough to find a locked keyring."""
        return backend.get_password(self._service, "probe:unlock") is not None

    def _current_backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    async def _call(
        self, action: str, operation: Callable[[KeyringBackend], _T], token: Secret | None
    ) -> _T:
        """Run one keyring operation in a worker thread; every failure becomes CredentialError."""

        def run() -> _T:
            backend = self._current_backend()
            refusal = _refusal(backend)
            if refusal is not None:
                problem, detail = refusal
                raise CredentialError(
                    problem, backend=_backend_label(backend), detail=detail, action=action
                )
            try:
                return operation(backend)
            except CredentialError:
                raise
            # Backends raise more than KeyringError (D-Bus, OS and platform errors leak
            # through); none of them may reach the agent as a crash.
            except Exception as exc:
                problem = _classify(exc)
                detail = _scrub(f"{type(exc).__name__}: {exc}", token)
                _log.warning("Keyring %s failed (%s): %s", action, problem, detail)
                # "from None": the original exception and its frames stay out of reports.
                raise CredentialError(
                    problem, backend=_backend_label(backend), detail=detail, action=action
                ) from None

        return await asyncio.to_thread(run)
