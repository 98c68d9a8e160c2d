"""The installers' metadata and scripts, checked without freezing a bundle (fast)."""

from __future__ import annotations

import ast
import configparser
import datetime
import gzip
import hashlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import app_info
import make_deb
import pytest
import render_icons
import version_info
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import parcellab_desk
from parcellab_desk import resources
from parcellab_desk.services import paths

ROOT = app_info.ROOT
PACKAGING = ROOT / "packaging"

# The packaging scripts build Debian packages and set POSIX modes: only on Linux.
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="Debian packaging: Linux only")


def test_every_installer_takes_its_version_from_the_package() -> None:
    assert parcellab_desk.__version__ == app_info.VERSION


def test_installers_name_the_folder_the_console_reads_its_policy_from() -> None:
    assert app_info.POLICY_FOLDER == paths.APP_NAME


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("3.4.5+local.7", (3, 4, 5, 0)),
    ],
)
def test_windows_version_numbers(version: str, expected: tuple[int, int, int, int]) -> None:
    assert app_info.version_tuple(version) == expected


def test_a_version_without_numbers_is_refused() -> None:
    with pytest.raises(ValueError, match="not a release version"):
        app_info.version_tuple("dev")


def _metainfo() -> ET.Element:
    return ET.parse(make_deb.METAINFO_FILE).getroot()  # noqa: S314 - our own file


def test_metainfo_names_the_app_its_desktop_file_binary_and_icon() -> None:
    root = _metainfo()

    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == app_info.APP_ID
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == make_deb.DESKTOP_FILE.name
    assert make_deb.DESKTOP_FILE.is_file()
    assert root.findtext("provides/binary") == app_info.EXECUTABLE
    # A stock icon in metainfo is refused by appstream-util: the desktop file names it.
    assert root.find("icon") is None
    assert (root.findtext("url[@type='homepage']") or "").startswith("https://")
    assert root.findtext("project_license") == "MIT"


def test_metainfo_newest_release_is_this_version() -> None:
    releases = _metainfo().findall("releases/release")

    assert releases, "AppStream metadata lists no release"
    assert releases[0].get("version") == parcellab_desk.__version__


def test_desktop_file_starts_the_installed_program_with_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(make_deb.DESKTOP_FILE, encoding="utf-8")
    entry = parser["Desktop Entry"]

    assert entry["Type"] == "Application"
    assert entry["Exec"] == f"{app_info.EXECUTABLE} %u"  # %u: the order link it was opened for
    assert f"x-scheme-handler/{app_info.LINK_SCHEME};" in entry["MimeType"]
    assert entry["Icon"] == app_info.EXECUTABLE
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_windows_version_resource_carries_the_version() -> None:
    text = version_info.render("1.4.2")
    calls: dict[str, Any] = {}

    def record(name: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> dict[str, Any]:
            calls.setdefault(name, []).append((args, kwargs))
            return {"args": args, "kwargs": kwargs}

        return make

    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    tree = ast.parse(text, mode="eval")  # the file is one Python expression
    eval(compile(tree, "version_info.txt", "eval"), {n: record(n) for n in names})  # noqa: S307

    fixed = calls["FixedFileInfo"][0][1]
    assert fixed["filevers"] == (1, 4, 2, 0)
    assert fixed["prodvers"] == (1, 4, 2, 0)
    strings = dict(args for args, _ in calls["StringStruct"])
    assert strings["FileVersion"] == "1.4.2"
    assert strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "parcellab-desk.exe"


def test_nsis_script_takes_the_version_from_the_build() -> None:
    script = (PACKAGING / "windows" / "installer.nsi").read_text(encoding="utf-8")

    assert '!error "pass the version' in script
    assert 'VIProductVersion "${VERSION_QUAD}"' in script
    assert parcellab_desk.__version__ not in script  # never a hard-coded copy


def _nsis_function(script: str, name: str) -> str:
    start = script.index(f"Function {name}\n")
    return script[start : script.index("FunctionEnd", start)]


def test_nsis_installs_for_all_users_and_never_starts_the_console_elevated() -> None:
    script = (PACKAGING / "windows" / "installer.nsi").read_text(encoding="utf-8")

    # Run as SYSTEM by deployment tools: without this the shortcut lands in SYSTEM's menu.
    for function in (".onInit", "un.onInit"):
        assert "SetShellVarContext all" in _nsis_function(script, function)
    assert "!define MUI_FINISHPAGE_RUN_FUNCTION StartAsAgent" in script
    assert 'MUI_FINISHPAGE_RUN "' not in script  # that would start it as the admin
    assert "explorer.exe" in _nsis_function(script, "StartAsAgent")
    for section in ('Section "Install"', 'Section "Uninstall"'):
        body = script[script.index(section) :]
        first = body.splitlines()[1].strip()
        assert first.endswith("RefuseWhileRunning"), section
    assert f"Software\\Classes\\{app_info.LINK_SCHEME}" in script
    assert '\\shell\\open\\command" "" \'"$INSTDIR\\${APP_EXE}" "%1"\'' in script


def test_spec_and_hook_are_valid_python() -> None:
    for path in (PACKAGING / "parcellab_desk.spec", *(PACKAGING / "hooks").glob("hook-*.py")):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_deb_control_names_the_host_packages_and_what_qt_reads() -> None:
    depends = make_deb.depends({"libxcb1", "libgl1", "libc6"}, "2.36")
    control = make_deb.control_text("1.2.3", "amd64", 151_000, depends)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if not line.startswith(" "))

    assert fields["Package"] == "parcellab-desk"
    assert fields["Version"] == "1.2.3"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "151000"
    declared = [d.strip() for d in fields["Depends"].split(",")]
    assert declared[:3] == ["libc6 (>= 2.36)", "libgl1", "libxcb1"]
    assert "fontconfig-config" in declared  # the bundled fontconfig needs its configuration
    assert any(d.startswith("fonts-dejavu-core |") for d in declared)
    assert make_deb.package_name("1.2.3", "amd64") == "parcellab-desk_1.2.3_amd64.deb"


def test_deb_depends_always_pins_the_build_glibc() -> None:
    assert make_deb.depends(set(), "2.39")[0] == "libc6 (>= 2.39)"


def test_the_build_refuses_a_version_without_its_appstream_release() -> None:
    make_deb.check_release(parcellab_desk.__version__)
    with pytest.raises(SystemExit, match=r"newest <release> is '.*', the package is '9\.9\.9'"):
        make_deb.check_release("9.9.9")


def test_changelog_comes_from_the_newest_appstream_release() -> None:
    version, date, notes = make_deb.metainfo_release()
    text = make_deb.changelog_text()

    assert text.startswith(f"parcellab-desk ({version}) stable; urgency=medium\n\n  * ")
    assert notes.split()[0] in text
    assert f" -- {make_deb.MAINTAINER}  " in text
    day = datetime.date.fromisoformat(date)
    assert day.strftime("%d %b %Y") in text


@pytest.fixture(scope="module")
def rendered_icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    render_icons.render_all(out)
    return out


@pytest.mark.usefixtures("qapp")
def test_icons_are_rendered_in_every_size(rendered_icons: Path) -> None:
    for size in render_icons.HICOLOR_SIZES:
        image = QImage(
            str(rendered_icons / "hicolor" / f"{size}x{size}" / "apps" / "parcellab-desk.png")
        )
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    with Image.open(rendered_icons / "parcellab-desk.ico") as ico:
        assert {(s, s) for s in render_icons.ICO_SIZES} <= set(ico.info["sizes"])
    with Image.open(rendered_icons / "parcellab-desk.icns") as icns:
        assert icns.format == "ICNS"
        assert (512, 512, 2) in icns.info["sizes"]  # Retina 1024 px


@linux_only
@pytest.mark.usefixtures("qapp")
def test_deb_tree_puts_everything_where_debian_looks(rendered_icons: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "parcellab-desk").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "parcellab-desk").chmod(0o755)
    (bundle / "_internal" / "libQt6Core.so.6").write_bytes(b"\x7fELF")
    (bundle / "_internal" / "libQt6Core.so.6").chmod(0o755)  # as PyInstaller leaves them

    staging = make_deb.stage(bundle, rendered_icons, tmp_path / "staging", "amd64", ["libc6"])

    link = staging / "usr" / "bin" / "parcellab-desk"
    assert link.is_symlink()
    assert str(link.readlink()) == "/opt/parcellab-desk/parcellab-desk"
    assert (staging / "opt" / "parcellab-desk" / "parcellab-desk").stat().st_mode & 0o111
    share = staging / "usr" / "share"
    assert (share / "applications" / "com.parcellab.desk.desktop").is_file()
    assert (share / "metainfo" / "com.parcellab.desk.metainfo.xml").is_file()
    for size in render_icons.HICOLOR_SIZES:
        assert (
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "parcellab-desk.png"
        ).is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "parcellab-desk.svg").is_file()
    assert "licenses" in (share / "doc" / "parcellab-desk" / "copyright").read_text("utf-8")
    changelog = gzip.decompress((share / "doc" / "parcellab-desk" / "changelog.gz").read_bytes())
    assert changelog.decode().startswith(f"parcellab-desk ({parcellab_desk.__version__})")
    control = (staging / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert f"Version: {parcellab_desk.__version__}\n" in control
    assert (staging / "DEBIAN" / "control").stat().st_mode & 0o777 == 0o644
    # shared libraries are not programs (lintian: shared-library-is-executable)
    library = staging / "opt" / "parcellab-desk" / "_internal" / "libQt6Core.so.6"
    assert library.stat().st_mode & 0o777 == 0o644
    # md5sums: every regular file outside DEBIAN/, with its digest, as dpkg --verify reads it
    sums: dict[str, str] = {}
    for line in (staging / "DEBIAN" / "md5sums").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    files = {
        p.relative_to(staging).as_posix()
        for p in staging.rglob("*")
        if p.is_file() and not p.is_symlink() and p.relative_to(staging).parts[0] != "DEBIAN"
    }
    assert set(sums) == files
    desktop = "usr/share/applications/com.parcellab.desk.desktop"
    assert sums[desktop] == hashlib.md5((staging / desktop).read_bytes()).hexdigest()  # noqa: S324


def test_resources_are_found_in_a_checkout() -> None:
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.resource_path(resources.APP_ICON).is_file()


def test_resources_inside_a_bundle_win_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    icon = tmp_path / "resources" / resources.APP_ICON
    icon.parent.mkdir(parents=True)
    icon.write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.resources_dir() == tmp_path / "resources"


def test_a_missing_resource_is_named(tmp_path: Path) -> None:
    with pytest.raises(resources.ResourceNotFoundError, match=r"translations/none\.qm"):
        resources.resource_path("translations/none.qm")


def test_app_icon_renders(qapp: QApplication) -> None:
    icon = resources.app_icon()

    assert not icon.pixmap(48, 48).isNull()
