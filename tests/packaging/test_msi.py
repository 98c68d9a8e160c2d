"""The MSI: built with wixl from a stand-in Windows bundle, its tables read back with msiinfo.

The real bundle is frozen on Windows; what the MSI does with it (where files go, the
upgrade rule, the shortcut, the link scheme, the uninstall entry's icon) is all in the
tables, which msitools reads here in a fraction of a second.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import app_info
import make_msi
import pytest

import parcellab_desk

# wixl and msiinfo are Debian's (the `dev` script installs them); the Windows job installs the
# MSI for real instead.
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="msitools: built on Linux")

# What Windows Installer's registry table calls HKEY_LOCAL_MACHINE.
HKLM = "2"
# msidbComponentAttributes64bit: installed into the 64-bit views of the file system/registry.
COMPONENT_64BIT = 256

Table = Callable[[str], list[dict[str, str]]]


def _table(msi: Path, name: str) -> list[dict[str, str]]:
    """One table as rows of column -> value (msiinfo's .idt export: names, types, keys)."""
    done = subprocess.run(  # noqa: S603
        ["msiinfo", "export", str(msi), name],  # noqa: S607 - msitools' tool, from PATH
        check=True,
        capture_output=True,
        text=True,
    )
    columns, _types, _keys, *rows = done.stdout.splitlines()
    names = columns.split("\t")
    return [dict(zip(names, row.split("\t"), strict=True)) for row in rows if row]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("msi")
    bundle = root / "bundle"
    (bundle / "_internal" / "PySide6").mkdir(parents=True)
    (bundle / make_msi.EXE_NAME).write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "python313.dll").write_bytes(b"MZ")
    (bundle / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ")
    (bundle / "_internal" / "licenses").mkdir()
    (bundle / "_internal" / "licenses" / "Qt LGPL-3.0.txt").write_text("LGPL", encoding="utf-8")
    icon = root / "app.ico"
    icon.write_bytes((app_info.ROOT / "resources" / "icons" / "parcellab-desk.svg").read_bytes())
    return make_msi.build(bundle, icon, root / "out" / make_msi.msi_name())


@pytest.fixture
def table(msi: Path) -> Table:
    return lambda name: _table(msi, name)


def test_msi_carries_the_package_version_and_the_fixed_upgrade_code(table: Table) -> None:
    properties = {row["Property"]: row["Value"] for row in table("Property")}

    assert properties["ProductVersion"] == make_msi.product_version(parcellab_desk.__version__)
    assert properties["ProductName"] == app_info.BUNDLE_NAME
    assert properties["UpgradeCode"] == "{" + make_msi.UPGRADE_CODE + "}"
    assert properties["ALLUSERS"] == "1"  # per machine: SYSTEM installs it for every agent
    assert properties["ARPPRODUCTICON"] == make_msi.ICON_ID


def test_msi_replaces_older_versions_and_refuses_a_downgrade(table: Table) -> None:
    upgrades = {row["ActionProperty"]: row for row in table("Upgrade")}
    actions = {row["Action"] for row in table("InstallExecuteSequence")}

    older = upgrades["WIX_UPGRADE_DETECTED"]
    assert older["VersionMax"] == make_msi.product_version()
    assert older["VersionMin"] == ""
    assert upgrades["WIX_DOWNGRADE_DETECTED"]["VersionMin"] == make_msi.product_version()
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= actions


def test_msi_installs_every_bundle_file_into_program_files(table: Table) -> None:
    directories = {row["Directory"]: row for row in table("Directory")}
    files = {row["FileName"]: row for row in table("File")}
    components = {row["Component"]: row for row in table("Component")}

    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == app_info.BUNDLE_NAME
    # long names that are not 8.3 are stored as "SHORT~1|long name"
    names = {name.split("|")[-1] for name in files}
    assert names == {make_msi.EXE_NAME, "python313.dll", "Qt6Core.dll", "Qt LGPL-3.0.txt"}
    exe = next(row for name, row in files.items() if name.endswith(make_msi.EXE_NAME))
    assert components[exe["Component_"]]["Directory_"] == "INSTALLDIR"
    assert all(int(c["Attributes"]) & COMPONENT_64BIT for c in components.values())


def test_msi_puts_the_shortcut_in_the_all_users_start_menu(table: Table) -> None:
    (shortcut,) = table("Shortcut")

    assert shortcut["Directory_"] == "ProgramMenuFolder"  # all users' menu, as ALLUSERS=1
    assert shortcut["Name"] == app_info.BUNDLE_NAME
    assert shortcut["Target"] == f"[INSTALLDIR]{make_msi.EXE_NAME}"


def test_msi_registers_the_order_link_scheme(table: Table) -> None:
    registry = {(row["Key"].rstrip("\\"), row["Name"]): row for row in table("Registry")}
    key = rf"Software\Classes\{app_info.LINK_SCHEME}"

    assert all(row["Root"] == HKLM for row in registry.values())
    assert (key, "URL Protocol") in registry
    command = registry[(rf"{key}\shell\open\command", "")]["Value"]
    assert command == f'"[INSTALLDIR]{make_msi.EXE_NAME}" "%1"'


def test_component_ids_stay_the_same_across_builds(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / make_msi.EXE_NAME).write_bytes(b"MZ")
    icon = tmp_path / "app.ico"

    first = make_msi.wxs_text(bundle, icon, "1.0.0")
    again = make_msi.wxs_text(bundle, icon, "1.2.0")

    guids = [line for line in first.splitlines() if "Guid=" in line]
    assert guids
    assert guids == [line for line in again.splitlines() if "Guid=" in line]


def test_a_folder_without_the_program_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"holds no parcellab-desk\.exe"):
        make_msi.wxs_text(tmp_path, tmp_path / "app.ico")
