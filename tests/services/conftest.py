"""Service fixtures: a client on the shared sandbox that tries once (failures show at once)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox


@pytest.fixture
async def client(sandbox: EmbeddedSandbox) -> AsyncIterator[ParcelLabClient]:
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as running:
        yield running
