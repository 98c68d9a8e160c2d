"""The frozen program's entry point (PyInstaller needs a script; the package has ``main``)."""

from __future__ import annotations

import sys

from parcellab_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
