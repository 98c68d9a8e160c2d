"""A keyring kept in the process's memory, for benchmark children.

An agent's desktop has a working keyring; the benchmark machine may not. Without one the
console starts in its no-keyring mode (drafts in memory, a notice on screen), which is not the
start being measured. Children select it with
``PYTHON_KEYRING_BACKEND=memory_keyring.MemoryKeyring`` and this folder on ``PYTHONPATH``.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = -10  # never chosen unless asked for

    def __init__(self, entries: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = dict(entries or {})

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)
