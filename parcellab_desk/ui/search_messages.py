"""The sentence under the search box when nothing was found: what was tried, what could not
be tried and when to try again, and what this session knows that looks like the text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from parcellab_desk.qt.status_labels import match_text
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.order_lookup import Attempt, AttemptOutcome, MatchKind, NotFound
from parcellab_desk.services.search_input import InputKind
from parcellab_desk.wording import translate

__all__ = ["not_found_sentence"]

_PER_ACCOUNT = (MatchKind.RECIPIENT_EMAIL, MatchKind.CUSTOMER_NUMBER)


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"“{v}”" for v in dict.fromkeys(values))


def _accounts(attempts: Sequence[Attempt]) -> str:
    # in number order: the attempts come in as their answers do, in any order
    return ", ".join(str(a) for a in sorted({x.account for x in attempts if x.account is not None}))


def _tried(attempts: Sequence[Attempt]) -> list[str]:
    parts: list[str] = []
    by_kind: dict[MatchKind, list[Attempt]] = {}
    for attempt in attempts:
        if attempt.outcome is not AttemptOutcome.RESTING:
            by_kind.setdefault(attempt.kind, []).append(attempt)
    numbers = by_kind.pop(MatchKind.ORDER_NUMBER, []) + by_kind.pop(MatchKind.EXTERNAL_ID, [])
    if numbers:
        parts.append(
            translate("SearchMessages", "order number or external id {values}").format(
                values=_quoted([a.value for a in numbers])
            )
        )
    for kind, tried in by_kind.items():
        if kind is MatchKind.TRACKING_NUMBER:
            couriers = ", ".join(dict.fromkeys(a.courier or "?" for a in tried))
            parts.append(
                translate("SearchMessages", "tracking number with {couriers}").format(
                    couriers=couriers
                )
            )
        elif kind in _PER_ACCOUNT:
            accounts = _accounts(tried)
            wording = (
                translate("SearchMessages", "{what} in accounts {accounts}")
                if "," in accounts
                else translate("SearchMessages", "{what} in account {accounts}")
            )
            parts.append(wording.format(what=match_text(kind), accounts=accounts))
        else:
            parts.append(match_text(kind))
    return parts


def not_found_sentence(result: NotFound, *, now: datetime | None = None) -> str:
    """One paragraph for the agent; never a token, never a traceback."""
    search = result.search
    text = search.text or search.raw.strip()
    sentences = [translate("SearchMessages", "Nothing matches “{text}”.").format(text=text)]
    tried = _tried(result.attempts)
    if tried:
        sentences.append(
            translate("SearchMessages", "Tried: {lookups}.").format(lookups="; ".join(tried))
        )
    elif search.kind is InputKind.EMAIL:
        sentences.append(
            translate(
                "SearchMessages",
                "An e-mail is looked up per account and no account is known yet: add the "
                "profile's accounts (Profile ▸ Edit this profile…) or let the list load first.",
            )
        )
    resting = result.resting
    if resting:
        wait = max(a.retry_after or 0.0 for a in resting)
        until = (now or datetime.now()) + timedelta(seconds=wait)
        where = _accounts(resting) or translate("SearchMessages", "every account")
        sentences.append(
            translate(
                "SearchMessages",
                "Not tried now: the order-info lookup for {where} is paused until {time} "
                "(the team's 100 lookups a minute are used up); search again in {seconds} s.",
            ).format(where=where, time=f"{until:%H:%M:%S}", seconds=int(wait) + 1)
        )
    failures = result.failures
    if failures:
        kinds = ", ".join(dict.fromkeys(match_text(a.kind) for a in failures))
        error = failures[0].error
        reason = (
            describe_error(error) if error is not None else translate("SearchMessages", "no answer")
        )
        sentences.append(
            translate("SearchMessages", "Could not check {kinds}: {reason}").format(
                kinds=kinds, reason=reason
            )
        )
    if result.suggestions:
        sentences.append(
            translate(
                "SearchMessages", "Numbers must match in full; from this session: {numbers}."
            ).format(numbers=", ".join(result.suggestions))
        )
    elif search.kind in (InputKind.TEXT, InputKind.TRACKING_NUMBER) and not failures:
        sentences.append(translate("SearchMessages", "Numbers and references must match in full."))
    return " ".join(sentences)
