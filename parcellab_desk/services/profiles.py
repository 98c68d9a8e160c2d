"""Connection profiles: where to connect, how to authenticate, and which accounts to show.

A profile never holds a token; tokens live in the OS keyring (see ``credentials``), keyed by
the profile's id. Profiles are kept as JSON in the config folder, written atomically so a
crash mid-write never leaves a half file behind.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import time
import uuid
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Self
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from parcellab_desk.services.files import atomic_write_text

_log = logging.getLogger(__name__)


class AuthScheme(StrEnum):
    """How the token is sent in the ``Authorization`` header."""

    BEARER = "bearer"  # Authorization: Bearer <token>
    # Parcellab-API-Token base64(<account>:<token>); the value names a scheme, not a secret.
    PARCELLAB_API_TOKEN = "parcellab_api_token"  # noqa: S105

    @property
    def label(self) -> str:
        return _AUTH_LABELS[self]

    @property
    def needs_account_id(self) -> bool:
        return self is AuthScheme.PARCELLAB_API_TOKEN


_AUTH_LABELS: Final = {
    AuthScheme.BEARER: "Bearer token",
    AuthScheme.PARCELLAB_API_TOKEN: "Parcellab-API-Token (account id + token)",
}


class Region(StrEnum):
    """Base URL presets offered in the profile form."""

    GLOBAL = "global"
    EU = "eu"
    US = "us"
    SANDBOX = "sandbox"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return _REGION_LABELS[self]

    @property
    def base_url(self) -> str | None:
        """The preset's URL; None for a custom one."""
        return REGION_URLS.get(self)


# The sandbox picks a free port when it starts; a demo profile's URL is replaced by the
# running sandbox's URL, this is only the form's default.
SANDBOX_DEFAULT_URL: Final = "http://127.0.0.1:8765"

REGION_URLS: Final[dict[Region, str]] = {
    Region.GLOBAL: "https://api.parcellab.com",
    Region.EU: "https://api.eu.parcellab.com",
    Region.US: "https://api.us.parcellab.com",
    Region.SANDBOX: SANDBOX_DEFAULT_URL,
}

_REGION_LABELS: Final = {
    Region.GLOBAL: "parcelLab global (api.parcellab.com)",
    Region.EU: "parcelLab EU (api.eu.parcellab.com)",
    Region.US: "parcelLab US (api.us.parcellab.com)",
    Region.SANDBOX: "Local sandbox (demo and training)",
    Region.CUSTOM: "Custom URL",
}


class InvalidBaseUrlError(ValueError):
    """The text is not a base URL the console will send a token to; the message says why."""


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(text: str) -> str:
    """Check and tidy a base URL: https, or http for this computer only.

    Returns the URL without a trailing slash (paths are appended with their own).
    Raises InvalidBaseUrlError with a message fit to show under the field.
    """
    raw = text.strip()
    if not raw:
        raise InvalidBaseUrlError("Enter the API's base URL, e.g. https://api.eu.parcellab.com")
    if "://" not in raw:
        raise InvalidBaseUrlError("The URL must start with https://")
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise InvalidBaseUrlError("The URL must start with https://")
    if parts.username is not None or parts.password is not None:
        # A credential in the URL would end up in logs and settings: the token has its field.
        raise InvalidBaseUrlError("Remove the user name or password from the URL.")
    host = (parts.hostname or "").lower()
    if not host:
        raise InvalidBaseUrlError("The URL has no host name.")
    try:
        port = parts.port
    except ValueError:
        raise InvalidBaseUrlError("The port number is not valid.") from None
    if scheme == "http" and not _is_loopback(host):
        raise InvalidBaseUrlError(
            "Plain http:// sends the token unencrypted; it is allowed only for this computer "
            "(127.0.0.1, localhost). Use https://."
        )
    if parts.query or parts.fragment:
        raise InvalidBaseUrlError("The base URL cannot have a query (?...) or a fragment (#...).")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), "", ""))


def region_for_url(url: str) -> Region:
    """The preset a URL belongs to (loopback URLs count as the sandbox)."""
    try:
        normalized = normalize_base_url(url)
    except InvalidBaseUrlError:
        return Region.CUSTOM
    for region, preset in REGION_URLS.items():
        if region is not Region.SANDBOX and normalized == preset:
            return region
    if normalized.startswith("http://") and _is_loopback(urlsplit(normalized).hostname or ""):
        return Region.SANDBOX
    return Region.CUSTOM


class InvalidAccountListError(ValueError):
    """An account list the agent typed could not be read; the message says why."""


def parse_account_ids(text: str) -> tuple[int, ...]:
    """Read "1042, 1043 1044" into (1042, 1043, 1044): commas or spaces, no duplicates."""
    ids: list[int] = []
    for item in text.replace(",", " ").replace(";", " ").split():
        if not item.isdigit() or int(item) <= 0:
            raise InvalidAccountListError(f"'{item}' is not an account id (a positive number).")
        if int(item) not in ids:
            ids.append(int(item))
    return tuple(ids)


def format_account_ids(ids: Iterable[int]) -> str:
    return ", ".join(str(i) for i in ids)


def new_profile_id() -> str:
    return uuid.uuid4().hex


class Profile(BaseModel):
    """One place to connect to. Immutable: edits produce a new object via ``model_copy``."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(default_factory=new_profile_id, min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=80)
    base_url: str
    auth_scheme: AuthScheme = AuthScheme.BEARER
    # Needed by the Parcellab-API-Token scheme, which encodes "<account id>:<token>".
    account_id: int | None = Field(default=None, gt=0)
    # The list's account filter when the profile is opened; empty means all accounts.
    default_accounts: tuple[int, ...] = ()
    # The local sandbox with sample data: marked DEMO in the window.
    demo: bool = False
    # False when the agent chose to keep this profile's token in memory only: the console
    # then asks for it at start instead of looking in the keyring.
    remember_token: bool = True

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("A profile needs a name.")
        return value

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return normalize_base_url(value)

    @field_validator("default_accounts")
    @classmethod
    def _check_accounts(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(account <= 0 for account in value):
            raise ValueError("Account ids are positive numbers.")
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _account_for_scheme(self) -> Self:
        if self.auth_scheme.needs_account_id and self.account_id is None:
            raise ValueError("The Parcellab-API-Token scheme needs the account id.")
        return self

    @property
    def region(self) -> Region:
        return region_for_url(self.base_url)

    @property
    def host_label(self) -> str:
        """What the status bar shows: the host (and port), no scheme."""
        parts = urlsplit(self.base_url)
        return parts.netloc + parts.path


def demo_profile(base_url: str = SANDBOX_DEFAULT_URL) -> Profile:
    """The profile behind "Try the demo": the local sandbox, token kept in memory."""
    return Profile(
        name="Demo (local sandbox)",
        base_url=base_url,
        auth_scheme=AuthScheme.BEARER,
        demo=True,
        remember_token=False,
    )


class ProfileStoreError(Exception):
    """The profile file could not be written; the message says what to check."""


_FILE_VERSION: Final = 1


class ProfileStore:
    """Profiles and the last-used one, in ``profiles.json`` in the config folder.

    Reads once and keeps the list in memory; every change rewrites the file atomically.
    An unreadable file is moved aside (kept for the agent or support) and treated as empty,
    so a damaged file never stops the console from starting.
    """

    FILE_NAME: Final = "profiles.json"

    def __init__(self, config_dir: Path) -> None:
        self._path = config_dir / self.FILE_NAME
        self._profiles: dict[str, Profile] = {}
        self._last_used: str | None = None
        self._load()

    @property
    def path(self) -> Path:
        return self._path

    def profiles(self) -> list[Profile]:
        """All profiles, sorted by name."""
        return sorted(self._profiles.values(), key=lambda p: (p.name.casefold(), p.id))

    def get(self, profile_id: str) -> Profile | None:
        return self._profiles.get(profile_id)

    def is_empty(self) -> bool:
        return not self._profiles

    def last_used(self) -> Profile | None:
        return self._profiles.get(self._last_used) if self._last_used else None

    def save(self, profile: Profile) -> None:
        """Add a profile, or replace the one with the same id."""
        self._profiles[profile.id] = profile
        self._write()

    def delete(self, profile_id: str) -> None:
        self._profiles.pop(profile_id, None)
        if self._last_used == profile_id:
            self._last_used = None
        self._write()

    def set_last_used(self, profile_id: str) -> None:
        if profile_id not in self._profiles:
            raise KeyError(profile_id)
        self._last_used = profile_id
        self._write()

    def _load(self) -> None:
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            _log.warning("Cannot read %s (%s); starting without profiles", self._path, exc)
            return
        try:
            document = json.loads(text)
            if not isinstance(document, dict):
                raise TypeError("not a JSON object")
            profiles = [Profile.model_validate(item) for item in document.get("profiles", [])]
            last_used = document.get("last_used")
        except (ValueError, TypeError, ValidationError) as exc:
            self._set_aside(exc)
            return
        self._profiles = {p.id: p for p in profiles}
        self._last_used = last_used if isinstance(last_used, str) else None

    def _set_aside(self, exc: Exception) -> None:
        aside = self._path.with_name(f"{self.FILE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        _log.warning(
            "The profile file %s could not be read (%s); kept as %s, starting without profiles",
            self._path,
            type(exc).__name__,
            aside.name,
        )
        with contextlib.suppress(OSError):
            self._path.replace(aside)

    def _document(self) -> dict[str, Any]:
        return {
            "version": _FILE_VERSION,
            "last_used": self._last_used,
            "profiles": [p.model_dump(mode="json") for p in self.profiles()],
        }

    def _write(self) -> None:
        data = json.dumps(self._document(), indent=2, ensure_ascii=False) + "\n"
        try:
            atomic_write_text(self._path, data)
        except OSError as exc:
            raise ProfileStoreError(
                f"Could not save the profiles to {self._path}: {exc.strerror or exc}. "
                "Check that the folder exists and is writable."
            ) from exc
