"""Render the start-up problem dialogs offscreen into PNGs next to this script.

Run from the repository root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_startup_shots.py
The sentences are the ones the console writes for these problems (see the damaged-file
benchmark); the paths are an example home folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")  # qasync then binds to PySide6 whatever the order

import qasync
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from parcellab_desk.crash_report import CrashReporter
from parcellab_desk.qt.i18n import Language, install_translations
from parcellab_desk.services.paths import FolderProblem, FolderRole
from parcellab_desk.services.settings_file import SettingsCheck
from parcellab_desk.ui.startup_dialogs import DamagedDemoDialog, NoticesDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_dialog_shots import save  # the one way the shots are written

HOME = Path("/home/erika")


async def shot(widget: QWidget, name: str) -> None:
    await save(widget, name)
    widget.close()


async def main() -> None:
    config = HOME / ".config" / "parcellab_desk"
    notices = [
        f"The profiles file {config / 'profiles.json'} could not be read (Permission denied); "
        "it was kept as profiles.json.damaged-20261201-091142 in the same folder and the "
        "console started without those profiles.",
        FolderProblem(
            FolderRole.LOGS,
            HOME / ".local" / "state" / "parcellab_desk" / "log",
            "Permission denied",
        ).sentence(),
    ]
    await shot(NoticesDialog(notices), "startup_notices")
    draft = HOME / ".local/share/parcellab_desk/drafts/demo/3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b.json"
    await shot(
        NoticesDialog(
            [
                f"The draft {draft} is damaged (tags is a number); it was kept as "
                f"{draft.name}.damaged-20261201-091150; any other unsaved edits were recovered."
            ]
        ),
        "startup_notice_draft",
    )
    db = HOME / ".local" / "share" / "parcellab_desk" / "demo-sandbox.sqlite3"
    await shot(DamagedDemoDialog(db, "it is not a database"), "demo_database_damaged")
    reporter = CrashReporter()
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        reporter.report("task 'refresh'", exc)
    crash = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    )
    await shot(crash, "crash_dialog")
    # The same kind of notices for an agent who works in German: worded once the language
    # is installed, as the console does.
    translations = install_translations(Language.GERMAN)
    try:
        settings = HOME / ".config" / "parcelLab" / "parcellab_desk.conf"
        await shot(
            NoticesDialog(
                [
                    SettingsCheck(
                        path=settings,
                        bad_line=0,
                        kept_as="parcellab_desk.conf.damaged-20261201-091142",
                    ).notice
                    or "",
                    FolderProblem(
                        FolderRole.LOGS,
                        HOME / ".local" / "state" / "parcellab_desk" / "log",
                        "Permission denied",
                    ).sentence(),
                ]
            ),
            "startup_notices_de",
        )
    finally:
        translations.remove()


if __name__ == "__main__":
    app = QApplication.instance() or QApplication([])
    qasync.run(main())
