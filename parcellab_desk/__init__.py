"""parcellab_desk: a desktop order console for parcelLab's v4 track/orders API."""

import sys as _sys

# httpx imports its command-line client (rich, pygments, click: ~70 ms) whenever those happen
# to be installed, as schemathesis installs them in the dev environment. Nothing here runs
# it: marking the module absent makes httpx fall back to its stub, so a developer's start-up
# and the tests cost what an agent's does.
_sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

__version__ = "0.1.0"
