"""parcellab_desk: a desktop order console for parcelLab's v4 track/orders API."""

import os as _os
import sys as _sys

# httpx imports its command-line client (rich, pygments, click: ~70 ms) whenever those happen
# to be installed, as schemathesis installs them in the dev environment. Nothing here runs
# it: marking the module absent makes httpx fall back to its stub, so a developer's start-up
# and the tests cost what an agent's does.
_sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

# pydantic looks for plugins in the entry points of every installed distribution when its
# first model is built (tens of milliseconds of the start, more in a developer's environment);
# the console uses none.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"
