"""A job's plan and progress on disk, so a crash, a kill or a quit resumes instead of repeating.

Two files per job, in one folder per profile:

- ``<job id>.plan.json``: the plan as confirmed, written once, atomically (temporary file,
  fsync, rename), and rewritten atomically when the job is compacted;
- ``<job id>.log``: one line per row state change, appended and flushed before the request it
  announces is sent. A row marked ``sent`` may have reached the server; after a restart it
  is looked up before anything else happens to it. A line cut short by a kill is ignored.

Every line and the plan go through a ``JournalCodec``: the console passes ``FernetCodec``
with the drafts' keyring key, so a journal (order numbers, trackings, customer data in
field updates) is encrypted at rest exactly as drafts are; without a usable key the console
keeps no journal (the job still runs, it just cannot be resumed after a crash). A plan that
cannot be read or decrypted is set aside (``<name>.damaged-<time>``, bytes kept), never
deleted and never blocking the start.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol

from cryptography.fernet import Fernet, InvalidToken

from parcellab_desk.services.files import PRIVATE_FOLDER_MODE, atomic_write_text, set_aside
from parcellab_desk.services.job_plan import JobPlan, JobRow, RowState
from parcellab_desk.services.secret import Secret

__all__ = ["FernetCodec", "IdentityCodec", "JobJournal", "JournalCodec", "JournalEntry"]

_log = logging.getLogger(__name__)
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class JournalCodec(Protocol):
    """Turns a line of the journal into what is stored, and back (e.g. encryption)."""

    def encode(self, text: str) -> str: ...

    def decode(self, text: str) -> str: ...


class IdentityCodec:
    """Plain JSON (tests, and tools that read a journal)."""

    def encode(self, text: str) -> str:
        return text

    def decode(self, text: str) -> str:
        return text


class FernetCodec:
    """Each line a Fernet token (AES-128-CBC with an HMAC), the drafts' key and scheme; a
    token is URL-safe base64, so it never holds a line break. A token that does not decrypt
    raises ValueError (a damaged line, or a key that changed)."""

    def __init__(self, key: Secret) -> None:
        self._fernet = Fernet(key.reveal().encode("ascii"))

    def __repr__(self) -> str:
        return "FernetCodec(<key>)"

    def encode(self, text: str) -> str:
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decode(self, text: str) -> str:
        try:
            return self._fernet.decrypt(text.strip().encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise ValueError("a journal line does not decrypt with this key") from exc


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A job found on disk: its plan with every row's last recorded state."""

    plan: JobPlan

    @property
    def left(self) -> int:
        return sum(1 for row in self.plan.rows if not row.state.is_final)

    @property
    def failed(self) -> int:
        return sum(1 for row in self.plan.rows if row.state is RowState.FAILED)


class JobJournal:
    """The journal folder of one profile; ``open(plan)`` starts writing one job."""

    def __init__(self, folder: Path, codec: JournalCodec | None = None) -> None:
        self.folder = folder
        self.codec: JournalCodec = codec or IdentityCodec()

    def _paths(self, job_id: str) -> tuple[Path, Path]:
        if not _SAFE_ID.match(job_id):
            raise ValueError(f"unusable job id: {job_id!r}")
        return self.folder / f"{job_id}.plan.json", self.folder / f"{job_id}.log"

    def open(self, plan: JobPlan) -> JobRecorder:
        """Keep ``plan`` on disk (replacing what an earlier run of it left) and return the
        recorder its runner appends to."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        plan_path, log_path = self._paths(plan.job_id)
        atomic_write_text(plan_path, self.codec.encode(json.dumps(plan.to_json())))
        return JobRecorder(self, plan.job_id, log_path)

    def compact(self, plan: JobPlan) -> None:
        """Write the plan with the rows' current states and drop the log (atomic)."""
        plan_path, log_path = self._paths(plan.job_id)
        atomic_write_text(plan_path, self.codec.encode(json.dumps(plan.to_json())))
        log_path.unlink(missing_ok=True)

    def remove(self, job_id: str) -> None:
        for path in self._paths(job_id):
            path.unlink(missing_ok=True)

    def load(self, job_id: str) -> JournalEntry:
        """The job with the states its log recorded; rows caught in flight become pending
        (with ``sent`` kept, so they are looked up first). Raises ValueError or OSError."""
        plan_path, log_path = self._paths(job_id)
        data: Any = json.loads(self.codec.decode(plan_path.read_text(encoding="utf-8")))
        plan = JobPlan.from_json(data)
        rows = list(plan.rows)
        for index, row_data in self._log_lines(log_path):
            if 0 <= index < len(rows):
                rows[index] = JobRow.from_json(row_data)
        rows = [
            replace(row, state=RowState.PENDING) if row.state is RowState.IN_FLIGHT else row
            for row in rows
        ]
        return JournalEntry(plan.with_rows(rows))

    def _log_lines(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        if not path.exists():
            return
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(self.codec.decode(line.rstrip("\n")))
                    yield int(record["i"]), record["row"]
                except (ValueError, KeyError, TypeError):
                    # Only the last line can be torn by a kill; anything after it is unknown.
                    _log.warning("Ignoring a damaged line at the end of a job journal")
                    return

    def unfinished(self) -> list[JournalEntry]:
        """Jobs left with rows to do (or failed rows), oldest first; damaged ones set aside."""
        if not self.folder.is_dir():
            return []
        found: list[tuple[float, JournalEntry]] = []
        for path in self.folder.glob("*.plan.json"):
            job_id = path.name.removesuffix(".plan.json")
            try:
                entry = self.load(job_id)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                _log.warning("Setting aside a damaged job journal %s: %s", path.name, exc)
                set_aside(path)  # bytes kept; a folder that refuses leaves it where it is
                log_path = path.with_name(f"{job_id}.log")
                if log_path.exists():
                    set_aside(log_path)
                continue
            if entry.left or entry.failed:
                found.append((path.stat().st_mtime, entry))
            else:
                self.remove(job_id)
        return [entry for _, entry in sorted(found, key=lambda item: item[0])]


class JobRecorder:
    """Appends one job's row changes to its log; each line is flushed before returning."""

    def __init__(self, journal: JobJournal, job_id: str, log_path: Path) -> None:
        self._journal = journal
        self.job_id = job_id
        self._handle: IO[str] | None = log_path.open("a", encoding="utf-8")

    def record(self, index: int, row: JobRow) -> None:
        handle = self._handle
        if handle is None:
            return
        line = json.dumps({"i": index, "row": row.to_json()}, separators=(",", ":"))
        handle.write(self._journal.codec.encode(line) + "\n")
        handle.flush()  # in the OS before the request goes out: a killed process keeps it
        if row.sent and row.state is RowState.IN_FLIGHT:
            os.fsync(handle.fileno())  # a power cut must not forget a write it announced

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def finish(self, plan: JobPlan) -> None:
        """The job stopped: keep its final states compactly (or nothing when all is done)."""
        self.close()
        if all(row.state in (RowState.DONE, RowState.SKIPPED) for row in plan.rows):
            self._journal.remove(plan.job_id)
        else:
            self._journal.compact(plan)
