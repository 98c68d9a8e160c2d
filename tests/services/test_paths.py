"""The app's folders come from one place and stay inside the user's own tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parcellab_desk.services.paths import AppPaths


def test_default_folders_are_per_user_and_named_after_the_app() -> None:
    home = Path(os.environ["HOME"])  # a temporary folder per test (see conftest)
    paths = AppPaths.default()
    for folder in paths.all():
        assert folder.is_relative_to(home)
        assert "parcellab_desk" in folder.parts
    assert paths.drafts.parent == paths.data
    assert len(set(paths.all())) == 5


def test_ensure_creates_every_folder(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "portable").ensure()
    assert all(folder.is_dir() for folder in paths.all())


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX only")
def test_folders_are_private_to_the_user(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    assert {folder.stat().st_mode & 0o777 for folder in paths.all()} == {0o700}
