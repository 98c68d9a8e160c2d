"""What the screenshot scripts share: waiting for a signal on the qasync loop, and saving a
widget once its pending layouts and paints have run.

The scripts run from the repository root as ``python docs/screenshots/<script>.py``, so this
folder is first on ``sys.path`` and ``from shot_tools import ...`` finds this file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

__all__ = ["OUT", "next_emission", "shot", "until"]

OUT = Path(__file__).resolve().parent
WAIT_S = 60.0  # a loaded machine seeds and serves slowly; a hung script still ends


async def next_emission(signal: SignalInstance, wait: float = WAIT_S) -> tuple[object, ...]:
    """The arguments of ``signal``'s next emission."""
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def wake(*args: object) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(wake)
    try:
        return await asyncio.wait_for(future, wait)
    finally:
        signal.disconnect(wake)


async def until(condition: Callable[[], bool], signal: SignalInstance) -> None:
    """Return once ``condition()`` holds, checking it after each emission of ``signal``."""
    while not condition():
        await next_emission(signal)


async def shot(widget: QWidget, name: str, out: Path = OUT) -> None:
    """Save ``widget`` as ``out/name`` after the loop has run its pending layouts and paints."""
    await asyncio.sleep(0.25)
    path = out / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print("wrote", path)
