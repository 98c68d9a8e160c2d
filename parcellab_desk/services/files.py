"""The console's own files: written whole or not at all, and never destroyed when damaged.

Two rules every store follows:

- A write goes to a temporary file in the same folder and is renamed over the old one, so a
  crash or a full disk never leaves half a file behind.
- A file that could not be read completely is *set aside* (renamed, bytes kept) before
  anything new is written in its place; when even that is impossible the store does not
  write that file at all for the rest of the run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename.

    The file is readable by this user only (mkstemp creates it 0600): everything the
    console writes holds customer data or describes where the agent connects.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_text(path: Path, data: str) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text with ``\\n`` line ends."""
    atomic_write_bytes(path, data.encode("utf-8"))


def aside_name(path: Path, label: str = "damaged") -> Path:
    """Where a damaged ``path`` is kept: ``<name>.<label>-<timestamp>`` beside it, never an
    existing file's name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return candidate


def set_aside(path: Path, label: str = "damaged") -> Path | None:
    """Rename ``path`` out of the way, keeping its bytes; the new path, or None when it
    could not be moved (a read-only folder): the caller must then leave it alone."""
    target = aside_name(path, label)
    try:
        # rename never copies: even a file this user cannot read keeps every byte.
        os.rename(path, target)
    except OSError:
        return None
    return target


def describe_os_error(error: OSError) -> str:
    """``Permission denied``, ``No space left on device``...: the system's words."""
    return error.strerror or type(error).__name__
