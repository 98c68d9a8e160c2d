"""Unsaved edits kept on disk: a snapshot brings the same draft back, files come and go."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcellab_desk.api.models import Order
from parcellab_desk.services.drafts import (
    DraftStore,
    draft_from_snapshot,
    new_draft_key,
    snapshot_of,
)
from parcellab_desk.services.order_editing import OrderDraft

KEY = new_draft_key()

ORDER = Order.model_validate(
    {
        "external_id": "6f1c2a8e-1d3b-4a57-9a0e-2b7c9d4e5f60",
        "account": 1001,
        "order_number": "40012345",
        "customer_number": "C-1",
        "tags": ["priority:vip"],
        "trackings": [{"courier": "dhl-germany", "tracking_number": "0034", "is_return": False}],
        "warehouse": "Leipzig-2",
    }
)


def edited_draft() -> OrderDraft:
    draft = OrderDraft(ORDER)
    draft.set_value("customer_number", "C-2")
    draft.set_value("recipient_name", None)
    draft.set_value("tags", ["priority:vip", "escalation:open"])
    draft.put_tracking({"courier": "ups", "tracking_number": "1Z999"})
    draft.put_tracking({"courier": "dhl-germany", "tracking_number": "0034", "is_return": True})
    return draft


def test_a_snapshot_brings_back_the_same_edits_and_patch() -> None:
    draft = edited_draft()
    again = draft_from_snapshot(snapshot_of(draft))
    assert again.original == ORDER
    assert again.edits() == draft.edits()
    assert again.pending_tracking_keys() == draft.pending_tracking_keys()
    assert again.patch()[0].body == draft.patch()[0].body


def test_a_new_order_draft_keeps_its_account() -> None:
    draft = OrderDraft(None, account=1002)
    draft.set_value("order_number", "NEW-1")
    again = draft_from_snapshot(snapshot_of(draft))
    assert again.is_new
    assert again.create_payload() == draft.create_payload()
    assert again.create_payload()["account"] == 1002


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": 99},
        {"version": 1, "original": {"account": "x"}},
        {"version": 1, "trackings": [{}]},
    ],
)
def test_what_is_not_a_snapshot_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="draft"):
        draft_from_snapshot(data)


def test_store_keeps_loads_and_forgets(tmp_path: Path) -> None:
    store = DraftStore(tmp_path, "profile1", KEY)
    store.save("a1", edited_draft())
    [stored] = store.load_all()
    assert stored.draft_id == "a1"
    assert stored.draft.edits()["customer_number"] == "C-2"
    assert DraftStore(tmp_path, "profile2", KEY).load_all() == []  # another profile's drafts
    store.delete("a1")
    assert store.load_all() == []
    store.delete("a1")  # forgetting twice is fine


def test_a_damaged_draft_is_set_aside_and_a_clean_one_dropped(tmp_path: Path) -> None:
    store = DraftStore(tmp_path, "profile1", KEY)
    store.save("good", edited_draft())
    store.save("clean", OrderDraft(ORDER))
    (store.folder / "broken.draft").write_text("{not json", encoding="utf-8")
    assert [s.draft_id for s in store.load_all()] == ["good"]
    [kept] = [p.name for p in store.folder.iterdir() if ".damaged-" in p.name]
    assert kept.startswith("broken.draft.damaged-")
    assert (store.folder / kept).read_bytes() == b"{not json"
    assert not (store.folder / "clean.json").exists()


def test_ids_cannot_escape_the_drafts_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="profile id"):
        DraftStore(tmp_path, "../elsewhere", KEY)
    store = DraftStore(tmp_path, "p", KEY)
    with pytest.raises(ValueError, match="draft id"):
        store.save("../../x", edited_draft())
