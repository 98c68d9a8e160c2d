"""What the application-wide input aids (wheel guard, focus ring) cost per Qt event.

Both are Python code that Qt calls for every event the application delivers (the wheel guard
is an event filter on the application; the focus ring follows ``focusChanged`` only), so the
figure that matters is the extra time per event. Measured with a bare loop of custom events
sent to a plain widget, with and without the aids. Target: under 10 µs extra per event
(a busy scroll delivers a few hundred events a second: well under 1 % of a core).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_input_aids.py
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from parcellab_desk.ui.input_aids import install_input_aids

EVENTS = 200_000
TARGET_US = 10.0


def per_event_us(widget: QWidget) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(EVENTS):
            QApplication.sendEvent(widget, QEvent(QEvent.Type.User))
        best = min(best, (time.perf_counter() - started) / EVENTS * 1e6)
    return best


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    widget = QWidget()
    bare = per_event_us(widget)
    install_input_aids(app)
    guarded = per_event_us(widget)
    extra = guarded - bare
    print(f"custom event, bare Qt:        {bare:6.2f} µs")
    print(f"custom event, with the aids:  {guarded:6.2f} µs")
    print(f"extra per event:              {extra:6.2f} µs (target < {TARGET_US:.0f} µs)")
    return 0 if extra < TARGET_US else 1


if __name__ == "__main__":
    raise SystemExit(main())
