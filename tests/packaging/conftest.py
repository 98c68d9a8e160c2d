"""The installer scripts live in packaging/ (scripts, not a package): make them importable."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT / "packaging", ROOT / "packaging" / "linux", ROOT / "packaging" / "windows"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
