"""Machine-wide settings IT pushes to every agent's computer: the policy file.

    Linux    /etc/parcellab_desk/policy.json
    Windows  %PROGRAMDATA%\\parcellab_desk\\policy.json
    macOS    /Library/Application Support/parcellab_desk/policy.json

(``PARCELLAB_DESK_POLICY`` names another file, for trying a policy out.) The file can
preset profiles (name, region or base URL, sign-in method, accounts), which agents then
cannot change or delete; stop agents adding their own; hide demo mode; forbid base URLs
other than parcelLab's regions; and set the language. No file means no policy.

A file that cannot be read never stops the console: it starts without the policy, and the
agent is told in one sentence which file is wrong and why (for IT to fix). No Qt here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from parcellab_desk.services.policy_location import (
    FILE_NAME as FILE_NAME,
)
from parcellab_desk.services.policy_location import (
    POLICY_ENV as POLICY_ENV,
)
from parcellab_desk.services.policy_location import (
    default_policy_path as default_policy_path,
)
from parcellab_desk.services.policy_location import (
    policy_path,
)
from parcellab_desk.services.profiles import (
    AuthScheme,
    InvalidBaseUrlError,
    Profile,
    ProfileStore,
    Region,
    normalize_base_url,
)
from parcellab_desk.wording import translate

_log = logging.getLogger(__name__)

MANAGED_PREFIX: Final = "managed-"  # ids of preset profiles in the agent's profile list
MAX_POLICY_BYTES: Final = 256 * 1024


class ManagedProfile(BaseModel):
    """A profile preset by IT. ``region`` or ``base_url``, not both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=80)
    region: Literal["global", "eu", "us"] | None = None
    base_url: str | None = None
    auth_scheme: AuthScheme = AuthScheme.BEARER
    account_id: int | None = Field(default=None, gt=0)
    default_accounts: tuple[int, ...] = ()

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        if (self.region is None) == (self.base_url is None):
            raise ValueError("give either region or base_url")
        return self

    def profile(self) -> Profile:
        url = Region(self.region).base_url if self.region else self.base_url
        assert url is not None
        return Profile(
            id=f"{MANAGED_PREFIX}{self.id}",
            name=self.name,
            base_url=url,
            auth_scheme=self.auth_scheme,
            account_id=self.account_id,
            default_accounts=self.default_accounts,
        )


class PolicyDocument(BaseModel):
    """The file's schema. Unknown keys are errors: a typo must not silently do nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    profiles: tuple[ManagedProfile, ...] = ()
    allow_own_profiles: bool = True
    hide_demo: bool = False
    allow_custom_urls: bool = True
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [p.id for p in self.profiles]
        if len(ids) != len(set(ids)):
            raise ValueError("two profiles have the same id")
        if not self.allow_own_profiles and not self.profiles:
            raise ValueError("allow_own_profiles is false but no profile is preset")
        for preset in self.profiles:
            if preset.base_url is not None:
                try:
                    normalize_base_url(preset.base_url)
                except InvalidBaseUrlError as exc:
                    raise ValueError(f"profile {preset.id!r}: {exc}") from None
        return self


@dataclass(frozen=True, slots=True)
class Policy:
    """What the console applies; ``Policy()`` is "no policy"."""

    profiles: tuple[Profile, ...] = ()
    allow_own_profiles: bool = True
    hide_demo: bool = False
    allow_custom_urls: bool = True
    language: str | None = None
    source: Path | None = None  # the file it came from
    problem: str | None = None  # why the file was not applied (one sentence)
    managed: tuple[str, ...] = field(default=())  # what the agent is told is managed

    @property
    def active(self) -> bool:
        return self.source is not None and self.problem is None

    def is_managed(self, profile: Profile) -> bool:
        return profile.id.startswith(MANAGED_PREFIX)

    def allows(self, profile: Profile) -> str | None:
        """None when the agent may use ``profile``; else why not (for a message)."""
        if profile.demo and self.hide_demo:
            return translate("Policy", "Your organisation has turned the demo off.")
        if self.is_managed(profile):
            return None
        if not self.allow_own_profiles:
            return translate("Policy", "Your organisation allows only the profiles it set up.")
        if (
            not self.allow_custom_urls
            and not profile.demo
            and profile.region in (Region.CUSTOM, Region.SANDBOX)
        ):
            return translate(
                "Policy",
                "Your organisation allows only parcelLab's own addresses; {host} is not one of "
                "them.",
            ).format(host=profile.host_label)
        return None


def _describe(document: PolicyDocument) -> tuple[str, ...]:
    managed = []
    if document.profiles:
        names = ", ".join(p.name for p in document.profiles)
        managed.append(f"preset profiles: {names}")
    if not document.allow_own_profiles:
        managed.append("no profiles of your own")
    if document.hide_demo:
        managed.append("demo mode off")
    if not document.allow_custom_urls:
        managed.append("parcelLab's regions only (no custom URL)")
    if document.language:
        managed.append(f"language: {document.language}")
    return tuple(managed)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"


def parse_policy(text: str, source: Path) -> Policy:
    """The policy in ``text``; a Policy with ``problem`` set when it cannot be applied."""
    try:
        raw = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        at = f" (line {line})" if line else ""
        return Policy(source=source, problem=f"it is not valid JSON{at}")
    if not isinstance(raw, Mapping):
        return Policy(source=source, problem="it is not a JSON object")
    try:
        document = PolicyDocument.model_validate(raw)
    except ValidationError as exc:
        return Policy(source=source, problem=_first_error(exc))
    return Policy(
        profiles=tuple(p.profile() for p in document.profiles),
        allow_own_profiles=document.allow_own_profiles,
        hide_demo=document.hide_demo,
        allow_custom_urls=document.allow_custom_urls,
        language=document.language,
        source=source,
        managed=_describe(document),
    )


def load_policy(path: Path | None = None) -> Policy:
    """The machine's policy (``Policy()`` when there is no file). Never raises."""
    path = path or policy_path()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return Policy()
    except OSError as exc:
        policy = Policy(source=path, problem=f"it cannot be read ({exc.strerror or exc})")
    else:
        if len(data) > MAX_POLICY_BYTES:
            policy = Policy(source=path, problem="it is larger than a policy file can be")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                policy = Policy(source=path, problem="it is not UTF-8 text")
            else:
                policy = parse_policy(text, path)
    if policy.problem:
        _log.warning("Policy file %s not applied: %s", path, policy.problem)
    elif policy.active:
        _log.info("Policy file %s applied: %s", path, "; ".join(policy.managed) or "no rules")
    return policy


def problem_message(policy: Policy) -> str | None:
    """The sentence the agent sees when the machine's policy file is broken."""
    if policy.problem is None:
        return None
    return translate(
        "Policy",
        "The settings file your IT department put on this computer ({path}) could not be "
        "used: {problem}. The console starts without it; please tell your IT department.",
    ).format(path=policy.source, problem=policy.problem)


def apply_to_store(policy: Policy, store: ProfileStore) -> None:
    """Bring the preset profiles into the agent's profile list (added or updated), and take
    out presets IT removed. The agent's own profiles stay, even when the policy hides them."""
    wanted = {p.id: p for p in policy.profiles}
    for profile in store.profiles():
        if profile.id.startswith(MANAGED_PREFIX) and profile.id not in wanted:
            store.delete(profile.id)
    for preset in wanted.values():
        current = store.get(preset.id)
        keep = {"remember_token": current.remember_token} if current else {}
        updated = preset.model_copy(update=keep)
        if current != updated:
            store.save(updated)


def usable_profiles(policy: Policy, profiles: Iterable[Profile]) -> list[Profile]:
    """The profiles the agent may pick from."""
    return [p for p in profiles if policy.allows(p) is None]
