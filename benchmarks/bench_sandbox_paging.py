"""Sandbox paging benchmark: does the last page of 100,000 orders cost what the first does?

Seeds 100,000 demo orders (timed), then walks every page over loopback HTTP for each
ordering and prints the time of the first and the last page and their ratio. Keyset pages
with a ``(key, id)`` index per ordering keep the ratio near 1; offset paging would grow
linearly. Target: the last page within 1.5x of the first.

Each page time is the best of 30 requests of the same page URL, first and last taken in
turns, so the load of other processes on the machine does not decide the result.

    python benchmarks/bench_sandbox_paging.py [--orders N] [--page-size N] [--all-orderings]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

from parcellab_desk.sandbox.demo_data import seed_store
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.sandbox.store import Store

TARGET_RATIO = 1.5
REPEATS = 30
PATH = "/v4/track/orders/"


def _page_times(client: httpx.Client, first_url: str, last_url: str) -> tuple[float, float]:
    """Best of REPEATS for each page, measured alternately so both see the same machine load."""
    first: list[float] = []
    last: list[float] = []
    for _ in range(REPEATS):
        for url, times in ((first_url, first), (last_url, last)):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            response.raise_for_status()
    return min(first), min(last)


def _walk(client: httpx.Client, ordering: str, page_size: int) -> tuple[int, int, float, str, str]:
    first_url = f"{PATH}?ordering={ordering}&page_size={page_size}"
    url: str | None = first_url
    last_url = first_url
    pages = rows = 0
    started = time.perf_counter()
    while url is not None:
        body = client.get(url).raise_for_status().json()
        pages += 1
        rows += len(body["results"])
        last_url = url
        url = body["next"]
    return pages, rows, time.perf_counter() - started, first_url, last_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument(
        "--all-orderings", action="store_true", help="walk every ordering both ways"
    )
    args = parser.parse_args()

    orderings = ["-created_at"]
    if args.all_orderings:
        orderings += ["created_at", "updated_at", "-updated_at", "order_number",
                      "-order_number", "external_reference", "-external_reference"]  # fmt: skip

    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-sandbox-") as scratch:
        db = Path(scratch) / "bench.sqlite3"
        store = Store(db)
        started = time.perf_counter()
        seeded = seed_store(store, args.orders, seed=1)
        seeding = time.perf_counter() - started
        store.close()
        print(f"seeded {seeded:,} orders in {seeding:.1f} s ({seeded / seeding:,.0f} orders/s)")

        with (
            EmbeddedSandbox(db, demo_orders=0) as sandbox,
            httpx.Client(
                base_url=sandbox.base_url,
                headers={"Authorization": f"Bearer {sandbox.demo_token}"},
                timeout=30,
            ) as client,
        ):
            for ordering in orderings:
                pages, rows, walk, first_url, last_url = _walk(client, ordering, args.page_size)
                first, last = _page_times(client, first_url, last_url)
                ratio = last / first
                worst = max(worst, ratio)
                print(
                    f"ordering={ordering:<20} {pages:,} pages, {rows:,} orders, walk {walk:.1f} s; "
                    f"first page {first * 1000:.2f} ms, last page {last * 1000:.2f} ms, "
                    f"ratio {ratio:.2f}"
                )
    verdict = "PASS" if worst <= TARGET_RATIO else "FAIL"
    print(f"{verdict}: worst last/first ratio {worst:.2f} (target <= {TARGET_RATIO})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
