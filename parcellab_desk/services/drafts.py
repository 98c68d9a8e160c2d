"""Unsaved edits kept on disk, so a crash, a killed process or a power cut loses nothing.

One JSON file per open editor with unsaved changes, in the drafts folder, one subfolder per
profile (drafts of one service never show up under another). A file is written shortly after
each change and removed once the edits are saved, reverted or discarded; what is left at the
next start is offered back. Drafts hold order data, never a token.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcellab_desk.services.files import atomic_write_text
from parcellab_desk.services.order_editing import OrderDraft

_log = logging.getLogger(__name__)

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_draft_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class StoredDraft:
    draft_id: str
    draft: OrderDraft


class DraftStore:
    """The drafts of one profile, in ``folder/<profile id>/<draft id>.json``."""

    def __init__(self, folder: Path, profile_id: str) -> None:
        if not _SAFE_ID.match(profile_id):
            raise ValueError(f"unusable profile id for a folder name: {profile_id!r}")
        self.folder = folder / profile_id

    def _path(self, draft_id: str) -> Path:
        if not _SAFE_ID.match(draft_id):
            raise ValueError(f"unusable draft id: {draft_id!r}")
        return self.folder / f"{draft_id}.json"

    def save(self, draft_id: str, draft: OrderDraft) -> None:
        """Keep ``draft`` (replacing an earlier version); a failure is logged, not raised,
        since the edit itself is still on screen."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(self._path(draft_id), json.dumps(draft.snapshot(), indent=1))
        except OSError as exc:
            _log.warning("Could not keep a draft on disk: %s", exc.strerror or exc)

    def delete(self, draft_id: str) -> None:
        try:
            self._path(draft_id).unlink(missing_ok=True)
        except OSError as exc:
            _log.warning("Could not remove a draft: %s", exc.strerror or exc)

    def load_all(self) -> list[StoredDraft]:
        """Every draft left behind, oldest first. A damaged file is set aside (renamed to
        ``.bad``) rather than blocking the start."""
        if not self.folder.is_dir():
            return []
        found: list[tuple[float, StoredDraft]] = []
        for path in self.folder.glob("*.json"):
            try:
                data: Any = json.loads(path.read_text(encoding="utf-8"))
                draft = OrderDraft.from_snapshot(data)
            except (OSError, ValueError) as exc:
                _log.warning("Setting aside a damaged draft %s: %s", path.name, exc)
                path.replace(path.with_suffix(".bad"))
                continue
            if draft.is_dirty:
                found.append((path.stat().st_mtime, StoredDraft(path.stem, draft)))
            else:
                path.unlink(missing_ok=True)
        return [stored for _, stored in sorted(found, key=lambda item: item[0])]
