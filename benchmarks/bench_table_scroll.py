"""Scroll the order table to the end of a 100,000-order sandbox and measure the event loop.

Issue 17's acceptance: no event-loop stall over 16 ms (one frame at 60 Hz) while scrolling
to the end, and at most 1.0 MB of memory per 1,000 loaded rows, with the sandbox in a child
process. The benchmark drives the real pieces: the sandbox, the real ``ParcelLabClient``
(through ``ClientPageSource``, with the console's page size), ``OrderTableModel`` and the
console's own ``MainWindow`` (its table, status bar and status-row span; offscreen unless a
platform is set), all on one qasync loop as the console runs them. A "user" holds the scroll
bar at the bottom (a 16 ms timer calling ``scrollToBottom``), so the view asks for each next
page through ``fetchMore``.

Two loop-lag probes run all the time: an asyncio callback re-armed every 5 ms (what
coroutines feel) and a precise 5 ms QTimer (what painting and input feel). A probe's lag is
how much later than due it fired; the longest lag is the longest stall. Each lag is split
into the GUI thread's own work (its CPU time) and the rest (waiting for the GIL, or for a CPU
that other processes held): on a busy machine the second part is the machine's, not ours.

By default the sandbox serves from a child process, as the console's demo does
(``--sandbox thread`` serves it from a thread of the benchmark's own process instead, so its
work competes with the GUI thread for the GIL).

Once the window is up the benchmark calls ``gc.freeze()``, as the console does after its
start-up: a full pass of Python's cyclic collector otherwise walks every object start-up
created (the imports of Qt, pydantic, httpx: ~70,000 objects) and alone stalls the loop
20-50 ms. ``--no-gc-freeze`` measures without.

Memory is the process's resident set (Linux ``/proc``; peak RSS elsewhere) before the first
page and after the last, divided by the rows loaded. ``--tracemalloc`` also reports the Python
heap growth (it slows everything down, so the stall figures of such a run are not the
acceptance figures).

    .venv/bin/python benchmarks/bench_table_scroll.py                # 100,000 orders
    .venv/bin/python benchmarks/bench_table_scroll.py --orders 5000  # a quick look
    .venv/bin/python benchmarks/bench_table_scroll.py --db /tmp/bench.sqlite3  # seed once

Seeding 100,000 orders takes a while on the first run; ``--db`` keeps the database so later
runs skip it (an existing database is used as it is, whatever ``--orders`` says).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from machine_load import load_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.console import LIST_PAGE_SIZE
from parcellab_desk.qt.order_pages import ClientPageSource, OrderQuery
from parcellab_desk.qt.order_table_model import LoadState, OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.sandbox.process import SandboxProcess
from parcellab_desk.services.drafts import DraftStore, new_draft_key
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.main_window import MainWindow

STALL_TARGET_MS = 16.0  # one frame at 60 Hz
MEMORY_TARGET_MB_PER_1000 = 1.0  # MB = 10**6 bytes
PROBE_INTERVAL_S = 0.005
SCROLL_INTERVAL_MS = 16  # a 60 Hz drag of the scroll bar


@dataclass
class LagProbe:
    """Records how late a periodic callback fires; the worst lateness is the worst stall."""

    name: str
    interval_s: float
    rows_now: Callable[[], int] = lambda: 0
    lags_ms: list[float] = field(default_factory=list)
    # Of each lag, the part the GUI thread spent running (its CPU time since the last tick,
    # capped at the lag); the rest it waited: for the GIL, or for a CPU other processes held.
    busy_ms: list[float] = field(default_factory=list)
    # (lag, busy, seconds since the probe started, rows loaded then), for the worst ones
    samples: list[tuple[float, float, float, int]] = field(default_factory=list)
    started: float = 0.0
    _cpu_last: float = 0.0

    def begin(self) -> None:
        self.started = time.perf_counter()
        self._cpu_last = time.thread_time()

    @property
    def worst_ms(self) -> float:
        return max(self.lags_ms, default=0.0)

    def percentile_ms(self, share: float) -> float:
        if not self.lags_ms:
            return 0.0
        ordered = sorted(self.lags_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def worst_busy_ms(self) -> float:
        return max(self.busy_ms, default=0.0)

    def record(self, due: float, now: float) -> None:
        cpu = time.thread_time()
        lag = max(0.0, (now - due) * 1000.0)
        busy = min(lag, (cpu - self._cpu_last) * 1000.0)
        self._cpu_last = cpu
        self.lags_ms.append(lag)
        self.busy_ms.append(busy)
        if lag > STALL_TARGET_MS / 2:
            self.samples.append((lag, busy, now - self.started, self.rows_now()))


class AsyncioProbe:
    """A ``call_later`` chain on the running loop."""

    def __init__(self, probe: LagProbe) -> None:
        self.probe = probe
        self._loop = asyncio.get_running_loop()
        self._handle: asyncio.TimerHandle | None = None
        self._due = 0.0

    def start(self) -> None:
        self.probe.begin()
        self._arm()

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _arm(self) -> None:
        self._due = time.perf_counter() + self.probe.interval_s
        self._handle = self._loop.call_later(self.probe.interval_s, self._fired)

    def _fired(self) -> None:
        self.probe.record(self._due, time.perf_counter())
        self._arm()


class QtTimerProbe:
    """A precise periodic QTimer: the time between two ticks beyond the interval is lag."""

    def __init__(self, probe: LagProbe) -> None:
        self.probe = probe
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(probe.interval_s * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last = 0.0

    def start(self) -> None:
        self.probe.begin()
        self._last = self.probe.started
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.probe.record(self._last + self.probe.interval_s, now)
        self._last = now


def rss_bytes() -> int:
    """Current resident set size (Linux), else the peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Result:
    rows: int
    pages: int
    seconds: float
    rss_growth: int
    heap_growth: int | None
    probes: list[LagProbe]
    error: BaseException | None


def make_bare_view(model: OrderTableModel) -> QTableView:
    """A plain ``QTableView`` (``--bare-view``): the model and Qt alone, without the window."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(24)
    view.resize(1280, 800)
    view.show()
    return view


def make_window(
    model: OrderTableModel, runner: TaskRunner, client: ParcelLabClient, drafts: Path
) -> MainWindow:
    """The console's own window around ``model``, as ``Console.open_window`` builds it."""

    async def lookup(text: str) -> Order:
        return await client.get_order(text)

    window = MainWindow(
        model=model,
        runner=runner,
        lookup=lookup,
        editing=OrderEditingService(client),
        drafts=DraftStore(drafts, "bench", new_draft_key()),
        profile_name="Benchmark",
        host_label="sandbox",
        profile_key="bench",
        demo=True,
    )
    window.show()
    return window


async def scroll_to_the_end(
    base_url: str,
    token: str,
    page_size: int,
    *,
    use_tracemalloc: bool,
    freeze_gc: bool,
    bare_view: bool,
    timeout_s: float,
) -> Result:
    runner = TaskRunner(on_error=lambda key, error: print(f"task {key!r} failed: {error!r}"))
    drafts = tempfile.TemporaryDirectory(prefix="bench-drafts-")
    async with ParcelLabClient(base_url, BearerAuth(token)) as client:
        model = OrderTableModel(ClientPageSource(client, page_size=page_size), runner)
        window: QTableView | MainWindow
        if bare_view:
            window = view = make_bare_view(model)
        else:
            window = make_window(model, runner, client, Path(drafts.name))
            view = window.table
        done: asyncio.Future[BaseException | None] = asyncio.get_running_loop().create_future()
        pages = 0

        def on_page_loaded(_added: int) -> None:
            nonlocal pages
            pages += 1
            if model.state is LoadState.COMPLETE and not done.done():
                done.set_result(None)

        def on_load_failed(error: BaseException) -> None:
            if not done.done():
                done.set_result(error)

        model.page_loaded.connect(on_page_loaded)
        model.load_failed.connect(on_load_failed)
        user = QTimer()
        user.setInterval(SCROLL_INTERVAL_MS)
        user.timeout.connect(view.scrollToBottom)

        probes = [
            LagProbe("asyncio call_later", PROBE_INTERVAL_S, lambda: model.loaded_count),
            LagProbe("Qt precise timer", PROBE_INTERVAL_S, lambda: model.loaded_count),
        ]
        asyncio_probe = AsyncioProbe(probes[0])
        qt_probe = QtTimerProbe(probes[1])
        # Let the window appear and paint once: what is measured is scrolling, not start-up.
        await asyncio.sleep(0.2)
        if freeze_gc:
            # What start-up created lives as long as the process: keep it out of the cyclic
            # collector's full passes, which otherwise walk it all (~70,000 objects, 20-50 ms).
            gc.freeze()
        if use_tracemalloc:
            tracemalloc.start()
        heap_before = tracemalloc.get_traced_memory()[0] if use_tracemalloc else 0
        rss_before = rss_bytes()
        asyncio_probe.start()
        qt_probe.start()
        started = time.perf_counter()
        model.set_query(OrderQuery())
        user.start()
        try:
            error = await asyncio.wait_for(done, timeout_s)
        except TimeoutError as exc:
            error = exc
        seconds = time.perf_counter() - started
        user.stop()
        asyncio_probe.stop()
        qt_probe.stop()
        rss_growth = rss_bytes() - rss_before
        heap_growth = None
        if use_tracemalloc:
            heap_growth = tracemalloc.get_traced_memory()[0] - heap_before
            tracemalloc.stop()
        rows = model.loaded_count
        if isinstance(window, MainWindow):
            window.close_without_asking()
        else:
            window.close()
        await runner.aclose()
    drafts.cleanup()
    return Result(rows, pages, seconds, rss_growth, heap_growth, probes, error)


def report(result: Result, orders: int, page_size: int, seed_seconds: float, verbose: bool) -> bool:
    per_k = 1000 / result.rows if result.rows else 0.0
    print(f"sandbox orders            {orders:,} (seeded/opened in {seed_seconds:.1f} s)")
    print(f"page size                 {page_size}")
    print(f"rows loaded               {result.rows:,} in {result.pages:,} pages")
    print(f"time to scroll to the end {result.seconds:.1f} s")
    for probe in result.probes:
        print(
            f"loop lag ({probe.name:<18}) max {probe.worst_ms:6.1f} ms   "
            f"p99 {probe.percentile_ms(0.99):5.1f} ms   p50 {probe.percentile_ms(0.5):4.1f} ms"
            f"   ({len(probe.lags_ms):,} samples)"
        )
        print(
            f"  of which GUI-thread work    max {probe.worst_busy_ms:6.1f} ms "
            "(the rest: waiting for the GIL or a CPU)"
        )
    if verbose:
        for probe in result.probes:
            top = sorted(probe.samples, reverse=True)[:8]
            text = ", ".join(
                f"{lag:.0f} ms (busy {busy:.0f}) at {at:.1f} s/{rows:,} rows"
                for lag, busy, at, rows in top
            )
            print(f"  worst ({probe.name}): {text or 'none above half the target'}")
    rss_mb_per_k = result.rss_growth * per_k / 1e6
    print(
        f"memory growth (RSS)       {result.rss_growth / 1e6:.1f} MB total, "
        f"{rss_mb_per_k:.2f} MB per 1,000 rows (target <= {MEMORY_TARGET_MB_PER_1000:.1f})"
    )
    if result.heap_growth is not None:
        print(
            f"memory growth (Python)    {result.heap_growth / 1e6:.1f} MB total, "
            f"{result.heap_growth * per_k / 1e6:.2f} MB per 1,000 rows (tracemalloc)"
        )
    worst = max(result.probes, key=lambda probe: probe.worst_ms)
    p99 = max(probe.percentile_ms(0.99) for probe in result.probes)
    stall_ok = worst.worst_ms <= STALL_TARGET_MS
    memory_ok = rss_mb_per_k <= MEMORY_TARGET_MB_PER_1000
    passed = result.error is None and stall_ok and memory_ok and result.rows > 0
    print(
        f"longest stall             {worst.worst_ms:.1f} ms (GUI-thread work "
        f"{worst.worst_busy_ms:.1f} ms), p99 lag {p99:.1f} ms "
        f"(target <= {STALL_TARGET_MS:.0f} ms): {'PASS' if stall_ok else 'FAIL'}"
    )
    print(f"memory per 1,000 rows     {'PASS' if memory_ok else 'FAIL'}")
    if result.error is not None:
        print(f"stopped early: {result.error!r}")
    return passed


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--orders", type=int, default=100_000, help="demo orders to seed")
    parser.add_argument(
        "--page-size",
        type=int,
        default=LIST_PAGE_SIZE,
        help=f"rows per page (1..500; the console asks for {LIST_PAGE_SIZE})",
    )
    parser.add_argument("--seed", type=int, default=4, help="demo data seed")
    parser.add_argument("--db", type=Path, default=None, help="keep the sandbox database here")
    parser.add_argument("--timeout", type=float, default=900.0, help="give up after seconds")
    parser.add_argument("--verbose", action="store_true", help="list the worst stalls")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="leave start-up objects to the cyclic collector (one full pass stalls 20-50 ms)",
    )
    parser.add_argument(
        "--sandbox",
        choices=("process", "thread"),
        default="process",
        help="serve the sandbox from a child process (as the real service is: no shared GIL) "
        "or from a thread of this process (as the console's demo mode does)",
    )
    parser.add_argument(
        "--bare-view",
        action="store_true",
        help="a plain QTableView instead of the console's main window",
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure the Python heap (slower)"
    )
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    seed_started = time.perf_counter()
    sandbox: EmbeddedSandbox | SandboxProcess
    if args.sandbox == "process":
        # The console's own demo child (sandbox/process.py): no GIL shared with the window.
        sandbox = SandboxProcess(args.db, demo_orders=args.orders, seed=args.seed).start()
        orders = sandbox.order_count
    else:
        sandbox = EmbeddedSandbox(args.db, demo_orders=args.orders, seed=args.seed).start()
        orders = sandbox.store.count()
    seed_seconds = time.perf_counter() - seed_started
    print(f"sandbox                   {'child process' if args.sandbox == 'process' else 'thread'}")
    print(f"view                      {'bare QTableView' if args.bare_view else 'MainWindow'}")
    print(f"gc.freeze() at start-up   {'no' if args.no_gc_freeze else 'yes'}")
    print(f"load average (start)      {load_text()}")
    try:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            result = loop.run_until_complete(
                scroll_to_the_end(
                    sandbox.base_url,
                    sandbox.demo_token,
                    args.page_size,
                    use_tracemalloc=args.tracemalloc,
                    freeze_gc=not args.no_gc_freeze,
                    bare_view=args.bare_view,
                    timeout_s=args.timeout,
                )
            )
    finally:
        sandbox.stop()
    print(f"load average (end)        {load_text()}")
    return 0 if report(result, orders, args.page_size, seed_seconds, args.verbose) else 1


if __name__ == "__main__":
    sys.exit(run())
