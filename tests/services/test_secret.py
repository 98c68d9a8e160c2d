"""A token must not show itself when printed, logged or formatted."""

from __future__ import annotations

import logging
import pickle

import pytest

from parcellab_desk.services.secret import Secret

VALUE = "tok-secret-81c2"


def test_every_way_of_printing_a_secret_shows_the_mask() -> None:
    secret = Secret(VALUE)
    texts = [repr(secret), str(secret), f"{secret}", f"{secret}", repr([secret])]
    assert all(VALUE not in text for text in texts)
    assert repr(secret) == "Secret('********')"


def test_logging_a_secret_shows_the_mask(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").debug("token is %s, %r", Secret(VALUE), Secret(VALUE))
    assert VALUE not in caplog.text
    assert "********" in caplog.text


def test_reveal_gives_the_token_back() -> None:
    assert Secret(VALUE).reveal() == VALUE


def test_secrets_compare_by_value_and_empty_is_false() -> None:
    assert Secret(VALUE) == Secret(VALUE)
    assert Secret(VALUE) != Secret("other")
    assert not Secret("")
    assert Secret(VALUE)


def test_a_secret_cannot_be_pickled_into_a_file() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(Secret(VALUE))


@pytest.mark.parametrize(
    ("pasted", "token"),
    [
        ("  abc123\n", "abc123"),
        ("Bearer abc123", "abc123"),
        ("bearer   abc123 ", "abc123"),
        ("Parcellab-API-Token MTA0MjphYmM=", "MTA0MjphYmM="),
        ("Bearerabc", "Bearerabc"),
    ],
)
def test_a_pasted_header_value_is_reduced_to_the_token(pasted: str, token: str) -> None:
    assert Secret.from_user_input(pasted).reveal() == token
