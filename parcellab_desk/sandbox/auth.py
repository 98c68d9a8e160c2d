"""Who is calling: tokens, their accounts and scopes, and the two Authorization schemes.

Both schemes of the contract are accepted: ``Bearer <token>`` and
``Parcellab-API-Token <base64("<account>:<token>")>``.

Decisions the contract leaves open:

- With ``Parcellab-API-Token`` the account named inside the credentials must be one the token
  holds, otherwise the credentials are invalid (401 ``authentication_failed``). The caller then
  acts with all of the token's accounts, as with ``Bearer``.
- A missing header or an unknown scheme is 401 ``not_authenticated``; a known scheme with a bad
  token or undecodable value is 401 ``authentication_failed``. Both carry ``WWW-Authenticate``
  naming the two schemes.
- An account inside ``Parcellab-API-Token`` credentials is ASCII digits (at most 18); anything
  else (other scripts' digits, thousands of digits) is 401 ``authentication_failed``.
- Scopes are ``read``, ``write`` and ``orderinfo``. ``read`` lists and looks up orders (and
  may use the order-info lookup), ``write`` is needed for PUT and POST. A token whose only
  scope is ``orderinfo`` (what parcelLab hands to order status pages and bots) may use the
  order-info lookup alone, and gets names and e-mails redacted there.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from parcellab_desk.api.schema import ErrorCode
from parcellab_desk.sandbox.errors import ApiError

READ = "read"
WRITE = "write"
ORDER_INFO = "orderinfo"
SCOPES = frozenset({READ, WRITE, ORDER_INFO})

_MAX_ACCOUNT_DIGITS = 18  # an account id is a positive 64-bit integer

WWW_AUTHENTICATE = 'Bearer realm="api", Parcellab-API-Token realm="api"'

DEMO_ACCOUNTS: tuple[int, ...] = (1001, 1002, 1003)
"""Accounts the demo data fills and the demo token holds."""

OTHER_ACCOUNT = 2001
"""An account the demo token does not hold (for scoping demos and tests)."""

DEMO_TOKEN = "sandbox-demo-token"  # noqa: S105 - a published demo credential, not a secret
READ_ONLY_TOKEN = "sandbox-read-only-token"  # noqa: S105
SINGLE_ACCOUNT_TOKEN = "sandbox-single-account-token"  # noqa: S105
OTHER_ACCOUNT_TOKEN = "sandbox-other-account-token"  # noqa: S105
ORDER_INFO_TOKEN = "sandbox-order-info-token"  # noqa: S105


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """A token, the accounts it holds and what it may do there."""

    token: str
    accounts: frozenset[int]
    scopes: frozenset[str] = frozenset({READ, WRITE})

    def __repr__(self) -> str:  # never show the token itself
        return f"TokenGrant(accounts={sorted(self.accounts)}, scopes={sorted(self.scopes)})"

    @property
    def can_write(self) -> bool:
        return WRITE in self.scopes

    @property
    def can_read(self) -> bool:
        """May list and look up orders (``write`` implies it, as for every sandbox token)."""
        return bool(self.scopes & {READ, WRITE})

    @property
    def can_use_order_info(self) -> bool:
        return self.can_read or ORDER_INFO in self.scopes


def default_grants() -> tuple[TokenGrant, ...]:
    """The demo token (write on every demo account) and four narrower ones for tests."""
    demo = frozenset(DEMO_ACCOUNTS)
    return (
        TokenGrant(DEMO_TOKEN, demo),
        TokenGrant(READ_ONLY_TOKEN, demo, frozenset({READ})),
        TokenGrant(SINGLE_ACCOUNT_TOKEN, frozenset({DEMO_ACCOUNTS[0]})),
        TokenGrant(OTHER_ACCOUNT_TOKEN, frozenset({OTHER_ACCOUNT})),
        TokenGrant(ORDER_INFO_TOKEN, demo, frozenset({ORDER_INFO})),
    )


def parse_grant(text: str) -> TokenGrant:
    """``TOKEN:ACCOUNT[,ACCOUNT...][:SCOPE[,SCOPE]]`` as given on the command line."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0]:
        raise ValueError("expected TOKEN:ACCOUNTS[:SCOPES], e.g. mytoken:1001,1002:read,write")
    accounts = frozenset(int(a) for a in parts[1].split(",") if a.strip())
    if not accounts:
        raise ValueError("a token needs at least one account")
    scopes = frozenset(s.strip() for s in parts[2].split(",")) if len(parts) == 3 else None
    if scopes is not None and not scopes <= SCOPES:
        raise ValueError("scopes are read, write and orderinfo")
    return TokenGrant(parts[0], accounts, scopes or frozenset({READ, WRITE}))


class Authenticator:
    """Maps an Authorization header to the grant it proves, or raises a 401 ApiError."""

    def __init__(self, grants: Iterable[TokenGrant]) -> None:
        self._grants: dict[str, TokenGrant] = {g.token: g for g in grants}

    @property
    def grants(self) -> Mapping[str, TokenGrant]:
        return self._grants

    def authenticate(self, header: str | None) -> TokenGrant:
        if not header or not header.strip():
            raise _unauthenticated(
                ErrorCode.NOT_AUTHENTICATED, "Authentication credentials were not provided."
            )
        scheme, _, value = header.strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer":
            return self._lookup(value)
        if scheme.lower() == "parcellab-api-token":
            try:
                decoded = base64.b64decode(value, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError, ValueError):
                raise _invalid() from None
            account_text, sep, token = decoded.partition(":")
            account_text = account_text.strip()
            # ASCII digits only: str.isdigit() also takes "²" (which int() refuses), and
            # int() of thousands of digits is refused too; both must be a 401, not a 500.
            if not sep or not (
                account_text.isascii()
                and account_text.isdigit()
                and len(account_text) <= _MAX_ACCOUNT_DIGITS
            ):
                raise _invalid()
            grant = self._lookup(token)
            if int(account_text) not in grant.accounts:
                raise _invalid()
            return grant
        raise _unauthenticated(
            ErrorCode.NOT_AUTHENTICATED, "Authentication credentials were not provided."
        )

    def _lookup(self, token: str) -> TokenGrant:
        for known, grant in self._grants.items():
            # constant time per comparison, so the sandbox does not teach timing shortcuts
            if hmac.compare_digest(known.encode(), token.encode()):
                return grant
        raise _invalid()


def _invalid() -> ApiError:
    return _unauthenticated(ErrorCode.AUTHENTICATION_FAILED, "Invalid token.")


def _unauthenticated(code: str, detail: str) -> ApiError:
    return ApiError.single(401, code, detail, headers={"WWW-Authenticate": WWW_AUTHENTICATE})


def permission_denied(
    detail: str = "You do not have permission to perform this action.",
) -> ApiError:
    return ApiError.single(403, ErrorCode.PERMISSION_DENIED, detail)


def require_write(grant: TokenGrant) -> None:
    if not grant.can_write:
        raise permission_denied("This token may read but not write.")


def require_read(grant: TokenGrant) -> None:
    if not grant.can_read:
        raise permission_denied("This token may only use the order-info lookup.")
