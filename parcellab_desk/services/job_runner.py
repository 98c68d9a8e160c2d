"""One job runner for every bulk action and import: bounded, rate-limit aware, resumable.

A ``Job`` works through its plan's rows with a few workers at once (four by default). Each
row is: look the order up, ``decide`` (``job_operations``), and send the PUT when there is
something to send. The rules that keep it safe:

- **Shared rate limit.** A 429 closes one ``RateGate`` for its ``Retry-After``; every worker
  waits at that gate before each request, so one throttled answer slows the whole job, not
  just the worker that got it.
- **Unknown outcomes.** Writes go through the console's one write path
  (``services.write_outcomes``): a PUT that timed out, lost its connection or got a gateway
  error may have been applied, and is looked up before it is reported. A row whose outcome
  stays unknown is not sent again blindly: the next try looks the order up and decides
  again, and only when the change is not there is the (idempotent) PUT sent again.
- **Never one order twice.** A plan names each order once (``JobPlan``), and a row is held
  by one worker at a time; "retry failed" re-queues only rows that ended failed.
- **Journaled.** Every change of a row is recorded before the request it announces
  (``job_journal``), so a killed process resumes with the row that was in flight looked up
  again rather than repeated or lost.

The runner is plain asyncio (no Qt): the console drives it on its qasync loop, tests and the
benchmark on any loop. The client it is given should not retry 429s itself (the console
hands it one with ``attempts=1``), or the gate only sees the last of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    ApiStatusError,
    AuthenticationError,
    NotFoundError,
    ParcelLabError,
    RateLimitedError,
    ServerError,
    TransportError,
    ValidationError,
    WriteNotVisibleError,
    summarize,
)
from parcellab_desk.api.models import Order
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.files import atomic_write_text
from parcellab_desk.services.job_journal import JobJournal, JobRecorder
from parcellab_desk.services.job_operations import decide
from parcellab_desk.services.job_plan import JobPlan, JobRow, OrderRef, RowState
from parcellab_desk.services.write_outcomes import (
    OrderClient,
    OrderWrites,
    Outcome,
    WriteIntent,
    WriteOutcomeUnknownError,
    WriteResult,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "Job",
    "JobClient",
    "JobProgress",
    "JobState",
    "RateGate",
    "RunnerSettings",
]

_log = logging.getLogger(__name__)
T = TypeVar("T")
A = TypeVar("A")

DEFAULT_CONCURRENCY = 4


JobClient = OrderClient
"""The part of the API client a job needs (``ParcelLabClient`` fits it): the write path's."""


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    concurrency: int = DEFAULT_CONCURRENCY
    max_attempts: int = 10  # tries of one row through timeouts, dropped connections and 5xx
    backoff_initial: float = 0.1  # seconds, doubled per try, with jitter
    backoff_max: float = 5.0
    default_retry_after: float = 1.0  # a 429 without Retry-After
    max_throttled: int = 100  # 429s one row may meet before it is given up


class JobState(StrEnum):
    READY = "ready"  # built or loaded from the journal, not running
    RUNNING = "running"
    PAUSED = "paused"  # the workers finish their row and wait
    CANCELLED = "cancelled"  # stopped by the agent; rows left stay pending (resumable)
    FINISHED = "finished"  # every row is done, skipped or failed


@dataclass(frozen=True, slots=True)
class JobProgress:
    total: int
    done: int
    failed: int
    skipped: int
    in_flight: int
    state: JobState
    elapsed_s: float
    eta_s: float | None  # None until a row has finished in this run
    waiting_s: float  # how long the rate limit still holds every worker
    requests: int
    notice: str = ""  # why the job stopped by itself (e.g. sign in again)

    @property
    def left(self) -> int:
        return self.total - self.done - self.failed - self.skipped

    @property
    def finished_rows(self) -> int:
        return self.done + self.failed + self.skipped


class RateGate:
    """One 429 holds every worker of a job for ``Retry-After`` seconds."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._open_at = 0.0
        self.holds = 0

    def hold(self, seconds: float) -> None:
        self.holds += 1
        self._open_at = max(self._open_at, self._clock() + max(0.0, seconds))

    @property
    def remaining(self) -> float:
        return max(0.0, self._open_at - self._clock())

    async def wait(self) -> None:
        while (delay := self._open_at - self._clock()) > 0:
            await self._sleep(delay)


class _OutcomeUnknownError(Exception):
    """A request whose outcome is unknown (no answer, or a 5xx): look up, then maybe again."""

    def __init__(self, cause: ParcelLabError) -> None:
        super().__init__(cause.message)
        self.cause = cause


class _StopJobError(Exception):
    """The job must stop by itself (e.g. the token was refused); the row goes back."""


def _worth_another_try(error: ParcelLabError | None) -> bool:
    """A write refused in a way that may pass (a 5xx that proves nothing was written, or an
    accepted write whose answer does not show it yet): look up and decide again."""
    return error is not None and (_is_transient(error) or isinstance(error, WriteNotVisibleError))


def _is_transient(error: ParcelLabError) -> bool:
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ServerError) or (
        isinstance(error, ApiStatusError) and (error.status_code or 0) >= 500
    )


class Job:
    """One running (or resumable) job over ``client``. ``await job.run()`` works it through;
    ``pause``/``resume``/``cancel`` steer it; ``on_change`` hears about every row."""

    def __init__(
        self,
        plan: JobPlan,
        client: JobClient,
        *,
        journal: JobJournal | None = None,
        settings: RunnerSettings | None = None,
        on_change: Callable[[Job], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.plan = plan
        self.client = client
        self.settings = settings or RunnerSettings()
        if self.settings.concurrency < 1:
            raise ValueError("a job needs at least one worker")
        self.on_change = on_change
        self._journal = journal
        self._recorder: JobRecorder | None = None
        self._clock = clock
        self._sleep = sleep
        self.gate = RateGate(clock, sleep)
        self._writes = OrderWrites(client)
        self.rows: list[JobRow] = list(plan.rows)
        self._queue: deque[int] = deque()
        self._claimed: set[int] = set()
        self._resolved: dict[str, int] = {}  # external_id -> the row that handles it
        self._go = asyncio.Event()
        self._go.set()
        self._cancelled = False
        self._state = JobState.READY
        self._workers: list[asyncio.Task[None]] = []
        self._requests = 0
        self._started = 0.0
        self._active_s = 0.0  # running time of earlier runs (pauses excluded)
        self._finished_this_run = 0
        self._notice = ""
        self._random = random.Random()  # noqa: S311 - backoff jitter, not security

    # --- what the panel reads -----------------------------------------------------------

    @property
    def job_id(self) -> str:
        return self.plan.job_id

    @property
    def state(self) -> JobState:
        return self._state

    def progress(self) -> JobProgress:
        counts = dict.fromkeys(RowState, 0)
        for row in self.rows:
            counts[row.state] += 1
        elapsed = self._elapsed()
        left = counts[RowState.PENDING] + counts[RowState.IN_FLIGHT]
        eta: float | None = None
        if self._finished_this_run and self._state is JobState.RUNNING:
            run_s = elapsed - self._active_s
            eta = run_s / self._finished_this_run * left
        return JobProgress(
            total=len(self.rows),
            done=counts[RowState.DONE],
            failed=counts[RowState.FAILED],
            skipped=counts[RowState.SKIPPED],
            in_flight=counts[RowState.IN_FLIGHT],
            state=self._state,
            elapsed_s=elapsed,
            eta_s=eta,
            waiting_s=self.gate.remaining,
            requests=self._requests,
            notice=self._notice,
        )

    def current_plan(self) -> JobPlan:
        return self.plan.with_rows(self.rows)

    def _elapsed(self) -> float:
        if self._state in (JobState.RUNNING, JobState.PAUSED) and self._started:
            return self._active_s + (self._clock() - self._started)
        return self._active_s

    # --- steering -------------------------------------------------------------------------

    async def run(self) -> JobProgress:
        """Work through every row not yet final; returns when all are final, or when the job
        was cancelled (or stopped itself). Running it again resumes the rows left."""
        if self._state in (JobState.RUNNING, JobState.PAUSED):
            raise RuntimeError("the job is already running")
        self._queue = deque(i for i, row in enumerate(self.rows) if not row.state.is_final)
        self._cancelled = False
        self._notice = ""
        self._go.set()
        self._finished_this_run = 0
        if self._journal is not None and self._recorder is None:
            self._recorder = self._journal.open(self.current_plan())
        self._started = self._clock()
        self._set_state(JobState.RUNNING)
        count = min(self.settings.concurrency, len(self._queue))
        self._workers = [
            asyncio.create_task(self._work(), name=f"job:{self.job_id}:{n}") for n in range(count)
        ]
        try:
            await asyncio.gather(*self._workers, return_exceptions=True)
        finally:
            self._workers = []
            self._active_s += self._clock() - self._started
            self._started = 0.0
            left = any(not row.state.is_final for row in self.rows)
            self._set_state(JobState.CANCELLED if left else JobState.FINISHED)
            if self._recorder is not None:
                self._recorder.finish(self.current_plan())
                self._recorder = None
        return self.progress()

    def pause(self) -> None:
        """The workers finish the row they hold, then wait for ``resume()``."""
        if self._state is JobState.RUNNING:
            self._go.clear()
            self._set_state(JobState.PAUSED)

    def resume(self) -> None:
        if self._state is JobState.PAUSED:
            self._go.set()
            self._set_state(JobState.RUNNING)

    def cancel(self) -> None:
        """Stop now: rows in flight go back to pending (looked up first when the job runs
        again); rows not started stay pending."""
        self._cancelled = True
        self._go.set()
        for worker in self._workers:
            worker.cancel()

    def retry_failed(self) -> int:
        """Failed rows back to pending (checked from a fresh lookup); run() again after."""
        if self._state in (JobState.RUNNING, JobState.PAUSED):
            raise RuntimeError("wait until the job has stopped")
        count = 0
        for index, row in enumerate(self.rows):
            if row.state is RowState.FAILED:
                self.rows[index] = replace(row, state=RowState.PENDING, message="")
                count += 1
        if count:
            self._set_state(JobState.READY)
        return count

    def discard(self) -> None:
        """Forget the job on disk (the agent closed it)."""
        if self._journal is not None:
            self._journal.remove(self.job_id)

    # --- results ---------------------------------------------------------------------------

    def results_csv(self) -> str:
        """Per-row results as CSV text (UTF-8 BOM added by ``save_results``)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["lines", "order", "account", "external_id", "outcome", "message"])
        for row in self.rows:
            ref = row.ref
            writer.writerow(
                [
                    " ".join(str(n) for n in row.lines),
                    ref.order_number or "",
                    "" if ref.account is None else ref.account,
                    ref.external_id or "",
                    row.state.value,
                    row.message,
                ]
            )
        return out.getvalue()

    def save_results(self, path: Path) -> None:
        atomic_write_text(path, "\ufeff" + self.results_csv())

    # --- the work --------------------------------------------------------------------------

    def _set_state(self, state: JobState) -> None:
        self._state = state
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            try:
                self.on_change(self)
            except Exception:
                _log.exception("A job listener failed")

    def _put_row(self, index: int, row: JobRow) -> None:
        self.rows[index] = row
        if self._recorder is not None:
            self._recorder.record(index, row)
        self._changed()

    async def _work(self) -> None:
        while True:
            await self._go.wait()
            if self._cancelled or not self._queue:
                return
            index = self._queue.popleft()
            if index in self._claimed:  # cannot happen; the guard keeps "once" a promise
                continue
            self._claimed.add(index)
            try:
                await self._process(index)
            except _StopJobError as stop:
                self._notice = str(stop)
                self._go.clear()
                if self._state is JobState.RUNNING:
                    self._set_state(JobState.PAUSED)
            finally:
                self._claimed.discard(index)

    async def _process(self, index: int) -> None:
        row = self.rows[index]
        self._put_row(index, replace(row, state=RowState.IN_FLIGHT))
        try:
            state, message, sent = await self._apply(index)
        except asyncio.CancelledError:
            # Cancelled mid-row: back to pending, ``sent`` kept so a resume looks it up.
            self._put_row(index, replace(self.rows[index], state=RowState.PENDING))
            raise
        except _StopJobError:
            self._put_row(index, replace(self.rows[index], state=RowState.PENDING))
            raise
        self._finished_this_run += 1
        self._put_row(index, replace(self.rows[index], state=state, message=message, sent=sent))

    async def _apply(self, index: int) -> tuple[RowState, str, bool]:
        """(final state, message, whether a write of ours may have gone out)."""
        row = self.rows[index]
        sent = row.sent
        last: ParcelLabError | None = None
        for attempt in range(self.settings.max_attempts):
            if attempt:
                await self._backoff(attempt)
            try:
                order = await self._call(self._look_up, row.ref)
                if order is None:
                    return RowState.FAILED, "order not found", sent
                twin = self._resolved.setdefault(order.external_id or row.key, index)
                if twin != index:
                    # Named twice in the sheet (by number and by id): once is the promise.
                    return RowState.SKIPPED, f"same order as row {twin + 1}; not sent twice", sent
                decision = decide(self.plan.kind, self.plan.params, row, order)
                if decision.body is None:
                    if decision.holds and sent:
                        return RowState.DONE, "", sent
                    return RowState.SKIPPED, decision.reason, sent
                if not sent:
                    sent = True
                    row = replace(row, sent=True)
                    self._put_row(index, row)  # on disk before the request goes out
                result = await self._write(decision.body)
                if result.saved:
                    return RowState.DONE, "", sent
                error = result.error
                if result.outcome is Outcome.UNKNOWN or _worth_another_try(error):
                    # It may have landed (or cannot have, but may next time): the next try
                    # looks the order up and decides again before anything is re-sent.
                    last = error or WriteOutcomeUnknownError(result)
                    continue
                if error is not None:
                    raise error
                return RowState.FAILED, "not saved", sent
            except _OutcomeUnknownError as unknown:
                last = unknown.cause  # may have been applied: the next try looks it up first
            except AuthenticationError as exc:
                raise _StopJobError(describe_error(exc)) from exc
            except NotFoundError:
                return RowState.FAILED, "order not found", sent
            except AmbiguousOrderError:
                return RowState.FAILED, "several accounts have this order number", sent
            except ValidationError as exc:
                return RowState.FAILED, summarize(exc.errors) or exc.message, sent
            except ParcelLabError as exc:
                return RowState.FAILED, describe_error(exc), sent
            except ValueError as exc:  # a payload the client refused to build
                return RowState.FAILED, str(exc), sent
        assert last is not None
        return RowState.FAILED, f"gave up: {describe_error(last)}", sent

    async def _look_up(self, ref: OrderRef) -> Order | None:
        if ref.external_id:
            return await self.client.get_order(ref.external_id)
        if ref.account is not None and ref.order_number:
            return await self.client.find_order(ref.account, ref.order_number)
        return await self.client.get_order(ref.order_number or "")

    async def _write(self, body: Mapping[str, Any]) -> WriteResult:
        """One PUT through the shared gate and the write path's unknown-outcome rules
        (``services.write_outcomes``: a lost answer is looked up before it is reported);
        a 429 waits at the gate and the PUT goes again (it was refused, not applied)."""
        throttled = 0
        while True:
            await self.gate.wait()
            self._requests += 1
            result = await self._writes.send(WriteIntent.put(body))
            error = result.error
            if result.outcome is Outcome.NOT_SAVED and isinstance(error, RateLimitedError):
                throttled += 1
                if throttled <= self.settings.max_throttled:
                    self._hold_for(error)
                    continue
            return result

    def _hold_for(self, error: RateLimitedError) -> None:
        wait = error.retry_after
        self.gate.hold(self.settings.default_retry_after if wait is None else wait)
        self._changed()

    async def _call(self, request: Callable[[A], Awaitable[T]], argument: A) -> T:
        """One request through the shared gate; 429s wait there and try again."""
        throttled = 0
        while True:
            await self.gate.wait()
            self._requests += 1
            try:
                return await request(argument)
            except RateLimitedError as exc:
                throttled += 1
                if throttled > self.settings.max_throttled:
                    raise
                self._hold_for(exc)
            except ParcelLabError as exc:
                if _is_transient(exc):
                    raise _OutcomeUnknownError(exc) from exc
                raise

    async def _backoff(self, attempt: int) -> None:
        wait = min(self.settings.backoff_max, self.settings.backoff_initial * 2 ** (attempt - 1))
        await self._sleep(wait * (0.5 + self._random.random() / 2))


async def run_until_stopped(job: Job) -> JobProgress:
    """``job.run()`` that a cancel of the caller turns into a job cancel (no orphan workers)."""
    try:
        return await job.run()
    except asyncio.CancelledError:
        job.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(0)
        raise
