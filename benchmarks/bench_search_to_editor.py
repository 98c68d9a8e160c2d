"""Time from Enter in the search box to the order editor painted, by e-mail and by tracking
number, against the local sandbox (median of 20 each).

The benchmark drives the real pieces as the console wires them: an in-process
``EmbeddedSandbox`` seeded with demo orders, the real ``ParcelLabClient``, the lookup service
with its order-info cache, and the ``MainWindow`` (offscreen unless a platform is set) on one
qasync loop. For each run it types a different customer's value into the search box, presses
Enter (a real key event) and stops the clock at the first paint of the editor that opens, then
closes the tab. Every run searches for another order, so no answer comes from the cache.

What a run costs: an e-mail asks the order-info lookup once per account (three demo accounts)
and then reads the order from the orders API; a tracking number asks the order-info lookup
once per courier with that number format, the orders API for the number and reference at the
same time, and then reads the order. The sandbox's rate limit (100 a minute per account, as
published) is raised for the benchmark, which sends more than that in a minute on purpose.

    .venv/bin/python benchmarks/bench_search_to_editor.py
    .venv/bin/python benchmarks/bench_search_to_editor.py --runs 50 --orders 5000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.order_lookup import OrderLookupService
from parcellab_desk.services.search_input import classify
from parcellab_desk.ui.main_window import MainWindow


class FirstPaint(QObject):
    """Resolves ``painted`` at the first paint event of the widget it watches."""

    def __init__(self, painted: asyncio.Future[float]) -> None:
        super().__init__()
        self.painted = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted.done():
            self.painted.set_result(time.perf_counter())
        return False


async def until(condition: Callable[[], bool], signal: SignalInstance) -> None:
    """Return once ``condition()`` holds, checking it after each emission of ``signal``."""
    while not condition():
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def wake(*_args: object, fut: asyncio.Future[None] = woken) -> None:
            if not fut.done():
                fut.set_result(None)

        signal.connect(wake)
        try:
            await asyncio.wait_for(woken, 30)
        finally:
            signal.disconnect(wake)


def pick_inputs(orders: list[Order], runs: int) -> tuple[list[str], list[str]]:
    """``runs`` e-mails with one order in all accounts, ``runs`` tracking numbers in a
    distinctive courier format, each of another order."""
    emails: dict[str, int] = {}
    for order in orders:
        if "@" in (order.recipient_email or ""):
            emails[order.recipient_email or ""] = emails.get(order.recipient_email or "", 0) + 1
    by_email = [e for e, count in emails.items() if count == 1][:runs]
    numbers: list[str] = []
    used = set()
    for order in orders:
        for tracking in order.trackings:
            number = tracking.tracking_number or ""
            if order.external_id in used or not classify(number).distinctive:
                continue
            numbers.append(number)
            used.add(order.external_id)
            break
        if len(numbers) == runs:
            break
    if len(by_email) < runs or len(numbers) < runs:
        raise SystemExit("not enough demo orders for that many runs; raise --orders")
    return by_email, numbers


async def measure(window: MainWindow, text: str) -> tuple[float, float]:
    """(milliseconds from Enter to the editor painted, of which the search itself)."""
    loop = asyncio.get_running_loop()
    painted: asyncio.Future[float] = loop.create_future()
    opened: asyncio.Future[float] = loop.create_future()
    watcher = FirstPaint(painted)

    def on_opened(editor: QObject) -> None:
        if not opened.done():
            opened.set_result(time.perf_counter())
            editor.installEventFilter(watcher)

    window.editor_tabs.editor_opened.connect(on_opened)
    window.open_box.edit.setText(text)
    start = time.perf_counter()
    QTest.keyClick(window.open_box.edit, Qt.Key.Key_Return)
    try:
        found_at = await asyncio.wait_for(opened, 30)
        painted_at = await asyncio.wait_for(painted, 30)
    finally:
        window.editor_tabs.editor_opened.disconnect(on_opened)
    editor = window.editor_tabs.current_editor()
    if editor is not None:
        editor.removeEventFilter(watcher)
    window.close_current_tab()
    await until(lambda: window.tabs.count() == 0, window.tabs.currentChanged)
    return (painted_at - start) * 1000, (found_at - start) * 1000


def report(name: str, figures: list[tuple[float, float]], requests: list[int]) -> None:
    total = sorted(t for t, _ in figures)
    search = sorted(s for _, s in figures)
    median = statistics.median(total)
    p90 = total[int(0.9 * (len(total) - 1))]
    print(
        f"{name:<16} median {median:6.1f} ms  p90 {p90:6.1f} ms  "
        f"min {total[0]:6.1f}  max {total[-1]:6.1f}  "
        f"(search until the editor opens: median {statistics.median(search):6.1f} ms; "
        f"order-info requests per search: {statistics.median(requests):g})"
    )


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sandbox = EmbeddedSandbox(Path(folder) / "bench.sqlite3", demo_orders=args.orders)
        await asyncio.to_thread(sandbox.start)
        sandbox.settings.order_info_per_minute = 100_000
        client = ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        )
        orders = [o async for o in client.iter_orders(page_size=500)]
        emails, numbers = pick_inputs(orders, args.runs)
        runner = TaskRunner()
        model = OrderTableModel(ClientPageSource(client, page_size=200), runner)
        info = OrderInfoService(client)

        async def lookup(text: str) -> Order:
            return await client.get_order(text)

        window = MainWindow(
            model=model,
            runner=runner,
            lookup=lookup,
            editing=OrderEditingService(client),
            profile_name="Benchmark",
            host_label=sandbox.base_url,
            profile_key="bench-search",
            demo=True,
            search=OrderLookupService(client, info, accounts=lambda: sandbox.accounts).search,
            parcels=info,
        )
        model.setParent(window)
        window.resize(1360, 860)
        window.show()
        await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)
        await measure(window, orders[0].external_id or "")  # warm-up: imports, first layout

        results: dict[str, tuple[list[tuple[float, float]], list[int]]] = {}
        for name, inputs, shape in (
            ("by e-mail", emails, str.upper),
            ("by tracking no.", numbers, _grouped),
        ):
            figures: list[tuple[float, float]] = []
            requests: list[int] = []
            for value in inputs:
                before = info.requests_sent
                figures.append(await measure(window, shape(value)))
                requests.append(info.requests_sent - before)
            results[name] = (figures, requests)
        print(
            f"Enter to editor painted, {args.runs} runs each, {sandbox.store.count()} orders, "
            f"{len(sandbox.accounts)} accounts, platform {QApplication.platformName()}:"
        )
        for name, (figures, requests) in results.items():
            report(name, figures, requests)
        window.close()
        await runner.aclose()
        await client.aclose()
        sandbox.stop()


def _grouped(number: str) -> str:
    """As customers write it: in groups of four."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--orders", type=int, default=2000)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(parser.parse_args()))
