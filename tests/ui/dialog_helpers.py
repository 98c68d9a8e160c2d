"""Small helpers for dialog tests on the qasync loop (no nested Qt event loops)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.secret import Secret


def next_emission(signal: SignalInstance) -> asyncio.Future[tuple[Any, ...]]:
    """A future resolved with the arguments of the signal's next emission."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emitted(*args: Any) -> None:
        if not future.done():
            future.set_result(args)
        signal.disconnect(on_emitted)

    signal.connect(on_emitted)
    return future


class ControlledTester:
    """A connection tester whose answer the test gives, and which records its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[Profile, Secret]] = []
        self.answer: asyncio.Future[str | None] | None = None
        loop = asyncio.get_running_loop()
        self.started: asyncio.Future[None] = loop.create_future()
        self.cancelled: asyncio.Future[None] = loop.create_future()

    async def __call__(self, profile: Profile, token: Secret) -> str | None:
        self.calls.append((profile, token))
        self.answer = asyncio.get_running_loop().create_future()
        if not self.started.done():
            self.started.set_result(None)
        try:
            return await self.answer
        except asyncio.CancelledError:
            self.cancelled.set_result(None)
            raise

    def reply(self, error: str | None) -> None:
        assert self.answer is not None, "the tester was not called"
        self.answer.set_result(error)


def focus_chain(start: QWidget, wanted: list[QWidget]) -> list[QWidget]:
    """The ``wanted`` widgets in the order Tab visits them, starting at ``start``."""
    order: list[QWidget] = []
    widget: QWidget | None = start
    for _ in range(200):
        if widget is None:
            break
        if widget in wanted and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return order


def answer_with(error: str | None) -> Callable[[Profile, Secret], Any]:
    async def tester(profile: Profile, token: Secret) -> str | None:
        return error

    return tester


# Typed stand-ins for qtbot's key and mouse helpers (same QTest calls underneath).
def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)


def press(widget: QWidget, key: Qt.Key) -> None:
    QTest.keyClick(widget, key)
