"""Collects the licence texts of everything the bundle carries into one folder.

    python packaging/collect_licenses.py OUT_DIR

Run by the spec with the interpreter the bundle is frozen from (the runtime-only
environment, see freeze_env.py). Writes:

- ``OUT_DIR/<distribution>-<version>/...``: the licence files of every Python distribution
  ``parcellab-desk`` needs at run time (its requirements, followed recursively, markers
  evaluated for this platform): the files the wheel lists as ``License-File`` or that are
  named LICENSE / COPYING / NOTICE / AUTHORS;
- ``OUT_DIR/Python-<version>/LICENSE.txt``: the interpreter's PSF licence;
- the texts no wheel carries, from ``packaging/licenses/``: Qt's LGPL-3.0 (and the GPL-3.0 it
  refers to) with the notice on replacing the Qt libraries, OpenSSL, ICU, SQLite;
- ``OUT_DIR/index.json``: one entry per component (name, version, licence, files), what
  Help > Third-party licences lists.

Fails when a runtime distribution ships no licence text at all: the bundle would then carry
code whose licence it cannot show.
"""

from __future__ import annotations

import json
import platform
import re
import shutil
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE: Final = Path(__file__).resolve().parent
VENDORED: Final = HERE / "licenses"
ROOT_DISTRIBUTION: Final = "parcellab-desk"
INDEX: Final = "index.json"
_LICENCE_NAME: Final = re.compile(r"^(licen[cs]e|copying|notice|authors)", re.IGNORECASE)

# The components no wheel describes: (name, licence, files from packaging/licenses/).
NATIVE: Final = (
    ("Qt", "LGPL-3.0-only", ("Qt.txt", "LGPL-3.0.txt", "GPL-3.0.txt")),
    ("OpenSSL", "Apache-2.0", ("OpenSSL.txt", "Apache-2.0.txt")),
    ("ICU", "Unicode-3.0", ("ICU.txt",)),
    ("SQLite", "Public domain", ("SQLite.txt",)),
)


# Wheels without a licence file whose licence one of NATIVE's texts is.
QT_TEXTS: Final = ("Qt.txt", "LGPL-3.0.txt", "GPL-3.0.txt")
COVERED: Final = {"pyside6-essentials": QT_TEXTS, "pyside6": QT_TEXTS, "shiboken6": QT_TEXTS}


def runtime_distributions(root: str = ROOT_DISTRIBUTION) -> list[metadata.Distribution]:
    """``root`` and what it needs at run time on this platform, each once, sorted by name."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = canonicalize_name(pending.pop())
        if name in found:
            continue
        dist = metadata.distribution(name)
        found[name] = dist
        for text in dist.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    found.pop(canonicalize_name(root))
    return sorted(found.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def licence_files(dist: metadata.Distribution) -> Iterator[tuple[str, Path]]:
    """(name inside the output folder, file) for each licence file of ``dist``."""
    declared = set(dist.metadata.get_all("License-File") or ())
    seen = set()
    for entry in dist.files or ():
        name = entry.name
        in_licenses = "licenses" in entry.parts[:-1] and ".dist-info" in entry.parts[0]
        if name in declared or in_licenses or _LICENCE_NAME.match(name):
            path = Path(str(entry.locate()))
            if path.is_file() and path.suffix not in (".py", ".pyc", ".so", ".pyd"):
                relative = "/".join(entry.parts[1:]) if in_licenses else name
                if relative not in seen:
                    seen.add(relative)
                    yield relative, path


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    text = meta.get("License") or ""
    if text and len(text) < 80 and "\n" not in text:
        return str(text)
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in meta.get_all("Classifier") or ()
        if c.startswith("License ::")
    ]
    return ", ".join(classifiers) or "see the licence file"


def python_licence() -> Path:
    """The interpreter's LICENSE.txt (python.org, pyenv and setup-python builds have it)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for candidate in (
        stdlib / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
        Path(sys.base_prefix) / "share" / "doc" / "python3" / "copyright",
    ):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"no LICENSE.txt found for the Python interpreter in {sys.base_prefix}")


def collect(out: Path) -> list[dict[str, Any]]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    index: list[dict[str, Any]] = []

    def add(
        name: str,
        version: str,
        licence: str,
        files: Sequence[tuple[str, Path]],
        shared: Sequence[str] = (),
    ) -> None:
        folder = f"{name}-{version}" if version else name
        names = list(shared)
        for relative, source in files:
            target = out / folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            names.append(f"{folder}/{relative}")
        index.append({"name": name, "version": version, "licence": licence, "files": names})

    python = python_licence()
    add("Python", platform.python_version(), "PSF-2.0", [("LICENSE.txt", python)])
    missing = []
    for dist in runtime_distributions():
        files = list(licence_files(dist))
        # PySide6's wheels carry no licence file: they point at the Qt texts
        shared = [
            f"Qt/{text}" for text in COVERED.get(canonicalize_name(dist.metadata["Name"]), ())
        ]
        if not files and not shared:
            missing.append(dist.metadata["Name"])
        add(dist.metadata["Name"], dist.version, licence_of(dist), files, shared)
    for name, licence, texts in NATIVE:
        add(name, "", licence, [(text, VENDORED / text) for text in texts])
    if missing:
        raise SystemExit("no licence text in these distributions: " + ", ".join(missing))
    (out / INDEX).write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    return index


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    index = collect(Path(args[0]))
    print(f"{len(index)} components, {sum(len(e['files']) for e in index)} licence files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
