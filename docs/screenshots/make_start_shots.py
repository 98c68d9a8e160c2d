"""Render the start window (what an agent sees while the console loads) into PNGs.

Run from the repository root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_start_shots.py
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.start_window import StartWindow

OUT = Path(__file__).resolve().parent


def main() -> None:
    _app = QApplication([])  # kept alive while the windows are shown
    for name, demo in (("start", False), ("start_demo", True)):
        window = StartWindow(demo=demo)
        window.show()
        # The moving bar joins from the second frame on: let it take a few steps.
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        path = OUT / f"{name}.png"
        if not window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
        window.hand_over()


if __name__ == "__main__":
    main()
