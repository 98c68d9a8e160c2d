"""Makes the environment the installers' bundle is frozen from: runtime dependencies only.

    python packaging/freeze_env.py ENV_DIR SBOM_FILE

A developer's ``.venv`` also holds the test and lint tools, and some of them change what
the bundle carries: httpx imports its command-line module when rich, click and pygments are
installed (PyInstaller then bundles them, and every start pays for the import). So the
bundle is frozen from a separate virtual environment that has what ``pyproject.toml``'s
``dependencies`` name, then PyInstaller and Pillow (the ``freeze`` extra: build tools the
spec uses, never imported by the console). The environment has no pip of its own: this
script's interpreter installs into it (``pip --python``).

Before the build tools go in, it writes a CycloneDX SBOM of the runtime environment
(``cyclonedx-py``, from the ``packaging`` extra) and adds what the Python packages do not
list: the Python interpreter, and the OpenSSL, SQLite, Qt and ICU versions the bundle
carries. Prints the environment's Python. Reused while pyproject.toml and the interpreter
stay the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
import venv
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_info import ROOT, VERSION

PYPROJECT: Final = ROOT / "pyproject.toml"
STAMP: Final = ".parcellab-desk-freeze-env"
ENV_SBOM: Final = "runtime.cdx.json"  # written when the environment is made

# Run inside the frozen environment's interpreter: the native libraries it brings.
_PROBE: Final = r"""
import json, platform, re, sqlite3, ssl, sys
from pathlib import Path
import PySide6
from PySide6.QtCore import qVersion
lib = Path(PySide6.__file__).parent / "Qt" / "lib"
icu = sorted({m.group(1) for p in lib.glob("libicuuc*") if (m := re.search(r"(\d+)", p.name))})
print(json.dumps({
    "python": platform.python_version(),
    "openssl": ssl.OPENSSL_VERSION.split()[1],
    "sqlite": sqlite3.sqlite_version,
    "qt": qVersion(),
    "icu": icu[0] if icu else None,
}))
"""


def env_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _stamp() -> str:
    digest = hashlib.sha256(PYPROJECT.read_bytes())
    digest.update(sys.version.encode())
    digest.update(VERSION.encode())
    return digest.hexdigest()


def _pip(python: Path, *args: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *args,
        ],
        check=True,
        cwd=ROOT,
    )


def freeze_requirements() -> list[str]:
    """The ``freeze`` extra: the build tools the spec runs (PyInstaller, Pillow)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return list(project["optional-dependencies"]["freeze"])


def native_components(python: Path) -> list[dict[str, Any]]:
    """CycloneDX components for what the bundle carries beside the Python packages."""
    found = json.loads(
        subprocess.run(
            [str(python), "-c", _PROBE], check=True, capture_output=True, text=True
        ).stdout
    )
    names = {
        "python": ("CPython", "PSF-2.0", "pkg:generic/python@{v}"),
        "openssl": ("OpenSSL", "Apache-2.0", "pkg:generic/openssl@{v}"),
        "sqlite": ("SQLite", None, "pkg:generic/sqlite@{v}"),  # public domain
        "qt": ("Qt", "LGPL-3.0-only", "pkg:generic/qt@{v}"),
        "icu": ("ICU", "Unicode-3.0", "pkg:generic/icu@{v}"),
    }
    components = []
    for key, (name, licence, purl) in names.items():
        version = found.get(key)
        if not version:
            continue  # e.g. no ICU in the Qt wheel: Windows and macOS use the system's
        component: dict[str, Any] = {
            "type": "library",
            "bom-ref": f"native:{key}",
            "name": name,
            "version": version,
            "purl": purl.format(v=version),
            "description": "carried by the bundle (native library)",
        }
        if licence:
            component["licenses"] = [{"license": {"id": licence}}]
        components.append(component)
    return components


def write_sbom(python: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cyclonedx_py",
            "environment",
            "--pyproject",
            str(PYPROJECT),
            "--output-format",
            "JSON",
            "--output-reproducible",
            "--output-file",
            str(target),
            str(python),
        ],
        check=True,
        cwd=ROOT,
    )
    bom = json.loads(target.read_text(encoding="utf-8"))
    bom.setdefault("components", []).extend(native_components(python))
    main = bom.get("metadata", {}).get("component")
    if isinstance(main, dict):
        main["version"] = VERSION
    target.write_text(json.dumps(bom, indent=2) + "\n", encoding="utf-8")
    return target


def make(env: Path, sbom: Path) -> Path:
    """The environment at ``env`` (made or reused) and its SBOM at ``sbom``."""
    python = env_python(env)
    stamp = env / STAMP
    if not (python.exists() and stamp.is_file() and stamp.read_text() == _stamp()):
        venv.EnvBuilder(clear=True, with_pip=False).create(env)
        _pip(python, ".")  # the console and its runtime dependencies, nothing else
        write_sbom(python, env / ENV_SBOM)
        _pip(python, *freeze_requirements())
        stamp.write_text(_stamp())
    # The spec puts the checkout first on the path: the bundle gets this checkout's code
    # even when the environment's own copy is older.
    sbom.parent.mkdir(parents=True, exist_ok=True)
    sbom.write_bytes((env / ENV_SBOM).read_bytes())
    return python


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(make(Path(args[0]).resolve(), Path(args[1]).resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
