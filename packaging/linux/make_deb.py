"""Builds the Debian package from a PyInstaller bundle (run by packaging/build_linux.sh).

    python packaging/linux/make_deb.py BUNDLE_DIR ICONS_DIR OUT_DIR

Layout: the bundle in /opt/parcellab-desk/, a /usr/bin/parcellab-desk link, the desktop
file, hicolor icons (PNG sizes and the scalable SVG), AppStream metainfo and the copyright
file. ``Depends`` names the system libraries the bundle loads from the host; the build fails
when the bundle links a host library that no declared package provides.
"""

from __future__ import annotations

import datetime
import email.utils
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
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
LICENSES_DIR: Final = f"{INSTALL_DIR}/_internal/licenses"

# Depends is what the bundle loads from the system and does not carry: the packages that own
# the host libraries its binaries link (found with ldd at build time, see host_depends), and
# what no binary links but Qt reads at run time. The bundle carries most of Qt's X11, font
# and D-Bus libraries itself (PyInstaller copies them from the build host), so they are not
# listed. Checked by starting the app in a minimal Debian root
# (packaging/linux/check_minimal_root.sh).
RUNTIME_DEPENDS: Final = (
    # The bundled libfontconfig needs a configuration (/etc/fonts) and at least one font,
    # or every label is blank.
    "fontconfig-config",
    "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",
)
RECOMMENDS: Final = (
    "gnome-keyring | kwalletmanager",  # a Secret Service keeps tokens across restarts
    "xdg-utils",  # opens web links and registers the parcellab-desk:// scheme handler
)
HICOLOR_SIZES: Final = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def build_glibc() -> str:
    """The glibc version of this (the build) system: the bundle needs it or newer."""
    try:
        found = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
    except (ValueError, OSError, AttributeError):  # macOS refuses the name, Windows lacks it
        found = None
    if not found:
        raise SystemExit("not a glibc system: the .deb is built on Debian or Ubuntu")
    return found.split()[-1]


def depends(host_packages: Iterable[str], glibc: str) -> list[str]:
    """Depends: the packages of the host libraries (libc6 with the build's glibc as the
    minimum), then what Qt reads at run time without linking it."""
    packages = sorted(set(host_packages) | {"libc6"})
    versioned = [f"libc6 (>= {glibc})" if p == "libc6" else p for p in packages]
    return [*versioned, *RUNTIME_DEPENDS]


def package_name(version: str, arch: str) -> str:
    return f"{EXECUTABLE}_{version}_{arch}.deb"


def control_text(version: str, arch: str, installed_kib: int, depends: Sequence[str]) -> str:
    fields = {
        "Package": EXECUTABLE,
        "Version": version,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(depends),
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
        "License: MIT\n\n"
        f"Files: {INSTALL_DIR}/_internal/*\n"
        "Copyright: see each component's licence files\n"
        "License: various\n"
        " The bundle also carries Python (PSF-2.0), Qt and PySide6 (LGPL-3.0-only),\n"
        " OpenSSL (Apache-2.0), ICU (Unicode-3.0), SQLite (public domain) and the Python\n"
        " libraries the program uses. Their licence texts, and how to replace the Qt\n"
        f" libraries, are in {LICENSES_DIR}/\n"
        f" (index.json lists every component), and in Help > Third-party licences.\n"
    )


def metainfo_release(metainfo: Path = METAINFO_FILE) -> tuple[str, str, str]:
    """The newest AppStream release: (version, date, first paragraph of its notes)."""
    root = ET.parse(metainfo).getroot()  # noqa: S314 - our own file
    release = root.find("releases/release")
    if release is None:
        raise SystemExit(f"{metainfo.name} lists no <release>")
    notes = " ".join((release.findtext("description/p") or "").split())
    return release.get("version", ""), release.get("date", ""), notes


def check_release(version: str = VERSION, metainfo: Path = METAINFO_FILE) -> None:
    """The metainfo's newest release must be the version being built."""
    newest, _date, _notes = metainfo_release(metainfo)
    if newest != version:
        raise SystemExit(
            f"{metainfo.name}: the newest <release> is {newest!r}, the package is {version!r}; "
            f'add a <release version="{version}"> first'
        )


def changelog_text(version: str = VERSION, metainfo: Path = METAINFO_FILE) -> str:
    """A Debian changelog entry from the newest AppStream release (one source of notes)."""
    _newest, date, notes = metainfo_release(metainfo)
    day = datetime.date.fromisoformat(date) if date else datetime.date.today()
    stamp = email.utils.format_datetime(
        datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    )
    wrapped = textwrap.fill(notes or "New release.", width=76, subsequent_indent="    ")
    return (
        f"{EXECUTABLE} ({version}) stable; urgency=medium\n\n"
        f"  * {wrapped}\n\n"
        f" -- {MAINTAINER}  {stamp}\n"
    )


def _tree_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return (total + 1023) // 1024


def md5sums_text(staging: Path) -> str:
    """DEBIAN/md5sums: every regular file of the package (dpkg --verify checks them)."""
    lines = []
    for path in sorted(staging.rglob("*")):
        relative = path.relative_to(staging)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()  # noqa: S324 - dpkg's format
        lines.append(f"{digest}  {relative.as_posix()}\n")
    return "".join(lines)


def stage(bundle: Path, icons: Path, staging: Path, arch: str, depends: Sequence[str] = ()) -> Path:
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
    changelog = gzip.compress(changelog_text().encode("utf-8"), compresslevel=9, mtime=0)
    (doc / "changelog.gz").write_bytes(changelog)
    debian = staging / "DEBIAN"
    debian.mkdir()
    for path in [staging, *staging.rglob("*")]:
        if not path.is_symlink():
            path.chmod(_mode(path))
    (debian / "md5sums").write_text(md5sums_text(staging), encoding="utf-8")
    (debian / "control").write_text(
        control_text(VERSION, arch, _tree_size_kib(staging), depends), encoding="utf-8"
    )
    for name in ("md5sums", "control"):
        (debian / name).chmod(0o644)
    return staging


def _mode(path: Path) -> int:
    """Folders and programs 0755; data and shared libraries 0644 (libraries are mapped,
    not run: Debian policy 8.1 and lintian)."""
    if path.is_dir():
        return 0o755
    if ".so" in path.suffixes or path.name.endswith(".so"):
        return 0o644
    return 0o755 if path.stat().st_mode & 0o111 else 0o644


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


def host_depends(bundle: Path) -> set[str]:
    """The packages owning the host libraries the bundle links; fails for a library no
    package owns (it would be missing on the agents' machines)."""
    libraries = host_libraries(bundle)
    owners = owning_packages(libraries)
    unowned = sorted(str(library) for library in libraries if library not in owners)
    if unowned:
        raise SystemExit("host libraries that no Debian package provides: " + ", ".join(unowned))
    return {owner.split(":")[0] for owner in owners.values()}


def build(bundle: Path, icons: Path, out_dir: Path) -> Path:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    check_release()
    control_depends = depends(host_depends(bundle), build_glibc())
    staging = stage(bundle, icons, ROOT / "build" / "deb" / EXECUTABLE, arch, control_depends)
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
