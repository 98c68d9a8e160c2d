"""Client fixtures: a client on the shared sandbox with a retry policy of tiny waits."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox

# Same decisions as production, waits shrunk so retry tests take milliseconds.
FAST_RETRY = RetryPolicy(
    attempts=4,
    total_timeout=10.0,
    wait_initial=0.01,
    wait_max=0.05,
    wait_jitter=0.01,
    max_retry_after=2.0,
)


@pytest.fixture
async def client(sandbox: EmbeddedSandbox) -> AsyncIterator[ParcelLabClient]:
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=FAST_RETRY
    ) as running:
        yield running
