"""Credentials for the two schemes the service takes, masked wherever they could be shown.

``Authorization: Bearer <token>`` is what the seed documents; the real service also takes
``Authorization: Parcellab-API-Token <base64("<account id>:<token>")>``. Agents often paste
the already-encoded value: ``ParcelLabTokenAuth.from_user_input`` recognises it (it decodes to
``<digits>:<token>``) and never encodes it a second time.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Generator
from typing import Final

import httpx

from parcellab_desk.api.errors import ConfigurationError

BEARER: Final = "Bearer"
PARCELLAB_TOKEN_SCHEME: Final = "Parcellab-API-Token"  # noqa: S105 - a scheme name
_DECODED = re.compile(r"^(\d+):(\S+)$")
_SCHEME_PREFIX = re.compile(rf"^\s*(?:{BEARER}|{PARCELLAB_TOKEN_SCHEME})\s+", re.IGNORECASE)


def mask(secret: str) -> str:
    """A hint that tells two tokens apart without revealing either: the last 4 characters of
    a long secret, nothing of a short one."""
    if len(secret) >= 16:
        return f"…{secret[-4:]}"
    return "****"


def strip_scheme(value: str) -> str:
    """``"Bearer abc"`` -> ``"abc"``: agents paste whole header values."""
    return _SCHEME_PREFIX.sub("", value).strip()


def decode_parcellab_token(value: str) -> tuple[int, str] | None:
    """``(account id, token)`` when ``value`` is base64 of ``<digits>:<token>``, else None."""
    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("ascii")
    except (binascii.Error, ValueError):
        return None
    match = _DECODED.match(text)
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


class ApiAuth(httpx.Auth):
    """Base of both schemes: sets the Authorization header, and never shows the secret."""

    scheme: str = ""

    def __init__(self, credential: str) -> None:
        if not credential or any(c.isspace() for c in credential):
            raise ConfigurationError("The API token is empty or contains spaces.")
        self._credential = credential

    @property
    def header_value(self) -> str:
        """The whole Authorization header value (a secret: never log it)."""
        return f"{self.scheme} {self._credential}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self.header_value
        yield request

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token={mask(self._credential)!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.header_value == self.header_value

    def __hash__(self) -> int:
        return hash((type(self), self._credential))


class BearerAuth(ApiAuth):
    """``Authorization: Bearer <token>``."""

    scheme = BEARER

    def __init__(self, token: str) -> None:
        super().__init__(strip_scheme(token))


class ParcelLabTokenAuth(ApiAuth):
    """``Authorization: Parcellab-API-Token <base64("<account id>:<token>")>``."""

    scheme = PARCELLAB_TOKEN_SCHEME

    def __init__(self, encoded: str) -> None:
        """From the already-encoded value; see ``from_parts`` and ``from_user_input``."""
        encoded = strip_scheme(encoded)
        if decode_parcellab_token(encoded) is None:
            raise ConfigurationError(
                "The Parcellab-API-Token value is not base64 of '<account id>:<token>'."
            )
        super().__init__(encoded)

    @classmethod
    def from_parts(cls, account_id: int, token: str) -> ParcelLabTokenAuth:
        """From the account id and the raw token; a token that is already the encoded value
        is taken as it is (never encoded twice)."""
        token = strip_scheme(token)
        if decode_parcellab_token(token) is not None:
            return cls(token)
        if not token or any(c.isspace() for c in token) or ":" in token:
            raise ConfigurationError("The API token is empty or contains spaces or ':'.")
        raw = f"{int(account_id)}:{token}".encode()
        return cls(base64.b64encode(raw).decode("ascii"))

    @classmethod
    def from_user_input(cls, value: str, account_id: int | None = None) -> ParcelLabTokenAuth:
        """Whatever an agent pasted: the encoded value, ``<account id>:<token>``, or the raw
        token (then ``account_id`` is needed)."""
        value = strip_scheme(value)
        if decode_parcellab_token(value) is not None:
            return cls(value)
        match = _DECODED.match(value)
        if match is not None:
            return cls.from_parts(int(match.group(1)), match.group(2))
        if account_id is None:
            raise ConfigurationError(
                "A Parcellab-API-Token needs the account id, or the already-encoded value."
            )
        return cls.from_parts(account_id, value)

    @property
    def account_id(self) -> int:
        decoded = decode_parcellab_token(self._credential)
        assert decoded is not None  # checked in __init__
        return decoded[0]

    def __repr__(self) -> str:
        decoded = decode_parcellab_token(self._credential)
        assert decoded is not None
        return f"{type(self).__name__}(account_id={decoded[0]}, token={mask(decoded[1])!r})"

    __str__ = __repr__
