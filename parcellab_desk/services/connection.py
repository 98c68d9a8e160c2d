"""From a profile and its token to a working API client, and "Test connection"."""

from __future__ import annotations

from parcellab_desk.api.auth import ApiAuth, BearerAuth, ParcelLabTokenAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import ParcelLabError
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.services.error_messages import ConnectionWarning, describe_error
from parcellab_desk.services.profiles import AuthScheme, Profile
from parcellab_desk.services.secret import Secret

# "Test connection" answers quickly: one try, a short timeout, no backoff.
_TEST_RETRY = RetryPolicy(attempts=1, total_timeout=10.0)
_TEST_TIMEOUT_S = 10.0


def auth_for(profile: Profile, token: Secret) -> ApiAuth:
    """The request auth for ``profile``'s scheme (raises ConfigurationError when unusable)."""
    if profile.auth_scheme is AuthScheme.PARCELLAB_API_TOKEN:
        return ParcelLabTokenAuth.from_user_input(token.reveal(), profile.account_id)
    return BearerAuth(token.reveal())


def client_for(
    profile: Profile, token: Secret, *, retry: RetryPolicy | None = None
) -> ParcelLabClient:
    return ParcelLabClient(profile.base_url, auth_for(profile, token), retry=retry)


async def check_connection(profile: Profile, token: Secret) -> str | None:
    """None when the service accepts the token (one page of one order is read), otherwise
    the sentence the agent reads under the button: a ``ConnectionWarning`` when the token
    works but the profile's default accounts show no orders at all (a wrong account number,
    or accounts the token does not hold: the service then lists nothing, without an error).
    A base URL with a path or of a host that is not the API is said to look wrong."""
    try:
        client = ParcelLabClient(
            profile.base_url,
            auth_for(profile, token),
            retry=_TEST_RETRY,
            timeout=_TEST_TIMEOUT_S,
            deadline=_TEST_TIMEOUT_S,
        )
    except ParcelLabError as exc:
        return describe_error(exc)
    async with client:
        try:
            page = await client.list_orders(accounts=profile.default_accounts, page_size=1)
        except ParcelLabError as exc:
            return describe_error(exc)
    if profile.default_accounts and not page.orders:
        accounts = ", ".join(str(a) for a in profile.default_accounts)
        return ConnectionWarning(
            f"Connected, but the default accounts ({accounts}) show no orders: check the "
            "account numbers, and that this token holds them."
        )
    return None
