"""Writes the Windows version resource (``version_info.txt``) PyInstaller embeds in the .exe.

    python packaging/windows/version_info.py OUT_FILE

The spec calls ``write()`` itself on every build, so the numbers always come from
``parcellab_desk.__version__``; run it by hand only to look at the result.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app_info import (
    COPYRIGHT,
    DISPLAY_NAME,
    EXECUTABLE,
    PUBLISHER,
    VERSION,
    version_tuple,
)

_TEMPLATE = """\
# UTF-8
# Generated from parcellab_desk.__version__ by packaging/windows/version_info.py.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
        StringStruct('CompanyName', {publisher!r}),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {version!r}),
        StringStruct('InternalName', {executable!r}),
        StringStruct('LegalCopyright', {copyright!r}),
        StringStruct('OriginalFilename', {original!r}),
        StringStruct('ProductName', {description!r}),
        StringStruct('ProductVersion', {version!r})
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def render(version: str = VERSION) -> str:
    return _TEMPLATE.format(
        numbers=version_tuple(version),
        publisher=PUBLISHER,
        description=DISPLAY_NAME,
        version=version,
        executable=EXECUTABLE,
        copyright=COPYRIGHT,
        original=f"{EXECUTABLE}.exe",
    )


def write(target: Path, version: str = VERSION) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(version), encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(write(Path(sys.argv[1])))
