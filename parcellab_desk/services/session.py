"""Signing in and out, and which profile is current: profiles and credentials together.

No Qt and no HTTP: the composition root turns ``(profile, token)`` into the client's auth
object and decides what a switch means for open editors (prompting for unsaved edits is the
window's job; it calls :meth:`SessionService.switch_to` once the agent agreed).
"""

from __future__ import annotations

import logging

from parcellab_desk.services.credentials import CredentialStore, StorageMode
from parcellab_desk.services.logging_setup import SECRETS
from parcellab_desk.services.profiles import Profile, ProfileStore
from parcellab_desk.services.secret import Secret

_log = logging.getLogger(__name__)


def register_token(profile: Profile, token: Secret) -> None:
    """Make the log masking know ``token`` in every form it can take for ``profile``: raw,
    URL-quoted and the base64 ``Parcellab-API-Token`` value with the profile's account."""
    SECRETS.add_token(token.reveal(), account_id=profile.account_id)


class SessionService:
    """Holds the current profile; stores and forgets tokens through the credential store."""

    def __init__(self, profiles: ProfileStore, credentials: CredentialStore) -> None:
        self._profiles = profiles
        self._credentials = credentials
        self._current: Profile | None = None

    @property
    def profiles(self) -> ProfileStore:
        return self._profiles

    @property
    def credentials(self) -> CredentialStore:
        return self._credentials

    @property
    def current(self) -> Profile | None:
        return self._current

    def needs_welcome(self) -> bool:
        """First start: no profile yet, so the welcome dialog comes first."""
        return self._profiles.is_empty()

    async def sign_in(self, profile: Profile, token: Secret, *, remember: bool) -> StorageMode:
        """Save the profile and its token, and make it current.

        Raises CredentialError when ``remember`` is asked for and the keyring fails; nothing
        has changed then, and the caller offers memory only (``remember=False``).
        """
        # Registered before anything can log it: every form the token takes on the wire.
        register_token(profile, token)
        mode = await self._credentials.save(profile.id, token, remember=remember)
        stored = profile.model_copy(update={"remember_token": mode is StorageMode.KEYRING})
        self._profiles.save(stored)
        self._profiles.set_last_used(stored.id)
        self._current = stored
        _log.info("Signed in to profile %s (%s, token in %s)", stored.id, stored.host_label, mode)
        return mode

    async def token_for(self, profile: Profile) -> Secret | None:
        """The profile's token, or None when the agent has to sign in (sign-in dialog).

        A profile kept in memory only is not looked up in the keyring (no prompt for it).
        Raises CredentialError when the keyring fails.
        """
        if not profile.remember_token and not self._credentials.has_session_token(profile.id):
            return None
        token = await self._credentials.load(profile.id)
        if token is not None:
            register_token(profile, token)
        return token

    async def switch_to(self, profile_id: str) -> tuple[Profile, Secret | None]:
        """Make another profile current; returns it with its token (None: ask for one)."""
        profile = self._profiles.get(profile_id)
        if profile is None:
            raise KeyError(profile_id)
        self._current = profile
        self._profiles.set_last_used(profile.id)
        _log.info("Switched to profile %s", profile.id)
        return profile, await self.token_for(profile)

    def token_rejected(self, profile: Profile) -> None:
        """After a 401: forget this session's copy, so the next attempt asks again.

        The keyring entry stays until a new token replaces it (sign_in) or the agent signs
        out; a 401 from a flaky proxy must not cost the agent a remembered token.
        """
        self._credentials.forget_session(profile.id)

    async def sign_out(self, profile: Profile | None = None) -> None:
        """Delete the token from keyring and memory; the profile itself stays."""
        target = profile or self._current
        if target is None:
            return
        await self._credentials.delete(target.id)
        _log.info("Signed out of profile %s", target.id)

    async def delete_profile(self, profile_id: str) -> None:
        """Remove a profile and its token."""
        await self._credentials.delete(profile_id)
        self._profiles.delete(profile_id)
        if self._current is not None and self._current.id == profile_id:
            self._current = None
