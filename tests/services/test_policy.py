"""The machine policy file: presets, locks and switches IT sets for every agent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parcellab_desk.services import policy as policy_module
from parcellab_desk.services.policy import (
    Policy,
    apply_to_store,
    default_policy_path,
    load_policy,
    problem_message,
    usable_profiles,
)
from parcellab_desk.services.profiles import AuthScheme, Profile, ProfileStore

EXAMPLE: dict[str, Any] = {
    "version": 1,
    "profiles": [
        {"id": "eu-prod", "name": "EU production", "region": "eu", "default_accounts": [1042]},
        {
            "id": "proxy",
            "name": "Via the company gateway",
            "base_url": "https://parcellab-gw.example.com/",
            "auth_scheme": "parcellab_api_token",
            "account_id": 1043,
        },
    ],
    "allow_own_profiles": False,
    "hide_demo": True,
    "allow_custom_urls": False,
    "language": "de",
}


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "policy.json"
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


def test_each_system_has_its_place_for_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROGRAMDATA", "D:\\Data")
    assert default_policy_path("linux") == Path("/etc/parcellab_desk/policy.json")
    assert default_policy_path("darwin") == Path(
        "/Library/Application Support/parcellab_desk/policy.json"
    )
    assert default_policy_path("win32") == Path("D:\\Data") / "parcellab_desk" / "policy.json"


def test_no_file_means_no_policy(tmp_path: Path) -> None:
    policy = load_policy(tmp_path / "none.json")

    assert policy == Policy()
    assert not policy.active
    assert problem_message(policy) is None


def test_a_valid_file_presets_profiles_and_sets_the_rules(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, EXAMPLE))

    assert policy.active
    eu, proxy = policy.profiles
    assert (eu.id, eu.name, eu.base_url) == (
        "managed-eu-prod",
        "EU production",
        "https://api.eu.parcellab.com",
    )
    assert eu.default_accounts == (1042,)
    assert proxy.base_url == "https://parcellab-gw.example.com"
    assert (proxy.auth_scheme, proxy.account_id) == (AuthScheme.PARCELLAB_API_TOKEN, 1043)
    assert (policy.allow_own_profiles, policy.hide_demo, policy.allow_custom_urls) == (
        False,
        True,
        False,
    )
    assert policy.language == "de"
    assert policy.managed == (
        "preset profiles: EU production, Via the company gateway",
        "no profiles of your own",
        "demo mode off",
        "parcelLab's regions only (no custom URL)",
        "language: de",
    )


def test_the_environment_variable_names_a_file_to_try(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCELLAB_DESK_POLICY", str(_write(tmp_path, {"hide_demo": True})))

    assert load_policy().hide_demo


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ("{not json", "it is not valid JSON (line 1)"),
        ("[1, 2]", "it is not a JSON object"),
        ({"hide_demo": "yes please"}, "hide_demo: Input should be a valid boolean"),
        ({"hide_dmeo": True}, "hide_dmeo: Extra inputs are not permitted"),  # a typo
        ({"version": 2}, "version: Input should be 1"),
        ({"profiles": [{"id": "x", "name": "X"}]}, "give either region or base_url"),
        (
            {"profiles": [{"id": "x", "name": "X", "base_url": "http://api.example.com"}]},
            "Plain http:// sends the token unencrypted",
        ),
        ({"allow_own_profiles": False}, "no profile is preset"),
        ({"language": "German"}, "language: String should match pattern"),
    ],
)
def test_a_broken_file_is_named_with_its_fault_and_not_applied(
    tmp_path: Path, document: object, says: str
) -> None:
    path = _write(tmp_path, document)

    policy = load_policy(path)

    assert not policy.active
    assert policy.profiles == ()
    assert policy.problem is not None
    assert says in policy.problem
    message = problem_message(policy)
    assert message is not None
    assert str(path) in message
    assert message.endswith("The console starts without it; please tell your IT department.")


def test_an_unreadable_or_binary_file_is_reported(tmp_path: Path) -> None:
    binary = tmp_path / "policy.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert load_policy(binary).problem == "it is not UTF-8 text"

    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert (load_policy(folder).problem or "").startswith("it cannot be read")


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_bytes(b" " * (policy_module.MAX_POLICY_BYTES + 1))

    assert load_policy(path).problem == "it is larger than a policy file can be"


def test_presets_join_the_agents_profiles_and_leave_when_it_removes_them(
    tmp_path: Path,
) -> None:
    store = ProfileStore(tmp_path)
    own = Profile(name="My test", base_url="https://staging.example.com")
    store.save(own)
    policy = load_policy(_write(tmp_path, EXAMPLE))

    apply_to_store(policy, store)
    assert {p.id for p in store.profiles()} == {own.id, "managed-eu-prod", "managed-proxy"}

    # IT renames one preset and drops the other: the agent's list follows, their own stays.
    changed = {**EXAMPLE, "profiles": [{**EXAMPLE["profiles"][0], "name": "EU prod (new)"}]}
    apply_to_store(load_policy(_write(tmp_path, changed)), ProfileStore(tmp_path))
    again = ProfileStore(tmp_path)
    assert {p.id: p.name for p in again.profiles()} == {
        own.id: "My test",
        "managed-eu-prod": "EU prod (new)",
    }


def test_what_the_agent_may_use(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, EXAMPLE))
    own = Profile(name="Mine", base_url="https://api.eu.parcellab.com")
    demo = Profile(name="Demo", base_url="http://127.0.0.1:8765", demo=True)

    assert usable_profiles(policy, [*policy.profiles, own, demo]) == list(policy.profiles)
    assert policy.allows(own) == "Your organisation allows only the profiles it set up."
    assert policy.allows(demo) == "Your organisation has turned the demo off."

    custom_only = load_policy(_write(tmp_path, {"allow_custom_urls": False}))
    staging = Profile(name="Staging", base_url="https://staging.example.com")
    assert custom_only.allows(own) is None
    assert "staging.example.com is not one of them" in (custom_only.allows(staging) or "")


def test_the_light_policy_location_names_the_apps_folder() -> None:
    # policy_location has its own copy of the folder name, so the sandbox child need not
    # import the paths module to find the file.
    from parcellab_desk.services import paths, policy_location

    assert policy_location.APP_NAME == paths.APP_NAME
