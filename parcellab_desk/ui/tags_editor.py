"""Tags as chips: ``key:value`` shown as key and value, plain tags allowed but flagged, an
input that suggests tags seen in loaded orders and refuses duplicates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape
from itertools import pairwise
from typing import Final

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.schema import TAG_MAX_LENGTH, TAGS_MAX_COUNT
from parcellab_desk.api.validation import check_tags, is_key_value_tag
from parcellab_desk.ui.editor_widgets import (
    ErrorLabel,
    FlowLayout,
)
from parcellab_desk.ui.theme import set_role

__all__ = ["TagChip", "TagsEditor"]

SuggestionsProvider = Callable[[], Iterable[str]]

PLAIN_TAG_HINT: Final = (
    "Not in the key:value form (e.g. priority:vip). Allowed, but filters and reports "
    "group tags by key."
)


class TagChip(QFrame):
    """One tag; the ✕ (a click) or Delete/Backspace while the chip has the focus asks to
    remove it. The chip is one Tab stop with a visible ring; the ✕ takes no focus, so no
    key press can reach it unseen."""

    remove_requested = Signal(str)

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = tag
        self.is_plain = not is_key_value_tag(tag)
        self.setObjectName("tagChip")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Tag {tag}")
        self.setAccessibleDescription(self.tr("Delete or Backspace removes it"))
        if self.is_plain:
            role = "tag-plain"
            text = f"⚠ {escape(tag)}"
            self.setToolTip(f"“{tag}”: {PLAIN_TAG_HINT}")
        else:
            key, _, value = tag.partition(":")
            role = "tag"
            text = f"{escape(key.strip())}&nbsp;<b>{escape(value.strip())}</b>"
            self.setToolTip(tag)
        set_role(self, role)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.remove_button = QToolButton(self)
        self.remove_button.setText(self.tr("✕"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button.setToolTip(f"Remove the tag “{tag}”")
        self.remove_button.setAccessibleName(f"Remove tag {tag}")
        set_role(self.remove_button, "chip-remove")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.tag))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 1, 3, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(self.tag)
            return
        super().keyPressEvent(event)


class _TagInput(QLineEdit):
    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focused.emit()
        super().focusInEvent(event)


class TagsEditor(QWidget):
    """Edits a list of tags. ``tags_changed`` fires with the new list after every change."""

    tags_changed = Signal(list)

    def __init__(
        self,
        tags: Sequence[str] = (),
        *,
        suggestions: SuggestionsProvider | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._chips: list[TagChip] = []
        self._suggestions = suggestions

        self.chip_area = QWidget(self)
        self.chip_layout = FlowLayout(self.chip_area)
        self.empty_label = QLabel(self.tr("No tags"), self.chip_area)
        set_role(self.empty_label, "muted")
        self.chip_layout.addWidget(self.empty_label)

        self.input = _TagInput(self)
        self.input.setAccessibleName(self.tr("New tag"))
        self.input.setPlaceholderText(self.tr("Add a tag (key:value) and press Enter"))
        self.input.setMaxLength(TAG_MAX_LENGTH)
        self.input.setClearButtonEnabled(True)
        self._completion_model = QStringListModel(self)
        completer = QCompleter(self._completion_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.input.setCompleter(completer)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setEnabled(False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "warning")
        self.hint.hide()
        self.error_label = ErrorLabel(self)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.chip_area)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addStretch(1)  # spare height goes below, never between chips and input

        self.input.returnPressed.connect(self._on_input_return_pressed)
        self.input.textChanged.connect(self._on_input_text_changed)
        self.input.focused.connect(self.refresh_suggestions)
        self.add_button.clicked.connect(self._on_input_return_pressed)
        self.set_tags(tags)

    # -- public ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: Sequence[str]) -> None:
        """Show ``tags`` (no ``tags_changed``: this is loading, not editing)."""
        self._tags = list(tags)
        self._rebuild()

    def add_tag(self, text: str) -> bool:
        """Add a tag; False (with the reason shown) for a blank, duplicate or invalid one."""
        tag = text.strip()
        if not tag:
            return False
        problem = self._problem_with(tag)
        if problem:
            self._show_hint(problem, error=True)
            return False
        self._tags.append(tag)
        self._rebuild()
        self.input.clear()
        self._show_hint(f"Added “{tag}”. {PLAIN_TAG_HINT}" if not is_key_value_tag(tag) else "")
        self.tags_changed.emit(self.tags())
        return True

    def remove_tag(self, tag: str) -> None:
        if tag in self._tags:
            self._tags.remove(tag)
            self._rebuild()
            self.tags_changed.emit(self.tags())

    def set_errors(self, messages: Sequence[str]) -> None:
        """The validator's or server's messages for the tags (``tags.3`` and the like)."""
        self.error_label.set_messages(messages)

    def refresh_suggestions(self) -> None:
        """Offer the tags seen in loaded orders that this list does not have yet."""
        seen = set(self._suggestions()) if self._suggestions is not None else set()
        self._completion_model.setStringList(sorted(seen - set(self._tags), key=str.casefold))

    def chips(self) -> list[TagChip]:
        return list(self._chips)

    # -- internals ---------------------------------------------------------------------

    def _problem_with(self, tag: str) -> str:
        if not tag:
            return ""
        if tag in self._tags:
            return f"“{tag}” is already a tag of this order."
        if len(self._tags) >= TAGS_MAX_COUNT:
            return f"An order can have at most {TAGS_MAX_COUNT} tags."
        errors = check_tags([tag])
        return errors[0].detail if errors else ""

    def _show_hint(self, text: str, *, error: bool = False) -> None:
        set_role(self.hint, "danger" if error else "warning")
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _rebuild(self) -> None:
        old = self._chips
        # Whatever comes before the tags in the Tab order (old chips are going).
        # (Qt's setTabOrder ignores widgets that take no focus, so skip those too.)
        before = self.input.previousInFocusChain()
        while (
            before is not None
            and before is not self.input
            and (before in old or before.focusPolicy() == Qt.FocusPolicy.NoFocus)
        ):
            before = before.previousInFocusChain()
        for chip in old:
            self.chip_layout.removeWidget(chip)
            chip.hide()
            chip.setParent(None)  # out of the focus chain now, not at the next event
            chip.deleteLater()
        self._chips = []
        for tag in self._tags:
            chip = TagChip(tag, self.chip_area)
            chip.remove_requested.connect(self._on_chip_remove_requested)
            self.chip_layout.addWidget(chip)
            chip.show()  # now, not at the next event: it may take the focus at once
            self._chips.append(chip)
        # Tab visits the chips in their order, then the input: as they are drawn.
        order: list[QWidget] = [*self._chips, self.input]
        if before is not None:
            order.insert(0, before)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.empty_label.setVisible(not self._tags)
        self.chip_area.updateGeometry()
        self.refresh_suggestions()

    def _on_chip_remove_requested(self, tag: str) -> None:
        index = self._tags.index(tag) if tag in self._tags else -1
        had_focus = any(chip.hasFocus() for chip in self._chips)
        self.remove_tag(tag)
        if had_focus:
            # The focus stays in the tags: on the chip that took this one's place, else the
            # input.
            chips = self._chips
            (chips[min(index, len(chips) - 1)] if chips else self.input).setFocus(
                Qt.FocusReason.OtherFocusReason
            )

    def _on_input_return_pressed(self) -> None:
        self.add_tag(self.input.text())

    def _on_input_text_changed(self, text: str) -> None:
        tag = text.strip()
        self.add_button.setEnabled(bool(tag))
        problem = self._problem_with(tag)
        if problem:
            self._show_hint(problem, error=True)
        elif tag and not is_key_value_tag(tag) and ":" not in tag:
            self._show_hint("Plain tag: the convention is key:value, e.g. priority:vip.")
        else:
            self._show_hint("")
