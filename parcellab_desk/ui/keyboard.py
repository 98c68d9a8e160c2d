"""Working from the keyboard: mnemonics for form labels, focus rings, and the shortcut list.

Alt+letter jumps to a field. Letters are handed out by a ``MnemonicAllocator`` so no two
visible controls of the main window share one (Qt ignores a shortcut that is ambiguous, which
looks to the agent like a dead key): the menus and the bar above the table keep theirs
(``WINDOW_MNEMONICS``) and each form takes the rest.

The focus ring itself is ``focus_ring``'s. ``shortcut_rows`` lists the window's actions for
Help ▸ Keyboard shortcuts, so the list is never out of date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.schema import FieldSpec, WidgetKind

__all__ = [
    "WINDOW_MNEMONICS",
    "MnemonicAllocator",
    "ShortcutsDialog",
    "field_label",
    "field_texts",
    "mnemonic_of",
    "shortcut_rows",
]

WINDOW_MNEMONICS: Final = frozenset("FEVOHPANX")
"""Alt letters the main window uses outside the editor: the menus (File, Edit, View, Order,
Help), the open-order box (P) and the filter bar (Account, Order no., External ref.)."""


def mnemonic_of(text: str) -> str:
    """The letter after the single ``&`` in ``text`` (upper case), or ``""``."""
    index = 0
    while (index := text.find("&", index)) >= 0:
        following = text[index + 1 : index + 2]
        if following == "&":
            index += 2
            continue
        return following.upper()
    return ""


def _candidates(text: str) -> list[int]:
    """Where a mnemonic could go in ``text``: word starts first, then the other letters."""
    letters = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalpha()]
    starts = [i for i in letters if i == 0 or not text[i - 1].isalpha()]
    return starts + [i for i in letters if i not in starts]


class MnemonicAllocator:
    """Hands out Alt letters, never one that is reserved or already given.

    ``assign`` places a whole form at once so that as many labels as possible get a letter
    (a matching, not first come first served: "Recipient email" still gets one when the
    letters of "Recipient name" are also wanted elsewhere), each preferring a word's first
    letter.
    """

    def __init__(self, reserved: Iterable[str] = WINDOW_MNEMONICS) -> None:
        self._taken = {letter.upper() for letter in reserved}

    def assign(self, texts: Sequence[str]) -> list[str]:
        """Each text with ``&`` before its letter (unchanged when none could be found)."""
        owner: dict[str, int] = {}  # letter -> index of the text holding it
        chosen: dict[int, int] = {}  # text index -> position of its letter

        def place(index: int, visited: set[str]) -> bool:
            text = texts[index]
            free = [p for p in _candidates(text) if text[p].upper() not in self._taken]
            # A free letter first; only then take one from a label that can move.
            for position in sorted(free, key=lambda p: text[p].upper() in owner):
                letter = text[position].upper()
                if letter in visited:
                    continue
                visited.add(letter)
                holder = owner.get(letter)
                if holder is None or place(holder, visited):
                    owner[letter] = index
                    chosen[index] = position
                    return True
            return False

        for index, text in enumerate(texts):
            if not mnemonic_of(text):
                place(index, set())
        self._taken.update(owner)
        marked = []
        for index, text in enumerate(texts):
            if mnemonic_of(text):
                self._taken.add(mnemonic_of(text))
                marked.append(text)
            elif index in chosen:
                at = chosen[index]
                marked.append(f"{text[:at]}&{text[at:]}")
            else:
                marked.append(text)
        return marked

    def mark(self, text: str) -> str:
        """One text with ``&`` before the letter it gets."""
        return self.assign([text])[0]


def field_label(
    text: str,
    buddy: QWidget,
    *,
    required: bool = False,
    parent: QWidget | None = None,
) -> QLabel:
    """``&Order number *:`` (``text`` with its Alt letter) with ``buddy`` behind the letter;
    ``*`` marks a required field (its tooltip says so, for screen readers and the curious)."""
    label = QLabel(f"{text}{' *' if required else ''}:", parent)
    label.setBuddy(buddy)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if required:
        label.setToolTip(QCoreApplication.translate("fields", "Required"))
    return label


def field_texts(specs: Iterable[FieldSpec], mnemonics: MnemonicAllocator) -> dict[str, str]:
    """Each field's label in the agent's language, with its Alt letter (a check box's is
    its own text, the spec's placeholder)."""
    specs = list(specs)
    labels = [
        spec.placeholder_text if spec.widget is WidgetKind.CHECK else spec.title for spec in specs
    ]
    return dict(zip((s.name for s in specs), mnemonics.assign(labels), strict=True))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, in menu order, once each."""
    rows: dict[str, str] = {}
    for action in actions:
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        if keys and action.text():
            rows.setdefault(_plain(action.text()), keys)
    return [(keys, name) for name, keys in rows.items()]


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: a table built from the window's actions."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, (keys, name) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(name))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(
            self.tr(
                "In a form, Alt with the underlined letter jumps to a field. Tab and Shift+Tab "
                "move between controls; on a tag, Delete or Backspace removes it."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 560)
