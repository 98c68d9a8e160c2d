"""Unsaved edits kept on disk, so a crash, a killed process or a power cut loses nothing.

One file per open editor with unsaved changes, in the drafts folder, one subfolder per
profile (drafts of one service never show up under another). A file is written shortly after
each change and removed once the edits are saved, reverted or discarded; what is left at the
next start is offered back. Drafts hold order data (customer names, e-mail addresses), never
a token.

At rest a draft is encrypted (Fernet: AES-128-CBC with an HMAC) with a key kept in the OS
keyring, in a file only this user may read (0600) in a folder only this user may open
(0700). Without a usable keyring there is no key: drafts then live in memory for this run
only, and the console says so. Plain-JSON drafts written by earlier versions are read and
re-written encrypted (migrated) once a key is there.

Reading never destroys: a draft that cannot be read, decrypted or understood is set aside
(renamed, bytes kept) and reported in one sentence with its path; if it cannot even be
moved (a read-only folder) it is left exactly where it is.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pydantic
from cryptography.fernet import Fernet, InvalidToken

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import ORDER_FIELD, TRACKING_FIELD, FieldKind, FieldSpec
from parcellab_desk.services.files import (
    PRIVATE_FOLDER_MODE,
    atomic_write_bytes,
    describe_os_error,
    set_aside,
)
from parcellab_desk.services.order_editing import OrderDraft
from parcellab_desk.services.secret import Secret
from parcellab_desk.wording import translate

_log = logging.getLogger(__name__)

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

ENCRYPTED_SUFFIX: Final = ".draft"
PLAIN_SUFFIX: Final = ".json"  # drafts of earlier versions, migrated when read

NoticeSink = Callable[[str], None]


def new_draft_id() -> str:
    return uuid.uuid4().hex


def new_draft_key() -> Secret:
    """A fresh key for the keyring (url-safe base64 of 32 random bytes)."""
    return Secret(Fernet.generate_key().decode("ascii"))


def is_draft_key(key: Secret) -> bool:
    """Whether ``key`` (as read from the keyring) can encrypt drafts."""
    try:
        Fernet(key.reveal().encode("ascii"))
    except (ValueError, UnicodeError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class StoredDraft:
    draft_id: str
    draft: OrderDraft


class DraftUnreadableError(ValueError):
    """A draft file's content is not a draft this version understands."""


_TEXT_KINDS: Final = frozenset(
    {
        FieldKind.STRING,
        FieldKind.DATETIME,
        FieldKind.DATE,
        FieldKind.ENUM,
        FieldKind.EMAIL,
        FieldKind.TIMEZONE,
        FieldKind.COUNTRY_ISO3,
        FieldKind.LANGUAGE_ISO2,
        FieldKind.UUID,
    }
)


def _typed_as(spec: FieldSpec | None, value: Any) -> bool:
    """Whether ``value`` has the JSON type the field's widgets expect (not whether it is
    valid: an invalid value the agent typed is a normal draft, marked on its field)."""
    if spec is None or value is None:
        return True
    if spec.kind in _TEXT_KINDS:
        return isinstance(value, str)
    if spec.kind is FieldKind.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec.kind is FieldKind.BOOLEAN:
        return isinstance(value, bool)
    if spec.kind is FieldKind.TAGS:
        return isinstance(value, list) and all(isinstance(tag, str) for tag in value)
    return True


def _json_kind(value: Any) -> str:
    """What a JSON value is, in words: "a number", "text", "a list"..."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else "null"


def _check_types(values: Mapping[str, Any], specs: Mapping[str, FieldSpec], where: str) -> None:
    for name, value in values.items():
        if not _typed_as(specs.get(name), value):
            raise DraftUnreadableError(f"{where}{name} is {_json_kind(value)}")


SNAPSHOT_VERSION = 1


def snapshot_of(draft: OrderDraft) -> dict[str, Any]:
    """Everything needed to bring ``draft`` back after a restart, as JSON values."""
    original = draft.original
    return {
        "version": SNAPSHOT_VERSION,
        "original": original.to_json_dict() if original is not None else None,
        "defaults": draft.defaults(),
        "edits": draft.edits(),
        "trackings": [
            {"courier": key[0], "tracking_number": key[1], "values": values}
            for key, values in draft.pending_trackings().items()
        ],
    }


def draft_from_snapshot(data: Mapping[str, Any]) -> OrderDraft:
    """The draft a ``snapshot_of`` described; raises ValueError when it is not one."""
    if data.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"unknown draft version {data.get('version')!r}")
    try:
        raw = data.get("original")
        return OrderDraft.restored(
            Order.model_validate(raw) if raw is not None else None,
            defaults=dict(data.get("defaults") or {}),
            edits=dict(data.get("edits") or {}),
            trackings={
                (str(item["courier"]), str(item["tracking_number"])): dict(item["values"])
                for item in data.get("trackings") or []
            },
        )
    except (KeyError, TypeError, AttributeError, pydantic.ValidationError) as exc:
        raise ValueError(f"not a draft: {exc}") from exc


def decode_draft(data: bytes) -> OrderDraft:
    """The draft in a file's (decrypted) bytes; raises DraftUnreadableError otherwise."""
    try:
        snapshot = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
        raise DraftUnreadableError(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(snapshot, dict):
        raise DraftUnreadableError(f"{_json_kind(snapshot)}, not a draft")
    try:
        draft = draft_from_snapshot(snapshot)
        _check_types(draft.edits(), ORDER_FIELD, "")
        _check_types(snapshot.get("defaults") or {}, ORDER_FIELD, "")
        for item in snapshot.get("trackings") or []:
            _check_types(item["values"], TRACKING_FIELD, "a tracking's ")
    except DraftUnreadableError:
        raise
    # draft_from_snapshot checks the shape it knows; anything else odd in a file is damage too.
    except Exception as exc:
        raise DraftUnreadableError(f"not a draft ({type(exc).__name__})") from None
    return draft


class DraftStore:
    """The drafts of one profile, in ``folder/<profile id>/<draft id>.draft``.

    ``key`` None (no usable keyring, or no usable folder): drafts are kept in this object
    for the run only and nothing is written to disk.
    """

    def __init__(
        self,
        folder: Path,
        profile_id: str,
        key: Secret | None,
        *,
        on_notice: NoticeSink | None = None,
    ) -> None:
        if not _SAFE_ID.match(profile_id):
            raise ValueError(f"unusable profile id for a folder name: {profile_id!r}")
        self.folder = folder / profile_id
        self._fernet = Fernet(key.reveal().encode("ascii")) if key is not None else None
        # This run's drafts as snapshots (JSON bytes), so a later window gets its own copy.
        self._memory: dict[str, bytes] = {}
        self._on_notice = on_notice
        self.notices: list[str] = []
        self._disk_failed = False

    @property
    def on_disk(self) -> bool:
        """True when drafts are written (encrypted) to disk; False: memory only."""
        return self._fernet is not None and not self._disk_failed

    def _path(self, draft_id: str, suffix: str = ENCRYPTED_SUFFIX) -> Path:
        if not _SAFE_ID.match(draft_id):
            raise ValueError(f"unusable draft id: {draft_id!r}")
        return self.folder / f"{draft_id}{suffix}"

    def save(self, draft_id: str, draft: OrderDraft) -> None:
        """Keep ``draft`` (replacing an earlier version). A failure to write is told once
        and the draft is kept in memory, since the edit itself is still on screen."""
        path = self._path(draft_id)
        plain = json.dumps(snapshot_of(draft)).encode("utf-8")
        self._memory[draft_id] = plain
        if self._fernet is None or self._disk_failed:
            return
        data = self._fernet.encrypt(plain)
        try:
            self._make_folder()
            atomic_write_bytes(path, data)
        except OSError as exc:
            self._disk_failed = True
            self._tell(
                f"Could not keep unsaved edits in {self.folder} ({describe_os_error(exc)}): "
                "they are kept in memory until you quit. Save your orders, and check that "
                "the folder is writable."
            )

    def delete(self, draft_id: str) -> None:
        self._memory.pop(draft_id, None)
        for suffix in (ENCRYPTED_SUFFIX, PLAIN_SUFFIX):
            try:
                self._path(draft_id, suffix).unlink(missing_ok=True)
            except OSError as exc:
                _log.warning("Could not remove a draft: %s", describe_os_error(exc))

    def load_all(self) -> list[StoredDraft]:
        """Every draft left behind (this run's in memory, then those on disk), oldest
        first. Nothing here raises: damage is set aside and told in :attr:`notices`."""
        found: dict[str, tuple[float, OrderDraft]] = {}
        for draft_id, plain in self._memory.items():
            draft = decode_draft(plain)
            if draft.is_dirty:
                found[draft_id] = (0.0, draft)
        for mtime, draft_id, draft in self._load_files():
            found.setdefault(draft_id, (mtime, draft))
        ordered = sorted(found.items(), key=lambda item: item[1][0])
        return [StoredDraft(draft_id, draft) for draft_id, (_, draft) in ordered]

    # --- reading files -------------------------------------------------------------------

    def _load_files(self) -> list[tuple[float, str, OrderDraft]]:
        try:
            entries = sorted(self.folder.iterdir()) if self.folder.is_dir() else []
        except OSError as exc:
            self._tell(
                translate(
                    "Drafts",
                    "The drafts folder {folder} could not be read ({reason}); unsaved edits "
                    "of an earlier session stay there untouched.",
                ).format(folder=self.folder, reason=describe_os_error(exc))
            )
            return []
        encrypted = {p.stem for p in entries if p.suffix == ENCRYPTED_SUFFIX}
        locked = 0
        loaded: list[tuple[float, str, OrderDraft]] = []
        for path in entries:
            if not _SAFE_ID.match(path.stem) or path.suffix not in (
                ENCRYPTED_SUFFIX,
                PLAIN_SUFFIX,
            ):
                continue  # set-aside files, temporary files, anything not ours
            if path.suffix == PLAIN_SUFFIX and path.stem in encrypted:
                continue  # migrated already; the encrypted copy is the draft
            if path.suffix == ENCRYPTED_SUFFIX and self._fernet is None:
                locked += 1  # kept for a run with the keyring; not damaged
                continue
            item = self._load_file(path)
            if item is not None:
                loaded.append(item)
        if locked:
            self._tell(
                (
                    translate(
                        "Drafts",
                        "An unsaved edit from an earlier session in {folder} cannot be opened "
                        "without the system keyring; it is kept and comes back once the keyring "
                        "is available.",
                    )
                    if locked == 1
                    else translate(
                        "Drafts",
                        "{count} unsaved edits from an earlier session in {folder} cannot be "
                        "opened without the system keyring; they are kept and come back once the "
                        "keyring is available.",
                    )
                ).format(folder=self.folder, count=locked)
            )
        return loaded

    def _load_file(self, path: Path) -> tuple[float, str, OrderDraft] | None:
        try:
            raw = path.read_bytes()
            mtime = path.stat().st_mtime
        except OSError as exc:
            what = translate("Drafts", "could not be read ({reason})")
            self._damaged(path, what.format(reason=describe_os_error(exc)))
            return None
        try:
            if path.suffix == ENCRYPTED_SUFFIX:
                assert self._fernet is not None
                raw = self._fernet.decrypt(raw)
            draft = decode_draft(raw)
        except InvalidToken:
            self._damaged(
                path, translate("Drafts", "could not be decrypted with this keyring's key")
            )
            return None
        except DraftUnreadableError as exc:
            self._damaged(path, translate("Drafts", "is damaged ({problem})").format(problem=exc))
            return None
        if not draft.is_dirty:
            self.delete(path.stem)  # nothing unsaved in it: it has no reason to exist
            return None
        if path.suffix == PLAIN_SUFFIX:
            self._migrate(path, draft)
        return mtime, path.stem, draft

    def _migrate(self, plain: Path, draft: OrderDraft) -> None:
        """An earlier version's plain draft: write it encrypted, then remove the plain one."""
        if self._fernet is None:
            return  # no key yet: the plain file stays until one exists
        self.save(plain.stem, draft)
        if self.on_disk and self._path(plain.stem).exists():
            try:
                plain.unlink()
            except OSError as exc:
                _log.warning("Could not remove a migrated draft: %s", describe_os_error(exc))

    def _damaged(self, path: Path, what: str) -> None:
        aside = set_aside(path)
        if aside is None:
            self._tell(
                translate(
                    "Drafts",
                    "The draft {path} {what} and could not be moved aside; it is left as it "
                    "is; any other unsaved edits were recovered.",
                ).format(path=path, what=what)
            )
        else:
            self._tell(
                translate(
                    "Drafts",
                    "The draft {path} {what}; it was kept as {name}; any other unsaved edits "
                    "were recovered.",
                ).format(path=path, what=what, name=aside.name)
            )

    def _make_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        if os.name == "posix" and (self.folder.stat().st_mode & 0o777) != PRIVATE_FOLDER_MODE:
            self.folder.chmod(PRIVATE_FOLDER_MODE)

    def _tell(self, sentence: str) -> None:
        _log.warning("%s", sentence)
        self.notices.append(sentence)
        if self._on_notice is not None:
            self._on_notice(sentence)
