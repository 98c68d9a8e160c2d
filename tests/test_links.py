"""Order links: what the console accepts from a ticket, and everything it refuses."""

from __future__ import annotations

import pytest

from parcellab_desk.links import (
    MAX_LINK_LENGTH,
    InvalidLinkError,
    OrderLink,
    is_link,
    parse_link,
)


@pytest.mark.parametrize(
    ("text", "account", "order_id"),
    [
        ("parcellab-desk://order/1042/A-10042", 1042, "A-10042"),
        ("  parcellab-desk://order/1042/A-10042\n", 1042, "A-10042"),  # pasted with spaces
        ("PARCELLAB-DESK://ORDER/1042/a-1", 1042, "a-1"),  # schemes are case-insensitive
        ("parcellab-desk://order/7/ORD%2F2024%2F17", 7, "ORD/2024/17"),  # slash, encoded
        ("parcellab-desk://order/7/M%C3%BCller%20%2301", 7, "Müller #01"),
        ("parcellab-desk://order/7/A-1/", 7, "A-1"),  # a browser's trailing slash
        (
            "parcellab-desk://order/99/3f2a1c7e-8b4d-4e2f-9a1b-6c5d4e3f2a1b",
            99,
            "3f2a1c7e-8b4d-4e2f-9a1b-6c5d4e3f2a1b",
        ),
        ("parcellab-desk://order/1/" + "x" * 255, 1, "x" * 255),
    ],
)
def test_order_links_are_read(text: str, account: int, order_id: str) -> None:
    assert parse_link(text) == OrderLink(account, order_id)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "must start with parcellab-desk://"),
        ("https://example.com/order/1/2", "must start with parcellab-desk://"),
        ("parcellab-desk:order/1/2", "must start with parcellab-desk://"),
        ("parcellab-desk://tracking/1/2", "must look like"),
        ("parcellab-desk://order/1042", "must look like"),
        ("parcellab-desk://order/1042/A-1/extra", "must look like"),
        ("parcellab-desk://order//A-1", "not an account id"),
        ("parcellab-desk://order/0/A-1", "not an account id"),
        ("parcellab-desk://order/-5/A-1", "not an account id"),
        ("parcellab-desk://order/01042/A-1", "not an account id"),
        ("parcellab-desk://order/1e3/A-1", "not an account id"),
        ("parcellab-desk://order/1234567890123/A-1", "not an account id"),
        ("parcellab-desk://order/\uff11\uff10\uff14\uff12/A-1", "not an account id"),  # full-width
        ("parcellab-desk://order/1042/", "names no order"),
        ("parcellab-desk://order/1042/A-1?token=abc", "extra parts"),
        ("parcellab-desk://order/1042/A-1#x", "extra parts"),
        ("parcellab-desk://user:pw@order/1042/A-1", "must look like"),
        ("parcellab-desk://order/1042/A 1", "not properly encoded"),
        ("parcellab-desk://order/1042/A-1%", "not properly encoded"),
        ("parcellab-desk://order/1042/A%zz", "not properly encoded"),
        ("parcellab-desk://order/1042/%FF%FE", "not properly encoded"),  # not UTF-8
        ("parcellab-desk://order/1042/<script>", "not properly encoded"),
        ('parcellab-desk://order/1042/a"b', "not properly encoded"),
        ("parcellab-desk://order/1042/%20A-1", "spaces"),
        ("parcellab-desk://order/1042/A-1%0A", "spaces"),
        ("parcellab-desk://order/1042/A%00B", "invisible characters"),
        ("parcellab-desk://order/1042/A%E2%80%AEB", "invisible characters"),  # RTL override
        ("parcellab-desk://order/1042/" + "x" * 256, "too long"),
        ("parcellab-desk://order/1042/" + "x" * MAX_LINK_LENGTH, "too long"),
        ("parcellab-desk://order/1/../../etc/passwd", "must look like"),
        ("parcellab-desk://order/1/%2E%2E", None),  # ".." as an order number: just text
    ],
)
def test_anything_else_is_refused_with_a_reason(text: str, says: str | None) -> None:
    if says is None:
        assert parse_link(text).order_id == ".."
        return
    with pytest.raises(InvalidLinkError, match=says):
        parse_link(text)


@pytest.mark.parametrize(
    "order_id", ["A-10042", "ORD/2024/17", "Müller #01", "a?b#c&d=e", "100%", "x y"]
)
def test_copy_link_round_trips(order_id: str) -> None:
    link = OrderLink(1042, order_id)

    assert link.url().startswith("parcellab-desk://order/1042/")
    assert parse_link(link.url()) == link
    assert " " not in link.url()


def test_is_link_recognises_the_scheme_only() -> None:
    assert is_link("parcellab-desk://order/1/2")
    assert is_link(" Parcellab-Desk:whatever")
    assert not is_link("A-10042")
    assert not is_link("https://parcellab-desk.invalid/")
