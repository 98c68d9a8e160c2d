"""The retry decisions, one function at a time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parcellab_desk.api.errors import (
    AuthenticationError,
    BadResponseError,
    ConnectionFailedError,
    ParcelLabError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    ValidationError,
)
from parcellab_desk.api.retry import RetryPolicy, is_retryable_error, parse_retry_after, retry_wait

POLICY = RetryPolicy(max_retry_after=10)


def _status(
    cls: type[ServerError] | type[ValidationError] | type[AuthenticationError],
    status: int,
    method: str = "GET",
) -> ParcelLabError:
    return cls("x", status_code=status, method=method, path="/v4/track/orders/")


@pytest.mark.parametrize("method", ["GET", "PUT", "get", "put"])
@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_failures_are_retried_for_idempotent_methods(method: str, status: int) -> None:
    assert retry_wait(_status(ServerError, status, method), POLICY) is True


@pytest.mark.parametrize("status", [500, 501, 505])
def test_other_server_errors_are_not_retried(status: int) -> None:
    assert retry_wait(_status(ServerError, status), POLICY) is False


def test_post_is_never_retried() -> None:
    for error in (
        _status(ServerError, 503, "POST"),
        ConnectionFailedError("x", method="POST", path="/"),
        RateLimitedError("x", retry_after=1, method="POST", path="/"),
    ):
        assert retry_wait(error, POLICY) is False


def test_transport_failures_are_retried() -> None:
    assert retry_wait(ConnectionFailedError("x", method="GET"), POLICY) is True
    assert retry_wait(RequestTimeoutError("x", method="PUT"), POLICY) is True


def test_client_errors_and_bad_answers_are_not_retried() -> None:
    assert retry_wait(_status(ValidationError, 400), POLICY) is False
    assert retry_wait(_status(AuthenticationError, 401), POLICY) is False
    assert retry_wait(BadResponseError("x", method="GET"), POLICY) is False
    assert retry_wait(ParcelLabError("no method"), POLICY) is False


def test_retry_after_replaces_the_backoff() -> None:
    assert retry_wait(RateLimitedError("x", retry_after=3, method="GET"), POLICY) == 3
    assert retry_wait(RateLimitedError("x", retry_after=None, method="GET"), POLICY) is True


def test_a_retry_after_beyond_the_bound_is_handed_to_the_agent() -> None:
    assert retry_wait(RateLimitedError("x", retry_after=11, method="GET"), POLICY) is False


def test_a_single_attempt_policy_never_retries() -> None:
    assert retry_wait(ConnectionFailedError("x", method="GET"), RetryPolicy(attempts=1)) is False


def test_retryable_statuses_are_part_of_the_policy() -> None:
    assert is_retryable_error(_status(ServerError, 500), frozenset({500}))
    assert not is_retryable_error(_status(ServerError, 500))


def test_decide_reports_each_retry_and_ignores_foreign_exceptions() -> None:
    seen: list[tuple[str, float | None]] = []
    policy = RetryPolicy(on_retry=lambda error, wait: seen.append((type(error).__name__, wait)))
    assert policy.decide(RateLimitedError("x", retry_after=2, method="GET")) == 2
    assert policy.decide(ConnectionFailedError("x", method="GET")) is True
    assert policy.decide(ValidationError("x", status_code=400, method="GET")) is False
    assert policy.decide(RuntimeError("not ours")) is False
    assert seen == [("RateLimitedError", 2.0), ("ConnectionFailedError", None)]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("5", 5.0),
        (" 2 ", 2.0),
        ("0.5", 0.5),
        ("-3", 0.0),
        ("nan", None),
        ("soon", None),
        ("Wed, 01 May 2024 10:00:30 GMT", 30.0),
        ("Wed, 01 May 2024 09:00:00 GMT", 0.0),
        ("Wed, 01 May 2024 10:00:30", 30.0),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    now = datetime(2024, 5, 1, 10, 0, 0, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == seconds


def test_parse_retry_after_defaults_to_the_current_time() -> None:
    assert parse_retry_after("Wed, 01 May 2024 10:00:30 GMT") == 0.0  # long past


def test_the_last_attempt_is_not_reported_as_a_retry() -> None:
    seen: list[float | None] = []
    policy = RetryPolicy(on_retry=lambda error, wait: seen.append(wait))
    assert policy.decide(ConnectionFailedError("x", method="GET"), last_attempt=True) is True
    assert seen == []
