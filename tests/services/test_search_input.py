"""What a pasted text is taken for, and how it is cleaned (table-driven)."""

from __future__ import annotations

import pytest

from parcellab_desk.services.search_input import InputKind, classify, clean, tracking_couriers


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("#40012345", "40012345"),
        (' "SO-88121" ', "SO-88121"),
        ("„#4001 2345“.", "4001 2345"),
        ("Order no. 4001", "4001"),
        ("Bestellung Nr. 4001", "4001"),
        ("order #1001", "1001"),
        ("Nr.: 4001", "4001"),
        ("mailto:a@b.example", "a@b.example"),
        ("<a@b.example>", "a@b.example"),
        ("(ERP-0000661),", "ERP-0000661"),
        ("NOR-123", "NOR-123"),  # "NO" is part of the number here
        ("no-reply@shop.example", "no-reply@shop.example"),
        ("order@shop.example", "order@shop.example"),
        (' " # " ', ""),
        ("", ""),
    ],
)
def test_clean_strips_what_customers_add(raw: str, text: str) -> None:
    assert clean(raw) == text


@pytest.mark.parametrize(
    ("raw", "kind", "text", "couriers", "distinctive"),
    [
        ("ANNA.Muller@Example.COM", InputKind.EMAIL, "anna.muller@example.com", (), False),
        (" anna . muller@example.com", InputKind.EMAIL, "anna.muller@example.com", (), False),
        (
            "A8486261-790B-4F7C-B5C3-6EC124CE01E1",
            InputKind.EXTERNAL_ID,
            "a8486261-790b-4f7c-b5c3-6ec124ce01e1",
            (),
            False,
        ),
        ("1Z A123 4500 0000 0012", InputKind.TRACKING_NUMBER, "1ZA123450000000012", ("ups",), True),
        ("1za123450000000012", InputKind.TRACKING_NUMBER, "1ZA123450000000012", ("ups",), True),
        (
            "00340434 1612 3456 7890",
            InputKind.TRACKING_NUMBER,
            "00340434161234567890",
            ("dhl-germany", "dhl-austria"),
            True,
        ),
        (
            "AB123456789GB",
            InputKind.TRACKING_NUMBER,
            "AB123456789GB",
            ("royalmail", "parcelforce"),
            True,
        ),
        ("AB123456789FR", InputKind.TRACKING_NUMBER, "AB123456789FR", ("colissimo",), True),
        ("3SABCD000000123", InputKind.TRACKING_NUMBER, "3SABCD000000123", ("postnl",), True),
        ("JD0001230000000045", InputKind.TRACKING_NUMBER, "JD0001230000000045", ("yodel",), True),
        ("H01ABC0000000123", InputKind.TRACKING_NUMBER, "H01ABC0000000123", ("evri",), True),
        ("12345678901234", InputKind.TRACKING_NUMBER, "12345678901234", ("dpd-de", "dpd-uk"), True),
        ("123456789012", InputKind.TRACKING_NUMBER, "123456789012", ("fedex", "gls"), False),
        ("40012345", InputKind.TRACKING_NUMBER, "40012345", ("mondial",), False),
        ("4001", InputKind.TEXT, "4001", (), False),
        ("SO-88121", InputKind.TEXT, "SO-88121", (), False),
        ("C1234567", InputKind.TEXT, "C1234567", (), False),
    ],
)
def test_classify(
    raw: str, kind: InputKind, text: str, couriers: tuple[str, ...], distinctive: bool
) -> None:
    found = classify(raw)
    assert (found.kind, found.text, found.couriers, found.distinctive) == (
        kind,
        text,
        couriers,
        distinctive,
    )


def test_shop_numbers_are_tried_with_and_without_the_hash() -> None:
    assert classify("#1001").variants == ("1001", "#1001")
    assert classify("1001").variants == ("1001", "#1001")
    # a long number is no shop number: only its own spelling
    assert classify("12345678901234").variants == ("12345678901234",)


def test_spaces_inside_a_text_may_belong_to_it() -> None:
    assert classify("REF 77 A").variants == ("REF77A", "REF 77 A")


def test_tracking_formats_name_couriers_of_the_contract() -> None:
    from parcellab_desk.api.schema import COURIER_CODES
    from parcellab_desk.services.search_input import COURIER_FORMATS

    named = {c for fmt in COURIER_FORMATS for c in fmt.couriers}
    assert named <= set(COURIER_CODES)
    assert tracking_couriers("not a number") == ((), False)
