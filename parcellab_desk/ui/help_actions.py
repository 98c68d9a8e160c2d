"""Help ▸ Open the log folder and Copy diagnostics (shortcuts and licences have their own dialogs).

The windows these open are plain, non-blocking dialogs (``open()``, never ``exec()``)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication

from parcellab_desk.services.diagnostics import diagnostics_text
from parcellab_desk.services.profiles import Profile
from parcellab_desk.wording import translate

__all__ = [
    "copy_diagnostics",
    "open_log_folder",
]


def open_log_folder(log_file: Path | None) -> bool:
    """Show the log's folder in the file manager; False when it could not be opened."""
    if log_file is None:
        return False
    folder = log_file.parent
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def copy_diagnostics(profile: Profile | None, log_file: Path | None) -> str:
    """Put the diagnostics on the clipboard (and return them)."""
    extra = {
        "qt": qVersion(),
        "pyside6": pyside_version,
        "qt platform": QGuiApplication.platformName(),
        "language": translate("HelpActions", "English", "this language's name"),
    }
    text = diagnostics_text(profile=profile, log_file=log_file, extra=extra)
    QGuiApplication.clipboard().setText(text)
    return text
