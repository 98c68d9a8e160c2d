"""The job journal: what a kill leaves is read back; damaged files are set aside, never lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from parcellab_desk.api.models import Order
from parcellab_desk.services.drafts import new_draft_key
from parcellab_desk.services.job_journal import FernetCodec, JobJournal
from parcellab_desk.services.job_operations import params_for_tags
from parcellab_desk.services.job_plan import JobKind, JobPlan, RowState, rows_for_orders


def plan_of(count: int) -> JobPlan:
    orders = [
        Order(external_id=f"00000000-0000-4000-8000-{n:012d}", account=1001, order_number=f"A-{n}")
        for n in range(count)
    ]
    return JobPlan(JobKind.ADD_TAGS, "t", params_for_tags(["x:1"]), rows_for_orders(orders))


def test_states_are_read_back_and_a_row_caught_in_flight_is_looked_up_first(
    tmp_path: Path,
) -> None:
    journal = JobJournal(tmp_path)
    plan = plan_of(3)
    recorder = journal.open(plan)
    recorder.record(0, replace(plan.rows[0], state=RowState.DONE, sent=True))
    recorder.record(1, replace(plan.rows[1], state=RowState.IN_FLIGHT, sent=True))
    recorder.close()
    with (tmp_path / f"{plan.job_id}.log").open("a") as log:
        log.write('{"i": 2, "row": {"ref"')  # the line a kill cut short
    entry = journal.load(plan.job_id)
    states = [(row.state, row.sent) for row in entry.plan.rows]
    assert states == [
        (RowState.DONE, True),
        (RowState.PENDING, True),  # in flight when killed: pending, and "sent" says look first
        (RowState.PENDING, False),
    ]
    assert [e.plan.job_id for e in journal.unfinished()] == [plan.job_id]


def test_a_damaged_plan_is_set_aside_and_a_finished_job_leaves_nothing(tmp_path: Path) -> None:
    journal = JobJournal(tmp_path)
    broken = plan_of(1)
    journal.open(broken).close()
    (tmp_path / f"{broken.job_id}.plan.json").write_text("{not json")
    done = plan_of(2)
    recorder = journal.open(done)
    recorder.finish(done.with_rows([replace(r, state=RowState.DONE) for r in done.rows]))
    assert journal.unfinished() == []
    (aside,) = tmp_path.glob(f"{broken.job_id}.plan.json.damaged-*")
    assert aside.read_text() == "{not json"
    assert not (tmp_path / f"{done.job_id}.plan.json").exists()


def test_the_journal_is_encrypted_with_the_drafts_key(tmp_path: Path) -> None:
    key = new_draft_key()
    journal = JobJournal(tmp_path, codec=FernetCodec(key))
    plan = plan_of(2)
    recorder = journal.open(plan)
    recorder.record(0, replace(plan.rows[0], state=RowState.FAILED, message="order not found"))
    recorder.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    # Plain text with a space in it: a ciphertext (URL-safe base64) can hold "A-0" by chance.
    assert b"order not found" not in stored
    assert b'"A-0' not in stored  # the order numbers as the plain JSON would have them
    row = journal.load(plan.job_id).plan.rows[0]
    assert (row.state, row.message) == (RowState.FAILED, "order not found")
    # Another key (the keyring's entry replaced) cannot read it: set aside, not lost.
    other = JobJournal(tmp_path, codec=FernetCodec(new_draft_key()))
    assert other.unfinished() == []
    assert len(list(tmp_path.glob("*.damaged-*"))) == 2  # plan and log, bytes kept
