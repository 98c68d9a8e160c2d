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
from parcellab_desk.wording import translate

_LINE: Final = re.compile(r"^(?:\s*|\s*[;#].*|\s*\[[^\]\n]*\]\s*|[^=\[\n][^=\n]*=.*)$")


@dataclass(frozen=True, slots=True)
class SettingsCheck:
    """What the check found. ``notice`` words it when read, so it comes out in the language
    installed by then (the check runs before Qt may read the file, and so before the agent's
    language, which is stored in it, is known)."""

    writable: bool = True  # False: Qt must not write this file in this run
    path: Path | None = None  # the file found unreadable or damaged; None: all is well
    error: str | None = None  # unreadable: the system's words
    bad_line: int | None = None  # damaged: the first line that is no setting (0: not text)
    kept_as: str | None = None  # the name it was set aside under; None: it could not be

    @property
    def notice(self) -> str | None:
        """One sentence for the agent, or None: all is well."""
        if self.path is None:
            return None
        if self.error is not None:
            what = translate("SettingsFile", "could not be read ({reason})").format(
                reason=self.error
            )
        elif self.bad_line:
            what = translate("SettingsFile", "is damaged (line {number} is not a setting)")
            what = what.format(number=self.bad_line)
        else:
            what = translate("SettingsFile", "is damaged (it is not text)")
        if self.kept_as is None:
            return translate(
                "SettingsFile",
                "The window settings file {path} {what} and could not be moved aside; it is "
                "left as it is, and window sizes are not remembered in this session.",
            ).format(path=self.path, what=what)
        return translate(
            "SettingsFile",
            "The window settings file {path} {what}; it was kept as {name} and window sizes "
            "start from their defaults.",
        ).format(path=self.path, what=what, name=self.kept_as)


def _bad_line(text: bytes) -> int | None:
    """None when every line is a setting; else the first that is not (0: it is not text)."""
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    if "\x00" in decoded:
        return 0
    for number, line in enumerate(decoded.splitlines(), start=1):
        if not _LINE.match(line):
            return number
    return None


def check_settings_file(path: Path) -> SettingsCheck:
    """Check ``path`` and set it aside when it cannot be read whole; never raises."""
    error: str | None = None
    bad_line: int | None = None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SettingsCheck()
    except OSError as exc:
        error = describe_os_error(exc)
    else:
        bad_line = _bad_line(raw)
        if bad_line is None:
            return SettingsCheck()
    aside = set_aside(path)
    if aside is None:
        return SettingsCheck(writable=False, path=path, error=error, bad_line=bad_line)
    return SettingsCheck(path=path, error=error, bad_line=bad_line, kept_as=aside.name)
