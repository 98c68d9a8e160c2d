"""The console's one theme: every colour named by the role it plays, in a light and a dark
variant, applied as a Qt palette plus one application style sheet.

Widgets never name a colour. They say what a piece of text *is* (``set_role(label, "muted")``,
``set_role(button, "primary")``, a status chip's ``BadgeTone``) and the style sheet built here
colours it; code that paints by hand (the table's chips, the icons) asks ``current_palette()``.
Which variant is active follows the desktop's colour scheme (``QStyleHints.colorScheme``)
unless the agent chose one under View ▸ Appearance.

The contrast of every text/background pair declared in ``text_pairs`` is checked by a test
against WCAG AA (4.5:1 for text, 3:1 for large text and focus rings).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Final

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from parcellab_desk.qt.order_columns import BadgeTone

__all__ = [
    "DARK",
    "LIGHT",
    "PALETTES",
    "Appearance",
    "ChipColors",
    "ContrastPair",
    "PairKind",
    "Role",
    "ThemeController",
    "ThemePalette",
    "contrast_ratio",
    "current_palette",
    "set_role",
    "text_pairs",
    "tone_colors",
]


class Appearance(StrEnum):
    """What the agent chose under View ▸ Appearance."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Role(StrEnum):
    """Every colour the console uses, by what it is for."""

    WINDOW = "window"  # the window's background behind panes
    SURFACE = "surface"  # inputs, tables, the editor pane
    SURFACE_ALT = "surface_alt"  # alternate table rows, read-only inputs
    TEXT = "text"
    MUTED = "muted"  # hints, secondary lines, placeholders
    BORDER = "border"
    ACCENT = "accent"  # primary buttons, selection marks, links
    ON_ACCENT = "on_accent"  # text on an accent background
    LINK = "link"
    FOCUS = "focus"  # focus rings
    SELECTION = "selection"
    ON_SELECTION = "on_selection"
    DANGER = "danger"  # error text, destructive buttons
    ON_DANGER = "on_danger"
    DANGER_SURFACE = "danger_surface"  # the error banner's background
    WARNING = "warning"  # "unsaved", hints that need attention
    SUCCESS = "success"  # "Connection works"
    DEMO = "demo"  # the DEMO marker's background
    ON_DEMO = "on_demo"
    TOOLTIP = "tooltip"
    ON_TOOLTIP = "on_tooltip"
    TAG = "tag"  # an order's tag chips
    TAG_BORDER = "tag_border"
    ON_TAG = "on_tag"
    ATTENTION_SURFACE = "attention_surface"  # a plain (not key:value) tag's chip
    ON_ATTENTION = "on_attention"


@dataclass(frozen=True, slots=True)
class ChipColors:
    """A status chip: text on a tint, readable without the tint (the words say it)."""

    text: str
    background: str


@dataclass(frozen=True, slots=True)
class ThemePalette:
    name: str
    dark: bool
    roles: Mapping[Role, str]
    chips: Mapping[BadgeTone, ChipColors]

    def __getitem__(self, role: Role) -> str:
        return self.roles[role]

    def color(self, role: Role) -> QColor:
        return QColor(self.roles[role])

    def chip(self, tone: BadgeTone) -> ChipColors:
        return self.chips[tone]


LIGHT: Final = ThemePalette(
    name="light",
    dark=False,
    roles={
        Role.WINDOW: "#f3f4f6",
        Role.SURFACE: "#ffffff",
        Role.SURFACE_ALT: "#f6f7f9",
        Role.TEXT: "#1b1f24",
        Role.MUTED: "#5a6270",
        Role.BORDER: "#c9ced6",
        Role.ACCENT: "#0b57d0",
        Role.ON_ACCENT: "#ffffff",
        Role.LINK: "#0b57d0",
        Role.FOCUS: "#0b57d0",
        Role.SELECTION: "#d3e3fd",
        Role.ON_SELECTION: "#0a1f44",
        Role.DANGER: "#b3261e",
        Role.ON_DANGER: "#ffffff",
        Role.DANGER_SURFACE: "#fcebe9",
        Role.WARNING: "#8a4a00",
        Role.SUCCESS: "#17683a",
        Role.DEMO: "#8a4a00",
        Role.ON_DEMO: "#ffffff",
        Role.TOOLTIP: "#2b3038",
        Role.ON_TOOLTIP: "#f3f4f6",
        Role.TAG: "#e8f0fe",
        Role.TAG_BORDER: "#b9d0fa",
        Role.ON_TAG: "#17448f",
        Role.ATTENTION_SURFACE: "#fdf3d6",
        Role.ON_ATTENTION: "#6b3c00",
    },
    chips={
        BadgeTone.NEUTRAL: ChipColors("#3a414d", "#e6e9ee"),
        BadgeTone.PENDING: ChipColors("#3a414d", "#e6e9ee"),
        BadgeTone.IN_TRANSIT: ChipColors("#0b4aa8", "#dbe7fd"),
        BadgeTone.OUT_FOR_DELIVERY: ChipColors("#4a2a98", "#e9e2fb"),
        BadgeTone.DELIVERED: ChipColors("#12582a", "#d6f0dd"),
        BadgeTone.ATTEMPT: ChipColors("#754000", "#fcebc6"),
        BadgeTone.EXCEPTION: ChipColors("#981c15", "#fadbd8"),
        BadgeTone.RETURN: ChipColors("#0c5a55", "#d3efec"),
        BadgeTone.CANCELLED: ChipColors("#ffffff", "#4a505b"),
        BadgeTone.ATTENTION: ChipColors("#754000", "#fcebc6"),
    },
)

DARK: Final = ThemePalette(
    name="dark",
    dark=True,
    roles={
        Role.WINDOW: "#1a1c20",
        Role.SURFACE: "#22252a",
        Role.SURFACE_ALT: "#292c32",
        Role.TEXT: "#e7e9ec",
        Role.MUTED: "#a9b0bb",
        Role.BORDER: "#444a53",
        Role.ACCENT: "#8ab4f8",
        Role.ON_ACCENT: "#0b1a33",
        Role.LINK: "#8ab4f8",
        Role.FOCUS: "#8ab4f8",
        Role.SELECTION: "#2d4a7a",
        Role.ON_SELECTION: "#ffffff",
        Role.DANGER: "#f2a099",
        Role.ON_DANGER: "#2a0b08",
        Role.DANGER_SURFACE: "#3b2221",
        Role.WARNING: "#f3c46e",
        Role.SUCCESS: "#86d19c",
        Role.DEMO: "#f3c46e",
        Role.ON_DEMO: "#2a1a00",
        Role.TOOLTIP: "#e7e9ec",
        Role.ON_TOOLTIP: "#1a1c20",
        Role.TAG: "#1f3150",
        Role.TAG_BORDER: "#3a5584",
        Role.ON_TAG: "#d3e2fd",
        Role.ATTENTION_SURFACE: "#3d3019",
        Role.ON_ATTENTION: "#f6d391",
    },
    chips={
        BadgeTone.NEUTRAL: ChipColors("#dde1e7", "#3a3f47"),
        BadgeTone.PENDING: ChipColors("#dde1e7", "#3a3f47"),
        BadgeTone.IN_TRANSIT: ChipColors("#bcd4fb", "#1e3456"),
        BadgeTone.OUT_FOR_DELIVERY: ChipColors("#d8ccfb", "#342a55"),
        BadgeTone.DELIVERED: ChipColors("#aee2bc", "#1c3b26"),
        BadgeTone.ATTEMPT: ChipColors("#f6d391", "#43341a"),
        BadgeTone.EXCEPTION: ChipColors("#f7b9b3", "#4b2220"),
        BadgeTone.RETURN: ChipColors("#a3ddd7", "#1a3b39"),
        BadgeTone.CANCELLED: ChipColors("#1a1c20", "#d5d9df"),
        BadgeTone.ATTENTION: ChipColors("#f6d391", "#43341a"),
    },
)

PALETTES: Final = {LIGHT.name: LIGHT, DARK.name: DARK}


# --- contrast -------------------------------------------------------------------------------


class PairKind(Enum):
    """What WCAG 2.1 AA asks of a pair: text 4.5:1, large text and UI marks 3:1."""

    TEXT = "text"
    LARGE_TEXT = "large text"
    NON_TEXT = "focus ring or control mark"

    @property
    def minimum(self) -> float:
        return 4.5 if self is PairKind.TEXT else 3.0


@dataclass(frozen=True, slots=True)
class ContrastPair:
    label: str
    foreground: str
    background: str
    kind: PairKind

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(color: str) -> float:
    q = QColor(color)
    return 0.2126 * _linear(q.red()) + 0.7152 * _linear(q.green()) + 0.0722 * _linear(q.blue())


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1.0 to 21.0."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Which text is drawn on which background (the style sheet below uses exactly these).
_TEXT_ON: Final = (
    (Role.TEXT, (Role.WINDOW, Role.SURFACE, Role.SURFACE_ALT)),
    (Role.MUTED, (Role.WINDOW, Role.SURFACE, Role.SURFACE_ALT)),
    (Role.LINK, (Role.WINDOW, Role.SURFACE)),
    (Role.DANGER, (Role.WINDOW, Role.SURFACE, Role.SURFACE_ALT, Role.DANGER_SURFACE)),
    (Role.WARNING, (Role.WINDOW, Role.SURFACE)),
    (Role.SUCCESS, (Role.WINDOW, Role.SURFACE)),
    (Role.TEXT, (Role.DANGER_SURFACE,)),
    (Role.ON_ACCENT, (Role.ACCENT,)),
    (Role.ON_DANGER, (Role.DANGER,)),
    (Role.ON_SELECTION, (Role.SELECTION,)),
    (Role.ON_DEMO, (Role.DEMO,)),
    (Role.ON_TOOLTIP, (Role.TOOLTIP,)),
    (Role.ON_TAG, (Role.TAG,)),
    (Role.ON_ATTENTION, (Role.ATTENTION_SURFACE,)),
)
_MARKS_ON: Final = (
    (Role.FOCUS, (Role.WINDOW, Role.SURFACE)),
    (Role.ACCENT, (Role.WINDOW, Role.SURFACE)),
)


def text_pairs(palette: ThemePalette) -> Iterator[ContrastPair]:
    """Every foreground/background pair the theme draws, with the ratio it must reach."""
    for fg, backgrounds in _TEXT_ON:
        for bg in backgrounds:
            yield ContrastPair(f"{fg} on {bg}", palette[fg], palette[bg], PairKind.TEXT)
    for fg, backgrounds in _MARKS_ON:
        for bg in backgrounds:
            yield ContrastPair(f"{fg} on {bg}", palette[fg], palette[bg], PairKind.NON_TEXT)
    for tone, chip in palette.chips.items():
        yield ContrastPair(f"chip {tone.value}", chip.text, chip.background, PairKind.TEXT)


# --- applying -------------------------------------------------------------------------------


def tone_colors(tone: BadgeTone) -> tuple[QColor, QColor]:
    """(text, background) of a status chip of ``tone`` in the current palette."""
    chip = current_palette().chip(tone)
    return QColor(chip.text), QColor(chip.background)


def set_role(widget: QWidget, role: str) -> None:
    """Tag ``widget`` with what it is ("muted", "danger", "primary", "destructive", "chip-…");
    the application style sheet colours it. Re-polishes so a change shows at once."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def _qpalette(p: ThemePalette) -> QPalette:
    pal = QPalette()
    c = p.color
    group_roles = {
        QPalette.ColorRole.Window: c(Role.WINDOW),
        QPalette.ColorRole.WindowText: c(Role.TEXT),
        QPalette.ColorRole.Base: c(Role.SURFACE),
        QPalette.ColorRole.AlternateBase: c(Role.SURFACE_ALT),
        QPalette.ColorRole.Text: c(Role.TEXT),
        QPalette.ColorRole.PlaceholderText: c(Role.MUTED),
        QPalette.ColorRole.Button: c(Role.SURFACE),
        QPalette.ColorRole.ButtonText: c(Role.TEXT),
        QPalette.ColorRole.BrightText: c(Role.ON_DANGER),
        QPalette.ColorRole.Highlight: c(Role.SELECTION),
        QPalette.ColorRole.HighlightedText: c(Role.ON_SELECTION),
        QPalette.ColorRole.Link: c(Role.LINK),
        QPalette.ColorRole.LinkVisited: c(Role.LINK),
        QPalette.ColorRole.ToolTipBase: c(Role.TOOLTIP),
        QPalette.ColorRole.ToolTipText: c(Role.ON_TOOLTIP),
        QPalette.ColorRole.Accent: c(Role.ACCENT),
        QPalette.ColorRole.Light: c(Role.SURFACE).lighter(110),
        QPalette.ColorRole.Midlight: c(Role.BORDER).lighter(110),
        QPalette.ColorRole.Mid: c(Role.BORDER),
        QPalette.ColorRole.Dark: c(Role.BORDER).darker(130),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, color in group_roles.items():
        pal.setColor(role, color)
    disabled = QColor(c(Role.MUTED))
    disabled.setAlpha(170)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def style_sheet(p: ThemePalette) -> str:
    """The application style sheet: role-tagged widgets and the few shared shapes."""
    chips = "\n".join(
        f'QLabel[role="chip-{tone.value}"] {{ color: {chip.text}; background: {chip.background};'
        " border-radius: 9px; padding: 1px 9px; font-weight: 600; }"
        for tone, chip in p.chips.items()
    )
    return f"""
QLabel[role="muted"], QCheckBox[role="muted"] {{ color: {p[Role.MUTED]}; }}
QLabel[role="danger"] {{ color: {p[Role.DANGER]}; }}
QLabel[role="field-error"] {{ color: {p[Role.DANGER]}; font-size: 90%; }}
QLabel[role="warning"] {{ color: {p[Role.WARNING]}; font-weight: 600; }}
QLabel[role="success"] {{ color: {p[Role.SUCCESS]}; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="accent-strong"] {{ color: {p[Role.LINK]}; font-weight: 600; }}
QFrame[role="panel"] {{ border: 1px solid {p[Role.BORDER]}; border-radius: 6px;
    background: {p[Role.SURFACE]}; }}
QLabel[role="heading"] {{ font-size: 125%; font-weight: 600; }}
QLabel[role="demo"] {{ color: {p[Role.ON_DEMO]}; background: {p[Role.DEMO]};
    border-radius: 4px; padding: 0 6px; font-weight: 700; }}
QFrame[role="banner"] {{ background: {p[Role.DANGER_SURFACE]}; border: 1px solid {p[Role.DANGER]};
    border-radius: 6px; }}
QFrame[role="banner"] QLabel {{ color: {p[Role.TEXT]}; }}
QFrame[role="action-bar"] {{ border-top: 1px solid {p[Role.BORDER]}; }}
QFrame[role="separator"] {{ color: {p[Role.BORDER]}; }}
QPushButton[role="primary"] {{ color: {p[Role.ON_ACCENT]}; background: {p[Role.ACCENT]};
    border: 1px solid {p[Role.ACCENT]}; border-radius: 4px; padding: 4px 14px;
    font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ color: {p[Role.MUTED]}; background: {p[Role.SURFACE_ALT]};
    border-color: {p[Role.BORDER]}; }}
QPushButton[role="destructive"] {{ color: {p[Role.ON_DANGER]}; background: {p[Role.DANGER]};
    border: 1px solid {p[Role.DANGER]}; border-radius: 4px; padding: 4px 14px;
    font-weight: 600; }}
QPushButton[role="destructive"]:disabled {{ color: {p[Role.MUTED]};
    background: {p[Role.SURFACE_ALT]}; border-color: {p[Role.BORDER]}; }}
QPushButton[role="primary"]:focus, QPushButton[role="destructive"]:focus {{
    border: 2px solid {p[Role.FOCUS]}; }}
QToolButton[role="profile"] {{ border: 1px solid {p[Role.BORDER]}; border-radius: 4px;
    padding: 2px 8px; margin: 2px 6px 2px 0; background: {p[Role.SURFACE]}; }}
QToolButton[role="profile"]:hover {{ border-color: {p[Role.ACCENT]}; }}
QFrame[role="tag"] {{ background: {p[Role.TAG]}; border: 1px solid {p[Role.TAG_BORDER]};
    border-radius: 11px; }}
QFrame[role="tag"] QLabel, QFrame[role="tag"] QToolButton {{ color: {p[Role.ON_TAG]}; }}
QFrame[role="tag-plain"] {{ background: {p[Role.ATTENTION_SURFACE]};
    border: 1px solid {p[Role.WARNING]}; border-radius: 11px; }}
QFrame[role="tag-plain"] QLabel, QFrame[role="tag-plain"] QToolButton {{
    color: {p[Role.ON_ATTENTION]}; }}
QToolButton[role="chip-remove"] {{ border: none; padding: 0 2px; font-weight: 700; }}
QLineEdit[readOnly="true"] {{ background: {p[Role.SURFACE_ALT]}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
{chips}
"""


_SETTINGS_KEY: Final = "appearance"


def current_palette() -> ThemePalette:
    """The palette in use (light before a ``ThemeController`` applied one)."""
    app = QApplication.instance()
    name = app.property("parcellab_desk_theme") if app is not None else None
    return PALETTES.get(str(name), LIGHT)


class ThemeController(QObject):
    """Applies the theme to the application and keeps it in step with the desktop.

    ``changed`` fires with the new palette after every switch (icons and painted chips
    refresh on it)."""

    changed = Signal(object)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        stored = QSettings().value(_SETTINGS_KEY, Appearance.SYSTEM.value)
        try:
            self._appearance = Appearance(str(stored))
        except ValueError:
            self._appearance = Appearance.SYSTEM
        # Fusion draws every control from the palette, so dark mode looks the same everywhere.
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        hints = QGuiApplication.styleHints()
        self._desktop_scheme = hints.colorScheme()
        hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.apply()

    @property
    def appearance(self) -> Appearance:
        return self._appearance

    @property
    def palette(self) -> ThemePalette:
        if self._appearance is Appearance.LIGHT:
            return LIGHT
        if self._appearance is Appearance.DARK:
            return DARK
        return DARK if self._desktop_scheme == Qt.ColorScheme.Dark else LIGHT

    def set_appearance(self, appearance: Appearance) -> None:
        """The agent's choice under View ▸ Appearance, remembered for the next start."""
        self._appearance = appearance
        QSettings().setValue(_SETTINGS_KEY, appearance.value)
        self.apply()

    def apply(self) -> None:
        palette = self.palette
        self._app.setProperty("parcellab_desk_theme", palette.name)
        self._app.setPalette(_qpalette(palette))
        self._app.setStyleSheet(style_sheet(palette))
        self.changed.emit(palette)

    def close(self) -> None:
        """Stop following the desktop (the application keeps the last palette)."""
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._desktop_scheme = scheme
        if self._appearance is Appearance.SYSTEM:
            self.apply()
