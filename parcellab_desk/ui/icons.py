"""The console's icons: one outline set (Tabler Icons, MIT, ``resources/icons/tabler/``),
recoloured from the theme so they read on light and dark backgrounds alike.

The SVGs draw with ``currentColor``; ``icon(name)`` substitutes the theme's text colour (and
the muted colour for the disabled state). The icon draws itself (``_ThemedIconEngine``) at
the size and mode it is shown in, when it is first shown: the window's twenty icons rendered
at five sizes in two modes were 200 SVG renders before the first rows, most never seen.
Only the icons listed in ``IconName`` are vendored; the app icon is separate
(``resources.app_icon``).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Final

from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from parcellab_desk.resources import resource_path
from parcellab_desk.ui.theme import Role, current_palette

__all__ = ["ICON_DIR", "IconName", "icon", "refresh_icons", "set_icon", "svg_text"]

ICON_DIR: Final = "icons/tabler"
_SIZES: Final = (16, 20, 24, 32, 48)  # what the icon says it has (menus, buttons, lists)


class IconName(StrEnum):
    """Every icon the console shows, by the file it comes from."""

    SAVE = "device-floppy"
    REVERT = "arrow-back-up"
    CANCEL_ORDER = "ban"
    ADD = "plus"
    REFRESH = "refresh"
    SEARCH = "search"
    COPY = "copy"
    FILTER = "filter"
    CLOSE = "x"
    OK = "check"
    WARNING = "alert-triangle"
    ERROR = "alert-circle"
    INFO = "info-circle"
    PROFILE = "user-circle"
    NEW_PROFILE = "user-plus"
    SIGN_OUT = "logout"
    EXPAND = "chevron-down"
    NEXT = "chevron-right"
    DEMO = "flask"
    CONNECT = "plug-connected"
    SETTINGS = "settings"
    FOLDER = "folder-open"
    DIAGNOSTICS = "clipboard-text"
    KEYBOARD = "keyboard"
    TRACKING = "truck"
    EDIT = "pencil"
    DELETE = "trash"
    EXTERNAL = "external-link"
    LIGHT = "sun"
    DARK = "moon"
    SYSTEM = "device-desktop"
    LANGUAGE = "language"
    HELP = "help"
    ORDER = "package"
    IMPORT = "file-import"
    EXPORT = "file-export"
    TAG = "tag"
    LICENCE = "license"


@cache
def svg_text(name: IconName) -> str:
    return resource_path(f"{ICON_DIR}/{name.value}.svg").read_text(encoding="utf-8")


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(QSize(pixels, pixels))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class _ThemedIconEngine(QIconEngine):
    """Draws an SVG in the normal or the disabled colour at the size asked, once per size."""

    def __init__(self, normal: str, disabled: str, ratio: float) -> None:
        super().__init__()
        self._svgs = {QIcon.Mode.Normal: normal, QIcon.Mode.Disabled: disabled}
        self._ratio = ratio
        self._pixmaps: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        mode = QIcon.Mode.Disabled if mode == QIcon.Mode.Disabled else QIcon.Mode.Normal
        key = (size.width(), size.height(), mode)
        cached = self._pixmaps.get(key)
        if cached is None:
            side = max(1, min(size.width(), size.height()))
            cached = _render(self._svgs[mode], side, self._ratio)
            self._pixmaps[key] = cached
        return cached

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(size, size) for size in _SIZES]

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(
            self._svgs[QIcon.Mode.Normal], self._svgs[QIcon.Mode.Disabled], self._ratio
        )


@cache
def _icon(name: IconName, color: str, disabled_color: str, ratio: float) -> QIcon:
    svg = svg_text(name)
    engine = _ThemedIconEngine(
        svg.replace("currentColor", color), svg.replace("currentColor", disabled_color), ratio
    )
    return QIcon(engine)


def icon(name: IconName, role: Role = Role.TEXT, ratio: float = 2.0) -> QIcon:
    """``name`` drawn in the current theme's ``role`` colour (crisp on high-density screens)."""
    palette = current_palette()
    return _icon(name, palette[role], palette[Role.MUTED], ratio)


_NAME_PROPERTY: Final = "themeIcon"
_ROLE_PROPERTY: Final = "themeIconRole"


def set_icon(target: QAction | QAbstractButton, name: IconName, role: Role = Role.TEXT) -> None:
    """Give ``target`` a themed icon that ``refresh_icons`` redraws after a theme switch."""
    target.setProperty(_NAME_PROPERTY, name.value)
    target.setProperty(_ROLE_PROPERTY, role.value)
    target.setIcon(icon(name, role))


def refresh_icons(root: QObject) -> None:
    """Redraw every themed icon below ``root`` (and its own) in the current palette."""
    targets: list[QObject] = [root, *root.findChildren(QAction)]
    targets += root.findChildren(QAbstractButton)
    for target in targets:
        name = target.property(_NAME_PROPERTY)
        if isinstance(name, str) and isinstance(target, QAction | QAbstractButton):
            role = target.property(_ROLE_PROPERTY)
            target.setIcon(icon(IconName(name), Role(str(role)) if role else Role.TEXT))
