"""Order numbers like what the agent is typing, from this session: recent and loaded orders.

The service matches order numbers whole, so "4001" finds nothing there; but the orders the
agent opened lately and the ones loaded in the table are known here, and a partial number is
usually one of them. Suggestions that start with the text come before those that contain it;
``#``, spaces and letter case are ignored. They are clearly from this session, never a claim
about what the service holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from parcellab_desk.services.recent_orders import RecentOrder

__all__ = ["Suggestion", "SuggestionSource", "session_suggestions", "suggest_numbers"]

_MIN_LENGTH: Final = 2
DEFAULT_LIMIT: Final = 8


class SuggestionSource(StrEnum):
    RECENT = "recent"  # opened lately (kept across restarts)
    LOADED = "loaded"  # in the table now


@dataclass(frozen=True, slots=True)
class Suggestion:
    order_number: str
    account: int | None
    external_id: str | None
    source: SuggestionSource


def _key(text: str) -> str:
    return "".join(text.split()).lstrip("#").casefold()


def suggest_numbers(text: str, numbers: Iterable[str], *, limit: int = DEFAULT_LIMIT) -> list[str]:
    """Order numbers like ``text``: those that start with it first, then those that contain
    it, each in the order given; the text itself is no suggestion."""
    needle = _key(text)
    if len(needle) < _MIN_LENGTH:
        return []
    starts: list[str] = []
    contains: list[str] = []
    for number in dict.fromkeys(numbers):
        key = _key(number)
        if key == needle:
            continue
        if key.startswith(needle):
            starts.append(number)
            if len(starts) >= limit:
                break
        elif needle in key:
            contains.append(number)
    return (starts + contains)[:limit]


def session_suggestions(
    text: str,
    recent: Sequence[RecentOrder],
    loaded: Iterable[tuple[str, int | None, str | None]],
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[Suggestion]:
    """Suggestions for ``text``: recent orders first (the agent was just working on them),
    then orders loaded in the table; ``loaded`` gives (order number, account, external id)."""
    candidates: dict[str, Suggestion] = {}
    for entry in recent:
        key = f"{entry.account}|{entry.order_number}"
        candidates.setdefault(
            key,
            Suggestion(
                entry.order_number, entry.account, entry.external_id, SuggestionSource.RECENT
            ),
        )
    for number, account, external_id in loaded:
        key = f"{account}|{number}"
        candidates.setdefault(
            key, Suggestion(number, account, external_id, SuggestionSource.LOADED)
        )
    by_number: dict[str, list[Suggestion]] = {}
    for suggestion in candidates.values():
        by_number.setdefault(suggestion.order_number, []).append(suggestion)
    wanted = suggest_numbers(text, by_number, limit=limit)
    ordered = [s for number in wanted for s in by_number[number]]
    # recent ones first, keeping the start-with-before-contains order within each source
    ordered.sort(key=lambda s: s.source is not SuggestionSource.RECENT)
    return ordered[:limit]
