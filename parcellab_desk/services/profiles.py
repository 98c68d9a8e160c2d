"""Connection profiles: where to connect, how to authenticate, and which accounts to show.

A profile never holds a token; tokens live in the OS keyring (see ``credentials``), keyed by
the profile's id. Profiles are kept as JSON in the config folder, written atomically so a
crash mid-write never leaves a half file behind.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Self
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from parcellab_desk.services.files import atomic_write_text, describe_os_error, set_aside
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

_log = logging.getLogger(__name__)


class AuthScheme(StrEnum):
    """How the token is sent in the ``Authorization`` header."""

    BEARER = "bearer"  # Authorization: Bearer <token>
    # Parcellab-API-Token base64(<account>:<token>); the value names a scheme, not a secret.
    PARCELLAB_API_TOKEN = "parcellab_api_token"  # noqa: S105

    @property
    def label(self) -> str:
        return translate("Profiles", _AUTH_LABELS[self])

    @property
    def needs_account_id(self) -> bool:
        return self is AuthScheme.PARCELLAB_API_TOKEN


_AUTH_LABELS: Final = {
    AuthScheme.BEARER: QT_TRANSLATE_NOOP("Profiles", "Bearer token"),
    AuthScheme.PARCELLAB_API_TOKEN: QT_TRANSLATE_NOOP(
        "Profiles", "Parcellab-API-Token (account id + token)"
    ),
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
        return translate("Profiles", _REGION_LABELS[self])

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
    Region.GLOBAL: QT_TRANSLATE_NOOP("Profiles", "parcelLab global (api.parcellab.com)"),
    Region.EU: QT_TRANSLATE_NOOP("Profiles", "parcelLab EU (api.eu.parcellab.com)"),
    Region.US: QT_TRANSLATE_NOOP("Profiles", "parcelLab US (api.us.parcellab.com)"),
    Region.SANDBOX: QT_TRANSLATE_NOOP("Profiles", "Local sandbox (demo and training)"),
    Region.CUSTOM: QT_TRANSLATE_NOOP("Profiles", "Custom URL"),
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
        raise InvalidBaseUrlError(
            translate("Profiles", "Enter the API's base URL, e.g. https://api.eu.parcellab.com")
        )
    if "://" not in raw:
        raise InvalidBaseUrlError(translate("Profiles", "The URL must start with https://"))
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise InvalidBaseUrlError(translate("Profiles", "The URL must start with https://"))
    if parts.username is not None or parts.password is not None:
        # A credential in the URL would end up in logs and settings: the token has its field.
        raise InvalidBaseUrlError(
            translate("Profiles", "Remove the user name or password from the URL.")
        )
    host = (parts.hostname or "").lower()
    if not host:
        raise InvalidBaseUrlError(translate("Profiles", "The URL has no host name."))
    try:
        port = parts.port
    except ValueError:
        raise InvalidBaseUrlError(translate("Profiles", "The port number is not valid.")) from None
    if scheme == "http" and not _is_loopback(host):
        raise InvalidBaseUrlError(
            translate(
                "Profiles",
                "Plain http:// sends the token unencrypted; it is allowed only for this "
                "computer (127.0.0.1, localhost). Use https://.",
            )
        )
    if parts.query or parts.fragment:
        raise InvalidBaseUrlError(
            translate("Profiles", "The base URL cannot have a query (?...) or a fragment (#...).")
        )
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
            raise InvalidAccountListError(
                translate("Profiles", "“{item}” is not an account id (a positive number).").format(
                    item=item
                )
            )
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
            raise ValueError(translate("Profiles", "A profile needs a name."))
        return value

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return normalize_base_url(value)

    @field_validator("default_accounts")
    @classmethod
    def _check_accounts(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(account <= 0 for account in value):
            raise ValueError(translate("Profiles", "Account ids are positive numbers."))
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _account_for_scheme(self) -> Self:
        if self.auth_scheme.needs_account_id and self.account_id is None:
            raise ValueError(
                translate("Profiles", "The Parcellab-API-Token scheme needs the account id.")
            )
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
        name=translate("Profiles", "Demo (local sandbox)"),
        base_url=base_url,
        auth_scheme=AuthScheme.BEARER,
        demo=True,
        remember_token=False,
    )


class ProfileStoreError(Exception):
    """The profile file could not be written; the message says what to check."""


_FILE_VERSION: Final = 1

NoticeSink = Callable[[str], None]
"""Where a store tells the agent, in one sentence, that something about its file went wrong."""


class ProfileStore:
    """Profiles and the last-used one, in ``profiles.json`` in the config folder.

    Reads once and keeps the list in memory; every change rewrites the file atomically.
    Damage never costs more than what is damaged: a profile that does not validate is
    skipped (the others load), and a file that could not be read completely is set aside
    with every byte before anything is written in its place. When it cannot even be moved
    aside, the store keeps changes in memory and never writes that file in this run. What
    went wrong is in :attr:`notices`, one sentence each, with the path.
    """

    FILE_NAME: Final = "profiles.json"

    def __init__(
        self, config_dir: Path, *, writable: bool = True, on_notice: NoticeSink | None = None
    ) -> None:
        """``writable`` False: the folder is known to be unusable (already told), so changes
        stay in memory without trying to write."""
        self._path = config_dir / self.FILE_NAME
        self._profiles: dict[str, Profile] = {}
        self._last_used: str | None = None
        # False once the file must not be written over (it could not be set aside).
        self._may_write = writable
        self.notices: list[str] = []
        self._on_notice = on_notice
        self._load()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def saves_to_disk(self) -> bool:
        """False when changes are kept in memory only for this run."""
        return self._may_write

    def set_notice_sink(self, sink: NoticeSink | None) -> None:
        """Where problems found from now on are told (the window, once it exists)."""
        self._on_notice = sink

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

    # --- reading -------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = self._path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no file (or no folder) yet
            return
        except OSError as exc:  # unreadable, a folder in its place, an I/O error...
            what = translate("Profiles", "could not be read ({reason})")
            self._damaged(what.format(reason=describe_os_error(exc)))
            return
        try:
            document = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
            what = translate("Profiles", "is not a profiles file ({reason})")
            self._damaged(what.format(reason=type(exc).__name__))
            return
        items = document.get("profiles", []) if isinstance(document, dict) else None
        if not isinstance(items, list):
            self._damaged(translate("Profiles", "is not a profiles file (no list of profiles)"))
            return
        profiles: list[Profile] = []
        for item in items:
            try:
                profiles.append(Profile.model_validate(item))
            except (ValidationError, ValueError, TypeError, RecursionError) as exc:
                _log.warning("Skipping a profile that does not validate: %s", type(exc).__name__)
        self._profiles = {p.id: p for p in profiles}
        last_used = document.get("last_used")
        self._last_used = last_used if isinstance(last_used, str) else None
        skipped = len(items) - len(profiles)
        if skipped:
            self._partly_damaged(skipped, len(items))

    def _damaged(self, what: str) -> None:
        """Nothing usable in the file: keep it aside and start without profiles."""
        aside = set_aside(self._path)
        if aside is None:
            self._may_write = False
            self._tell(
                translate(
                    "Profiles",
                    "The profiles file {path} {what} and could not be moved aside, so it is "
                    "left exactly as it is and nothing is saved over it: profiles you add now "
                    "last until you quit. Check the file's owner and permissions, then restart.",
                ).format(path=self._path, what=what)
            )
            return
        self._tell(
            translate(
                "Profiles",
                "The profiles file {path} {what}; it was kept as {name} in the same folder and "
                "the console started without those profiles.",
            ).format(path=self._path, what=what, name=aside.name)
        )

    def _partly_damaged(self, skipped: int, total: int) -> None:
        """Some profiles did not validate: keep the whole file aside, write the rest back."""
        aside = set_aside(self._path)
        if aside is None:
            self._may_write = False
            self._tell(
                translate(
                    "Profiles",
                    "%n of {total} profiles in {path} could not be read and the file could not "
                    "be moved aside, so nothing is saved over it in this session. Check the "
                    "file's owner and permissions, then restart.",
                    None,
                    skipped,
                ).format(total=total, path=self._path)
            )
            return
        self._tell(
            translate(
                "Profiles",
                "%n of {total} profiles in {path} could not be read and were left out; the whole "
                "file was kept as {name} in the same folder.",
                None,
                skipped,
            ).format(total=total, path=self._path, name=aside.name)
        )
        self._write()

    def _tell(self, sentence: str) -> None:
        _log.warning("%s", sentence)
        self.notices.append(sentence)
        if self._on_notice is not None:
            self._on_notice(sentence)

    # --- writing -------------------------------------------------------------------------

    def _document(self) -> dict[str, Any]:
        return {
            "version": _FILE_VERSION,
            "last_used": self._last_used,
            "profiles": [p.model_dump(mode="json") for p in self.profiles()],
        }

    def _write(self) -> None:
        """Write the profiles; a failure keeps them in memory and tells the agent once."""
        if not self._may_write:
            return
        data = json.dumps(self._document(), indent=2, ensure_ascii=False) + "\n"
        try:
            atomic_write_text(self._path, data)
        except OSError as exc:
            self._may_write = False
            self._tell(
                translate(
                    "Profiles",
                    "Could not save the profiles to {path} ({reason}): changes are kept until "
                    "you quit. Check that the folder exists and is writable, then restart.",
                ).format(path=self._path, reason=describe_os_error(exc))
            )
