"""What every installer says about the app: one place for names, ids and the version.

The version comes from ``parcellab_desk.__version__`` (the single source); everything else
here is the installers' own vocabulary.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, before the package is installed
    sys.path.insert(0, str(ROOT))

from parcellab_desk import __version__  # noqa: E402
from parcellab_desk.links import LINK_SCHEME  # noqa: E402 - stdlib only, like __init__

VERSION: Final = __version__  # the single source: parcellab_desk/__init__.py
APP_ID: Final = "com.parcellab.desk"  # reverse-DNS: AppStream id, macOS bundle id
EXECUTABLE: Final = "parcellab-desk"  # program, .deb package, /usr/bin link, icon name
DISPLAY_NAME: Final = "parcelLab order console"
BUNDLE_NAME: Final = "parcelLab Desk"  # the macOS .app and the Windows Start menu entry
PUBLISHER: Final = "parcellab_desk maintainers"
SUMMARY: Final = "Desktop order console for parcelLab's track/orders API"
COPYRIGHT: Final = "Copyright (c) parcellab_desk maintainers, MIT licence"
MACOS_MINIMUM: Final = "14.0"  # PySide6 6.12's macOS wheels need macOS 14 or newer
# The folder of the machine-wide policy file (/etc/<it>, %ProgramData%\<it>, ...) and the
# registry key the Windows installers own (Software\<it>).
# (parcellab_desk.services.paths.APP_NAME, spelled out: this module runs without the
# console's dependencies, e.g. where the MSI is built from a Windows bundle.)
POLICY_FOLDER: Final = "parcellab_desk"

__all__ = [
    "APP_ID",
    "BUNDLE_NAME",
    "COPYRIGHT",
    "DISPLAY_NAME",
    "EXECUTABLE",
    "LINK_SCHEME",
    "MACOS_MINIMUM",
    "POLICY_FOLDER",
    "PUBLISHER",
    "ROOT",
    "SUMMARY",
    "VERSION",
    "version_tuple",
]


def version_tuple(version: str = VERSION) -> tuple[int, int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3, 0)``: the four numbers Windows version resources hold
    (a pre-release suffix such as ``rc1`` is dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+", 1)[0])[:3]]
    if not numbers or not re.match(r"\d", version):
        raise ValueError(f"not a release version: {version!r}")
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


if __name__ == "__main__":  # for scripts: the version, or with --quad the Windows form
    print(".".join(map(str, version_tuple())) if sys.argv[1:] == ["--quad"] else VERSION)
