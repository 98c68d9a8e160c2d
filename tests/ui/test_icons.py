"""Themed icons: drawn in the theme's text colour (muted when disabled), sharp at the size
they are shown in, and redrawn in the new colours after a theme switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QIcon, QImage
from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.icons import IconName, icon, refresh_icons, set_icon
from parcellab_desk.ui.theme import Role, current_palette


def opaque_colours(image: QImage) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


@pytest.fixture
def app() -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    instance.setProperty("parcellab_desk_theme", None)


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("side", [16, 24, 48])
def test_an_icon_is_drawn_at_the_size_asked_in_the_themes_colours(side: int) -> None:
    themed = icon(IconName.HELP)

    normal = themed.pixmap(QSize(side, side))
    disabled = themed.pixmap(QSize(side, side), QIcon.Mode.Disabled)

    assert normal.width() == round(side * normal.devicePixelRatio())  # not a scaled copy
    assert current_palette()[Role.TEXT] in opaque_colours(normal.toImage())
    assert current_palette()[Role.MUTED] in opaque_colours(disabled.toImage())
    assert current_palette()[Role.TEXT] not in opaque_colours(disabled.toImage())


def test_a_theme_switch_redraws_the_icons_in_the_new_colours(app: QApplication) -> None:
    action = QAction()
    set_icon(action, IconName.HELP)
    light = current_palette()[Role.TEXT]

    app.setProperty("parcellab_desk_theme", "dark")
    refresh_icons(action)

    dark = current_palette()[Role.TEXT]
    assert dark != light
    colours = opaque_colours(action.icon().pixmap(QSize(16, 16)).toImage())
    assert dark in colours
    assert light not in colours
