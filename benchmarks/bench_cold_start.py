"""Cold start of the console beside the start of a bare PySide6 window, measured in one run.

Each run is a fresh process, timed from just before it is spawned:

- **bare window**: an empty ``QMainWindow`` has painted its first frame;
- **window shown**: the console's first window (the main window with its loading state, or
  the welcome dialog) has painted its first frame;
- **first rows**: the table has painted the first page of orders from the embedded demo
  sandbox (imports, Qt, the sandbox started on an existing database, the page over loopback
  HTTP);

and, in the same console process once the rows are shown, **Ctrl+L lookup**: from pressing
Ctrl+L, typing an order number and Enter, until the order's editor has painted (the order
fetched over loopback HTTP and the first editor built, with its country, language and
time-zone lists).

The console's modules are byte-compiled first, as an installed console has them (pip and the
bundles compile at install; an editable install with PYTHONDONTWRITEBYTECODE would compile
them from source on every start, ~0.3 s). The runs of each kind alternate, so the load of a
busy machine falls on all of them alike.
The demo database is seeded by a warm-up run first, so seeding (a one-off on an agent's first
demo start) is not counted. Targets: window shown at most 1.5x the bare window, first rows at
most 3.0x, as medians.

    .venv/bin/python benchmarks/bench_cold_start.py            # 9 runs each, medians
    .venv/bin/python benchmarks/bench_cold_start.py --runs 15
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine_load import load_text

WINDOW_TARGET = 1.5
ROWS_TARGET = 3.0

# What both children share: the first top-level window to be shown reports when it has
# finished painting its first frame (the paint runs right after the filter returns; the zero
# timer fires once it is done). The filter sits on that window alone, found by wrapping
# ``QWidget.show``: an application-wide Python filter would see every event of every object,
# and PySide builds a Python wrapper (and its type's enums) for each receiver on the way.
# That costs tens of milliseconds before a first frame with text and widgets in it, and
# nothing before an empty window's, so it would weigh on the console alone.
FIRST_FRAME = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication.instance() or QApplication([])

class FirstFrame(QObject):
    def __init__(self, marker, then=None):
        super().__init__()
        self.marker = marker
        self.then = then
        self.done = False

    def report(self):
        print(f"{self.marker} {time.time():.6f}", flush=True)
        if self.then is not None:
            self.then()

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

first_frame = FirstFrame("SHOWN")
on_show = []  # called with each window as it is shown, before it is
_show = QWidget.show

def show(widget):
    if widget.isWindow():
        if not getattr(first_frame, "watching", False):
            first_frame.watching = True
            widget.installEventFilter(first_frame)
        for call in on_show:
            call(widget)
    _show(widget)

QWidget.show = show
"""

BARE_CHILD = (
    FIRST_FRAME
    + r"""
from PySide6.QtWidgets import QMainWindow

first_frame.then = app.quit
window = QMainWindow()
window.resize(1280, 780)
window.show()
app.exec()
"""
)

CONSOLE_CHILD = (
    FIRST_FRAME
    + r"""
import sys

# Nothing of the console is imported here before it starts (that would defeat its start
# path): its main window is recognised when it is shown. Nor is anything of Qt's that the
# bare window does not load (the ``Qt`` namespace alone takes ~25 ms to build): QTest and
# ``Qt`` are imported once the rows are shown.

def after_paint(widget, then):
    # ``then`` runs once ``widget`` has painted (again).
    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False
    painted = Painted(widget)
    widget.installEventFilter(painted)
    widget.update()

def watch(window):
    started = []

    def first_rows(_count):
        window.model.page_loaded.disconnect(first_rows)
        after_paint(window.table.viewport(), shown_rows)

    def shown_rows():
        print(f"FIRST_ROWS {time.time():.6f}", flush=True)
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        # parcelLab's id names one order; an order number can be in several accounts (the
        # picker would ask which).
        number = str(window.model.order_at(0).external_id)
        window.editor_tabs.editor_opened.connect(editor_opened)
        started.append(time.perf_counter())
        QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        box = window.open_box.edit
        if not box.hasFocus():  # no active window on this platform: the menu action's slot
            window.focus_open_box()
        QTest.keyClicks(box, number)
        QTest.keyClick(box, Qt.Key.Key_Return)

    def editor_opened(editor):
        after_paint(editor, editor_painted)

    def editor_painted():
        print(f"LOOKUP_MS {(time.perf_counter() - started[0]) * 1000:.3f}", flush=True)
        window.close_without_asking()

    window.model.page_loaded.connect(first_rows)

def main_window_shown(window):
    if type(window).__name__ == "MainWindow":
        on_show.remove(main_window_shown)
        watch(window)

on_show.append(main_window_shown)
from parcellab_desk.__main__ import main
sys.exit(main(["--demo"]))
"""
)


def timed_run(code: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``code`` until each ``MARKER <epoch>`` line it prints (and any
    ``..._MS <value>`` line as it is)."""
    started = time.time()
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    marks: dict[str, float] = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key.isupper() and value:
            try:
                number = float(value)
            except ValueError:
                continue
            marks[key] = number if key.endswith("_MS") else number - started
    if result.returncode != 0 or not marks:
        raise RuntimeError(f"child failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return marks


def line(label: str, values: list[float], unit: str = "ms") -> float:
    median = statistics.median(values)
    print(
        f"{label:<32} median {median:7.1f} {unit} "
        f"(min {min(values):.1f}, max {max(values):.1f}, {len(values)} runs)"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bare: list[float] = []
    shown: list[float] = []
    rows: list[float] = []
    lookup: list[float] = []
    package = Path(__file__).resolve().parent.parent / "parcellab_desk"
    if not compileall.compile_dir(package, quiet=1):
        print("could not byte-compile the console's modules", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            HOME=home,
            XDG_CONFIG_HOME=str(Path(home) / ".config"),
            XDG_DATA_HOME=str(Path(home) / ".local" / "share"),
            XDG_STATE_HOME=str(Path(home) / ".local" / "state"),
            XDG_CACHE_HOME=str(Path(home) / ".cache"),
            # A working keyring, as on an agent's desktop (no "drafts in memory" notice).
            PYTHON_KEYRING_BACKEND="memory_keyring.MemoryKeyring",
            PYTHONPATH=os.pathsep.join(
                [str(Path(__file__).resolve().parent), *filter(None, [env.get("PYTHONPATH")])]
            ),
        )
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"platform: {env['QT_QPA_PLATFORM']}; {args.runs} runs each, alternating")
        print(f"load average (start): {load_text()}")
        timed_run(CONSOLE_CHILD, env)  # seeds the demo database once
        for _ in range(args.runs):
            bare.append(timed_run(BARE_CHILD, env)["SHOWN"] * 1000)
            marks = timed_run(CONSOLE_CHILD, env)
            shown.append(marks["SHOWN"] * 1000)
            rows.append(marks["FIRST_ROWS"] * 1000)
            lookup.append(marks["LOOKUP_MS"])
    print(f"load average (end):   {load_text()}")
    bare_median = line("bare PySide6 window shown", bare)
    shown_median = line("console window shown", shown)
    rows_median = line("console first rows shown", rows)
    line("Ctrl+L lookup to editor painted", lookup)
    window_ratio, rows_ratio = shown_median / bare_median, rows_median / bare_median
    window_ok, rows_ok = window_ratio <= WINDOW_TARGET, rows_ratio <= ROWS_TARGET
    print(
        f"window shown / bare window:  {window_ratio:.2f}x "
        f"(target <= {WINDOW_TARGET}x): {'PASS' if window_ok else 'FAIL'}"
    )
    print(
        f"first rows / bare window:    {rows_ratio:.2f}x "
        f"(target <= {ROWS_TARGET}x): {'PASS' if rows_ok else 'FAIL'}"
    )
    return 0 if window_ok and rows_ok else 1


if __name__ == "__main__":
    sys.exit(main())
