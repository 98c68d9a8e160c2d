"""Both auth schemes, never double-encoded, and the token never shown."""

from __future__ import annotations

import base64

import httpx
import pytest

from parcellab_desk.api.auth import (
    BearerAuth,
    ParcelLabTokenAuth,
    decode_parcellab_token,
    mask,
    strip_scheme,
)
from parcellab_desk.api.errors import ConfigurationError

TOKEN = "s3cr3t-T0ken-0123456789abcdef"
ENCODED = base64.b64encode(f"4711:{TOKEN}".encode()).decode()


def _header(auth: httpx.Auth) -> str:
    request = httpx.Request("GET", "https://api.parcellab.com/v4/track/orders/")
    flow = auth.sync_auth_flow(request)
    sent = next(flow)
    return sent.headers["Authorization"]


def test_bearer_header() -> None:
    assert _header(BearerAuth(TOKEN)) == f"Bearer {TOKEN}"


def test_bearer_takes_a_pasted_header_value() -> None:
    assert _header(BearerAuth(f"Bearer {TOKEN}")) == f"Bearer {TOKEN}"


def test_parcellab_token_from_account_and_raw_token() -> None:
    auth = ParcelLabTokenAuth.from_parts(4711, TOKEN)
    assert _header(auth) == f"Parcellab-API-Token {ENCODED}"
    assert auth.account_id == 4711


@pytest.mark.parametrize(
    "pasted",
    [ENCODED, f"Parcellab-API-Token {ENCODED}", f"  {ENCODED}  ", f"parcellab-api-token {ENCODED}"],
)
def test_an_encoded_value_is_never_encoded_twice(pasted: str) -> None:
    assert _header(ParcelLabTokenAuth.from_parts(4711, pasted)) == f"Parcellab-API-Token {ENCODED}"
    assert _header(ParcelLabTokenAuth.from_user_input(pasted)) == f"Parcellab-API-Token {ENCODED}"
    assert _header(ParcelLabTokenAuth(pasted)) == f"Parcellab-API-Token {ENCODED}"


def test_user_input_forms() -> None:
    assert ParcelLabTokenAuth.from_user_input(f"4711:{TOKEN}") == ParcelLabTokenAuth(ENCODED)
    assert ParcelLabTokenAuth.from_user_input(TOKEN, account_id=4711) == ParcelLabTokenAuth(ENCODED)
    with pytest.raises(ConfigurationError, match="account id"):
        ParcelLabTokenAuth.from_user_input(TOKEN)


def test_decoding_detects_only_digits_colon_token() -> None:
    assert decode_parcellab_token(ENCODED) == (4711, TOKEN)
    assert decode_parcellab_token(TOKEN) is None  # not base64
    assert decode_parcellab_token(base64.b64encode(b"abc:def").decode()) is None
    assert decode_parcellab_token(base64.b64encode(b"\xff\xfe").decode()) is None


@pytest.mark.parametrize("bad", ["", "two words", "\t"])
def test_empty_or_spaced_tokens_are_refused(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        BearerAuth(bad)
    with pytest.raises(ConfigurationError):
        ParcelLabTokenAuth.from_parts(1, bad)


def test_a_raw_token_with_a_colon_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="':'"):
        ParcelLabTokenAuth.from_parts(1, "a:b")


def test_an_encoded_value_must_decode() -> None:
    with pytest.raises(ConfigurationError, match="base64"):
        ParcelLabTokenAuth(TOKEN)


def test_tokens_are_masked_in_repr_and_str() -> None:
    for auth in (BearerAuth(TOKEN), ParcelLabTokenAuth(ENCODED)):
        for text in (repr(auth), str(auth), f"{auth}", repr([auth])):
            assert TOKEN not in text
            assert ENCODED not in text
            assert "cdef" in text  # a hint to tell tokens apart
    assert "4711" in repr(ParcelLabTokenAuth(ENCODED))


def test_mask() -> None:
    assert mask("short") == "****"
    assert mask(TOKEN) == "…cdef"
    assert strip_scheme("Bearer   x") == "x"


def test_equality_and_hash_follow_the_credential() -> None:
    assert BearerAuth(TOKEN) == BearerAuth(TOKEN)
    assert BearerAuth(TOKEN) != BearerAuth(TOKEN + "x")
    assert BearerAuth(TOKEN) != ParcelLabTokenAuth(ENCODED)
    assert len({BearerAuth(TOKEN), BearerAuth(TOKEN)}) == 1
