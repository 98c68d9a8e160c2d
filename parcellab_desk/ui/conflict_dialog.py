"""The comparison shown when the agent and someone else changed the same fields of an order.

One row per field: its value when the agent opened the order, the agent's value and the
value on parcelLab now, side by side, with *Keep mine* / *Take theirs* per row. Fields only
the service changed are listed below as taken in. Nothing is sent until the agent presses
*Save with these choices*; *Cancel* sends nothing and keeps every edit.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.conflicts import Choice, Choices, FieldConflict, Reconciliation
from parcellab_desk.ui.theme import set_role
from parcellab_desk.wording import translate

__all__ = ["ConflictDialog", "shown_value"]


def shown_value(value: Any) -> str:
    """A JSON value as the agent reads it; empty is said, not left blank."""
    if value is None or value == "" or value == []:
        return translate("ConflictDialog", "(empty)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return translate("ConflictDialog", "Yes") if value else translate("ConflictDialog", "No")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictDialog(QDialog):
    """Asks, per conflicting field, whether to keep the agent's value or take the server's."""

    def __init__(self, found: Reconciliation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed on parcelLab meanwhile"))
        self._found = found
        self._groups: dict[tuple[Any, str], tuple[QButtonGroup, QRadioButton]] = {}

        number = found.current.order_number
        heading = (
            self.tr("Someone else changed order {number} while you were editing it.")
            if number
            else self.tr("Someone else changed this order while you were editing it.")
        ).format(number=escape(number or ""))
        advice = self.tr(
            "For each field below, keep your value or take the one on parcelLab now. "
            "Nothing is sent until you choose."
        )
        intro = QLabel(f"<b>{heading}</b><br>{escape(advice)}", self)
        intro.setWordWrap(True)

        grid_box = QFrame(self)
        grid_box.setObjectName("conflictGrid")
        set_role(grid_box, "panel")
        grid = QGridLayout(grid_box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        for column, title in enumerate(
            (
                self.tr("Field"),
                self.tr("When you opened it"),
                self.tr("Yours"),
                self.tr("On parcelLab now"),
                self.tr("Keep"),
            )
        ):
            head = QLabel(f"<b>{title}</b>", grid_box)
            grid.addWidget(head, 0, column)
        for row, conflict in enumerate(found.conflicts, start=1):
            self._add_row(grid, grid_box, row, conflict)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(grid_box)
        if found.taken_in:
            taken = QLabel(
                self.tr(
                    "Also changed on parcelLab and taken in (you had not touched them): {fields}."
                ).format(fields=", ".join(found.taken_in)),
                self,
            )
            taken.setTextFormat(Qt.TextFormat.PlainText)
            taken.setWordWrap(True)
            set_role(taken, "muted")
            self.taken_label: QLabel | None = taken
            layout.addWidget(taken)
        else:
            self.taken_label = None
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Save with these choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Send nothing now; your changes are kept"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_row(self, grid: QGridLayout, parent: QWidget, row: int, c: FieldConflict) -> None:
        for column, text in enumerate(
            (c.label, shown_value(c.base), shown_value(c.mine), shown_value(c.theirs))
        ):
            label = QLabel(text, parent)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if column == 2:
                set_role(label, "accent-strong")
            elif column == 3:
                set_role(label, "warning")
            elif column == 1:
                set_role(label, "muted")
            grid.addWidget(label, row, column)
        choice = QWidget(parent)
        choice_layout = QVBoxLayout(choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.setSpacing(2)
        mine = QRadioButton(self.tr("Keep mine"), choice)
        theirs = QRadioButton(self.tr("Take theirs"), choice)
        mine.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(mine)
        group.addButton(theirs)
        choice_layout.addWidget(mine)
        choice_layout.addWidget(theirs)
        grid.addWidget(choice, row, 4)
        self._groups[c.key] = (group, theirs)

    def take_theirs(self, conflict: FieldConflict) -> None:
        """Select "Take theirs" for one row (tests and keyboard users)."""
        self._groups[conflict.key][1].setChecked(True)

    def choices(self) -> Choices:
        return {
            key: Choice.THEIRS if theirs.isChecked() else Choice.MINE
            for key, (_, theirs) in self._groups.items()
        }
