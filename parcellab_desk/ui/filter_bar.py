"""The open-order box and the filter bar above the order table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

# Typing pauses shorter than this are one query: no request per keystroke.
FILTER_DEBOUNCE_MS = 350

_ACCOUNTS_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class FilterValues:
    """What the agent typed into the filter bar, tidied."""

    accounts: tuple[int, ...] = ()
    order_number: str | None = None
    external_reference: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.accounts or self.order_number or self.external_reference)


def parse_accounts(text: str) -> tuple[int, ...]:
    """``"1042, 1043 1042"`` -> ``(1042, 1043)``: any separator, duplicates dropped."""
    seen: dict[int, None] = {}
    for match in _ACCOUNTS_RE.finditer(text):
        seen.setdefault(int(match.group()), None)
    return tuple(seen)


class OpenOrderBox(QWidget):
    """ "Open order: [order number or external id]" — Enter looks the order up."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Order number or external id, then Enter"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Open order"))
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        label = QLabel(self.tr("O&pen order:"), self)  # Alt+O is the Order menu
        label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)

    def _on_edit_return_pressed(self) -> None:
        text = self.edit.text().strip()
        if text:
            self.open_requested.emit(text)


class FilterBar(QWidget):
    """Account(s), order number and external reference, debounced into one query."""

    filters_changed = Signal(object)  # FilterValues

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = QLineEdit(self)
        self.accounts.setPlaceholderText(self.tr("all accounts"))
        self.accounts.setToolTip(self.tr("One or more account ids, separated by commas or spaces"))
        self.accounts.setValidator(QRegularExpressionValidator(r"[0-9 ,;]*", self.accounts))
        self.order_number = QLineEdit(self)
        self.order_number.setPlaceholderText(self.tr("exact order number"))
        self.external_reference = QLineEdit(self)
        self.external_reference.setPlaceholderText(self.tr("exact reference"))
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setToolTip(self.tr("Clear all filters"))
        self.clear_button.clicked.connect(self.clear)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._last: FilterValues = FilterValues()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, edit, stretch in (
            (self.tr("&Account:"), self.accounts, 1),
            (self.tr("Order &no.:"), self.order_number, 2),
            (self.tr("E&xternal ref.:"), self.external_reference, 2),
        ):
            label = QLabel(text, self)
            label.setBuddy(edit)
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._debounce.start)
            edit.returnPressed.connect(self.apply_now)
            layout.addWidget(label)
            layout.addWidget(edit, stretch)
        layout.addWidget(self.clear_button)

    def values(self) -> FilterValues:
        return FilterValues(
            accounts=parse_accounts(self.accounts.text()),
            order_number=self.order_number.text().strip() or None,
            external_reference=self.external_reference.text().strip() or None,
        )

    def set_values(self, values: FilterValues) -> None:
        """Shows ``values`` without emitting (used when a profile restores its filter)."""
        for edit, text in (
            (self.accounts, ", ".join(str(a) for a in values.accounts)),
            (self.order_number, values.order_number or ""),
            (self.external_reference, values.external_reference or ""),
        ):
            edit.blockSignals(True)
            edit.setText(text)
            edit.blockSignals(False)
        self._last = self.values()

    def focus_first(self) -> None:
        self.accounts.setFocus()
        self.accounts.selectAll()

    def clear(self) -> None:
        for edit in (self.accounts, self.order_number, self.external_reference):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.apply_now()

    def apply_now(self) -> None:
        """Emits at once (Enter, Clear) instead of waiting for the typing pause."""
        self._debounce.stop()
        self._on_debounce_timeout()

    def _on_debounce_timeout(self) -> None:
        values = self.values()
        if values != self._last:
            self._last = values
            self.filters_changed.emit(values)
