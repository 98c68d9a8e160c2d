"""Lost answers benchmark: 200 POSTs and 200 PUTs through a gateway that loses answers.

The sandbox's fault injection stands in for a gateway in front of the service: every write is
handled in full (committed), then 30% of the answers are dropped (the connection closes) and
another 10% are replaced by a 504. The console's write path (``OrderWrites``, with the
production retry policy and deadlines) sends each write; when its outcome is unknown the
agent's "Check again" is simulated (up to three looks, a moment apart), then "Send again".
At the end every write is checked against the store through a clean client.

Printed figures (targets: the first three 0):

- duplicates: POSTs sent for an order that already existed (the service would answer
  "already exists", or create a second copy where nothing stops it);
- acknowledged writes lost: writes the console reported saved that the service lacks;
- false "not saved": writes reported not saved that the service in fact holds;
- still unknown after the checks, and how the outcomes were reached;
- the longest any save took before the agent had an answer, and the bound by construction
  (save deadline + check deadline), measured too against a server that accepts the
  connection and never answers.

    python benchmarks/bench_write_outcomes.py [--writes 200] [--no-hang]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.payload import AddTracking
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.write_outcomes import (
    OrderWrites,
    Outcome,
    WriteIntent,
    write_landed,
)

DROP_RATE = 0.30
GATEWAY_504_RATE = 0.10
CONCURRENCY = 10
CHECKS = 3
CHECK_PAUSE_S = 0.2  # the agent reads the banner, then presses Check again


class CountingTransport(httpx.AsyncHTTPTransport):
    """The real transport, counting POSTs per order number."""

    def __init__(self) -> None:
        super().__init__()
        self.posts: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.posts[json.loads(request.content)["order_number"]] += 1
        return await super().handle_async_request(request)


@dataclass
class Tally:
    reported: Counter[str] = field(default_factory=Counter)
    how: Counter[str] = field(default_factory=Counter)
    longest_s: float = 0.0
    results: list[tuple[WriteIntent, Outcome]] = field(default_factory=list)


async def _write(writes: OrderWrites, intent: WriteIntent, tally: Tally) -> None:
    started = time.perf_counter()
    result = await writes.send(intent)
    tally.longest_s = max(tally.longest_s, time.perf_counter() - started)
    how = "answered" if not result.looked_up else f"lookup: {result.outcome}"
    checks = 0
    while result.outcome is Outcome.UNKNOWN and checks < CHECKS:
        await asyncio.sleep(CHECK_PAUSE_S)
        checks += 1
        result = await writes.check(intent)
        how = f"check again: {result.outcome}"
    if result.outcome is Outcome.UNKNOWN and result.looked_up:
        result = await writes.send_again(intent)
        how = f"send again: {result.outcome}"
    if result.outcome is Outcome.NOT_SAVED and result.error is not None:
        error = result.error
        how += f" ({type(error).__name__} {getattr(error, 'status_code', '')})".replace(" )", ")")
    tally.how[how] += 1
    tally.reported[result.outcome] += 1
    tally.results.append((intent, result.outcome))


async def _batched(jobs: list[WriteIntent], writes: OrderWrites, tally: Tally) -> None:
    for start in range(0, len(jobs), CONCURRENCY):
        await asyncio.gather(*(_write(writes, i, tally) for i in jobs[start : start + CONCURRENCY]))


async def _verify(client: ParcelLabClient, tally: Tally) -> tuple[int, int]:
    lost = false_not_saved = 0
    for intent, outcome in tally.results:
        if intent.method == "POST":
            found = await client.find_order(intent.body["account"], intent.body["order_number"])
        else:
            found = await client.get_order(intent.body["external_id"])
        there = found is not None and write_landed(intent, found)
        lost += outcome is Outcome.SAVED and not there
        false_not_saved += outcome is Outcome.NOT_SAVED and there
    return lost, false_not_saved


async def _black_hole_hang() -> float:
    """One save against a server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    held: list[asyncio.StreamWriter] = []

    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # keep it open, say nothing

    server = await asyncio.start_server(swallow, sock=listener)
    async with ParcelLabClient(f"http://127.0.0.1:{port}", BearerAuth("black-hole-token")) as c:
        writes = OrderWrites(c)
        started = time.perf_counter()
        result = await writes.send(WriteIntent.post({"account": 1, "order_number": "HANG-1"}))
        took = time.perf_counter() - started
    server.close()
    for writer in held:
        writer.close()
    assert result.outcome is Outcome.UNKNOWN
    return took


async def run(count: int, hang: bool) -> int:
    with EmbeddedSandbox(demo_orders=0) as sandbox:
        account = sandbox.accounts[0]
        transport = CountingTransport()
        async with (
            ParcelLabClient(
                sandbox.base_url, BearerAuth(sandbox.demo_token), transport=transport
            ) as client,
            ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as clean,
        ):
            writes = OrderWrites(client)
            # Orders for the PUTs, created before the faults start.
            targets: list[Order] = [
                await clean.post_order({"account": account, "order_number": f"BENCH-PUT-{i}"})
                for i in range(count)
            ]
            sandbox.faults.configure(
                after_commit_drop_rate=DROP_RATE,
                after_commit_error_rate=GATEWAY_504_RATE,
                after_commit_status=504,
                seed=2026,
            )
            posts = [
                WriteIntent.post(
                    {"account": account, "order_number": f"BENCH-POST-{i}", "order_status": "New"}
                )
                for i in range(count)
            ]
            puts = [
                WriteIntent.put(
                    {
                        "external_id": order.external_id,
                        "order_status": "Shipped" if i % 2 else "Processing",
                        "mutations": [
                            AddTracking(
                                {"courier": "gls", "tracking_number": f"{order.order_number}-G"}
                            ).to_json()
                        ],
                    }
                )
                for i, order in enumerate(targets)
            ]
            tallies = {"POST": Tally(), "PUT": Tally()}
            started = time.perf_counter()
            await _batched(posts, writes, tallies["POST"])
            await _batched(puts, writes, tallies["PUT"])
            elapsed = time.perf_counter() - started
            injected = sandbox.faults.injected
            sandbox.faults.reset()
            verified = {m: await _verify(clean, t) for m, t in tallies.items()}
            created = len([o async for o in clean.iter_orders(accounts=[account])]) - count
            duplicates = sum(transport.posts.values()) - created

    print(f"lost answers: {DROP_RATE:.0%} dropped after commit, {GATEWAY_504_RATE:.0%} 504")
    print(f"  {count} POSTs + {count} PUTs in {elapsed:.1f} s, {injected} answers lost")
    for method, tally in tallies.items():
        lost, false_not_saved = verified[method]
        print(
            f"  {method:4}: saved {tally.reported[Outcome.SAVED]}, "
            f"not saved {tally.reported[Outcome.NOT_SAVED]}, "
            f"unknown {tally.reported[Outcome.UNKNOWN]}; "
            f"acknowledged lost {lost}, false 'not saved' {false_not_saved}"
        )
        for how, n in sorted(tally.how.items()):
            print(f"        {how}: {n}")
    print(f"  duplicates (POSTs beyond the orders created): {duplicates}")
    longest = max(t.longest_s for t in tallies.values())
    print(f"  longest save before an answer, under these faults: {longest:.2f} s")
    print(f"  bound by construction (save + check deadline): {writes.longest_wait:.0f} s")
    failures = duplicates + sum(lost + f for lost, f in verified.values())
    if hang:
        took = await _black_hole_hang()
        print(f"  a server that never answers: outcome unknown after {took:.1f} s")
        failures += took > writes.longest_wait + 1.0
    return 1 if failures else 0


def main() -> int:
    import stamina.instrumentation

    stamina.instrumentation.set_on_retry_hooks([])  # retries are expected here; no log lines
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=200, help="POSTs and PUTs each")
    parser.add_argument(
        "--no-hang", action="store_true", help="skip the 40 s never-answering server"
    )
    args = parser.parse_args()
    return asyncio.run(run(args.writes, not args.no_hang))


if __name__ == "__main__":
    sys.exit(main())
