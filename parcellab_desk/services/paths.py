"""Where the console keeps its files: one place every other module asks.

Below the Qt layers the folders come from platformdirs, so services stay importable (and
testable) without a QApplication. Tests point HOME/XDG_* at a temporary folder and get
their own tree for free.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

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
        """Create the folders, readable by this user only (they hold customer data)."""
        for folder in self.all():
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
        return self
