"""The sandbox under load, with its hardening on: many clients, hostile ones among them.

A sandbox server runs in a child process (as ``parcellab-desk-sandbox`` does); this process
drives it for a while with ``--clients`` concurrent keep-alive clients, each looping over
a mix of requests: cursor-paginated lists (60 %), lookups (20 %) and PUT writes (20 %:
creating an order with one to three trackings, or updating one of its own orders). Beside
them, hostile traffic that must be refused without harm: connections that never finish
their headers (slowloris), 2 MB bodies and 101-mutation PUTs.

Afterwards every acknowledged write (a PUT answered 200) is read back: the order must hold
exactly what the last acknowledged write of it said. Printed: requests and their statuses,
5xx answers, lost acknowledged writes, and the latency percentiles per kind.

    .venv/bin/python benchmarks/bench_sandbox_load.py                 # 50 clients, 60 s
    .venv/bin/python benchmarks/bench_sandbox_load.py --clients 20 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ORDERS = "/v4/track/orders/"
DEMO_TOKEN = "sandbox-demo-token"  # noqa: S105 - the published demo credential
ACCOUNTS = (1001, 1002, 1003)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    # order number -> (account, customer number, tracking numbers) of its last acknowledged write
    acknowledged: dict[str, tuple[int, str, frozenset[str]]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    slowloris_closed: int = 0


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _timed(tally: Tally, kind: str, request: Any) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response: httpx.Response = await request
    except httpx.HTTPError as exc:
        if kind.startswith("hostile") and isinstance(exc, httpx.ReadError | httpx.WriteError):
            # Refused before the body was read: the server answered 413 and closed while
            # the client was still sending (as any server that refuses early does).
            tally.statuses[(kind, 0)] += 1
            return None
        tally.errors[f"{kind}: {type(exc).__name__}"] += 1
        return None
    tally.latencies[kind].append(time.perf_counter() - started)
    tally.statuses[(kind, response.status_code)] += 1
    return response


async def agent(number: int, base_url: str, deadline: float, tally: Tally, seed: int) -> None:
    """One well-behaved client: lists, lookups and writes until the deadline."""
    rng = random.Random(seed + number)
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    mine: dict[str, tuple[int, str, frozenset[str]]] = {}
    known: list[str] = []
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, timeout=30, trust_env=False
    ) as client:
        written = 0
        while time.perf_counter() < deadline:
            roll = rng.random()
            if roll < 0.6:
                params: dict[str, str | int] = {
                    "page_size": 50,
                    "ordering": rng.choice(["-created_at", "created_at", "order_number"]),
                    "account": rng.choice(ACCOUNTS),
                }
                response = await _timed(tally, "list", client.get(ORDERS, params=params))
                if response is not None and response.status_code == 200:
                    results = response.json()["results"]
                    known.extend(o["order_number"] for o in results[:3])
                    del known[:-50]
            elif roll < 0.8 and known:
                unique_id = rng.choice(known)
                await _timed(tally, "lookup", client.get(f"{ORDERS}{unique_id}/"))
            else:
                written += 1
                if mine and rng.random() < 0.5:
                    order_number = rng.choice(list(mine))
                    account, _customer, trackings = mine[order_number]
                    body: dict[str, Any] = {
                        "account": account,
                        "order_number": order_number,
                        "customer_number": f"C-{number}-{written}",
                    }
                else:
                    order_number = f"LOAD-{seed}-{number}-{written}"
                    account = rng.choice(ACCOUNTS)
                    trackings = frozenset(f"{order_number}-T{t}" for t in range(rng.randint(1, 3)))
                    body = {
                        "account": account,
                        "order_number": order_number,
                        "customer_number": f"C-{number}-{written}",
                        "mutations": [
                            {
                                "type": "add_tracking",
                                "tracking": {"courier": "dhl-germany", "tracking_number": t},
                            }
                            for t in sorted(trackings)
                        ],
                    }
                response = await _timed(tally, "put", client.put(ORDERS, json=body))
                if response is not None and response.status_code == 200:
                    mine[order_number] = (account, body["customer_number"], trackings)
    tally.acknowledged.update(mine)


async def hostile(base_url: str, deadline: float, tally: Tally) -> None:
    """Oversized bodies and too many mutations, one after the other: refused with a 4xx."""
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    big = b'{"account": 1001, "order_number": "' + b"x" * 2_000_000 + b'"}'
    many = {
        "account": 1001,
        "order_number": "HOSTILE-1",
        "mutations": [
            {"type": "add_tracking", "tracking": {"courier": "ups", "tracking_number": f"H{n}"}}
            for n in range(101)
        ],
    }
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, timeout=30, trust_env=False
    ) as client:
        while time.perf_counter() < deadline:
            await _timed(tally, "hostile 2 MB", client.put(ORDERS, content=big))
            await _timed(tally, "hostile 101 mutations", client.put(ORDERS, json=many))
            await asyncio.sleep(0.5)


async def slowloris(host: str, port: int, deadline: float, tally: Tally) -> None:
    """A connection that sends its headers one byte now and then, reconnecting when cut."""
    while time.perf_counter() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        try:
            writer.write(b"GET /v4/track/orders/ HTTP/1.1\r\nHost: localhost\r\n")
            while time.perf_counter() < deadline:
                writer.write(b"X")
                await writer.drain()
                try:
                    data = await asyncio.wait_for(reader.read(1), 1.0)
                except TimeoutError:
                    continue
                if data == b"":
                    tally.slowloris_closed += 1
                    break
        except OSError:
            tally.slowloris_closed += 1
        finally:
            writer.close()


async def verify(base_url: str, tally: Tally) -> tuple[int, int]:
    """Read back every acknowledged write; returns (checked, lost)."""
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    lost = 0
    semaphore = asyncio.Semaphore(10)
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, timeout=30, trust_env=False
    ) as client:

        async def check(order_number: str, expected: tuple[int, str, frozenset[str]]) -> bool:
            account, customer, trackings = expected
            async with semaphore:
                response = await client.get(
                    ORDERS, params={"account": account, "order_number": order_number}
                )
            results = response.json()["results"] if response.status_code == 200 else []
            if len(results) != 1:
                return False
            order = results[0]
            numbers = {t["tracking_number"] for t in order["trackings"]}
            return order["customer_number"] == customer and numbers == set(trackings)

        outcomes = await asyncio.gather(
            *(check(number, expected) for number, expected in tally.acknowledged.items())
        )
    lost = sum(not ok for ok in outcomes)
    return len(outcomes), lost


async def run(base_url: str, clients: int, seconds: float, slow: int, seed: int) -> Tally:
    tally = Tally()
    deadline = time.perf_counter() + seconds
    host, port = re.match(r"http://([^:]+):(\d+)", base_url).groups()  # type: ignore[union-attr]
    await asyncio.gather(
        *(agent(n, base_url, deadline, tally, seed) for n in range(clients)),
        hostile(base_url, deadline, tally),
        *(slowloris(host, int(port), deadline, tally) for _ in range(slow)),
    )
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--slowloris", type=int, default=20, help="slow connections beside")
    parser.add_argument("--orders", type=int, default=5000, help="demo orders to seed")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="parcellab-load-") as scratch:
        db = Path(scratch) / "load.sqlite3"
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "parcellab_desk.sandbox", "--port", "0", "--db", str(db),
             "--orders", str(args.orders)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )  # fmt: skip
        try:
            assert server.stdout is not None
            first = server.stdout.readline()
            match = re.search(r"(http://127\.0\.0\.1:\d+)", first)
            if match is None:
                print(f"the sandbox did not start: {first!r}", file=sys.stderr)
                return 1
            base_url = match.group(1)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(
                f"sandbox at {base_url} ({args.orders} orders); {args.clients} clients, "
                f"{args.slowloris} slowloris connections and one hostile client for "
                f"{args.seconds:.0f} s (load average before: {load:.2f})",
                flush=True,
            )
            tally = asyncio.run(
                run(base_url, args.clients, args.seconds, args.slowloris, args.seed)
            )
            checked, lost = asyncio.run(verify(base_url, tally))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            for stream in (server.stdout, server.stderr):
                if stream is not None:
                    stream.close()

    total = sum(tally.statuses.values())
    five_xx = sum(count for (_kind, status), count in tally.statuses.items() if status >= 500)
    print()
    print(f"{'kind':24} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    print("(status 0: the connection was closed while the body was still being sent)")
    for kind, values in sorted(tally.latencies.items()):
        statuses = ", ".join(
            f"{status}: {count}"
            for (k, status), count in sorted(tally.statuses.items())
            if k == kind
        )
        print(
            f"{kind:24} {len(values):9d} {_percentile(values, 0.5) * 1000:8.1f} "
            f"{_percentile(values, 0.99) * 1000:8.1f} {max(values) * 1000:8.1f}  {statuses}"
        )
    friendly = [v for k, vs in tally.latencies.items() if not k.startswith("hostile") for v in vs]
    print()
    print(f"requests answered: {total} ({total / args.seconds:.0f}/s)")
    print(f"5xx answers: {five_xx}")
    print(f"transport errors: {sum(tally.errors.values())} {dict(tally.errors) or ''}")
    print(f"acknowledged writes read back: {checked}, lost: {lost}")
    print(
        f"p99 latency of the well-behaved clients: {_percentile(friendly, 0.99) * 1000:.1f} ms "
        f"(p50 {statistics.median(friendly) * 1000:.1f} ms)"
    )
    print(f"slowloris connections cut by the server: {tally.slowloris_closed}")
    return 0 if five_xx == 0 and lost == 0 and not tally.errors else 1


if __name__ == "__main__":
    sys.exit(main())
