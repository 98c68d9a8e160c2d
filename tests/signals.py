"""Waiting for Qt signals inside async tests, without a nested Qt event loop.

pytest-qt's ``waitSignal``/``waitUntil`` start a nested loop and hang under qasync; these
await a future that the signal resolves instead, bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from PySide6.QtCore import SignalInstance

WAIT = 30.0  # seconds; generous, since some waits include a sandbox starting up


def expect(signal: SignalInstance) -> asyncio.Future[tuple[object, ...]]:
    """A future for the signal's next emission, connected now, before the action fires it."""
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: object) -> None:
        if not future.done():
            future.set_result(args)
        with contextlib.suppress(RuntimeError):  # the sender is already gone
            signal.disconnect(on_emit)

    signal.connect(on_emit)
    return future


async def next_emission(signal: SignalInstance, wait: float = WAIT) -> tuple[object, ...]:
    """The arguments of the signal's next emission."""
    return await asyncio.wait_for(expect(signal), wait)


async def until(condition: Callable[[], bool], signal: SignalInstance, wait: float = WAIT) -> None:
    """Return once ``condition()`` holds, checking it again after each emission of ``signal``."""
    while not condition():
        await next_emission(signal, wait)
