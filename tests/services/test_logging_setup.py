"""The console's log: a rotating file in the log folder, with tokens masked on the way in."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcellab_desk.services.logging_setup import (
    SECRETS,
    SecretRegistry,
    configure_logging,
    shutdown_logging,
)

TOKEN = "s3cr3t-token-value-0123456789"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = configure_logging(tmp_path / "logs", level=logging.DEBUG)
    assert path is not None
    yield path
    shutdown_logging()
    SECRETS.discard(TOKEN)


def read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_goes_to_a_file_in_the_log_folder(log_file: Path) -> None:
    logging.getLogger("parcellab_desk.test").info("opened order %s", "40012345")
    assert log_file.parent.name == "logs"
    assert "opened order 40012345" in read(log_file)


def test_authorization_values_are_masked(log_file: Path) -> None:
    log = logging.getLogger("parcellab_desk.test")
    log.warning("header was Authorization: Bearer %s", TOKEN)
    log.warning("header was Parcellab-API-Token MTAwMTpzZWNyZXQ=")
    log.warning('body {"token": "%s"}', TOKEN)
    text = read(log_file)
    assert TOKEN not in text
    assert "MTAwMTpzZWNyZXQ=" not in text
    assert "Bearer ***" in text


def test_a_registered_secret_is_masked_anywhere_even_in_tracebacks(log_file: Path) -> None:
    SECRETS.add(TOKEN)
    log = logging.getLogger("parcellab_desk.test")
    log.info("odd message carrying %s in the middle", TOKEN)
    try:
        raise ValueError(f"server echoed {TOKEN}")
    except ValueError:
        log.exception("request failed")
    text = read(log_file)
    assert TOKEN not in text
    assert "odd message carrying *** in the middle" in text
    assert "server echoed ***" in text


def test_shutdown_closes_the_file(tmp_path: Path) -> None:
    path = configure_logging(tmp_path / "logs")
    assert path is not None
    shutdown_logging()
    assert not any(getattr(h, "_parcellab_desk", False) for h in logging.getLogger().handlers)
    assert path.exists()


@pytest.mark.parametrize(
    "sentence",
    [
        "token: No system keyring is available on this computer.",
        "Sign-in method: Bearer token",
        "Bearer Authentication failed for profile EU prod",
        "Parcellab-API-Token (account id + token)",
        'a field called "token": "" was empty',
        "password=hunter is not how we log",
        "GET https://api.eu.parcellab.com/v4/track/orders/?page_size=200 200 OK",
    ],
)
def test_masking_keeps_the_meaning_of_ordinary_text(sentence: str) -> None:
    assert SecretRegistry().mask(sentence) == sentence


def test_credential_looking_values_are_masked_without_registration() -> None:
    registry = SecretRegistry()
    assert registry.mask("Authorization: Bearer eyJhbGciOi.J9x1") == "Authorization: Bearer ***"
    assert registry.mask('{"token": "a1b2c3d4e5f6"}') == '{"token": "***"}'
    assert registry.mask("/x?token=a1b2c3d4e5f6&page=2") == "/x?token=***&page=2"
