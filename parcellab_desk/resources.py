"""Finds the console's resources (icons, desktop metadata) wherever it runs.

``resources/`` lives at the top of a source checkout; a PyInstaller bundle carries a copy next
to its modules (``sys._MEIPASS``). An installed wheel has no copy: the console is shipped to
agents as an installer, and a wheel installed by a developer still runs, just without its icon.

No Qt at import time, so the packaging scripts can use this module too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

__all__ = [
    "APP_ICON",
    "ResourceNotFoundError",
    "app_icon",
    "resource_path",
    "resources_dir",
]

APP_ICON: Final = "icons/parcellab-desk.svg"
"""The application icon, relative to ``resources/`` (rendered copies are built from it)."""

_MARKER: Final = APP_ICON  # a file every complete resources folder has


class ResourceNotFoundError(FileNotFoundError):
    """The resources folder or one of its files is missing (an incomplete bundle)."""


def _candidates() -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's boot loader
    if isinstance(bundle, str):
        found.append(Path(bundle) / "resources")
    # A source checkout: parcellab_desk/resources.py -> <checkout>/resources
    found.append(Path(__file__).resolve().parent.parent / "resources")
    return found


def resources_dir() -> Path:
    """The ``resources/`` folder of this copy of the console."""
    candidates = _candidates()
    for folder in candidates:
        if (folder / _MARKER).is_file():
            return folder
    searched = ", ".join(str(c) for c in candidates)
    raise ResourceNotFoundError(f"no resources folder with {_MARKER} (searched {searched})")


def resource_path(relative: str) -> Path:
    """An existing file below ``resources/``, e.g. ``resource_path(APP_ICON)``."""
    path = resources_dir() / relative
    if not path.is_file():
        raise ResourceNotFoundError(f"resource {relative!r} is missing from {path.parent}")
    return path


def app_icon() -> QIcon:
    """The application icon (scalable SVG); needs a QGuiApplication and Qt's SVG plugins.

    Raises ``ResourceNotFoundError`` when the file is missing and ``RuntimeError`` when Qt
    cannot render it (the SVG icon engine plugin was left out of a bundle).
    """
    from PySide6.QtGui import QIcon

    path = resource_path(APP_ICON)
    icon = QIcon(str(path))
    if icon.isNull() or icon.pixmap(64, 64).isNull():
        raise RuntimeError(f"Qt cannot render {path.name} (is the SVG icon engine missing?)")
    return icon
