"""Where the console keeps its files: one place every other module asks.

Below the Qt layers the folders come from platformdirs, so services stay importable (and
testable) without a QApplication. Tests point HOME/XDG_* at a temporary folder and get
their own tree for free.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from platformdirs import PlatformDirs

from parcellab_desk.services.files import PRIVATE_FOLDER_MODE, describe_os_error
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

APP_NAME = "parcellab_desk"
APP_AUTHOR = "parcellab"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The console's folders. Nothing is created until :meth:`ensure` is called."""

    config: Path
    logs: Path
    data: Path
    drafts: Path
    cache: Path

    @classmethod
    def default(cls) -> AppPaths:
        """The platform's usual per-user folders (XDG on Linux, AppData on Windows...)."""
        dirs = PlatformDirs(APP_NAME, APP_AUTHOR)
        data = dirs.user_data_path
        return cls(
            config=dirs.user_config_path,
            logs=dirs.user_log_path,
            data=data,
            drafts=data / "drafts",
            cache=dirs.user_cache_path,
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Every folder below one root: a portable install, or a test."""
        return cls(
            config=root / "config",
            logs=root / "logs",
            data=root / "data",
            drafts=root / "data" / "drafts",
            cache=root / "cache",
        )

    def all(self) -> tuple[Path, ...]:
        return (self.config, self.logs, self.data, self.drafts, self.cache)

    def ensure(self) -> AppPaths:
        """Create the folders, readable by this user only (they hold customer data);
        raises OSError when one cannot be used (tests; the console uses :meth:`prepare`)."""
        problems = self.prepare()
        if problems:
            raise OSError(problems[0].sentence())
        return self

    def role_of(self, folder: Path) -> FolderRole:
        return {
            self.config: FolderRole.CONFIG,
            self.logs: FolderRole.LOGS,
            self.data: FolderRole.DATA,
            self.drafts: FolderRole.DRAFTS,
            self.cache: FolderRole.CACHE,
        }[folder]

    def prepare(self) -> list[FolderProblem]:
        """Create each folder (0700) and check this user can write in it; never raises.

        The console starts whatever this finds, doing without what is unusable (see
        :class:`FolderRole`); each problem says what it costs and how to fix it.
        """
        problems: list[FolderProblem] = []
        for folder in self.all():
            reason = usable_folder_problem(folder)
            if reason is not None:
                problems.append(FolderProblem(self.role_of(folder), folder, reason))
        return problems


class FolderRole(StrEnum):
    CONFIG = "config"
    LOGS = "logs"
    DATA = "data"
    DRAFTS = "drafts"
    CACHE = "cache"


# One sentence per folder (what it is, what the console does without it, what the agent can
# do), whole, so a translation can order it as its language needs. Worded when read: the
# folders are prepared before the agent's language is known.
_SENTENCES: Final = {
    FolderRole.CONFIG: QT_TRANSLATE_NOOP(
        "Folders",
        "The settings folder {folder} cannot be used ({reason}), so profiles you add now last "
        "until you quit. Make it a folder your user owns and can write to, then restart.",
    ),
    FolderRole.LOGS: QT_TRANSLATE_NOOP(
        "Folders",
        "The log folder {folder} cannot be used ({reason}), so the log goes to the terminal "
        "(standard error) only. Make it a folder your user owns and can write to, then "
        "restart.",
    ),
    FolderRole.DATA: QT_TRANSLATE_NOOP(
        "Folders",
        "The data folder {folder} cannot be used ({reason}), so the demo runs on a temporary "
        "database that is removed when you quit. Make it a folder your user owns and can write "
        "to, then restart.",
    ),
    FolderRole.DRAFTS: QT_TRANSLATE_NOOP(
        "Folders",
        "The drafts folder {folder} cannot be used ({reason}), so unsaved edits are kept in "
        "memory only, not on disk. Make it a folder your user owns and can write to, then "
        "restart.",
    ),
    FolderRole.CACHE: QT_TRANSLATE_NOOP(
        "Folders",
        "The cache folder {folder} cannot be used ({reason}), so nothing is cached. Make it a "
        "folder your user owns and can write to, then restart.",
    ),
}
FILE_IN_THE_WAY: Final = QT_TRANSLATE_NOOP("Folders", "a file has its name, not a folder")


@dataclass(frozen=True, slots=True)
class FolderProblem:
    role: FolderRole
    folder: Path
    reason: str  # in the system's words ("Permission denied"), or FILE_IN_THE_WAY

    def sentence(self) -> str:
        """One sentence for the agent: what, where, what it costs, what to do."""
        reason = self.reason
        if reason == FILE_IN_THE_WAY:
            reason = translate("Folders", FILE_IN_THE_WAY)
        return translate("Folders", _SENTENCES[self.role]).format(folder=self.folder, reason=reason)


def usable_folder_problem(folder: Path) -> str | None:
    """None when ``folder`` exists (created if needed) and this user can write in it;
    otherwise why not, in a few words."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    except FileExistsError:
        return FILE_IN_THE_WAY
    except OSError as exc:
        return describe_os_error(exc)
    if not folder.is_dir():
        return FILE_IN_THE_WAY
    if os.name == "posix":
        try:
            if folder.stat().st_mode & 0o777 != PRIVATE_FOLDER_MODE:
                folder.chmod(PRIVATE_FOLDER_MODE)
        except OSError:
            # Another user's folder: whether it is usable is what the probe below finds.
            pass
    try:
        # Creating a file is the only honest test: permissions, ACLs, read-only mounts,
        # another owner and a full disk all show up here and nowhere else reliably.
        with tempfile.TemporaryFile(dir=folder, prefix=".probe-"):
            pass
    except OSError as exc:
        return describe_os_error(exc)
    return None
