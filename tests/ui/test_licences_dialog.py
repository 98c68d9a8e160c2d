"""Help > Third-party licences: the components a build carries, and their texts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from parcellab_desk.services import third_party
from parcellab_desk.ui.licences_dialog import LicencesDialog


@pytest.fixture
def licences(tmp_path: Path) -> Path:
    """A licences folder as packaging/collect_licenses.py writes it."""
    folder = tmp_path / "licenses"
    (folder / "Qt").mkdir(parents=True)
    (folder / "Qt" / "Qt.txt").write_text("Replacing the Qt libraries\n", encoding="utf-8")
    (folder / "Qt" / "LGPL-3.0.txt").write_text("GNU LESSER GENERAL PUBLIC LICENSE\n", "utf-8")
    (folder / "httpx-0.28.1" / "licenses").mkdir(parents=True)
    (folder / "httpx-0.28.1" / "licenses" / "LICENSE.md").write_text("BSD 3\n", "utf-8")
    index = [
        {"name": "httpx", "version": "0.28.1", "licence": "BSD-3-Clause",
         "files": ["httpx-0.28.1/licenses/LICENSE.md"]},
        {"name": "Qt", "version": "", "licence": "LGPL-3.0-only",
         "files": ["Qt/Qt.txt", "Qt/LGPL-3.0.txt"]},
    ]  # fmt: skip
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return folder


def test_the_index_lists_every_component_sorted(licences: Path) -> None:
    components = third_party.load_components(licences)

    assert [c.title for c in components] == ["httpx 0.28.1", "Qt"]
    assert components[1].files == ("Qt/Qt.txt", "Qt/LGPL-3.0.txt")


def test_a_file_outside_the_folder_is_never_read(licences: Path) -> None:
    (licences.parent / "secret.txt").write_text("not a licence", encoding="utf-8")

    with pytest.raises(third_party.LicencesUnavailableError, match="not a licence file"):
        third_party.read_text(licences, "../secret.txt")


def test_a_damaged_index_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "index.json").write_text("{broken", encoding="utf-8")

    with pytest.raises(third_party.LicencesUnavailableError, match="cannot be read"):
        third_party.load_components(tmp_path)


def test_a_bundle_finds_its_licences_beside_its_modules(
    licences: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert third_party.licences_dir() is None  # a checkout has none
    monkeypatch.setattr(sys, "_MEIPASS", str(licences.parent), raising=False)

    assert third_party.licences_dir() == licences


def test_the_dialog_opens_on_qt_and_its_lgpl(qapp: QApplication, licences: Path) -> None:
    dialog = LicencesDialog(folder=licences)

    assert dialog.components.topLevelItemCount() == 2
    assert dialog.current_name() == "Qt"
    assert "Replacing the Qt libraries" in dialog.shown_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.shown_text()
    assert dialog.select("httpx")
    assert dialog.shown_text().startswith("==== licenses/LICENSE.md ====")
    assert "BSD 3" in dialog.shown_text()
    dialog.deleteLater()


def test_from_source_the_dialog_says_where_the_texts_come_from(qapp: QApplication) -> None:
    dialog = LicencesDialog(folder=None)

    assert "runs from source" in dialog.intro.text()
    assert dialog.components.isHidden()
    dialog.deleteLater()
