"""The order table's cells: text, and status chips (the status in words on its group's tint,
painted from the theme so they read in light and dark mode; the rest of a cell's text beside
the chip).

One delegate paints every order cell, because painting is where scrolling spends its time:
Qt's own delegate asks the model for seven roles per cell, each a call into Python, and lays
the text out again on every paint (a full table took 14-21 ms, more than a frame at 60 Hz).
``OrderCellDelegate`` takes a cell's text and badge from the model in one Python call,
elides only texts that may not fit (remembering how each was shortened), draws chip cells
from a small cache of drawn ones, and leaves background, selection and focus to the style as
for any cell. Order numbers are elided in the middle (their start and end are what agents
compare), the rest at the end. The status
row (loading, error; it spans the table) is painted by Qt's delegate, in the theme's danger
colour when loading failed.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from parcellab_desk.qt.order_columns import Badge, OrderColumn
from parcellab_desk.qt.order_table_model import OrderRole, RowKind
from parcellab_desk.ui.theme import Role, current_palette

__all__ = ["CHIP_COLUMNS", "OrderCellDelegate", "elided", "install_delegates"]

CHIP_COLUMNS: Final = (OrderColumn.ORDER_STATUS, OrderColumn.TRACKINGS, OrderColumn.CANCELLED)
"""The columns whose cells may carry a ``Badge`` (``order_columns.badge``)."""

_CHIP_PAD_X: Final = 7
_CHIP_PAD_Y: Final = 2
_GAP: Final = 6
_TEXT_MARGIN: Final = 4  # as the style's item text margin (focus frame margin + 1)
_TEXT_CACHE_SIZE: Final = 4096  # long texts kept as shown, elided (a screen shows ~300)
_CHIP_CACHE_SIZE: Final = 256  # chip cells kept drawn (a screen shows a few dozen kinds)
_ORDER_NUMBER: Final = int(OrderColumn.ORDER_NUMBER)  # an int: enum access costs per cell

AnyIndex = QModelIndex | QPersistentModelIndex


def install_delegates(view: QAbstractItemView) -> None:
    """The order table's delegate (``view`` owns it)."""
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setItemDelegate(OrderCellDelegate(view))


# Paint runs per visible cell: state flags are tested as plain integers, since Python-level
# enum flag operations cost microseconds each.
_SELECTED: Final = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS: Final = QStyle.StateFlag.State_HasFocus.value
_ACTIVE: Final = QStyle.StateFlag.State_Active.value
_ENABLED: Final = QStyle.StateFlag.State_Enabled.value
_FOCUS_EXTRA: Final = (
    QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
).value
_NORMAL, _INACTIVE, _DISABLED = (
    QPalette.ColorGroup.Normal,
    QPalette.ColorGroup.Inactive,
    QPalette.ColorGroup.Disabled,
)
_TEXT, _HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem


def _color_group(bits: int) -> QPalette.ColorGroup:
    if not bits & _ENABLED:
        return _DISABLED
    return _NORMAL if bits & _ACTIVE else _INACTIVE


def elided(text: str, font: QFont, width: int, column: int) -> str:
    """``text`` as it fits ``width`` in ``column``: order numbers lose their middle (their
    start and end are what agents compare), other texts their end."""
    middle = column == OrderColumn.ORDER_NUMBER
    mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
    return QFontMetrics(font).elidedText(text, mode, width)


def _around(text: str, badge: Badge) -> tuple[str, str]:
    """The cell's text before and after its chip ("2 · " before "In transit")."""
    if text == badge.text:
        return "", ""
    if text.endswith(badge.text):
        return text[: -len(badge.text)].rstrip(" ·"), ""
    return "", text


class OrderCellDelegate(QStyledItemDelegate):
    """Every cell of the order table; see the module's description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[tuple[str, int, bool, str], str] = {}  # elided, as shown
        self._chips: dict[tuple[object, ...], QPixmap] = {}  # oldest first
        self._metrics: QFontMetrics | None = None
        self._widest = 0  # the font's widest character, in pixels
        self._font_key = ""
        self._font: QFont | None = None

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(OrderRole.ROW_KIND) is RowKind.ERROR:
            danger = current_palette().color(Role.DANGER)
            option.palette.setColor(QPalette.ColorRole.Text, danger)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, danger)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        column = index.column()
        cells = getattr(index.model(), "cell", None)
        cell = cells(index.row(), column) if cells is not None else None
        if cell is None:  # the status row, or another model
            super().paint(painter, option, index)
            return
        text, badge = cell
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Background and selection, as the style paints them for any cell.
        style.drawPrimitive(_PANEL, option, painter, widget)
        bits = option.state.value
        group = _color_group(bits)
        palette = option.palette
        text_color = palette.color(group, _HIGHLIGHTED_TEXT if bits & _SELECTED else _TEXT)
        if badge is not None:
            before, after = _around(text, badge)
            pixmap = self._cell_pixmap(option, badge, before, after, text_color)
            painter.drawPixmap(option.rect.topLeft(), pixmap)
        elif text:
            self._draw_text(painter, option, text, column, text_color)
        if bits & _HAS_FOCUS:
            focus = QStyleOptionFocusRect()
            focus.rect = option.rect
            focus.state = QStyle.StateFlag(bits | _FOCUS_EXTRA)
            focus.backgroundColor = palette.color(
                group,
                QPalette.ColorRole.Highlight if bits & _SELECTED else QPalette.ColorRole.Window,
            )
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)

    def _draw_text(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        text: str,
        column: int,
        color: QColor,
    ) -> None:
        # Eliding lays the text out (~15 us a cell), and most texts fit: one that cannot be
        # wider than its room (its length times the widest character) is drawn as it is;
        # the rest are measured (~4 us), elided if need be, and remembered as shown.
        # (Laid-out QStaticText drew only a little faster than plain text, and laying it out
        # cost more than it saved while scrolling through new rows.)
        rect = option.rect
        font = option.font
        width = rect.width() - 2 * _TEXT_MARGIN
        font_key = self._key_of(font)
        metrics = self._metrics
        assert metrics is not None  # set by _key_of
        if len(text) * self._widest <= width:
            shown = text
        else:
            key = (text, width, column == _ORDER_NUMBER, font_key)
            cached = self._texts.get(key)
            if cached is None:
                fits = metrics.horizontalAdvance(text) <= width
                cached = text if fits else elided(text, font, width, column)
                self._texts[key] = cached
                if len(self._texts) > _TEXT_CACHE_SIZE:
                    del self._texts[next(iter(self._texts))]  # the oldest
            shown = cached
        top = rect.top() + (rect.height() - metrics.height()) // 2
        painter.save()
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(QPoint(rect.left() + _TEXT_MARGIN, top + metrics.ascent()), shown)
        painter.restore()

    def _key_of(self, font: QFont) -> str:
        # QFont.key() is slow enough to matter per cell; the view's font rarely changes.
        if self._font is None or font != self._font:
            self._font, self._font_key = QFont(font), font.key()
            self._metrics = QFontMetrics(font)
            self._widest = self._metrics.maxWidth()
        return self._font_key

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        if isinstance(index.data(OrderRole.BADGE), Badge):
            size.setWidth(size.width() + 2 * _CHIP_PAD_X + _GAP)
        return size

    def _cell_pixmap(
        self,
        opt: QStyleOptionViewItem,
        badge: Badge,
        before: str,
        after: str,
        text_color: QColor,
    ) -> QPixmap:
        """The cell's chip and text, drawn once and then taken from a small cache: laying out
        text is most of a paint, and scrolling paints the same few chips frame after frame.
        The key is a tuple (a string key for Qt's pixmap cache took ~15 us a cell to build
        and look up)."""
        widget = opt.widget
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        rect = opt.rect
        key = (
            current_palette().name,
            badge,
            before,
            after,
            text_color.rgba(),
            self._key_of(opt.font),
            rect.width(),
            rect.height(),
            ratio,
        )
        chips = self._chips
        cached = chips.get(key)
        if cached is not None:
            return cached
        size = rect.size()
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        cell = QStyleOptionViewItem(opt)
        cell.rect = QRect(QPoint(0, 0), size)
        cell_painter = QPainter(pixmap)
        try:
            self._paint_cell(cell_painter, cell, badge, before, after, text_color)
        finally:
            cell_painter.end()
        chips[key] = pixmap
        if len(chips) > _CHIP_CACHE_SIZE:
            del chips[next(iter(chips))]  # the oldest
        return pixmap

    def _paint_cell(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        badge: Badge,
        before: str,
        after: str,
        text_color: QColor,
    ) -> None:
        chip = current_palette().chip(badge.tone)
        metrics = QFontMetrics(opt.font)
        rect = opt.rect.adjusted(4, 0, -4, 0)
        painter.save()
        painter.setFont(opt.font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.left()
        if before:
            painter.setPen(text_color)
            width = metrics.horizontalAdvance(before)
            painter.drawText(
                QRect(x, rect.top(), width, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                before,
            )
            x += width + _GAP
        room = max(0, rect.right() - x - 2 * _CHIP_PAD_X)
        label = metrics.elidedText(badge.text, Qt.TextElideMode.ElideRight, room)
        chip_width = metrics.horizontalAdvance(label) + 2 * _CHIP_PAD_X
        chip_height = min(rect.height() - 2, metrics.height() + 2 * _CHIP_PAD_Y)
        chip_rect = QRect(x, rect.center().y() - chip_height // 2 + 1, chip_width, chip_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(chip.background))
        painter.drawRoundedRect(chip_rect, chip_height / 2, chip_height / 2)
        painter.setPen(QColor(chip.text))
        painter.drawText(chip_rect, int(Qt.AlignmentFlag.AlignCenter), label)
        x = chip_rect.right() + _GAP
        if after and x < rect.right():
            painter.setPen(text_color)
            room_after = rect.right() - x
            painter.drawText(
                QRect(x, rect.top(), room_after, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                metrics.elidedText(after, Qt.TextElideMode.ElideRight, room_after),
            )
        painter.restore()
