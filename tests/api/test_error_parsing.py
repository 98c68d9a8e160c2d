"""Every error body shape the real service (or a proxy in front of it) can answer with."""

from __future__ import annotations

import json

import httpx
import pytest

from parcellab_desk.api.error_parsing import (
    error_from_response,
    map_non_field_errors,
    parse_error_body,
    text_excerpt,
)
from parcellab_desk.api.errors import (
    AmbiguousOrderError,
    ApiStatusError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
    summarize,
)
from parcellab_desk.api.validation import FieldError


def _json(data: object) -> bytes:
    return json.dumps(data).encode()


def test_wrapped_shape() -> None:
    body = _json(
        {
            "type": "validation_error",
            "errors": [
                {"code": "blank", "detail": "This field may not be blank.", "attr": "order_number"},
                {
                    "code": "invalid",
                    "detail": "Not a valid string.",
                    "attr": "mutations.0.tracking.courier",
                },
                {"code": "error", "detail": "General.", "attr": None},
            ],
        }
    )
    assert parse_error_body(body) == [
        FieldError("order_number", "blank", "This field may not be blank."),
        FieldError("mutations.0.tracking.courier", "invalid", "Not a valid string."),
        FieldError(None, "error", "General."),
    ]


def test_wrapped_client_error_with_odd_items() -> None:
    body = _json({"type": "client_error", "errors": [{"detail": "x", "attr": ""}]})
    assert parse_error_body(body) == [FieldError(None, "error", "x")]


def test_plain_detail_shape() -> None:
    assert parse_error_body(_json({"detail": "Not found."})) == [
        FieldError(None, "error", "Not found.")
    ]
    assert parse_error_body(_json({"detail": "Bad token.", "code": "authentication_failed"})) == [
        FieldError(None, "authentication_failed", "Bad token.")
    ]


def test_stock_drf_field_map() -> None:
    body = _json(
        {
            "order_number": ["This field may not be blank."],
            "tags": {"3": ["Not a valid string."]},
            "mutations": [{}, {"tracking": {"courier": ["This field is required."]}}],
            "account": "A valid integer is required.",
            "odd": [None, 5],
        }
    )
    assert parse_error_body(body) == [
        FieldError("order_number", "invalid", "This field may not be blank."),
        FieldError("tags.3", "invalid", "Not a valid string."),
        FieldError("mutations.1.tracking.courier", "invalid", "This field is required."),
        FieldError("account", "invalid", "A valid integer is required."),
        FieldError("odd", "invalid", "5"),
    ]


def test_a_top_level_list_and_null_detail() -> None:
    assert parse_error_body(_json(["Something went wrong."])) == [
        FieldError(None, "error", "Something went wrong.")
    ]
    assert parse_error_body(_json({"detail": None})) == [FieldError(None, "error", "")]


def test_stock_drf_unique_together_lands_on_the_fields_it_names() -> None:
    body = _json({"non_field_errors": ["The fields account, order_number must make a unique set."]})
    errors = parse_error_body(body)
    assert [(e.attr, e.code) for e in errors] == [("account", "unique"), ("order_number", "unique")]


def test_wrapped_non_field_unique_without_names_lands_on_the_order_number() -> None:
    body = _json(
        {
            "type": "validation_error",
            "errors": [{"code": "unique", "detail": "Already exists.", "attr": "non_field_errors"}],
        }
    )
    assert parse_error_body(body) == [FieldError("order_number", "unique", "Already exists.")]


def test_non_field_unique_inside_a_tracking() -> None:
    errors = map_non_field_errors(
        [
            FieldError("mutations.2.tracking.non_field_errors", "unique", "Duplicate."),
            FieldError(
                "mutations.0.tracking.non_field_errors",
                "unique",
                "courier and tracking_number clash",
            ),
        ]
    )
    assert [e.attr for e in errors] == [
        "mutations.2.tracking.tracking_number",
        "mutations.0.tracking.courier",
        "mutations.0.tracking.tracking_number",
    ]


def test_other_non_field_errors_belong_to_their_object() -> None:
    errors = map_non_field_errors(
        [
            FieldError("non_field_errors", "invalid", "Bad."),
            FieldError("mutations.1.non_field_errors", "invalid", "Bad mutation."),
            FieldError("order_number", "blank", "Blank."),
        ]
    )
    assert [e.attr for e in errors] == [None, "mutations.1", "order_number"]


def test_html_and_empty_bodies() -> None:
    page = (
        b"<html><head><title>502 Bad Gateway</title><style>b{}</style></head>"
        b"<body><h1>Bad&nbsp;Gateway</h1></body></html>"
    )
    assert parse_error_body(page) == [FieldError(None, "error", "502 Bad Gateway Bad Gateway")]
    assert parse_error_body(b"") == []
    assert parse_error_body(b"  \n") == []
    assert parse_error_body(b"<p></p>") == []


def test_long_text_is_cut() -> None:
    excerpt = text_excerpt(b"x" * 1000)
    assert len(excerpt) == 200
    assert excerpt.endswith("…")


def test_summarize_limits_the_count() -> None:
    errors = [FieldError(f"f{i}", "invalid", "Bad.") for i in range(5)]
    assert summarize(errors) == "f0: Bad.; f1: Bad.; f2: Bad. (and 2 more)"


def _response(
    status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> httpx.Response:
    return httpx.Response(status, content=body, headers=headers)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (422, ValidationError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (429, RateLimitedError),
        (500, ServerError),
        (503, ServerError),
        (301, UnexpectedStatusError),
        (405, UnexpectedStatusError),
        (409, UnexpectedStatusError),
    ],
)
def test_status_mapping(status: int, cls: type[ApiStatusError]) -> None:
    error = error_from_response(_response(status), method="GET", path="/v4/track/orders/")
    assert type(error) is cls
    assert error.status_code == status
    assert error.method == "GET"
    assert error.path == "/v4/track/orders/"
    assert error.message
    assert error.message.endswith(".")


def test_ambiguous_is_its_own_error() -> None:
    body = _json(
        {
            "type": "client_error",
            "errors": [{"code": "ambiguous", "detail": "Several.", "attr": None}],
        }
    )
    error = error_from_response(_response(400, body), method="GET", path="/x/")
    assert isinstance(error, AmbiguousOrderError)
    assert error.candidates == ()
    assert error.codes == {"ambiguous"}


def test_rate_limit_carries_retry_after() -> None:
    error = error_from_response(
        _response(429, headers={"Retry-After": "7"}), method="GET", path="/"
    )
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 7
    assert "7 s" in error.message
    assert "later" in error_from_response(_response(429), method="GET", path="/").message


def test_redirect_message_names_the_target() -> None:
    error = error_from_response(
        _response(301, headers={"Location": "https://elsewhere/v4/track/orders/"}),
        method="PUT",
        path="/v4/track/orders",
    )
    assert "https://elsewhere/v4/track/orders/" in error.message


def test_messages_quote_the_server() -> None:
    body = _json(
        {
            "type": "validation_error",
            "errors": [
                {"code": "blank", "detail": "This field may not be blank.", "attr": "order_number"}
            ],
        }
    )
    error = error_from_response(_response(400, body), method="PUT", path="/")
    assert isinstance(error, ValidationError)
    assert (
        error.message == "The server refused the data: order_number: This field may not be blank."
    )
    assert error.field_errors == (
        FieldError("order_number", "blank", "This field may not be blank."),
    )
    assert error.general_errors == ()
    server = error_from_response(_response(502, b"<h1>Bad Gateway</h1>"), method="GET", path="/")
    assert "Bad Gateway" in server.message
    odd = error_from_response(_response(418, _json({"detail": "teapot"})), method="GET", path="/")
    assert "teapot" in odd.message


def test_errors_for_selects_a_field_and_its_children() -> None:
    error = ValidationError(
        "x",
        status_code=400,
        errors=[
            FieldError("tags.3", "blank", "b"),
            FieldError("tags", "max_length", "m"),
            FieldError("tagsx", "i", "i"),
        ],
    )
    assert [e.attr for e in error.errors_for("tags")] == ["tags.3", "tags"]
    assert repr(error) == "ValidationError('x')"
