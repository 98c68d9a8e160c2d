"""Tells, before Qt is loaded, whether a window can be shown here.

Qt aborts with a long plugin message when no display exists; an agent (or an IT admin over
SSH) should get one clear line that says what to do instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb"})


def missing_display_reason(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """None when a window can be shown; otherwise one line saying why not and what to do."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if qpa in HEADLESS_PLATFORMS:
        return None
    if not plat.startswith("linux") and not plat.startswith("freebsd"):
        return None  # Windows and macOS always have their window system.
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "parcellab-desk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Run it on a desktop session, under 'xvfb-run parcellab-desk', "
        "or headless with QT_QPA_PLATFORM=offscreen."
    )
