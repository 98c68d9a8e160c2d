"""The orders an agent opened lately, per profile, for the search box and the Recent menu.

Kept on disk so they survive a restart, without personal data: an entry is the order number,
the account, parcelLab's external id and when it was opened, nothing about the recipient. One
small JSON file per profile (``<folder>/<profile id>.json``), the newest entry first, at most
``limit`` (50) entries. A file that cannot be read is set aside (renamed to ``.bad``), never
written over, and the list starts empty.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from parcellab_desk.api.models import Order
from parcellab_desk.services.files import atomic_write_text

__all__ = ["RECENT_LIMIT", "RecentOrder", "RecentOrders"]

_log = logging.getLogger(__name__)

RECENT_LIMIT: Final = 50
_FILE_VERSION: Final = 1
_SAFE_ID: Final = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True, slots=True)
class RecentOrder:
    order_number: str
    account: int | None
    external_id: str | None
    opened_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "order_number": self.order_number,
            "account": self.account,
            "external_id": self.external_id,
            "opened_at": self.opened_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Any) -> RecentOrder:
        if not isinstance(data, dict) or not isinstance(data.get("order_number"), str):
            raise ValueError("not a recent order")
        account = data.get("account")
        external_id = data.get("external_id")
        opened = datetime.fromisoformat(str(data["opened_at"]))
        return cls(
            data["order_number"],
            account if isinstance(account, int) and not isinstance(account, bool) else None,
            external_id if isinstance(external_id, str) else None,
            opened if opened.tzinfo else opened.replace(tzinfo=UTC),
        )

    def same_order(self, other: RecentOrder) -> bool:
        if self.external_id and other.external_id:
            return self.external_id == other.external_id
        return (self.account, self.order_number) == (other.account, other.order_number)


class RecentOrders:
    """The recent list of one profile. ``add`` saves at once; failures to save are logged
    (the list still works for this session)."""

    def __init__(self, folder: Path, profile_id: str, *, limit: int = RECENT_LIMIT) -> None:
        if not _SAFE_ID.match(profile_id):
            raise ValueError(f"unusable profile id for a file name: {profile_id!r}")
        self.path = folder / f"{profile_id}.json"
        self._limit = limit
        self._entries: list[RecentOrder] = self._load()

    def entries(self) -> list[RecentOrder]:
        """Newest first."""
        return list(self._entries)

    def __iter__(self) -> Iterator[RecentOrder]:
        return iter(self.entries())

    def add(self, order: Order, *, when: datetime | None = None) -> None:
        if not order.order_number:
            return  # a new order that was never saved has nothing to find it by
        entry = RecentOrder(
            order.order_number, order.account, order.external_id, when or datetime.now(UTC)
        )
        kept = [e for e in self._entries if not e.same_order(entry)]
        self._entries = [entry, *kept][: self._limit]
        self._save()

    def _load(self) -> list[RecentOrder]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            _log.warning("Could not read the recent orders: %s", exc.strerror or exc)
            return []
        try:
            data = json.loads(text)
            entries = [RecentOrder.from_json(e) for e in data["orders"]]
        except (ValueError, KeyError, TypeError) as exc:
            _log.warning("Setting aside unreadable recent orders %s: %s", self.path.name, exc)
            try:
                self.path.replace(self.path.with_suffix(".bad"))
            except OSError as move_failed:
                _log.warning("Could not set the file aside: %s", move_failed)
            return []
        return entries[: self._limit]

    def _save(self) -> None:
        data = {"version": _FILE_VERSION, "orders": [e.to_json() for e in self._entries]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(self.path, json.dumps(data, indent=1))
        except OSError as exc:
            _log.warning("Could not keep the recent orders: %s", exc.strerror or exc)
