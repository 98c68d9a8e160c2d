"""The window-layout settings file (Qt's INI file): checked before Qt reads it.

Qt reads a damaged INI file as far as it can and writes back only what it understood, so a
file it half-read would be replaced by a smaller one. Before the console lets Qt near it, the
file is checked whole: every line must be a section, a ``key=value`` pair, a comment or
blank, in UTF-8. Anything else is set aside (bytes kept) and Qt starts from defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from parcellab_desk.services.files import describe_os_error, set_aside

_LINE: Final = re.compile(r"^(?:\s*|\s*[;#].*|\s*\[[^\]\n]*\]\s*|[^=\[\n][^=\n]*=.*)$")


@dataclass(frozen=True, slots=True)
class SettingsCheck:
    notice: str | None = None  # one sentence for the agent, or None: all is well
    writable: bool = True  # False: Qt must not write this file in this run


def _problem(text: bytes) -> str | None:
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not text"
    if "\x00" in decoded:
        return "it is not text"
    for number, line in enumerate(decoded.splitlines(), start=1):
        if not _LINE.match(line):
            return f"line {number} is not a setting"
    return None


def check_settings_file(path: Path) -> SettingsCheck:
    """Check ``path`` and set it aside when it cannot be read whole; never raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SettingsCheck()
    except OSError as exc:
        what = f"could not be read ({describe_os_error(exc)})"
    else:
        problem = _problem(raw)
        if problem is None:
            return SettingsCheck()
        what = f"is damaged ({problem})"
    aside = set_aside(path)
    if aside is None:
        return SettingsCheck(
            f"The window settings file {path} {what} and could not be moved aside; it is "
            "left as it is, and window sizes are not remembered in this session.",
            writable=False,
        )
    return SettingsCheck(
        f"The window settings file {path} {what}; it was kept as {aside.name} and window "
        "sizes start from their defaults."
    )
