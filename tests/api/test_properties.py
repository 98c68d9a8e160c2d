"""Property tests: parsing, serialising and patch building hold for any valid order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from parcellab_desk.api.models import Order
from parcellab_desk.api.payload import build_patch, check_payload, same_value, wire_value
from parcellab_desk.api.schema import ORDER_FIELD, CancelReason
from parcellab_desk.api.sentinel import NOT_GIVEN

text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=20
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.one_of(st.just(UTC), offsets),
)


@st.composite
def timestamp_texts(draw: st.DrawFn) -> tuple[str, datetime]:
    """A moment written the ways the real service writes it."""
    moment = draw(moments)
    timespec = draw(st.sampled_from(["auto", "seconds", "milliseconds"]))
    if timespec == "seconds":
        moment = moment.replace(microsecond=0)
    elif timespec == "milliseconds":
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    written = moment.isoformat(timespec=timespec)
    if moment.utcoffset() == timedelta(0) and draw(st.booleans()):
        written = written.removesuffix("+00:00") + "Z"
    return written, moment


tracking_json = st.fixed_dictionaries(
    {"courier": st.sampled_from(["dhl-germany", "ups", "gls"]), "tracking_number": text},
    optional={
        "status": st.sampled_from(["InTransit", "Delivered", None]),
        "is_return": st.booleans(),
        "tags": st.lists(text, max_size=3),
        "weight_g": st.integers(0, 10_000),
    },
)

order_json = st.fixed_dictionaries(
    {
        "external_id": st.uuids().map(str),
        "account": st.integers(1, 10_000),
        "order_number": text,
    },
    optional={
        "external_reference": st.none() | text,
        "order_status": st.none() | st.sampled_from(["Processing", "Shipped"]),
        "has_multiple_shipments": st.none() | st.booleans(),
        "cancelled_reason": st.none() | st.sampled_from([r.value for r in CancelReason]),
        "tags": st.lists(text, max_size=4),
        "trackings": st.lists(tracking_json, max_size=3),
        "loyalty_tier": text,
        "nested_unknown": st.dictionaries(text, st.integers() | text, max_size=2),
    },
)


@given(timestamp_texts())
def test_any_timestamp_form_parses_to_the_same_moment(case: tuple[str, datetime]) -> None:
    written, moment = case
    order = Order.model_validate({"created_at": written})
    assert order.created_at == moment
    assert order.created_at is not None
    assert order.created_at.tzinfo is not None


@given(order_json)
def test_serialising_and_parsing_again_changes_nothing(raw: dict[str, Any]) -> None:
    order = Order.model_validate(raw)
    again = Order.model_validate_json(order.model_dump_json())
    assert again == order
    dumped = order.to_json_dict()
    for key, value in raw.items():
        if key != "trackings":
            assert dumped[key] == value  # unknown fields included, untouched


writable_edits = st.fixed_dictionaries(
    {},
    optional={
        "order_status": st.none()
        | st.sampled_from(["Processing", "Shipped", "Delivered"])
        | st.just(NOT_GIVEN),
        "client_key": st.none() | text | st.just(NOT_GIVEN),
        "has_multiple_shipments": st.none() | st.booleans(),
        "cancelled_reason": st.none() | st.sampled_from(list(CancelReason)),
        "cancelled_date": st.none() | moments,
        "tags": st.lists(text, max_size=3),
        "loyalty_tier": text,
    },
)


@given(order_json, writable_edits)
def test_a_patch_holds_exactly_the_changes(raw: dict[str, Any], edits: dict[str, Any]) -> None:
    original = Order.model_validate(raw)
    patch = build_patch(original, edits)
    assert patch.body["external_id"] == original.external_id
    given_edits = {k: v for k, v in edits.items() if v is not NOT_GIVEN}
    extras = original.model_extra or {}
    for name, value in given_edits.items():
        spec = ORDER_FIELD.get(name)
        before = getattr(original, name) if name in Order.model_fields else extras.get(name)
        changed = not same_value(spec, before, value)
        assert (name in patch.body) is changed
        if changed:
            assert patch.body[name] == wire_value(spec, value)
            if patch.body[name] is None:
                assert spec is not None
                assert spec.nullable
    assert set(patch.body) - {"external_id"} == patch.changed <= set(given_edits)
    # Applying the patch gives the edited order; patching it again sends nothing.
    merged = Order.model_validate({**original.to_json_dict(), **patch.body})
    assert build_patch(merged, edits).is_empty
    check_payload(patch.body, creating=False)
