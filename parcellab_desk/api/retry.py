"""What is retried, and how long to wait: small decisions the client feeds to stamina.

Only idempotent requests are retried (GET and PUT); POST never is, because a lost answer
does not tell whether the order was created (the client looks it up instead). Retried
failures: no answer at all (connection refused or dropped, timeout), 429 and the gateway
statuses 502/503/504. A ``Retry-After`` the server sends replaces the computed backoff;
one longer than ``max_retry_after`` ends the retries, so the agent is told when to come
back instead of watching a frozen screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

from parcellab_desk.api.errors import (
    ApiStatusError,
    ParcelLabError,
    RateLimitedError,
    TransportError,
)

IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries. Tests inject one with tiny waits."""

    attempts: int = 4
    total_timeout: float = 30.0  # seconds for all attempts of one call, waits included
    wait_initial: float = 0.5
    wait_max: float = 8.0
    wait_jitter: float = 0.5
    wait_exp_base: float = 2.0
    max_retry_after: float = 20.0  # a longer Retry-After is handed to the agent instead
    methods: frozenset[str] = IDEMPOTENT_METHODS
    statuses: frozenset[int] = RETRY_STATUSES
    on_retry: Callable[[ParcelLabError, float | None], None] | None = field(
        default=None, compare=False
    )
    """Called with the error and the Retry-After wait (None: computed backoff) before each
    retry; for logs and tests."""

    def retries_method(self, method: str) -> bool:
        return self.attempts > 1 and method.upper() in self.methods

    def decide(self, error: Exception, *, last_attempt: bool = False) -> bool | float:
        """stamina's hook: False (give up), True (computed backoff) or seconds to wait.

        stamina asks after the last attempt too; ``on_retry`` is not told about that one."""
        if not isinstance(error, ParcelLabError):
            return False
        wait = retry_wait(error, self)
        if wait is False:
            return False
        if self.on_retry is not None and not last_attempt:
            self.on_retry(error, None if wait is True else float(wait))
        return wait


def is_retryable_error(error: ParcelLabError, statuses: frozenset[int] = RETRY_STATUSES) -> bool:
    """No answer at all, or a status worth another try."""
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ApiStatusError) and error.status_code in statuses


def retry_wait(error: ParcelLabError, policy: RetryPolicy) -> bool | float:
    """False: do not retry. True: retry after the computed backoff. A float: wait that long."""
    if error.method is None or not policy.retries_method(error.method):
        return False
    if not is_retryable_error(error, policy.statuses):
        return False
    if isinstance(error, RateLimitedError) and error.retry_after is not None:
        if error.retry_after > policy.max_retry_after:
            return False
        return error.retry_after
    return True


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent
    or unreadable. Dates in the past give 0."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is unreadable
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
