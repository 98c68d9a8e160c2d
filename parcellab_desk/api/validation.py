"""Checks JSON values against the contract's schema, in the server's own words.

The same functions judge a payload in the sandbox (which answers 400 with them) and a field
in the console's editor (which marks the field before anything is sent), so an agent reads
the same message whichever side caught the mistake. Messages follow Django REST framework's
wording, since that is what the real service answers.

Null and empty follow the contract: only the fields it marks nullable take ``null`` (every
other one answers "This field may not be null."), and a text field is emptied with ``""``
(except the ones that need at least one character, such as the order number).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import available_timezones

from parcellab_desk.api.schema import (
    CANCEL_ORDER_KEYS,
    CANCEL_TRACKING_KEYS,
    ORDER_FIELD,
    TAG_MAX_LENGTH,
    TAGS_MAX_COUNT,
    TRACKING_FIELD,
    UNSET_EMAIL,
    ErrorCode,
    FieldKind,
    FieldSpec,
    MutationType,
)

# Not RFC 5322 in full: the pragmatic shape Django's EmailValidator accepts for everyday
# addresses (local part, one @, a dotted domain with a 2+ letter top level).
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field; ``attr`` is a dotted path (``mutations.0.tracking.courier``)."""

    attr: str | None
    code: str
    detail: str


@cache
def iana_zones() -> frozenset[str]:
    """Every IANA zone name known to this installation (tzdata ships them on Windows)."""
    return frozenset(available_timezones())


@cache
def country_codes_iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def iso639_1_languages() -> tuple[tuple[str, str], ...]:
    """(``de``, ``German``) for every language with a two-letter code, in pycountry's order.

    Read from pycountry's ISO 639-3 file directly: its ``languages`` database builds and
    indexes all ~7,900 ISO 639-3 entries first, which costs the first editor ~0.1 s for the
    184 that have two letters."""
    import pycountry

    path = Path(pycountry.DATABASE_DIR) / "iso639-3.json"
    with path.open(encoding="utf-8") as file:
        (entries,) = json.load(file).values()
    return tuple((e["alpha_2"], e["name"]) for e in entries if "alpha_2" in e)


@cache
def language_codes_iso2() -> frozenset[str]:
    return frozenset(code for code, _name in iso639_1_languages())


def parse_datetime(value: str) -> datetime:
    """ISO 8601 with or without fractional seconds, ``Z`` or an offset; naive means UTC.

    Raises ValueError when the text is not such a datetime.
    """
    if not isinstance(value, str) or "T" not in value.upper():
        raise ValueError(f"not an ISO 8601 datetime: {value!r}")
    parsed = datetime.fromisoformat(value)
    from datetime import UTC

    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        # An instant that has no UTC form (year 1 east of Greenwich, 9999 west of it) is
        # not a datetime anyone can store.
        parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"not representable in UTC: {value!r}") from None
    return parsed


def _join(prefix: str, name: str | int) -> str:
    return f"{prefix}.{name}" if prefix else str(name)


def check_field(spec: FieldSpec, value: Any, attr: str | None = None) -> list[FieldError]:
    """Errors for one field's JSON value (empty when it is valid)."""
    path = attr if attr is not None else spec.name
    if value is None:
        if spec.nullable:
            return []
        return [FieldError(path, ErrorCode.NULL, "This field may not be null.")]
    if value == "" and spec.allows_blank:
        return []  # how a text field is emptied; only null is refused
    kind = spec.kind
    if kind is FieldKind.STRING:
        return _check_string(spec, value, path)
    if kind is FieldKind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            return [FieldError(path, ErrorCode.INVALID, "A valid integer is required.")]
        if value < 1:
            return [FieldError(path, ErrorCode.INVALID, "Ensure this value is greater than 0.")]
        return []
    if kind is FieldKind.BOOLEAN:
        if not isinstance(value, bool):
            return [FieldError(path, ErrorCode.INVALID, "Must be a valid boolean.")]
        return []
    if kind is FieldKind.DATETIME:
        try:
            parse_datetime(value)
        except (ValueError, TypeError):
            return [
                FieldError(
                    path,
                    ErrorCode.INVALID,
                    "Datetime has wrong format. Use one of these formats instead: "
                    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
                )
            ]
        return []
    if kind is FieldKind.DATE:
        ok = isinstance(value, str) and bool(_DATE.match(value))
        if ok:
            try:
                date.fromisoformat(value)
            except ValueError:
                ok = False
        if not ok:
            return [
                FieldError(
                    path,
                    ErrorCode.INVALID,
                    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                )
            ]
        return []
    if kind is FieldKind.ENUM:
        if not isinstance(value, str) or value not in spec.choices:
            return [FieldError(path, ErrorCode.INVALID_CHOICE, f'"{value}" is not a valid choice.')]
        return []
    if kind is FieldKind.TAGS:
        return check_tags(value, path)
    if kind is FieldKind.EMAIL:
        errors = _check_string(spec, value, path)
        if errors:
            return errors
        if value != UNSET_EMAIL and not _EMAIL.match(value):
            return [FieldError(path, ErrorCode.INVALID, "Enter a valid email address.")]
        return []
    if kind is FieldKind.TIMEZONE:
        return _check_choice_set(value, iana_zones(), path, "a known IANA time zone")
    if kind is FieldKind.COUNTRY_ISO3:
        return _check_choice_set(value, country_codes_iso3(), path, "an ISO 3166-1 alpha-3 code")
    if kind is FieldKind.LANGUAGE_ISO2:
        return _check_choice_set(value, language_codes_iso2(), path, "an ISO 639-1 code")
    if kind is FieldKind.UUID:
        try:
            UUID(str(value))
        except ValueError:
            return [FieldError(path, ErrorCode.INVALID, "Must be a valid UUID.")]
        return []
    raise AssertionError(f"unhandled field kind {kind}")  # pragma: no cover


def _check_string(spec: FieldSpec, value: Any, path: str) -> list[FieldError]:
    if not isinstance(value, str):
        return [FieldError(path, ErrorCode.INVALID, "Not a valid string.")]
    if value == "" and (spec.min_length or 0) >= 1:
        return [FieldError(path, ErrorCode.BLANK, "This field may not be blank.")]
    if spec.max_length is not None and len(value) > spec.max_length:
        return [
            FieldError(
                path,
                ErrorCode.MAX_LENGTH,
                f"Ensure this field has no more than {spec.max_length} characters.",
            )
        ]
    if spec.min_length is not None and len(value) < spec.min_length:
        return [
            FieldError(
                path,
                ErrorCode.MIN_LENGTH,
                f"Ensure this field has at least {spec.min_length} characters.",
            )
        ]
    return []


def _check_choice_set(
    value: Any, allowed: frozenset[str], path: str, what: str
) -> list[FieldError]:
    if not isinstance(value, str) or value not in allowed:
        return [
            FieldError(path, ErrorCode.INVALID_CHOICE, f'"{value}" is not a valid choice ({what}).')
        ]
    return []


def check_tags(value: Any, path: str = "tags") -> list[FieldError]:
    """A list of non-blank strings, each at most TAG_MAX_LENGTH, at most TAGS_MAX_COUNT."""
    if not isinstance(value, list):
        kind = type(value).__name__
        return [
            FieldError(path, ErrorCode.INVALID, f'Expected a list of items but got type "{kind}".')
        ]
    if len(value) > TAGS_MAX_COUNT:
        return [
            FieldError(
                path,
                ErrorCode.MAX_LENGTH,
                f"Ensure this field has no more than {TAGS_MAX_COUNT} elements.",
            )
        ]
    errors: list[FieldError] = []
    for i, tag in enumerate(value):
        tag_path = _join(path, i)
        if not isinstance(tag, str):
            errors.append(FieldError(tag_path, ErrorCode.INVALID, "Not a valid string."))
        elif not tag.strip():
            errors.append(FieldError(tag_path, ErrorCode.BLANK, "This field may not be blank."))
        elif len(tag) > TAG_MAX_LENGTH:
            errors.append(
                FieldError(
                    tag_path,
                    ErrorCode.MAX_LENGTH,
                    f"Ensure this field has no more than {TAG_MAX_LENGTH} characters.",
                )
            )
    return errors


def is_key_value_tag(tag: str) -> bool:
    """True when a tag follows the ``key:value`` convention (both sides non-blank)."""
    key, sep, value = tag.partition(":")
    return bool(sep and key.strip() and value.strip())


def _check_object(
    body: Mapping[str, Any],
    fields: Mapping[str, FieldSpec],
    prefix: str,
    *,
    creating: bool,
    ignore: Iterable[str] = (),
) -> list[FieldError]:
    errors: list[FieldError] = []
    skip = set(ignore)
    for name, value in body.items():
        if name in skip:
            continue
        spec = fields.get(name)
        if spec is None or spec.read_only:
            # DRF ignores unknown and read-only keys; so does the sandbox.
            continue
        errors.extend(check_field(spec, value, _join(prefix, name)))
    if creating:
        for spec in fields.values():
            if spec.required_on_create and spec.name not in body:
                errors.append(
                    FieldError(
                        _join(prefix, spec.name), ErrorCode.REQUIRED, "This field is required."
                    )
                )
    return errors


def check_tracking(body: Any, prefix: str) -> list[FieldError]:
    """Errors for a tracking object as sent in ``add_tracking``."""
    if not isinstance(body, Mapping):
        return [
            FieldError(
                prefix,
                ErrorCode.INVALID,
                f"Invalid data. Expected a dictionary, but got {type(body).__name__}.",
            )
        ]
    return _check_object(body, TRACKING_FIELD, prefix, creating=True)


def check_mutation(mutation: Any, index: int) -> list[FieldError]:
    """Errors for one entry of ``mutations`` at position ``index``."""
    prefix = f"mutations.{index}"
    if not isinstance(mutation, Mapping):
        return [
            FieldError(
                prefix,
                ErrorCode.INVALID,
                f"Invalid data. Expected a dictionary, but got {type(mutation).__name__}.",
            )
        ]
    kind = mutation.get("type")
    if kind is None:
        return [FieldError(f"{prefix}.type", ErrorCode.REQUIRED, "This field is required.")]
    if kind not in {m.value for m in MutationType}:
        return [
            FieldError(
                f"{prefix}.type", ErrorCode.INVALID_CHOICE, f'"{kind}" is not a valid choice.'
            )
        ]
    if kind == MutationType.ADD_TRACKING:
        if "tracking" not in mutation:
            return [FieldError(f"{prefix}.tracking", ErrorCode.REQUIRED, "This field is required.")]
        return check_tracking(mutation["tracking"], f"{prefix}.tracking")
    keys = CANCEL_TRACKING_KEYS if kind == MutationType.CANCEL_TRACKING else CANCEL_ORDER_KEYS
    errors: list[FieldError] = []
    for key in keys:
        spec = TRACKING_FIELD[key]
        required = key in ("courier", "tracking_number", "cancelled_reason")
        if key not in mutation or mutation[key] is None:
            if required:
                errors.append(
                    FieldError(f"{prefix}.{key}", ErrorCode.REQUIRED, "This field is required.")
                )
            continue
        errors.extend(check_field(spec, mutation[key], f"{prefix}.{key}"))
    return errors


def check_order(body: Any, *, creating: bool) -> list[FieldError]:
    """Every validation error in an order payload (PUT when ``creating`` is False, POST when True).

    A PUT that names no ``external_id`` must still say ``account`` and ``order_number`` to
    identify the order; the sandbox checks that after this, since it depends on what exists.
    """
    if not isinstance(body, Mapping):
        return [
            FieldError(
                None,
                ErrorCode.INVALID,
                f"Invalid data. Expected a dictionary, but got {type(body).__name__}.",
            )
        ]
    errors = _check_object(body, ORDER_FIELD, "", creating=creating, ignore=("mutations",))
    if "external_id" in body and body["external_id"] is not None:
        errors.extend(check_field(ORDER_FIELD["external_id"], body["external_id"]))
    mutations = body.get("mutations")
    if mutations is not None:
        if not isinstance(mutations, list):
            errors.append(
                FieldError(
                    "mutations",
                    ErrorCode.INVALID,
                    f'Expected a list of items but got type "{type(mutations).__name__}".',
                )
            )
        else:
            for i, mutation in enumerate(mutations):
                errors.extend(check_mutation(mutation, i))
    return errors
