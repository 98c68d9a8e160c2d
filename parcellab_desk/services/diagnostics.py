"""Help ▸ Copy diagnostics: what IT needs to look into a problem, and nothing secret.

Versions, the operating system, the Qt platform (given by the UI), the profile without its
token, and the last lines of the log, every known secret masked once more on the way out.
"""

from __future__ import annotations

import platform
import sys
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from parcellab_desk import __version__
from parcellab_desk.services.logging_setup import SECRETS
from parcellab_desk.services.profiles import Profile

__all__ = ["LOG_LINES", "diagnostics_text", "log_tail"]

LOG_LINES: Final = 200


def log_tail(log_file: Path | None, lines: int = LOG_LINES) -> list[str]:
    """The last ``lines`` lines of the log (masked); empty when there is no log yet."""
    if log_file is None or not log_file.is_file():
        return []
    with log_file.open(encoding="utf-8", errors="replace") as handle:
        tail = deque(handle, maxlen=lines)
    return [SECRETS.mask(line.rstrip("\n")) for line in tail]


def _profile_lines(profile: Profile | None) -> list[str]:
    if profile is None:
        return ["profile: none"]
    accounts = ", ".join(map(str, profile.default_accounts)) or "all"
    return [
        f"profile: {profile.name}{' (demo)' if profile.demo else ''}",
        f"service: {profile.base_url}",
        f"sign-in: {profile.auth_scheme.value}"
        + (f", account id {profile.account_id}" if profile.account_id else ""),
        f"default accounts: {accounts}",
        f"token kept: {'in the keyring' if profile.remember_token else 'in memory only'}",
    ]


def diagnostics_text(
    *,
    profile: Profile | None,
    log_file: Path | None,
    extra: Mapping[str, str] | None = None,
) -> str:
    """The report as plain text (English: it goes to IT and to parcelLab's support)."""
    lines = [
        f"parcellab_desk {__version__}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"os: {platform.platform()}",
        *(f"{key}: {value}" for key, value in (extra or {}).items()),
        *_profile_lines(profile),
        f"log: {log_file}" if log_file else "log: none",
        "",
        f"--- last {LOG_LINES} log lines ---",
        *log_tail(log_file),
    ]
    return SECRETS.mask("\n".join(lines)) + "\n"
