"""The demo sandbox's database file, seen from the console: damaged, or merely unusable?

SQLite says which with its result codes (``sqlite_errorcode``): a file that is not a
database, or a corrupt one, is *damaged* (the agent may start from fresh demo data, the
damaged file kept aside); a file or folder the process cannot open or write is *unusable*
(the demo then runs on a temporary database and the file is left alone).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Final

from parcellab_desk.services.files import aside_name
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

# Primary result codes (https://sqlite.org/rescode.html).
_SQLITE_ERROR: Final = 1  # e.g. a table without the columns the sandbox needs
_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26
_DAMAGED: Final = frozenset({_SQLITE_ERROR, _SQLITE_CORRUPT, _SQLITE_NOTADB})

_CONTEXT: Final = "DemoDatabase"
_WORDS: Final = {
    _SQLITE_NOTADB: QT_TRANSLATE_NOOP("DemoDatabase", "it is not a database"),
    _SQLITE_CORRUPT: QT_TRANSLATE_NOOP("DemoDatabase", "it is corrupt"),
    _SQLITE_ERROR: QT_TRANSLATE_NOOP("DemoDatabase", "it is not a demo database"),
    3: QT_TRANSLATE_NOOP("DemoDatabase", "permission denied"),  # SQLITE_PERM
    5: QT_TRANSLATE_NOOP("DemoDatabase", "it is in use by another program"),  # SQLITE_BUSY
    8: QT_TRANSLATE_NOOP("DemoDatabase", "it is read-only"),  # SQLITE_READONLY
    10: QT_TRANSLATE_NOOP("DemoDatabase", "a disk read or write failed"),  # SQLITE_IOERR
    13: QT_TRANSLATE_NOOP("DemoDatabase", "the disk is full"),  # SQLITE_FULL
    14: QT_TRANSLATE_NOOP("DemoDatabase", "it cannot be opened"),  # SQLITE_CANTOPEN
}
_OTHER: Final = QT_TRANSLATE_NOOP("DemoDatabase", "SQLite could not use it")


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", _SQLITE_ERROR) or _SQLITE_ERROR) & 0xFF


def database_is_damaged(error: sqlite3.Error) -> bool:
    return _code(error) in _DAMAGED


def describe_database_error(error: sqlite3.Error) -> str:
    return translate(_CONTEXT, _WORDS.get(_code(error), _OTHER))


def set_aside_database(db: Path) -> Path | None:
    """Rename the database and its journal files aside (bytes kept); the new path of the
    database, or None when it could not be moved (nothing was changed then)."""
    target = aside_name(db)
    try:
        db.rename(target)
    except OSError:
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        companion = db.with_name(db.name + suffix)
        if companion.exists():
            with contextlib.suppress(OSError):
                companion.rename(target.with_name(target.name + suffix))
    return target
