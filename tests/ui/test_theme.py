"""The theme: every colour by role in both variants, readable (WCAG AA), following the
desktop's colour scheme unless the agent chose one, and the only place colours are named."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from parcellab_desk.qt.order_columns import BadgeTone
from parcellab_desk.ui.theme import (
    DARK,
    LIGHT,
    PALETTES,
    Appearance,
    PairKind,
    Role,
    ThemeController,
    ThemePalette,
    contrast_ratio,
    current_palette,
    text_pairs,
)

UI = Path(__file__).resolve().parents[2] / "parcellab_desk" / "ui"


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is the lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == contrast_ratio("#767676", "#ffffff")


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda p: p.name)
def test_every_pair_the_theme_draws_meets_wcag_aa(palette: ThemePalette) -> None:
    pairs = list(text_pairs(palette))
    assert len(pairs) > 30
    failing = [
        f"{pair.label}: {pair.ratio:.2f} < {pair.kind.minimum}"
        for pair in pairs
        if pair.ratio < pair.kind.minimum
    ]
    assert not failing, failing


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda p: p.name)
def test_every_role_and_status_group_has_a_colour(palette: ThemePalette) -> None:
    assert set(palette.roles) == set(Role)
    assert set(palette.chips) == set(BadgeTone)
    chip_pairs = {p.label for p in text_pairs(palette) if p.kind is PairKind.TEXT}
    assert {f"chip {tone.value}" for tone in BadgeTone} <= chip_pairs


def test_status_groups_are_told_apart_by_their_tint() -> None:
    for palette in PALETTES.values():
        delivery = [
            BadgeTone.PENDING,
            BadgeTone.IN_TRANSIT,
            BadgeTone.OUT_FOR_DELIVERY,
            BadgeTone.DELIVERED,
            BadgeTone.ATTEMPT,
            BadgeTone.EXCEPTION,
            BadgeTone.RETURN,
            BadgeTone.CANCELLED,
        ]
        tints = [palette.chip(tone).background for tone in delivery]
        assert len(set(tints)) == len(tints), palette.name


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[ThemeController]:
    controller = ThemeController(qapp)
    yield controller
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
    controller.set_appearance(Appearance.SYSTEM)
    controller.close()


def test_the_chosen_appearance_is_applied_and_remembered(
    qapp: QApplication, theme: ThemeController
) -> None:
    theme.set_appearance(Appearance.DARK)
    assert current_palette() is DARK
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == DARK[Role.WINDOW]
    assert DARK[Role.DANGER] in qapp.styleSheet()
    again = ThemeController(qapp)  # the next start
    assert again.appearance is Appearance.DARK
    theme.set_appearance(Appearance.LIGHT)
    assert qapp.palette().color(QPalette.ColorRole.Base).name() == LIGHT[Role.SURFACE]
    again.close()


def test_system_appearance_follows_the_desktop_colour_scheme(
    qapp: QApplication, theme: ThemeController
) -> None:
    changes: list[ThemePalette] = []
    theme.changed.connect(changes.append)
    theme.set_appearance(Appearance.SYSTEM)
    # The offscreen platform cannot switch its scheme: send the desktop's signal directly.
    desktop = QGuiApplication.styleHints().colorSchemeChanged
    desktop.emit(Qt.ColorScheme.Dark)
    assert current_palette() is DARK
    desktop.emit(Qt.ColorScheme.Light)
    assert current_palette() is LIGHT
    assert changes[-2:] == [DARK, LIGHT]
    theme.set_appearance(Appearance.DARK)  # the agent's choice wins over the desktop
    desktop.emit(Qt.ColorScheme.Light)
    assert current_palette() is DARK


def test_no_widget_names_a_colour_of_its_own() -> None:
    """Colours live in theme.py; widgets say what they are (set_role)."""
    hex_colour = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
    offenders = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            colour_sheet = "setStyleSheet(" in line and ("color" in line or "background" in line)
            if colour_sheet or hex_colour.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, offenders
