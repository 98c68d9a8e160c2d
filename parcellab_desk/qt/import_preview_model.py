"""``ImportPreviewModel``: the rows of an imported sheet, with every bad cell marked.

A cell the validators refused carries the reason as its tooltip, a warning mark (the icon
the UI hands in, so this layer stays free of widgets) and a bold, underlined font; a row
with an error that belongs to no cell (a required column not mapped) is marked in its line
number. Marks are never colour alone, and colour comes from the theme, not from here.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from parcellab_desk.services.csv_import import ImportPreview, Sheet, import_targets

__all__ = ["ERROR_ROLE", "ImportPreviewModel"]

AnyIndex = QModelIndex | QPersistentModelIndex
ERROR_ROLE: Final = Qt.ItemDataRole.UserRole + 20  # the error text of a cell, or None


class ImportPreviewModel(QAbstractTableModel):
    def __init__(
        self,
        preview: ImportPreview,
        *,
        warning_icon: QIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self._icon = warning_icon
        self._marked = QFont()
        self._marked.setBold(True)
        self._marked.setUnderline(True)
        self._targets = {t.name: t.title for t in import_targets(preview.kind)}
        self._labels = [self._label(c) for c in range(len(preview.sheet.header))]

    def _label(self, column: int) -> str:
        header = self.preview.sheet.header[column] or f"({column + 1})"
        target = self.preview.mapping[column]
        if target is None:
            ignored = self.tr("ignored")  # outside the f-string, where lupdate finds it
            return f"{header}\n({ignored})"
        return f"{header}\n→ {self._targets.get(target, target)}"

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.preview.sheet.rows)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.preview.sheet.header)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._labels[section]
            return None
        bad = section in self.preview.errors
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{Sheet.line_of(section)}"
        if role == Qt.ItemDataRole.DecorationRole and bad:
            return self._icon
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.preview.row_errors(section)
            if problems:
                return "\n".join(problems)
            return self.tr("Line {line}").format(line=Sheet.line_of(section))
        if role == Qt.ItemDataRole.FontRole and bad:
            return self._marked
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.preview.sheet.rows[row][column]
        if role in (ERROR_ROLE, Qt.ItemDataRole.ToolTipRole):
            return self.preview.cell_error(row, column)
        if role == Qt.ItemDataRole.DecorationRole and self.preview.cell_error(row, column):
            return self._icon
        if role == Qt.ItemDataRole.FontRole and self.preview.cell_error(row, column):
            return self._marked
        if role == Qt.ItemDataRole.ForegroundRole and self.preview.mapping[column] is None:
            return None  # ignored columns look like the rest; their header says "ignored"
        return None
