"""The frozen bundle, built the way the installers build it, passes its own self-test and
carries the console's runtime only.

This makes the runtime-only environment (packaging/freeze_env.py: the project's dependencies,
then PyInstaller) and freezes a real one-folder bundle from it into a temporary folder (about
a minute and a half on two cores), so a spec or hook change that leaves something out
(uvicorn's dynamic imports, tzdata, the SVG plugins, keyring's backends, the licence texts)
or lets a development tool in fails here rather than on an agent's PC.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import app_info
import freeze_env
import pytest

import parcellab_desk

# Freezing takes most of a minute: the default run leaves it out; `./dev test -m bundle` (the
# packaging CI step) selects it.
pytestmark = pytest.mark.bundle

SIZE_LIMIT_MIB = 200  # ~148 MiB today; WebEngine or GTK sneaking in would break it
# Top-level modules of test, lint and build tools, and of the libraries only they pull in
# (httpx's command line: rich, pygments, markdown-it): none may be in the bundle.
DEVELOPMENT_MODULES = frozenset(
    {
        "pytest",
        "_pytest",
        "pytestqt",
        "pytest_asyncio",
        "pytest_timeout",
        "hypothesis",
        "schemathesis",
        "mypy",
        "ruff",
        "PyInstaller",
        "setuptools",
        "pkg_resources",
        "_distutils_hack",
        "pip",
        "wheel",
        "pygments",
        "rich",
        "markdown_it",
        "mdurl",
        "PIL",
        "cyclonedx",
        "IPython",
        "yaml",
    }
)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the bundle folder, the interpreter of the environment it was frozen from)."""
    out = tmp_path_factory.mktemp("pyinstaller")
    python = freeze_env.make(out / "env", out / "sbom.cdx.json")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(  # noqa: S603 - our interpreter, our spec
        [
            str(python),
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
    return out / "dist" / app_info.EXECUTABLE, python


@pytest.fixture(scope="module")
def bundle(frozen: tuple[Path, Path]) -> Path:
    return frozen[0]


@pytest.mark.timeout(900)
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


@pytest.mark.timeout(900)
def test_bundle_holds_no_development_tool(frozen: tuple[Path, Path]) -> None:
    bundle, python = frozen
    viewer = python.parent / ("pyi-archive_viewer" + (".exe" if os.name == "nt" else ""))
    listing = subprocess.run(  # noqa: S603
        [str(viewer), "--recursive", "--brief", str(bundle / app_info.EXECUTABLE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    modules = {line.strip() for line in listing.splitlines() if line.startswith(" ")}
    top_level = {name.split(".")[0] for name in modules}
    on_disk = {p.name for p in (bundle / "_internal").iterdir()}

    assert {"parcellab_desk", "httpx", "PySide6", "uvicorn"} <= top_level  # the listing works
    assert not top_level & DEVELOPMENT_MODULES
    assert not {name.split("-")[0] for name in on_disk} & DEVELOPMENT_MODULES
    # httpx's command line (httpx._main) is collected, but without rich and pygments its
    # import stops at once, so it costs nothing at start


@pytest.mark.timeout(900)
def test_bundle_carries_the_licence_texts(bundle: Path) -> None:
    licenses = bundle / "_internal" / "licenses"
    index = json.loads((licenses / "index.json").read_text(encoding="utf-8"))
    names = {entry["name"] for entry in index}

    assert {"Python", "Qt", "OpenSSL", "ICU", "SQLite", "httpx", "PySide6_Essentials"} <= names
    for entry in index:
        assert entry["files"], entry["name"]
        for file in entry["files"]:
            assert (licenses / file).is_file(), file
    lgpl = (licenses / "Qt" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl
    assert "Replacing the Qt libraries" in (licenses / "Qt" / "Qt.txt").read_text("utf-8")


@pytest.mark.timeout(900)
def test_bundle_leaves_out_what_the_console_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    files = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.name for p in files}

    assert (internal / "resources" / "icons" / "parcellab-desk.svg").is_file()
    assert (internal / "tzdata" / "zoneinfo" / "Europe" / "Berlin").is_file()
    assert not any(n.startswith(("libqgtk3", "libgtk-3", "libgdk-3")) for n in names)
    assert not any("WebEngine" in n or "Qt6Qml" in n or "Qt6Quick" in n for n in names)
    # QtNetwork is there for QLocalServer only: none of its plugins and what they drag in
    assert not (internal / "PySide6" / "Qt" / "plugins" / "networkinformation").exists()
    assert not (internal / "PySide6" / "Qt" / "plugins" / "tls").exists()
    assert not any(n.startswith(("libgio-2.0", "libmount", "libblkid")) for n in names)
    assert not (internal / "pycountry" / "locales").exists()
    size_mib = sum(p.stat().st_size for p in files) / 2**20
    assert size_mib < SIZE_LIMIT_MIB
