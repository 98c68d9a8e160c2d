"""The frozen bundle, built from the spec the installers use, passes its own self-test.

This freezes a real one-folder bundle with PyInstaller (about half a minute on two cores) into
a temporary folder, so a spec or hook change that leaves something out (uvicorn's dynamic
imports, tzdata, the SVG plugins, keyring's backends) fails here rather than on an agent's PC.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import app_info
import pytest

import parcellab_desk

# Freezing takes most of a minute: the default run leaves it out; `./dev test -m bundle` (the
# packaging CI step) selects it.
pytestmark = pytest.mark.bundle

SIZE_LIMIT_MIB = 200  # ~150 MiB today; WebEngine or GTK sneaking in would break it


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(  # noqa: S603 - our interpreter, our spec
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "pyi-work"),
            str(app_info.ROOT / "packaging" / "parcellab_desk.spec"),
        ],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out / "dist" / app_info.EXECUTABLE


@pytest.mark.timeout(600)
def test_bundle_passes_its_self_test_headless(bundle: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test goes offscreen on its own
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result = tmp_path / "result.txt"

    done = subprocess.run(  # noqa: S603
        [str(bundle / app_info.EXECUTABLE), "--self-test", "--self-test-output", str(result)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    line = result.read_text(encoding="utf-8").strip()
    assert line == done.stdout.strip()
    assert line.startswith(
        f"self-test passed: parcellab-desk {parcellab_desk.__version__} (bundle);"
    )
    assert "icon 256x256" in line
    assert "Europe/Berlin ok" in line
    assert "client read 25 orders" in line


@pytest.mark.timeout(600)
def test_bundle_leaves_out_what_the_console_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    files = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.name for p in files}

    assert (internal / "resources" / "icons" / "parcellab-desk.svg").is_file()
    assert (internal / "tzdata" / "zoneinfo" / "Europe" / "Berlin").is_file()
    assert not any(n.startswith(("libqgtk3", "libgtk-3", "libgdk-3")) for n in names)
    assert not any("WebEngine" in n or "Qt6Qml" in n or "Qt6Quick" in n for n in names)
    assert not (internal / "pytest").exists()
    assert not (internal / "pycountry" / "locales").exists()
    size_mib = sum(p.stat().st_size for p in files) / 2**20
    assert size_mib < SIZE_LIMIT_MIB
