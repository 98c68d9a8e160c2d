"""Profiles: URL rules, validation, and a store that survives restarts and crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from parcellab_desk.services.profiles import (
    REGION_URLS,
    AuthScheme,
    InvalidAccountListError,
    InvalidBaseUrlError,
    Profile,
    ProfileStore,
    Region,
    demo_profile,
    format_account_ids,
    normalize_base_url,
    parse_account_ids,
    region_for_url,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://api.eu.parcellab.com", "https://api.eu.parcellab.com"),
        ("  HTTPS://API.EU.parcellab.com/ ", "https://api.eu.parcellab.com"),
        ("https://proxy.example.com:8443/parcellab/", "https://proxy.example.com:8443/parcellab"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:9000/", "http://localhost:9000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("http://127.1.2.3", "http://127.1.2.3"),
    ],
)
def test_accepted_base_urls_are_normalized(text: str, expected: str) -> None:
    assert normalize_base_url(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "Enter the API's base URL"),
        ("api.eu.parcellab.com", "must start with https://"),
        ("ftp://api.parcellab.com", "must start with https://"),
        ("http://api.eu.parcellab.com", "unencrypted"),
        ("http://192.168.1.10:8000", "unencrypted"),
        ("https://user:pw@api.parcellab.com", "user name or password"),
        ("https://", "no host"),
        ("https://api.parcellab.com:99999", "port"),
        ("https://api.parcellab.com/?x=1", "query"),
    ],
)
def test_refused_base_urls_say_why(text: str, why: str) -> None:
    with pytest.raises(InvalidBaseUrlError, match=why):
        normalize_base_url(text)


@given(st.sampled_from(list(REGION_URLS.values())), st.sampled_from(["", "/", "  "]))
def test_normalizing_twice_changes_nothing(url: str, suffix: str) -> None:
    once = normalize_base_url(url + suffix)
    assert normalize_base_url(once) == once


def test_presets_are_the_documented_hosts() -> None:
    assert REGION_URLS[Region.GLOBAL] == "https://api.parcellab.com"
    assert REGION_URLS[Region.EU] == "https://api.eu.parcellab.com"
    assert REGION_URLS[Region.US] == "https://api.us.parcellab.com"
    assert Region.CUSTOM.base_url is None


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("https://api.eu.parcellab.com/", Region.EU),
        ("https://api.us.parcellab.com", Region.US),
        ("https://api.parcellab.com", Region.GLOBAL),
        ("http://127.0.0.1:51234", Region.SANDBOX),
        ("https://staging.example.com", Region.CUSTOM),
        ("not a url", Region.CUSTOM),
    ],
)
def test_a_url_is_recognised_as_its_preset(url: str, region: Region) -> None:
    assert region_for_url(url) is region


def test_account_ids_are_read_from_commas_or_spaces() -> None:
    assert parse_account_ids("1042, 1043 1044,1042") == (1042, 1043, 1044)
    assert parse_account_ids("  ") == ()
    assert format_account_ids((1042, 1043)) == "1042, 1043"
    with pytest.raises(InvalidAccountListError, match="“abc” is not an account id"):
        parse_account_ids("1042, abc")


def test_the_api_token_scheme_needs_an_account_id() -> None:
    with pytest.raises(ValidationError, match="needs the account id"):
        Profile(
            name="EU",
            base_url="https://api.eu.parcellab.com",
            auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        )
    profile = Profile(
        name="EU",
        base_url="https://api.eu.parcellab.com",
        auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        account_id=1042,
    )
    assert profile.auth_scheme.needs_account_id


def test_a_profile_rejects_an_insecure_url_and_a_blank_name() -> None:
    with pytest.raises(ValidationError, match="unencrypted"):
        Profile(name="x", base_url="http://api.eu.parcellab.com")
    with pytest.raises(ValidationError, match="needs a name"):
        Profile(name="   ", base_url="https://api.eu.parcellab.com")


def test_a_profile_shows_its_host_and_region() -> None:
    profile = Profile(name="EU prod", base_url="https://api.eu.parcellab.com/")
    assert profile.host_label == "api.eu.parcellab.com"
    assert profile.region is Region.EU
    assert len(profile.id) == 32


def test_the_demo_profile_is_the_sandbox_with_a_session_token() -> None:
    profile = demo_profile("http://127.0.0.1:51234")
    assert profile.demo
    assert profile.region is Region.SANDBOX
    assert not profile.remember_token


def _eu(name: str = "EU prod") -> Profile:
    return Profile(
        name=name,
        base_url="https://api.eu.parcellab.com",
        auth_scheme=AuthScheme.PARCELLAB_API_TOKEN,
        account_id=1042,
        default_accounts=(1042, 1043),
    )


def test_profiles_and_the_last_used_one_survive_a_restart(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    assert store.is_empty()
    eu, us = _eu(), Profile(name="US staging", base_url="https://api.us.parcellab.com")
    store.save(eu)
    store.save(us)
    store.set_last_used(us.id)

    reopened = ProfileStore(tmp_path)
    assert reopened.profiles() == [eu, us]
    assert reopened.last_used() == us
    assert reopened.get(eu.id) == eu


def test_saving_a_profile_with_the_same_id_replaces_it(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    eu = _eu()
    store.save(eu)
    store.save(eu.model_copy(update={"name": "EU production"}))
    assert [p.name for p in ProfileStore(tmp_path).profiles()] == ["EU production"]


def test_deleting_the_last_used_profile_clears_it(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    eu = _eu()
    store.save(eu)
    store.set_last_used(eu.id)
    store.delete(eu.id)
    reopened = ProfileStore(tmp_path)
    assert reopened.is_empty()
    assert reopened.last_used() is None


def test_the_file_is_plain_json_without_any_token_field(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    store.save(_eu())
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["version"] == 1
    (saved,) = document["profiles"]
    assert set(saved) == {
        "id",
        "name",
        "base_url",
        "auth_scheme",
        "account_id",
        "default_accounts",
        "demo",
        "remember_token",
    }
    # Atomic writes leave no temporary files behind.
    assert [p.name for p in tmp_path.iterdir()] == ["profiles.json"]


def test_a_damaged_file_is_kept_aside_and_the_console_starts_empty(tmp_path: Path) -> None:
    damaged = b'{"profiles": [{"name": '
    (tmp_path / "profiles.json").write_bytes(damaged)

    store = ProfileStore(tmp_path)

    assert store.is_empty()
    [kept] = list(tmp_path.iterdir())
    assert kept.name.startswith("profiles.json.damaged-")
    assert kept.read_bytes() == damaged
    [notice] = store.notices
    assert str(tmp_path / "profiles.json") in notice
    assert kept.name in notice
    profile = _eu()
    store.save(profile)  # a new file beside the kept one
    assert kept.read_bytes() == damaged
    assert ProfileStore(tmp_path).profiles() == [profile]


def test_one_invalid_profile_costs_that_profile_only(tmp_path: Path) -> None:
    profile = _eu()
    good = profile.model_dump(mode="json")
    original = json.dumps({"version": 1, "profiles": [good, {"name": "", "base_url": 5}]})
    (tmp_path / "profiles.json").write_text(original, encoding="utf-8")

    store = ProfileStore(tmp_path)

    assert store.profiles() == [profile]
    assert "1 of 2 profiles" in store.notices[0]
    [kept] = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept.read_text(encoding="utf-8") == original
    assert ProfileStore(tmp_path).profiles() == [profile]  # the rest was written back


def test_an_unwritable_folder_keeps_profiles_in_memory_and_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store = ProfileStore(blocker)
    profile = _eu()
    store.save(profile)
    assert store.profiles() == [profile]
    assert not store.saves_to_disk
    [notice] = store.notices
    assert notice.startswith(f"Could not save the profiles to {blocker / 'profiles.json'}")
    store.save(profile)  # told once, not on every change
    assert len(store.notices) == 1
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_setting_an_unknown_profile_as_last_used_is_a_bug(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        ProfileStore(tmp_path).set_last_used("nope")
