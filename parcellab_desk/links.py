"""Order links: ``parcellab-desk://order/<account>/<order number or external id>``.

A ticket in the help desk names an order; the link opens it in the console. The installers
register the scheme (desktop file, Windows registry, macOS ``CFBundleURLTypes``), so the
operating system starts ``parcellab-desk <link>``. Links come from outside (a ticket, an
e-mail, a web page), so they are parsed strictly: anything but the one form is refused with
a sentence an agent can act on. No Qt here: the parser is used before Qt loads (its
sentences go through ``wording``: in the agent's language once the console has installed it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote, unquote

from parcellab_desk.wording import translate

LINK_SCHEME: Final = "parcellab-desk"
LINK_KIND_ORDER: Final = "order"
MAX_LINK_LENGTH: Final = 2048
MAX_ORDER_ID_LENGTH: Final = 255  # the contract's order_number limit (an external id is shorter)
MAX_ACCOUNT_DIGITS: Final = 12

_PREFIX: Final = f"{LINK_SCHEME}://"
_ACCOUNT: Final = re.compile(r"[1-9][0-9]*")
# Percent-escapes must be complete (%4 or %zz are refused, not guessed at).
_BROKEN_ESCAPE: Final = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What may stand unescaped in the order part (RFC 3986 unreserved plus sub-delims, and %).
_RAW_ORDER_PART: Final = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@%]+")


class InvalidLinkError(ValueError):
    """The text is not an order link; the message says why, in the agent's words."""


@dataclass(frozen=True, slots=True)
class OrderLink:
    """An order in one account, named by its order number or its external id."""

    account: int
    order_id: str

    def url(self) -> str:
        """The link, percent-encoded (what "Copy link" puts on the clipboard)."""
        return f"{_PREFIX}{LINK_KIND_ORDER}/{self.account}/{quote(self.order_id, safe='')}"

    def __str__(self) -> str:
        return self.url()


def is_link(text: str) -> bool:
    """Whether the text claims to be one of our links (so it is parsed, not ignored)."""
    return text.strip().lower().startswith(f"{LINK_SCHEME}:")


def parse_link(text: str) -> OrderLink:
    """Read an order link; raises :class:`InvalidLinkError` for anything else."""
    if len(text) > MAX_LINK_LENGTH:
        raise InvalidLinkError(translate("Links", "The link is too long to be an order link."))
    link = text.strip()
    # Some Windows browsers hand the link on with a trailing slash they added themselves.
    if link.endswith("/") and link.count("/") == 5:
        link = link[:-1]
    if not link.lower().startswith(_PREFIX):
        raise InvalidLinkError(
            translate("Links", "Not an order link: it must start with {prefix}").format(
                prefix=_PREFIX
            )
        )
    rest = link[len(_PREFIX) :]
    if any(c in rest for c in "?#"):
        raise InvalidLinkError(
            translate("Links", "The link has extra parts (? or #) an order link never has.")
        )
    parts = rest.split("/")
    if len(parts) != 3 or parts[0].lower() != LINK_KIND_ORDER:
        raise InvalidLinkError(
            translate("Links", "The link must look like {form}.").format(
                form=f"{_PREFIX}{LINK_KIND_ORDER}/<account>/<order number>"
            )
        )
    _kind, account_text, raw_order = parts
    if len(account_text) > MAX_ACCOUNT_DIGITS or not _ACCOUNT.fullmatch(account_text):
        raise InvalidLinkError(
            translate("Links", "The account in the link is not an account id (a number).")
        )
    if not raw_order:
        raise InvalidLinkError(translate("Links", "The link names no order."))
    if not _RAW_ORDER_PART.fullmatch(raw_order) or _BROKEN_ESCAPE.search(raw_order):
        raise InvalidLinkError(translate("Links", "The order in the link is not properly encoded."))
    try:
        order_id = unquote(raw_order, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise InvalidLinkError(
            translate("Links", "The order in the link is not properly encoded.")
        ) from None
    if order_id != order_id.strip() or not order_id:
        raise InvalidLinkError(
            translate("Links", "The order number in the link starts or ends with spaces.")
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in order_id):
        raise InvalidLinkError(
            translate("Links", "The order number in the link holds invisible characters.")
        )
    if len(order_id) > MAX_ORDER_ID_LENGTH:
        raise InvalidLinkError(translate("Links", "The order number in the link is too long."))
    return OrderLink(int(account_text), order_id)
