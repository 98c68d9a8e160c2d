"""The job runner against the sandbox: faults, the shared 429 gate, skips, a kill and resume."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import RateLimitedError
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.api.schema import CancelReason
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.job_journal import JobJournal
from parcellab_desk.services.job_operations import params_for_cancel, params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, RowState, rows_for_orders
from parcellab_desk.services.job_runner import Job, JobState, RunnerSettings
from tests.signals import WAIT

FAST = RunnerSettings(backoff_initial=0.005, backoff_max=0.02)
ROOT = Path(__file__).resolve().parents[2]


@asynccontextmanager
async def job_client(sandbox: EmbeddedSandbox) -> AsyncIterator[ParcelLabClient]:
    # attempts=1: every 429 and 503 reaches the runner, as the console's job client does.
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as client:
        yield client


async def all_orders(client: ParcelLabClient) -> list[Order]:
    return [order async for order in client.iter_orders(page_size=500)]


class Spy:
    """The client, recording when each request started and when each 429 came back."""

    def __init__(self, client: ParcelLabClient) -> None:
        self.client = client
        self.started: list[float] = []
        self.throttled_at: list[tuple[float, float]] = []  # (when, retry_after)

    async def _timed(self, call: Callable[[], Any]) -> Any:
        self.started.append(time.monotonic())
        try:
            return await call()
        except RateLimitedError as exc:
            self.throttled_at.append((time.monotonic(), exc.retry_after or 0.0))
            raise

    async def get_order(self, unique_id: str) -> Order:
        result: Order = await self._timed(lambda: self.client.get_order(unique_id))
        return result

    async def find_order(self, account: int, order_number: str) -> Order | None:
        result: Order | None = await self._timed(
            lambda: self.client.find_order(account, order_number)
        )
        return result

    async def post_order(self, order: Order | Mapping[str, Any]) -> Order:
        result: Order = await self._timed(lambda: self.client.post_order(order))
        return result

    async def put_order(self, body: Mapping[str, Any]) -> Order:
        result: Order = await self._timed(lambda: self.client.put_order(body))
        return result


async def test_bulk_tag_of_300_orders_through_503s_504s_and_a_429_burst_tags_each_once(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    # The echoing PUT form (the real service answers either way) spares a read-back per row.
    sandbox = make_sandbox(demo_orders=300, put_echo=True)
    tag = "escalation:ticket-4711"
    async with job_client(sandbox) as client:
        orders = await all_orders(client)
        assert len(orders) == 300
        # 7% refused with 503 before anything is written, 3% written and then answered 504
        # (the answer lost after commit: only a lookup can tell), and a burst of 429s.
        sandbox.faults.configure(
            error_rate=0.07, error_status=503, after_commit_error_rate=0.03, seed=7
        )
        sandbox.faults.throttle_next(4, retry_after=1)
        spy = Spy(client)
        plan = JobPlan(JobKind.ADD_TAGS, "Add tag", params_for_tags([tag]), rows_for_orders(orders))
        job = Job(plan, spy, settings=FAST)
        progress = await job.run()
        injected = sandbox.faults.injected
        sandbox.faults.reset()
        after = await all_orders(client)

    assert (progress.done, progress.failed, progress.skipped, progress.left) == (300, 0, 0, 0)
    assert progress.state is JobState.FINISHED
    assert injected > 30  # the faults really happened: ~10% of ~900 requests plus the burst
    assert all(order.tags.count(tag) == 1 for order in after)
    counts = sandbox.write_log.counts()
    assert sorted(counts[o.external_id or ""] for o in orders) == [1] * 300  # once each
    # The 429s held every worker: no request started before the first Retry-After ran out.
    first_429, wait = spy.throttled_at[0]
    assert wait == 1.0
    assert not [t for t in spy.started if first_429 < t < first_429 + wait - 0.05]
    assert job.gate.holds >= 1


async def test_bulk_cancel_skips_and_lists_orders_already_cancelled(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(demo_orders=30)
    async with job_client(sandbox) as client:
        open_orders = [o for o in await all_orders(client) if not o.is_cancelled][:10]
        for order in open_orders[:3]:
            await client.cancel_order(order, CancelReason.CUSTOMER)
        plan = JobPlan(
            JobKind.CANCEL_ORDERS,
            "Cancel",
            params_for_cancel(CancelReason.INVENTORY),
            rows_for_orders(open_orders),
        )
        job = Job(plan, client, settings=FAST)
        progress = await job.run()
        after = {o.external_id: o for o in await all_orders(client)}

    assert (progress.done, progress.skipped, progress.failed) == (7, 3, 0)
    skipped = [row for row in job.rows if row.state is RowState.SKIPPED]
    assert {row.ref.external_id for row in skipped} == {o.external_id for o in open_orders[:3]}
    assert all(row.message == "already cancelled (Customer)" for row in skipped)
    for order in open_orders:
        saved = after[order.external_id]
        assert saved.order_status == "Cancelled"
    assert {after[o.external_id].cancelled_reason for o in open_orders[3:]} == {
        CancelReason.INVENTORY
    }
    assert {after[o.external_id].cancelled_reason for o in open_orders[:3]} == {
        CancelReason.CUSTOMER
    }
    csv_text = job.results_csv()
    assert csv_text.count(",skipped,already cancelled (Customer)") == 3
    assert csv_text.count(",done,") == 7


async def test_cancel_pause_resume_and_retry_failed(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(demo_orders=12)
    async with job_client(sandbox) as client:
        orders = await all_orders(client)
        plan = JobPlan(JobKind.ADD_TAGS, "t", params_for_tags(["x:1"]), rows_for_orders(orders))
        rows_done = asyncio.Event()

        def on_change(job: Job) -> None:
            if job.progress().done >= 3:
                rows_done.set()

        job = Job(plan, client, settings=RunnerSettings(concurrency=2), on_change=on_change)
        running = asyncio.ensure_future(job.run())
        await asyncio.wait_for(rows_done.wait(), WAIT)
        job.pause()
        assert job.state is JobState.PAUSED
        job.cancel()
        stopped = await asyncio.wait_for(running, WAIT)
        assert stopped.state is JobState.CANCELLED
        assert 3 <= stopped.done < 12
        assert stopped.left == 12 - stopped.done
        # A cancelled request may still be running in the server: let it land first.
        assert await asyncio.to_thread(sandbox.write_log.wait_idle, 10)
        # A permanent refusal fails its row; fixing nothing, "retry failed" re-queues it.
        sandbox.faults.fail_next(1, status=400, method="PUT")
        resumed = await job.run()
        assert (resumed.done, resumed.failed) == (11, 1)
        assert job.retry_failed() == 1
        final = await job.run()
    assert (final.done, final.failed, final.state) == (12, 0, JobState.FINISHED)
    assert sorted(sandbox.write_log.counts().values()) == [1] * 12


async def test_a_job_killed_half_way_resumes_and_applies_every_row_exactly_once(
    make_sandbox: Callable[..., EmbeddedSandbox], tmp_path: Path
) -> None:
    sandbox = make_sandbox(demo_orders=40)
    tag = "batch:resumed"
    async with job_client(sandbox) as client:
        orders = await all_orders(client)
    journal = JobJournal(tmp_path / "jobs")
    plan = JobPlan(JobKind.ADD_TAGS, "t", params_for_tags([tag]), rows_for_orders(orders))
    journal.open(plan).close()

    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.services.job_child",
        sandbox.base_url,
        sandbox.demo_token,
        str(journal.folder),
        plan.job_id,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    sent = 0
    while sent < 20:
        line = await asyncio.wait_for(child.stdout.readline(), 30)
        assert line.startswith(b"sent "), line
        sent += 1
    child.send_signal(signal.SIGKILL)  # mid-write: the 20th row was announced, then sent
    assert await child.wait() == -signal.SIGKILL
    # The killed process's last request may still be running in the server: let it finish.
    assert await asyncio.to_thread(sandbox.write_log.wait_idle, 10)

    entry = journal.load(plan.job_id)
    in_doubt = [row for row in entry.plan.rows if row.sent and not row.state.is_final]
    assert in_doubt, "a row caught in flight is resumed as 'look it up first'"
    assert 0 < sum(row.state is RowState.DONE for row in entry.plan.rows) < 40
    async with job_client(sandbox) as client:
        job = Job(entry.plan, client, journal=journal, settings=FAST)
        progress = await job.run()
        after = await all_orders(client)

    assert (progress.done, progress.failed) == (40, 0)
    assert all(order.tags.count(tag) == 1 for order in after)
    assert sorted(sandbox.write_log.counts().values()) == [1] * 40
    assert journal.unfinished() == []  # a finished job leaves nothing to offer
