"""``NOT_GIVEN``: tells "leave this field unchanged" apart from ``None`` ("clear it")."""

from __future__ import annotations

from enum import Enum
from typing import Final, Literal, TypeAlias, TypeVar

T = TypeVar("T")


class NotGiven(Enum):
    """A one-member enum, so type checkers can narrow ``x is NOT_GIVEN``."""

    NOT_GIVEN = "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN

NotGivenOr: TypeAlias = T | NotGiven  # NotGivenOr[str]: a str, or leave unchanged
