"""Bulk jobs and export against the sandbox: exactly once under faults, constant memory.

1. Bulk tag 1,000 orders, then import 1,000 trackings from a semicolon Windows-1252 sheet,
   each through the job runner (4 workers) while the sandbox answers ~10% of requests with
   a fault (5% 503 and 2% dropped connections before anything is written, 3% written and
   then answered 504) plus one burst of 429s with Retry-After.
   Printed: wall time, requests per second, and the two numbers that must be 0:
   *duplicates* (an order written more than once, per the sandbox's write log, or a tag or
   tracking present twice) and *lost* (an order without its tag or tracking).
2. Export 100,000 orders (every page, ordered by order number) to CSV and to XLSX, each in a
   fresh child process so its peak RSS is its own: wall time and peak RSS growth over the
   process's size before the export began (target: under 100 MB for either). The CSV is
   then compared line by line with a walk of the API.

    python benchmarks/bench_bulk_jobs.py [--orders N] [--export-orders N] [--skip-export]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from machine_load import load_text

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.csv_import import (
    ImportKind,
    build_preview,
    guess_mapping,
    read_sheet,
)
from parcellab_desk.services.export import ExportFormat, ExportOptions, export_orders
from parcellab_desk.services.job_journal import JobJournal
from parcellab_desk.services.job_operations import params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, RowState, rows_for_orders
from parcellab_desk.services.job_runner import Job, JobProgress

RSS_TARGET_MB = 100.0
TAG = "bench:bulk-tag"


def _faults(sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.configure(
        error_rate=0.05,
        error_status=503,
        drop_rate=0.02,
        after_commit_error_rate=0.03,  # written, then answered 504: only a lookup can tell
        seed=11,
    )
    sandbox.faults.throttle_next(4, retry_after=1)


async def _all(client: ParcelLabClient) -> list[Order]:
    return [order async for order in client.iter_orders(page_size=500)]


def _report(
    name: str, progress: JobProgress, wall: float, handled: int, duplicates: int, lost: int
) -> None:
    # ``handled``: every request the sandbox took in (read-backs after a body-less PUT and
    # the faulted ones included); the runner's own count is lookups and writes it started.
    print(
        f"{name}: {progress.total:,} rows in {wall:.2f} s, {handled:,} requests "
        f"({handled / wall:.0f} req/s; {progress.requests:,} started by the runner), "
        f"done {progress.done:,}, failed {progress.failed}, duplicates {duplicates}, lost {lost}"
    )


async def _run_under_faults(
    sandbox: EmbeddedSandbox, client: ParcelLabClient, plan: JobPlan, journal: JobJournal
) -> tuple[JobProgress, float, int, int, list[Order], int]:
    """(progress, wall time, requests the sandbox took in, faults injected, the orders
    afterwards, orders written more than once)."""
    sandbox.write_log.reset()
    _faults(sandbox)
    started = time.perf_counter()
    job = Job(plan, client, journal=journal)
    progress = await job.run()
    wall = time.perf_counter() - started
    handled, injected = sandbox.write_log.handled, sandbox.faults.injected
    sandbox.faults.reset()
    twice = sum(1 for n in sandbox.write_log.counts().values() if n > 1)
    for row in job.rows:
        if row.state is RowState.FAILED:
            print(f"  failed: {row.ref.label}: {row.message}")
    return progress, wall, handled, injected, await _all(client), twice


async def bulk(sandbox: EmbeddedSandbox, journal_dir: Path, count: int) -> bool:
    journal = JobJournal(journal_dir)
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as client:
        orders = (await _all(client))[:count]
        # --- bulk tag ---
        plan = JobPlan(JobKind.ADD_TAGS, "bench", params_for_tags([TAG]), rows_for_orders(orders))
        progress, wall, handled, injected, after, twice = await _run_under_faults(
            sandbox, client, plan, journal
        )
        duplicates = twice + sum(1 for o in after if o.tags.count(TAG) > 1)
        tagged = {o.external_id for o in orders}
        lost = sum(1 for o in after if o.external_id in tagged and TAG not in o.tags)
        _report("bulk tag", progress, wall, handled, duplicates, lost)
        print(f"  faults injected: {injected:,}; rate-limit holds: 1 burst of 4 x 429")
        ok = duplicates == 0 and lost == 0 and progress.failed == 0

        # --- import trackings from a sheet ---
        open_orders = [o for o in after if not o.is_cancelled][:count]
        lines = ["Bestellnummer;Konto;Kurier;Sendungsnummer;PLZ;Bemerkung"]
        wanted: dict[str, str] = {}
        for n, order in enumerate(open_orders):
            number = f"BENCH{n:08d}"
            wanted[order.external_id or ""] = number
            lines.append(f"{order.order_number};{order.account};dpd-de;{number};80331;Größe")
        sheet = read_sheet(("\r\n".join(lines) + "\r\n").encode("cp1252"))
        preview = build_preview(
            sheet, guess_mapping(sheet.header, ImportKind.TRACKINGS), ImportKind.TRACKINGS
        )
        plan = preview.plan("bench import")
        progress, wall, handled, injected, after, duplicates = await _run_under_faults(
            sandbox, client, plan, journal
        )
        lost = 0
        for order in after:
            expected = wanted.get(order.external_id or "")
            if expected is None:
                continue
            keys = Counter(t.tracking_number for t in order.trackings)
            duplicates += keys[expected] > 1
            lost += keys[expected] == 0
        _report(f"import {len(wanted):,} trackings", progress, wall, handled, duplicates, lost)
        print(f"  faults injected: {injected:,}; rate-limit holds: 1 burst of 4 x 429")
        return ok and duplicates == 0 and lost == 0 and progress.failed == 0


def _status_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process. Not ``ru_maxrss``: Linux keeps
    that across exec, so a child would report its parent's peak (here: the sandbox's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


async def _export_child(base_url: str, token: str, fmt: str, target: str) -> None:
    async with ParcelLabClient(base_url, BearerAuth(token)) as client:
        await client.list_orders(page_size=1)  # connection, imports and caches warmed up
        before = _status_mb("VmRSS")
        started = time.perf_counter()
        result = await export_orders(
            client.iter_orders(ordering="order_number", page_size=500),
            Path(target),
            ExportOptions(format=ExportFormat(fmt), delimiter=";"),
        )
        wall = time.perf_counter() - started
    peak = _status_mb("VmHWM")
    print(json.dumps({"orders": result.orders, "wall": wall, "growth": peak - before}))


async def _compare(sandbox: EmbeddedSandbox, path: Path) -> int:
    """Lines of the CSV that differ from a fresh walk of the API (same order, same cells)."""
    from parcellab_desk.services.export import line_cells

    options = ExportOptions(delimiter=";")
    differ = 0
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle, delimiter=";")
            next(rows)
            async for order in client.iter_orders(ordering="order_number", page_size=500):
                line = next(rows, None)
                want = [
                    ""
                    if c is None
                    else c.isoformat().replace("+00:00", "Z")
                    if hasattr(c, "isoformat")
                    else str(c)
                    for cells in line_cells(order, options)
                    for c in cells
                ]
                differ += line != want
            differ += sum(1 for _ in rows)
    return differ


def export(sandbox: EmbeddedSandbox, folder: Path) -> bool:
    ok = True
    for fmt in ("csv", "xlsx"):
        target = folder / f"export.{fmt}"
        out = subprocess.run(  # noqa: S603 - this very script, as a child
            [
                sys.executable,
                __file__,
                "--export-child",
                sandbox.base_url,
                sandbox.demo_token,
                fmt,
                str(target),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        size = target.stat().st_size / 1024 / 1024
        print(
            f"export {figures['orders']:,} orders to {fmt.upper()}: {figures['wall']:.1f} s, "
            f"peak RSS growth {figures['growth']:.1f} MB (target < {RSS_TARGET_MB:.0f}), "
            f"file {size:.1f} MB"
        )
        ok = ok and figures["growth"] < RSS_TARGET_MB
        if fmt == "csv":
            differ = asyncio.run(_compare(sandbox, target))
            print(f"  CSV compared line by line with the API: {differ} lines differ")
            ok = ok and differ == 0
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--export-orders", type=int, default=100_000)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-bulk", action="store_true")
    parser.add_argument("--export-child", nargs=4, metavar=("URL", "TOKEN", "FORMAT", "PATH"))
    args = parser.parse_args()
    if args.export_child:
        asyncio.run(_export_child(*args.export_child))
        return 0
    ok = True
    print(f"load average (start): {load_text()}")
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as scratch:
        folder = Path(scratch)
        # Some demo orders are cancelled (an import skips those): a few spare ones.
        if not args.skip_bulk:
            with EmbeddedSandbox(demo_orders=args.orders * 11 // 10, seed=5) as sandbox:
                ok = asyncio.run(bulk(sandbox, folder / "jobs", args.orders)) and ok
        if not args.skip_export:
            started = time.perf_counter()
            with EmbeddedSandbox(demo_orders=args.export_orders, seed=6) as sandbox:
                print(
                    f"seeded {args.export_orders:,} orders in {time.perf_counter() - started:.1f} s"
                )
                ok = export(sandbox, folder) and ok
    print(f"load average (end):   {load_text()}")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
