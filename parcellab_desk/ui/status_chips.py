"""Status chips in the order table: the status in words on its group's tint, painted from
the theme so they read in light and dark mode; the rest of a cell's text beside the chip.

The delegate also elides long cells where it hurts least: order numbers in the middle (their
start and end are what agents compare), tags and the rest at the end.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from parcellab_desk.qt.order_columns import Badge, OrderColumn
from parcellab_desk.qt.order_table_model import OrderRole, RowKind
from parcellab_desk.ui.theme import Role, current_palette

__all__ = ["OrderTableDelegate"]

_CHIP_PAD_X: Final = 7
_CHIP_PAD_Y: Final = 2
_GAP: Final = 6

AnyIndex = QModelIndex | QPersistentModelIndex


class OrderTableDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = (
            Qt.TextElideMode.ElideMiddle
            if index.column() == OrderColumn.ORDER_NUMBER
            else Qt.TextElideMode.ElideRight
        )
        if index.data(OrderRole.ROW_KIND) is RowKind.ERROR:
            danger = current_palette().color(Role.DANGER)
            option.palette.setColor(QPalette.ColorRole.Text, danger)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, danger)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        if isinstance(index.data(OrderRole.BADGE), Badge):
            size.setWidth(size.width() + 2 * _CHIP_PAD_X + _GAP)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        badge = index.data(OrderRole.BADGE)
        if not isinstance(badge, Badge):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # background, selection and focus as for any cell
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if text == badge.text:
            before, after = "", ""
        elif text.endswith(badge.text):
            before, after = text[: -len(badge.text)].rstrip(" ·"), ""
        else:
            before, after = "", text
        self._paint_cell(painter, opt, badge, before, after)

    def _paint_cell(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        badge: Badge,
        before: str,
        after: str,
    ) -> None:
        palette = current_palette()
        chip = palette.chip(badge.tone)
        metrics = QFontMetrics(opt.font)
        rect = opt.rect.adjusted(4, 0, -4, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
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
