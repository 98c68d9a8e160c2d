"""The third-party components this copy carries and their licence texts.

An installed copy has them in ``licenses/`` beside its modules, with an ``index.json`` the
build wrote (packaging/collect_licenses.py): one entry per component, its version, licence
and files. A source checkout has none (the build collects them from the frozen
environment); Help > Third-party licences then says so. No Qt here.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

INDEX_FILE: Final = "index.json"
FOLDER_NAME: Final = "licenses"
MAX_TEXT_BYTES: Final = 2 * 1024 * 1024  # the longest (Python's) is ~40 KB


class LicencesUnavailableError(Exception):
    """No licence index in this copy, or one that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    version: str
    licence: str
    files: tuple[str, ...]  # relative to the licences folder

    @property
    def title(self) -> str:
        return f"{self.name} {self.version}".strip()


def licences_dir() -> Path | None:
    """The bundle's licences folder; None when running from a source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and (Path(bundle) / FOLDER_NAME / INDEX_FILE).is_file():
        return Path(bundle) / FOLDER_NAME
    return None


def load_components(folder: Path) -> list[Component]:
    """The index, sorted by name. Raises LicencesUnavailableError."""
    try:
        document = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))
        components = [
            Component(
                name=str(entry["name"]),
                version=str(entry.get("version") or ""),
                licence=str(entry.get("licence") or ""),
                files=tuple(str(f) for f in entry.get("files", ())),
            )
            for entry in document
        ]
    except FileNotFoundError:
        raise LicencesUnavailableError(f"No licence index in {folder}.") from None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise LicencesUnavailableError(
            f"The licence index in {folder} cannot be read ({type(exc).__name__})."
        ) from None
    return sorted(components, key=lambda c: c.name.casefold())


def read_text(folder: Path, relative: str) -> str:
    """One licence file's text; never a path outside ``folder``."""
    root = folder.resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise LicencesUnavailableError(f"{relative!r} is not a licence file of this copy.")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES)
    except OSError as exc:
        raise LicencesUnavailableError(f"Cannot read {relative}: {exc.strerror or exc}.") from None
    return data.decode("utf-8", errors="replace")
