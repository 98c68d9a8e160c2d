"""Several orders match: a list that says how each one matched, to open one.

Enter or double-click opens the selected order, Escape closes without opening. Each row shows
what tells orders apart on the phone (number, account, shop, status, when, recipient) and how
it matched ("recipient e-mail, the newest order with it in this account").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.qt.order_columns import OrderColumn, display_text
from parcellab_desk.qt.status_labels import match_text
from parcellab_desk.services.order_lookup import Match

__all__ = ["OrderPickerDialog"]


class OrderPickerDialog(QDialog):
    """Choose one of ``matches``; ``chosen()`` after it was accepted."""

    def __init__(
        self,
        text: str,
        matches: Sequence[Match],
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._matches = list(matches)
        self.setWindowTitle(self.tr("Choose the order"))
        self.setObjectName("orderPicker")
        heading = QLabel(
            self.tr("{count} orders match “{text}”. Open which?").format(
                count=len(self._matches), text=text.strip()
            ),
            self,
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading = heading

        self.list = QTreeWidget(self)
        self.list.setObjectName("orderPickerList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Matching orders"))
        columns = [
            self.tr("Order"),
            self.tr("Account"),
            self.tr("Shop"),
            self.tr("Status"),
            self.tr("Created"),
            self.tr("Recipient"),
            self.tr("Matched by"),
        ]
        self.list.setHeaderLabels(columns)
        for match in self._matches:
            self.list.addTopLevelItem(self._row(match, tz))
        header = self.list.header()
        for column in range(len(columns) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(self.note.foregroundRole())
        if any(m.newest_only for m in self._matches):
            self.note.setText(
                self.tr(
                    "An e-mail or customer number finds the newest order of each account; "
                    "older orders of the same customer are not listed."
                )
            )
        self.note.setVisible(bool(self.note.text()))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda *_: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(880, min(190 + 28 * len(self._matches), 520))
        self.list.setFocus()

    def _row(self, match: Match, tz: tzinfo | None) -> QTreeWidgetItem:
        order = match.order
        how = match_text(match.kind)
        if match.newest_only:
            how = self.tr("{how}, newest in account").format(how=how)
        recipient = order.recipient_name or ""
        item = QTreeWidgetItem(
            [
                order.order_number or "",
                "" if order.account is None else str(order.account),
                order.client_key or "",
                display_text(order, OrderColumn.ORDER_STATUS),
                display_text(order, OrderColumn.CREATED, tz),
                recipient,
                how,
            ]
        )
        item.setToolTip(6, f"{how}: {match.value}")
        return item

    def chosen(self) -> Match | None:
        item = self.list.currentItem()
        if item is None:
            return None
        index = self.list.indexOfTopLevelItem(item)
        return self._matches[index] if 0 <= index < len(self._matches) else None
