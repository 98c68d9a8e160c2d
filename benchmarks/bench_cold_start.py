"""Cold start to first rows visible, beside the start of a bare PySide6 window.

Each run is a fresh process (imports, Qt start-up, the embedded demo sandbox, the first page
over loopback HTTP, the table filled), timed from just before the process is spawned until
it reports the first page of rows in the table. The bare-window run times the same way until
an empty ``QMainWindow`` has been shown and the event loop turned once. The demo database is
seeded by a warm-up run first, so seeding (a one-off on an agent's first demo start) is not
counted.

    .venv/bin/python benchmarks/bench_cold_start.py            # 5 runs each, medians
    .venv/bin/python benchmarks/bench_cold_start.py --runs 9
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONSOLE_CHILD = r"""
import sys, time
from parcellab_desk import console as console_module

original = console_module.Console.open_window

def open_window(self, connection):
    window = original(self, connection)

    def first_rows(_count):
        print(f"FIRST_ROWS {time.time():.6f}", flush=True)
        window.close()

    window.model.page_loaded.connect(first_rows)
    return window

console_module.Console.open_window = open_window
from parcellab_desk.__main__ import main
sys.exit(main(["--demo"]))
"""

BARE_CHILD = r"""
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.resize(1280, 780)
window.show()

def shown():
    print(f"SHOWN {time.time():.6f}", flush=True)
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def timed_run(code: str, marker: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``code`` until it prints ``marker <epoch>``."""
    started = time.time()
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith(marker + " "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no {marker} line (exit {result.returncode}):\n{result.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            HOME=home,
            XDG_CONFIG_HOME=str(Path(home) / ".config"),
            XDG_DATA_HOME=str(Path(home) / ".local" / "share"),
            XDG_STATE_HOME=str(Path(home) / ".local" / "state"),
            XDG_CACHE_HOME=str(Path(home) / ".cache"),
        )
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"platform: {env['QT_QPA_PLATFORM']}; {args.runs} runs each; warm-up seeds the demo")
        timed_run(CONSOLE_CHILD, "FIRST_ROWS", env)  # seeds the demo database once
        bare = [timed_run(BARE_CHILD, "SHOWN", env) for _ in range(args.runs)]
        console = [timed_run(CONSOLE_CHILD, "FIRST_ROWS", env) for _ in range(args.runs)]
    bare_median, console_median = statistics.median(bare), statistics.median(console)
    print(f"bare PySide6 window shown:   median {bare_median * 1000:6.0f} ms "
          f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")  # fmt: skip
    print(f"console, first rows visible: median {console_median * 1000:6.0f} ms "
          f"(min {min(console) * 1000:.0f}, max {max(console) * 1000:.0f})")  # fmt: skip
    print(f"ratio console / bare window: {console_median / bare_median:.2f}x")


if __name__ == "__main__":
    main()
