"""Whatever a file the console owns contains, loading it never raises, never loses its
bytes, and says so when it could not use them (property tests, one per loader)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcellab_desk.services.drafts import DraftStore, decode_draft, new_draft_key, snapshot_of
from parcellab_desk.services.profiles import Profile, ProfileStore
from parcellab_desk.services.settings_file import check_settings_file

KEY = new_draft_key()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

VALID_PROFILE: dict[str, Any] = Profile(
    id="p1", name="EU", base_url="https://api.eu.parcellab.com"
).model_dump(mode="json")

VALID_SNAPSHOT: dict[str, Any] = {
    "version": 1,
    "original": None,
    "defaults": {"account": 1001},
    "edits": {"order_number": "N-1", "recipient_name": "Erika Mustermann"},
    "trackings": [],
}


def _spoiled(document: dict[str, Any], keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid document with one of its keys (or a nested profile's) set to anything."""
    return st.tuples(st.sampled_from(keys), json_values).map(
        lambda change: {**document, change[0]: change[1]}
    )


profile_documents = st.one_of(
    json_values,
    st.lists(
        st.one_of(st.just(VALID_PROFILE), _spoiled(VALID_PROFILE, list(VALID_PROFILE))),
        max_size=4,
    ).map(lambda items: {"version": 1, "last_used": "p1", "profiles": items}),
)
draft_documents = st.one_of(json_values, _spoiled(VALID_SNAPSHOT, list(VALID_SNAPSHOT)))
edit_values = st.tuples(
    st.sampled_from(["tags", "order_number", "recipient_email", "account", "is_return"]),
    json_values,
).map(lambda e: {**VALID_SNAPSHOT, "edits": {**VALID_SNAPSHOT["edits"], e[0]: e[1]}})


def file_contents(documents: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        documents.map(lambda value: json.dumps(value).encode()),
        st.integers(min_value=1000, max_value=50_000).map(lambda n: b"[" * n),  # too deep
    )


def every_file_bytes(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_contents(profile_documents))
def test_profiles_any_bytes(original: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = folder / "profiles.json"
        path.write_bytes(original)

        store = ProfileStore(folder)  # never raises

        assert original in every_file_bytes(folder)
        if not path.exists() or path.read_bytes() != original:
            # The file was moved aside or rewritten: the agent is told, with the path.
            assert store.notices
            assert str(path) in store.notices[0]
        loaded = store.profiles()
        store.save(Profile(name="New", base_url="https://api.parcellab.com"))
        if store.notices:
            assert original in every_file_bytes(folder)  # a later save keeps them too
        else:
            # A file read whole is rewritten with everything it held, and the new one.
            again = ProfileStore(folder).profiles()
            assert all(profile in again for profile in loaded)
            assert len(again) == len(loaded) + 1


def _draft_files_case(original: bytes, *, encrypted: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        store = DraftStore(Path(scratch), "profile", KEY)
        store.folder.mkdir(parents=True)
        on_disk = Fernet(KEY.reveal().encode()).encrypt(original) if encrypted else original
        path = store.folder / ("d" * 32 + (".draft" if encrypted else ".json"))
        path.write_bytes(on_disk)

        restored = store.load_all()  # never raises

        if restored:
            [item] = restored
            snapshot_of(item.draft)  # usable by the editor: every value has its field's type
            item.draft.edits()
            return
        try:
            clean = not decode_draft(original).is_dirty
        except ValueError:
            clean = False
        if clean:
            return  # a draft without edits has nothing to keep and is removed
        assert on_disk in every_file_bytes(store.folder)
        [notice] = store.notices
        assert str(path) in notice


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_contents(st.one_of(draft_documents, edit_values)))
def test_plain_drafts_any_bytes(original: bytes) -> None:
    _draft_files_case(original, encrypted=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_contents(st.one_of(draft_documents, edit_values)))
def test_encrypted_drafts_any_content(original: bytes) -> None:
    _draft_files_case(original, encrypted=True)


@settings(max_examples=80, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(["[General]", "a=1", "geometry=@ByteArray(x)", "; note", "", "junk"]),
            max_size=6,
        ).map(lambda lines: "\n".join(lines).encode()),
    )
)
def test_settings_any_bytes(original: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "parcellab_desk.conf"
        path.write_bytes(original)

        check = check_settings_file(path)  # never raises

        assert original in every_file_bytes(Path(scratch))
        if not path.exists():
            assert check.notice is not None
            assert str(path) in check.notice
        else:
            assert path.read_bytes() == original  # left alone only when it is whole
            assert check.notice is None
