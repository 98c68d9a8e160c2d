"""Test connection against the sandbox: works, warns about empty default accounts, and says
when the base URL looks wrong."""

from __future__ import annotations

from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.connection import check_connection
from parcellab_desk.services.error_messages import ConnectionWarning
from parcellab_desk.services.profiles import Profile
from parcellab_desk.services.secret import Secret


async def test_a_working_profile_passes(sandbox: EmbeddedSandbox) -> None:
    profile = Profile(name="Demo", base_url=sandbox.base_url, default_accounts=sandbox.accounts)
    assert await check_connection(profile, Secret(sandbox.demo_token)) is None


async def test_default_accounts_that_show_nothing_are_a_warning(sandbox: EmbeddedSandbox) -> None:
    profile = Profile(name="Demo", base_url=sandbox.base_url, default_accounts=(987654,))
    said = await check_connection(profile, Secret(sandbox.demo_token))
    assert isinstance(said, ConnectionWarning)
    assert "987654" in said
    assert "show no orders" in said


async def test_a_base_url_with_a_path_looks_wrong(sandbox: EmbeddedSandbox) -> None:
    profile = Profile(name="Demo", base_url=f"{sandbox.base_url}/v4")
    said = await check_connection(profile, Secret(sandbox.demo_token))
    assert said is not None
    assert not isinstance(said, ConnectionWarning)
    assert said.startswith("This base URL looks wrong")
    assert "https://api.parcellab.com" in said
