"""Find a secret in what the app left behind: files under folders, and captured log text.

Used by the "the token appears nowhere" tests. Besides the token itself it looks for the
forms a token takes on its way to a header (base64 of ``<account>:<token>`` for the
Parcellab-API-Token scheme), UTF-16 (Windows settings), and URL quoting.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote


def secret_variants(secret: str, *, account_id: int | None = None) -> dict[str, bytes]:
    """The byte patterns that would give the secret away, by name."""
    variants = {
        "plain": secret.encode(),
        "utf-16": secret.encode("utf-16-le"),
        "url-quoted": quote(secret, safe="").encode(),
        "base64": base64.b64encode(secret.encode()).rstrip(b"="),
        "base64url": base64.urlsafe_b64encode(secret.encode()).rstrip(b"="),
    }
    if account_id is not None:
        pair = f"{account_id}:{secret}".encode()
        variants["base64(account:token)"] = base64.b64encode(pair).rstrip(b"=")
        variants["base64url(account:token)"] = base64.urlsafe_b64encode(pair).rstrip(b"=")
    # Keep each pattern once (URL quoting of a plain token is the token itself).
    unique: dict[bytes, str] = {}
    for name, pattern in variants.items():
        unique.setdefault(pattern, name)
    return {name: pattern for pattern, name in unique.items()}


def find_secret(
    secret: str,
    *,
    roots: Iterable[Path] = (),
    texts: Mapping[str, str] | None = None,
    account_id: int | None = None,
) -> list[str]:
    """Where the secret shows up, as "<file or text name>: <variant>"; empty when nowhere.

    Every regular file under every root is read whole (binary), so SQLite databases,
    rotated logs and JSON settings are all covered.
    """
    if len(secret) < 8:
        raise ValueError("use a longer secret: short ones match by chance")
    variants = secret_variants(secret, account_id=account_id)
    found: list[str] = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            data = path.read_bytes()
            found += [f"{path}: {name}" for name, pattern in variants.items() if pattern in data]
    for label, text in (texts or {}).items():
        data = text.encode()
        found += [f"{label}: {name}" for name, pattern in variants.items() if pattern in data]
    return found


def files_under(roots: Iterable[Path]) -> list[Path]:
    """The files a scan covered, so a test can check it looked at something."""
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())
