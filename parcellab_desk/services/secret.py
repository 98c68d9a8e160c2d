"""A token that does not show itself: masked in repr, str, f-strings and logs."""

from __future__ import annotations

import hmac
from typing import NoReturn

_MASK = "********"

# What agents paste besides the token itself: the whole header value.
_SCHEME_PREFIXES = ("bearer ", "parcellab-api-token ")


class Secret:
    """Holds a token; only :meth:`reveal` gives the value back.

    Anything that formats an object (logging, exception messages, reprs of containers,
    f-strings) sees the mask instead, so a token cannot leak by being printed by accident.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @classmethod
    def from_user_input(cls, text: str) -> Secret:
        """A token as pasted by an agent: surrounding space and a pasted scheme word removed.

        Agents often copy the whole ``Authorization`` value ("Bearer abc..."); the scheme is
        a profile setting, so the word itself is dropped here.
        """
        value = text.strip()
        lowered = value.lower()
        for prefix in _SCHEME_PREFIXES:
            if lowered.startswith(prefix):
                value = value[len(prefix) :].strip()
                break
        return cls(value)

    def reveal(self) -> str:
        """The token itself: only for the keyring and the HTTP auth header."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        # Constant time: equality of tokens should not be observable by timing.
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Secret('{_MASK}')" if self._value else "Secret('')"

    def __str__(self) -> str:
        return _MASK if self._value else ""

    def __reduce__(self) -> NoReturn:
        # Pickling would write the token to wherever the pickle goes (a file, a queue).
        raise TypeError("a Secret cannot be pickled")
