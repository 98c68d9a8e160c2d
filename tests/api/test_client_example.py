"""The README's client example runs as printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "client-example.py"


def test_the_client_example_runs_as_printed() -> None:
    result = subprocess.run(  # noqa: S603 - our own script, run by this interpreter
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines] == [
        "listed",
        "looked",
        "created",
        "updated",
        "added",
        "cancelled:",
    ]
    assert lines[-1] == "cancelled: Cancelled (customer)"
