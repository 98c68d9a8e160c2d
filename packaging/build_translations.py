"""Compiles the console's catalogues (``resources/translations/*.ts``) into ``.qm`` files and
copies Qt's own catalogue for each language beside them, so a bundle carries everything.

    python packaging/build_translations.py            # what ./dev setup and the spec run
    python packaging/build_translations.py --update   # re-collect the sources into the .ts

``--update`` runs ``pyside6-lupdate`` over the package: new strings appear unfinished in each
catalogue (the catalogue test then fails until they are translated), vanished ones are kept
as obsolete entries.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
PACKAGE = ROOT / "parcellab_desk"


def _tool(name: str) -> str:
    """A PySide6 tool next to this interpreter (a venv's bin/ or Scripts/), else on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[Path]:
    """The Python files lupdate reads: the console, not the sandbox (agents never see it)."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "sandbox" not in p.relative_to(PACKAGE).parts)


def update(catalogues: list[Path]) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    for ts in catalogues:
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-locations",
                "none",
                "-no-obsolete",
                *files,
                "-ts",
                str(ts),
            ],
            check=True,
            cwd=ROOT,
        )


def compile_all(catalogues: list[Path]) -> None:
    from PySide6.QtCore import QLibraryInfo

    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for ts in catalogues:
        qm = ts.with_suffix(".qm")
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
        )
        language = ts.stem.rsplit("_", 1)[-1]
        for name in (f"qtbase_{language}.qm",):
            source = qt_translations / name
            if source.is_file():
                shutil.copyfile(source, TRANSLATIONS / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-collect sources first")
    args = parser.parse_args(argv)
    catalogues = sorted(TRANSLATIONS.glob("*.ts"))
    if args.update:
        update(catalogues)
    compile_all(catalogues)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
