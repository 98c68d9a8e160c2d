"""What the agent reads after a write failed, and where on screen each message goes.

``edit_failure`` turns any exception from a write into an ``EditFailure``: validation errors
placed on form fields (``tags.3`` -> ``tags``) or tracking rows (``mutations.1.tracking.
courier`` -> the tracking the write sent as mutation 1, from the draft's ``sent_keys``),
everything else as one sentence for a banner, with Retry where trying again can help, and
Check again / Send again when the outcome is unknown. The agent-facing wording of a failed
edit lives here (and in ``error_messages`` for the causes), not in the draft or the API layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from parcellab_desk.api.errors import PartiallySavedError, ValidationError
from parcellab_desk.api.schema import ORDER_FIELD, TRACKING_FIELD
from parcellab_desk.api.validation import FieldError
from parcellab_desk.services.error_messages import can_retry, describe_error
from parcellab_desk.services.order_editing import EDITABLE_FIELDS, OrderDraft, TrackingKey
from parcellab_desk.services.write_outcomes import WriteOutcomeUnknownError
from parcellab_desk.wording import translate

__all__ = ["EditFailure", "ErrorPlacement", "edit_failure", "place_errors"]


@dataclass(frozen=True, slots=True)
class ErrorPlacement:
    """Messages sorted by where they belong on screen."""

    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    trackings: Mapping[TrackingKey, tuple[str, ...]] = field(default_factory=dict)
    general: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.trackings or self.general)


@dataclass(frozen=True, slots=True)
class EditFailure:
    """What the editor shows after a write failed. ``banner`` is empty when every message
    sits on a field or a row; ``can_retry`` says whether sending the same again can help;
    ``can_check``: the outcome is unknown, offer "Check again" (a lookup, never a re-send);
    ``can_send_again``: a check found nothing, offer "Send again" (which looks once more
    first)."""

    banner: str
    placement: ErrorPlacement
    can_retry: bool
    can_check: bool = False
    can_send_again: bool = False


def place_errors(
    errors: Iterable[FieldError], sent_keys: Sequence[TrackingKey] = ()
) -> ErrorPlacement:
    """Where each error belongs: a form field, a tracking row (``mutations.1...`` is the
    tracking ``sent_keys[1]``, as the write that failed sent them), or the banner."""
    fields: dict[str, list[str]] = {}
    rows: dict[TrackingKey, list[str]] = {}
    general: list[str] = []
    for error in errors:
        attr = error.attr or ""
        parts = attr.split(".")
        if parts[0] in EDITABLE_FIELDS:
            fields.setdefault(parts[0], []).append(error.detail)
            continue
        key = _tracking_of_mutation(parts, sent_keys)
        if key is not None:
            rows.setdefault(key, []).append(_tracking_message(parts, error.detail))
            continue
        if not attr or attr == "non_field_errors":
            general.append(error.detail)
        else:
            general.append(f"{_label_of(attr)}: {error.detail}")
    return ErrorPlacement(
        {k: tuple(v) for k, v in fields.items()},
        {k: tuple(v) for k, v in rows.items()},
        tuple(general),
    )


def _tracking_of_mutation(
    parts: Sequence[str], sent_keys: Sequence[TrackingKey]
) -> TrackingKey | None:
    if len(parts) < 2 or parts[0] != "mutations" or not parts[1].isdigit():
        return None
    index = int(parts[1])
    return sent_keys[index] if index < len(sent_keys) else None


def edit_failure(draft: OrderDraft, error: BaseException) -> EditFailure:
    """What to show after a write from ``draft`` raised ``error``; the draft is unchanged."""
    if isinstance(error, WriteOutcomeUnknownError):
        return _unknown_failure(draft, error)
    if isinstance(error, PartiallySavedError):
        return _partial_failure(draft, error)
    if isinstance(error, ValidationError):
        placement = place_errors(error.errors, draft.sent_keys)
        if placement.is_empty:
            placement = ErrorPlacement(general=(describe_error(error),))
        banner = " ".join(placement.general)
        if not banner:
            count = sum(len(v) for v in placement.fields.values()) + sum(
                len(v) for v in placement.trackings.values()
            )
            banner = (
                translate("EditFailures", "Not saved: 1 problem marked below.")
                if count == 1
                else translate("EditFailures", "Not saved: {count} problems marked below.")
            ).format(count=count)
        return EditFailure(banner, placement, can_retry=False)
    retry = can_retry(error)
    banner = (
        translate("EditFailures", "Not saved: {reason} Your changes are kept.")
        if retry
        else translate(
            "EditFailures",
            "Not saved: {reason} Your changes are kept; sending them again will not help.",
        )
    ).format(reason=describe_error(error))
    return EditFailure(banner, ErrorPlacement(), retry)


def _pending_trackings_text(draft: OrderDraft) -> str:
    keys = draft.pending_tracking_keys()
    names = ", ".join(f"{courier} {number}" for courier, number in keys)
    return (
        translate("EditFailures", "1 tracking not saved yet: {names}")
        if len(keys) == 1
        else translate("EditFailures", "{count} trackings not saved yet: {names}")
    ).format(count=len(keys), names=names)


def _unknown_failure(draft: OrderDraft, error: WriteOutcomeUnknownError) -> EditFailure:
    cause = (
        describe_error(error.cause)
        if error.cause is not None
        else translate("EditFailures", "No answer came.")
    )
    intent = error.result.intent
    kinds = {m.get("type") for m in intent.body.get("mutations") or ()}
    only_mutations = set(intent.body) <= {"external_id", "account", "order_number", "mutations"}
    if intent.method == "POST":
        what = translate("EditFailures", "whether the order was created")
    elif "cancel_order" in kinds:
        what = translate("EditFailures", "whether the order was cancelled")
    elif "cancel_tracking" in kinds:
        what = translate("EditFailures", "whether the tracking was cancelled")
    elif kinds and only_mutations:
        what = translate("EditFailures", "whether the trackings were saved")
    else:
        what = translate("EditFailures", "whether the changes were saved")
    if intent.method == "PUT" and draft.checks_without_finding == 0:
        # A PUT is idempotent: sending it again cannot apply anything twice.
        banner = translate(
            "EditFailures",
            "Outcome unknown: {cause} It is not known yet {what}. Check again looks the order "
            "up; Send again looks once more and sends the changes if they are not there. Your "
            "changes are kept.",
        ).format(cause=cause, what=what)
        return EditFailure(
            banner, ErrorPlacement(), can_retry=False, can_check=True, can_send_again=True
        )
    if draft.checks_without_finding == 0:
        banner = translate(
            "EditFailures",
            "Outcome unknown: {cause} It is not known yet {what}; parcelLab may still be "
            "applying it. Nothing is sent again until it has been looked up: use Check again "
            "in a moment. Your changes are kept.",
        ).format(cause=cause, what=what)
        return EditFailure(banner, ErrorPlacement(), can_retry=False, can_check=True)
    checks = draft.checks_without_finding
    banner = (
        translate(
            "EditFailures",
            "Still not found on parcelLab after 1 look-up: it is not known {what}. Check "
            "again, or, if it still is not there, Send again (which looks once more first). "
            "Your changes are kept.",
        )
        if checks == 1
        else translate(
            "EditFailures",
            "Still not found on parcelLab after {count} look-ups: it is not known {what}. "
            "Check again, or, if it still is not there, Send again (which looks once more "
            "first). Your changes are kept.",
        )
    ).format(count=checks, what=what)
    return EditFailure(
        banner, ErrorPlacement(), can_retry=False, can_check=True, can_send_again=True
    )


def _partial_failure(draft: OrderDraft, error: PartiallySavedError) -> EditFailure:
    if isinstance(error.cause, ValidationError):
        placement = place_errors(error.cause.errors, draft.sent_keys)
    else:
        placement = ErrorPlacement()
    retry = can_retry(error.cause)
    banner = translate(
        "EditFailures", "Order created; {pending}. {reason} Save sends only the trackings."
    ).format(pending=_pending_trackings_text(draft), reason=describe_error(error.cause))
    return EditFailure(banner, placement, can_retry=retry)


def _label_of(attr: str) -> str:
    spec = ORDER_FIELD.get(attr.split(".")[0])
    return spec.title if spec is not None else attr


def _tracking_message(parts: Sequence[str], detail: str) -> str:
    name = parts[-1]
    spec = TRACKING_FIELD.get(name)
    return f"{spec.title}: {detail}" if spec is not None else detail
