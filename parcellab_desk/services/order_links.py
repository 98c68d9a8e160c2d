"""What an order link means for this console: which profile opens it, and which order it is.

No Qt: the console asks here, then shows the order (or the agent's choice of profile).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import NotFoundError
from parcellab_desk.api.models import Order
from parcellab_desk.links import OrderLink
from parcellab_desk.services.profiles import Profile

# parcelLab's external ids are UUIDs; anything else in a link is an order number.
_EXTERNAL_ID: Final = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


def profiles_for_account(profiles: Sequence[Profile], account: int) -> list[Profile]:
    """The profiles that name ``account``: as a default account or as the token's account."""
    return [p for p in profiles if account in p.default_accounts or p.account_id == account]


def profile_for_link(
    current: Profile | None, profiles: Sequence[Profile], account: int
) -> Profile | list[Profile] | None:
    """Where a link for ``account`` opens: the current profile when it names the account or
    no profile does; the one profile that names it; or the candidates to choose from."""
    candidates = profiles_for_account(profiles, account)
    if current is not None and (not candidates or current.id in {p.id for p in candidates}):
        return current
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return candidates


async def find_linked_order(client: ParcelLabClient, link: OrderLink) -> Order:
    """The order a link names, in its account. Raises NotFoundError with a sentence for the
    agent (or any other ParcelLabError the request met)."""
    page = await client.list_orders(
        accounts=[link.account], order_number=link.order_id, page_size=2
    )
    if page.orders:
        return page.orders[0]  # order numbers are unique per account
    if _EXTERNAL_ID.fullmatch(link.order_id):
        try:
            order = await client.get_order(link.order_id)
        except NotFoundError:
            pass
        else:
            if order.account == link.account:
                return order
    raise NotFoundError(
        f"Account {link.account} has no order {link.order_id!r} (from the link).",
        status_code=None,
        method="GET",
    )
