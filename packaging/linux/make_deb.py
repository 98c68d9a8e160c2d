"""Builds the Debian package from a PyInstaller bundle (run by packaging/build_linux.sh).

    python packaging/linux/make_deb.py BUNDLE_DIR ICONS_DIR OUT_DIR

Layout: the bundle in /opt/parcellab-desk/, a /usr/bin/parcellab-desk link, the desktop
file, hicolor icons (PNG sizes and the scalable SVG), AppStream metainfo and the copyright
file. ``Depends`` names the system libraries the bundle loads from the host; the build fails
when the bundle links a host library that no declared package provides.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app_info import (
    APP_ID,
    EXECUTABLE,
    PUBLISHER,
    ROOT,
    SUMMARY,
    VERSION,
)

INSTALL_DIR: Final = f"/opt/{EXECUTABLE}"
MAINTAINER: Final = f"{PUBLISHER} <maintainers@parcellab-desk.invalid>"
RESOURCES: Final = ROOT / "resources"
DESKTOP_FILE: Final = RESOURCES / "linux" / f"{APP_ID}.desktop"
METAINFO_FILE: Final = RESOURCES / "linux" / f"{APP_ID}.metainfo.xml"
SVG_ICON: Final = RESOURCES / "icons" / f"{EXECUTABLE}.svg"

# What Qt loads from the system, offscreen and on X11/Wayland desktops. The bundle carries
# copies of several (PyInstaller collects the build host's), but the system's must exist for
# OpenGL, the display connection and fonts; apt pulls whatever a minimal system lacks.
DEPENDS: Final = (
    "libc6",  # at least the build system's glibc: see depends()
    "libglib2.0-0",
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libx11-xcb1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)
# Providers of host libraries that a declared package depends on itself (libgl1 -> libglx0 ->
# libglvnd0), so they need no line of their own.
IMPLIED: Final = frozenset({"libglx0", "libglvnd0"})
RECOMMENDS: Final = (
    "gnome-keyring | kwalletmanager",  # a Secret Service keeps tokens across restarts
    "fonts-dejavu-core",
)
HICOLOR_SIZES: Final = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def build_glibc() -> str:
    """The glibc version of this (the build) system: the bundle needs it or newer."""
    found = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
    if not found:
        raise SystemExit("not a glibc system: the .deb is built on Debian or Ubuntu")
    return found.split()[-1]


def depends(glibc: str) -> str:
    return ", ".join(f"libc6 (>= {glibc})" if d == "libc6" else d for d in DEPENDS)


def package_name(version: str, arch: str) -> str:
    return f"{EXECUTABLE}_{version}_{arch}.deb"


def control_text(version: str, arch: str, installed_kib: int, glibc: str) -> str:
    fields = {
        "Package": EXECUTABLE,
        "Version": version,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": depends(glibc),
        "Recommends": ", ".join(RECOMMENDS),
        "Section": "utils",
        "Priority": "optional",
        "Description": f"{SUMMARY}\n"
        " A desktop console for customer-service agents: find, browse, edit and track\n"
        " parcelLab orders. Includes a local sandbox with demo data.\n"
        " .\n"
        f" Self-contained: the program and its libraries live in {INSTALL_DIR}.",
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def copyright_text() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {EXECUTABLE}\n\n"
        "Files: *\n"
        f"Copyright: {PUBLISHER}\n"
        "License: MIT\n"
        " The bundle in /opt also contains Python, Qt (LGPL-3.0) and PySide6 (LGPL-3.0),\n"
        " whose licence files are kept in the bundle next to each library.\n"
    )


def _tree_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return (total + 1023) // 1024


def stage(bundle: Path, icons: Path, staging: Path, arch: str) -> Path:
    """Lays out the package's file tree under ``staging`` (replaced if it exists)."""
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    usr_bin = staging / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / EXECUTABLE).symlink_to(f"{INSTALL_DIR}/{EXECUTABLE}")
    share = staging / "usr" / "share"
    _install(DESKTOP_FILE, share / "applications" / DESKTOP_FILE.name)
    _install(METAINFO_FILE, share / "metainfo" / METAINFO_FILE.name)
    hicolor = share / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        png = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{EXECUTABLE}.png"
        _install(png, hicolor / f"{size}x{size}" / "apps" / png.name)
    _install(SVG_ICON, hicolor / "scalable" / "apps" / SVG_ICON.name)
    doc = share / "doc" / EXECUTABLE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        control_text(VERSION, arch, _tree_size_kib(staging), build_glibc()), encoding="utf-8"
    )
    for path in [staging, *staging.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
    return staging


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def host_libraries(bundle: Path) -> set[Path]:
    """Libraries outside the bundle that its binaries link (resolved with ``ldd``)."""
    internal = bundle / "_internal"
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    env = {**os.environ, "LD_LIBRARY_PATH": search}
    found: set[Path] = set()
    for binary in [*sorted(bundle.rglob("*.so*")), bundle / EXECUTABLE]:
        if not binary.is_file() or binary.is_symlink():
            continue
        done = subprocess.run(
            ["ldd", str(binary)], env=env, capture_output=True, text=True, check=False
        )
        for line in done.stdout.splitlines():
            if "not found" in line:
                raise SystemExit(f"{binary.name}: {line.strip()}")
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith("/"):
                path = Path(parts[1].split("(")[0].strip())
                if internal not in path.parents:
                    found.add(path)
    return found


def owning_packages(paths: Iterable[Path]) -> dict[Path, str]:
    """The Debian package that ships each path (usrmerge-aware: /lib is /usr/lib)."""
    owners: dict[Path, str] = {}
    for path in paths:
        candidates = [str(path), str(path.resolve())]
        candidates += [
            c.replace("/lib/", "/usr/lib/", 1) for c in candidates if c.startswith("/lib/")
        ]
        for candidate in candidates:
            done = subprocess.run(
                ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
            )
            if done.returncode == 0:
                owners[path] = done.stdout.split(":", 1)[0]
                break
    return owners


def check_depends(bundle: Path) -> None:
    """Fails when the bundle links a host library whose package ``DEPENDS`` does not name."""
    declared = {d.split()[0] for d in DEPENDS} | IMPLIED
    problems = []
    libraries = host_libraries(bundle)
    owners = owning_packages(libraries)
    for library in sorted(libraries):
        owner = owners.get(library)
        if owner is None or owner not in declared:
            problems.append(f"{library} ({owner or 'no package'})")
    if problems:
        raise SystemExit("host libraries not covered by Depends: " + ", ".join(problems))


def build(bundle: Path, icons: Path, out_dir: Path) -> Path:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    check_depends(bundle)
    staging = stage(bundle, icons, ROOT / "build" / "deb" / EXECUTABLE, arch)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / package_name(VERSION, arch)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, icons, out_dir = (Path(a) for a in args)
    print(build(bundle, icons, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
