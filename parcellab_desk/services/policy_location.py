"""Where the machine's policy file is, with nothing but the standard library.

The demo sandbox's child process asks this before it starts: only when a policy file exists
does it load the policy (and with it pydantic) to see whether the demo is turned off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

__all__ = ["FILE_NAME", "POLICY_ENV", "default_policy_path", "policy_path"]

APP_NAME: Final = "parcellab_desk"  # as services.paths.APP_NAME (a test keeps them equal)
POLICY_ENV: Final = "PARCELLAB_DESK_POLICY"
FILE_NAME: Final = "policy.json"


def default_policy_path(platform: str = sys.platform) -> Path:
    """Where IT puts the policy file on this kind of system."""
    if platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / APP_NAME / FILE_NAME
    if platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / FILE_NAME
    return Path("/etc") / APP_NAME / FILE_NAME


def policy_path() -> Path:
    override = os.environ.get(POLICY_ENV)
    return Path(override) if override else default_policy_path()
