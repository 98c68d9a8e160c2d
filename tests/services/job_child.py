"""A job run in a child process, so a test can kill it half-way (``test_job_runner``).

Usage: ``python -m tests.services.job_child BASE_URL TOKEN JOURNAL_DIR JOB_ID``. Prints
``sent <row>`` to stdout (flushed) each time a row is about to be written, after the journal
has it, so the parent knows when a write is in flight.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.services.job_journal import JobJournal
from parcellab_desk.services.job_runner import Job


async def main(base_url: str, token: str, folder: str, job_id: str) -> None:
    journal = JobJournal(Path(folder))
    entry = journal.load(job_id)
    announced: set[int] = set()

    def on_change(job: Job) -> None:
        for index, row in enumerate(job.rows):
            if row.sent and index not in announced:
                announced.add(index)
                print(f"sent {index}", flush=True)

    async with ParcelLabClient(
        base_url, BearerAuth(token), retry=RetryPolicy(attempts=1)
    ) as client:
        job = Job(entry.plan, client, journal=journal, on_change=on_change)
        await job.run()
    print("finished", flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
