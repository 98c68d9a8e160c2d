"""The shared validators and schema helpers, in the server's (DRF's) words."""

from __future__ import annotations

from typing import Any

import pytest

from parcellab_desk.api.schema import (
    ORDER_FIELD,
    TRACKING_FIELD,
    CancelReason,
    DeliveryGroup,
    FieldKind,
    FieldSpec,
    delivery_group,
)
from parcellab_desk.api.validation import (
    check_field,
    check_mutation,
    check_order,
    check_tags,
    check_tracking,
    is_key_value_tag,
    iso639_1_languages,
    language_codes_iso2,
    parse_datetime,
)


def _codes(errors: list[Any]) -> list[tuple[str | None, str]]:
    return [(e.attr, e.code) for e in errors]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("order_number", None, "null"),
        ("order_number", 5, "invalid"),
        ("order_number", "", "blank"),
        ("order_number", "x" * 256, "max_length"),
        ("account", "1", "invalid"),
        ("account", True, "invalid"),
        ("account", 0, "invalid"),
        ("has_multiple_shipments", "yes", "invalid"),
        ("cancelled_date", "2024-01-01", "invalid"),
        ("cancelled_date", 5, "invalid"),
        ("cancelled_reason", "fraud", "invalid_choice"),
        ("tags", "a", "invalid"),
        ("recipient_email", "not-an-address", "invalid"),
        ("recipient_email", 5, "invalid"),
        ("timezone", "Mars/Base", "invalid_choice"),
        ("destination_country_iso3", "DE", "invalid_choice"),
        ("language_iso2", "deu", "invalid_choice"),
        ("external_id", "nope", "invalid"),
    ],
)
def test_order_fields_refused(field: str, value: Any, code: str) -> None:
    assert _codes(check_field(ORDER_FIELD[field], value)) == [(field, code)]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("order_number", "A-1"),
        ("account", 1001),
        ("external_reference", ""),
        ("client_key", ""),
        ("timezone", ""),
        ("destination_country_iso3", ""),
        ("language_iso2", ""),
        ("recipient_email", ""),
        ("has_multiple_shipments", False),
        ("has_multiple_shipments", None),
        ("cancelled_date", None),
        ("cancelled_reason", None),
        ("cancelled_date", "2024-01-01T10:00:00Z"),
        ("cancelled_date", "2024-01-01T10:00:00.123+02:00"),
        ("cancelled_reason", "customer"),
        ("tags", ["a:b", "plain"]),
        ("recipient_email", "_unset"),
        ("recipient_email", "a.b@example.com"),
        ("timezone", "Europe/Berlin"),
        ("destination_country_iso3", "DEU"),
        ("language_iso2", "de"),
        ("external_id", "0b6f1c8e-7a57-4c1e-9d59-2f0c7e0c1a11"),
    ],
)
def test_order_fields_accepted(field: str, value: Any) -> None:
    assert check_field(ORDER_FIELD[field], value) == []


NULLABLE_ORDER_FIELDS = {"has_multiple_shipments", "cancelled_date", "cancelled_reason"}
NULLABLE_TRACKING_FIELDS = {"cancelled_date", "cancelled_reason"}


@pytest.mark.parametrize(
    ("fields", "nullable"),
    [(ORDER_FIELD, NULLABLE_ORDER_FIELDS), (TRACKING_FIELD, NULLABLE_TRACKING_FIELDS)],
    ids=["order", "tracking"],
)
def test_null_only_where_the_contract_allows_it(fields: dict[str, Any], nullable: set[str]) -> None:
    writable = [spec for spec in fields.values() if not spec.read_only]
    refused = {s.name for s in writable if check_field(s, None)}
    assert {s.name for s in writable} - refused == nullable
    for spec in writable:
        if spec.name in refused:
            assert _codes(check_field(spec, None)) == [(spec.name, "null")]
            assert check_field(spec, None)[0].detail == "This field may not be null."


def test_text_fields_are_emptied_with_an_empty_string_but_not_the_identifying_ones() -> None:
    for spec in (*ORDER_FIELD.values(), *TRACKING_FIELD.values()):
        if spec.read_only or not spec.allows_blank:
            continue
        assert check_field(spec, "") == [], spec.name
    for spec in (ORDER_FIELD["order_number"], TRACKING_FIELD["courier"]):
        assert _codes(check_field(spec, "")) == [(spec.name, "blank")]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2024-05-02", True), ("2024-13-02", False), ("02.05.2024", False), (20240502, False)],
)
def test_dates(value: Any, ok: bool) -> None:
    assert (check_field(TRACKING_FIELD["announced_send_date"], value) == []) is ok


def test_courier_is_not_blank_nor_too_short() -> None:
    assert _codes(check_field(TRACKING_FIELD["courier"], "")) == [("courier", "blank")]


def test_tags() -> None:
    assert _codes(check_tags([5, " ", "x" * 256, "ok"])) == [
        ("tags.0", "invalid"),
        ("tags.1", "blank"),
        ("tags.2", "max_length"),
    ]
    assert _codes(check_tags(["t"] * 101)) == [("tags", "max_length")]
    assert is_key_value_tag("brand:Parkers")
    assert not is_key_value_tag("brand:")
    assert not is_key_value_tag("plain")


def test_parse_datetime() -> None:
    assert parse_datetime("2024-01-01T00:00:00").tzinfo is not None
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_datetime("2024-01-01")


def test_mutations() -> None:
    assert _codes(check_mutation("x", 0)) == [("mutations.0", "invalid")]
    assert _codes(check_mutation({}, 1)) == [("mutations.1.type", "required")]
    assert _codes(check_mutation({"type": "explode"}, 2)) == [
        ("mutations.2.type", "invalid_choice")
    ]
    assert _codes(check_mutation({"type": "add_tracking"}, 0)) == [
        ("mutations.0.tracking", "required")
    ]
    assert _codes(check_mutation({"type": "add_tracking", "tracking": {"courier": "gls"}}, 0)) == [
        ("mutations.0.tracking.tracking_number", "required")
    ]
    assert _codes(check_tracking([], "t")) == [("t", "invalid")]
    assert _codes(check_mutation({"type": "cancel_tracking", "cancelled_date": None}, 0)) == [
        ("mutations.0.courier", "required"),
        ("mutations.0.tracking_number", "required"),
        ("mutations.0.cancelled_reason", "required"),
    ]
    assert _codes(
        check_mutation({"type": "cancel_order", "cancelled_reason": "x", "cancelled_date": "no"}, 3)
    ) == [
        ("mutations.3.cancelled_reason", "invalid_choice"),
        ("mutations.3.cancelled_date", "invalid"),
    ]


def test_orders() -> None:
    assert _codes(check_order([], creating=True)) == [(None, "invalid")]
    assert _codes(check_order({"mutations": {}}, creating=False)) == [("mutations", "invalid")]
    assert _codes(
        check_order({"created_at": "x", "unknown": 1, "external_id": "x"}, creating=False)
    ) == [("external_id", "invalid")]
    assert _codes(check_order({}, creating=True)) == [
        ("account", "required"),
        ("order_number", "required"),
    ]


def test_schema_helpers() -> None:
    assert CancelReason.PAYMENT.label == "Payment-related"
    assert delivery_group("Delivered-Neighbor") is DeliveryGroup.DELIVERED
    assert delivery_group("SomethingNew") is DeliveryGroup.UNKNOWN
    assert delivery_group(None) is DeliveryGroup.UNKNOWN


def test_instants_without_a_utc_form_and_minimum_lengths() -> None:
    with pytest.raises(ValueError, match="UTC"):
        parse_datetime("0001-01-01T00:00:00+01:00")
    spec = FieldSpec("code", FieldKind.STRING, "Code", min_length=3)
    assert _codes(check_field(spec, "ab")) == [("code", "min_length")]


def test_two_letter_languages_are_exactly_pycountrys() -> None:
    import pycountry

    expected = {
        (lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")
    }
    assert set(iso639_1_languages()) == expected
    assert "de" in language_codes_iso2()
    assert "deu" not in language_codes_iso2()  # three letters are ISO 639-3, not accepted
