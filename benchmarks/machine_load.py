"""The machine's load, printed beside timings: on a busy machine, lag is partly the machine's."""

from __future__ import annotations

import os


def load_text() -> str:
    """``1.02 0.80 0.55 (on 2 CPUs)``: the 1, 5 and 15 minute load averages."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # not on every platform
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (on {os.cpu_count()} CPUs)"
