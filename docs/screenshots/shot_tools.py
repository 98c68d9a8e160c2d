"""What the screenshot scripts share: the console's main window over a demo sandbox, waiting
for a signal on the qasync loop, and saving a widget once its pending layouts and paints
have run.

The scripts run from the repository root as ``python docs/screenshots/<script>.py``, so this
folder is first on ``sys.path`` and ``from shot_tools import ...`` finds this file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from parcellab_desk.api.client import ParcelLabClient
    from parcellab_desk.api.models import Order
    from parcellab_desk.qt.tasks import TaskRunner
    from parcellab_desk.sandbox.embedded import EmbeddedSandbox
    from parcellab_desk.ui.main_window import MainWindow

__all__ = ["OUT", "demo_window", "next_emission", "shot", "until"]

OUT = Path(__file__).resolve().parent
WAIT_S = 60.0  # a loaded machine seeds and serves slowly; a hung script still ends


def demo_window(
    sandbox: EmbeddedSandbox,
    client: ParcelLabClient,
    runner: TaskRunner,
    *,
    page_size: int | None = None,
    **options: Any,
) -> MainWindow:
    """The console's main window over ``sandbox``'s orders, as the demo shows it; ``options``
    go to ``MainWindow`` (search, parcels, time zone...). Its table model is ``.model``."""
    from parcellab_desk.qt.order_pages import ClientPageSource
    from parcellab_desk.qt.order_table_model import OrderTableModel
    from parcellab_desk.services.order_editing import OrderEditingService
    from parcellab_desk.ui.main_window import MainWindow

    model = OrderTableModel(ClientPageSource(client, page_size=page_size), runner)

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        profile_name="Demo (local sandbox)",
        host_label=sandbox.base_url.removeprefix("http://"),
        profile_key="screenshots",
        demo=True,
        **options,
    )
    model.setParent(window)
    return window


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
