"""One search box (Ctrl+L) for whatever the customer wrote, with suggestions from this session.

Enter asks for a search (``search_requested``); the window runs it and shows the result. While
the agent types, orders of this session whose number starts with or contains the text are
offered below the box (recent ones first, each marked "recent" or "loaded"): the service
matches whole numbers only, so a partial number is found here or not at all. A sentence under
the box says what a search could not find; it goes away as soon as the agent types again or
an order opens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from parcellab_desk.services.order_suggestions import Suggestion, SuggestionSource
from parcellab_desk.ui.theme import set_role

__all__ = ["SUGGESTION_ROLE", "SearchBox"]

SUGGESTION_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# What goes into the box when a suggestion is taken (the display text says more; in a
# QStandardItem, DisplayRole and EditRole are one value, so the number has a role of its own).
COMPLETION_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_SUGGEST_DELAY_MS = 120  # typing faster than this asks once

Suggest = Callable[[str], Sequence[Suggestion]]


class SearchBox(QWidget):
    """The "Open order" search line with its suggestions and its message line."""

    search_requested = Signal(str)  # the text as typed (the lookup cleans it)
    suggestion_chosen = Signal(object)  # a Suggestion

    def __init__(self, parent: QWidget | None = None, suggest: Suggest | None = None) -> None:
        super().__init__(parent)
        self._suggest = suggest
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchBox")
        self.edit.setPlaceholderText(
            self.tr(
                "Order number, e-mail, tracking number, customer number, reference or id, "
                "then Enter"
            )
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Open order"))
        self.edit.setAccessibleDescription(
            self.tr("Takes whatever the customer wrote; Enter searches, Down shows suggestions")
        )
        label = QLabel(self.tr("O&pen order:"), self)  # Alt+O is the Order menu
        label.setBuddy(self.edit)
        self.busy_label = QLabel(self)
        self.busy_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.message = QLabel(self)
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(COMPLETION_ROLE)
        self.completer.setWidget(self.edit)
        self.completer.setMaxVisibleItems(8)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(_SUGGEST_DELAY_MS)

        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(label)
        line.addWidget(self.edit, 1)
        line.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.message)

        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self._suggest_timer.timeout.connect(self.update_suggestions)
        # the index overload: the text alone cannot tell two accounts' "#1001" apart
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated
        )

    # -- public -------------------------------------------------------------------------

    def set_suggest(self, suggest: Suggest | None) -> None:
        self._suggest = suggest

    def text(self) -> str:
        return self.edit.text()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Searching…") if busy else "")

    def show_message(self, text: str, *, problem: bool = True) -> None:
        """A sentence under the box (what was not found, or why the search failed)."""
        self.message.setText(text)
        set_role(self.message, "danger" if problem else "muted")
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def update_suggestions(self) -> None:
        """Offer this session's orders like the text (shows the popup when there are any)."""
        self._suggest_timer.stop()
        self.suggestions.clear()
        text = self.edit.text()
        found = list(self._suggest(text)) if self._suggest is not None and text.strip() else []
        for suggestion in found:
            self.suggestions.appendRow(self._item(suggestion))
        popup = self.completer.popup()
        if found and self.edit.hasFocus():
            self.completer.complete()
        elif popup is not None:
            popup.hide()

    # -- internals ----------------------------------------------------------------------

    def _item(self, suggestion: Suggestion) -> QStandardItem:
        source = (
            self.tr("recent") if suggestion.source is SuggestionSource.RECENT else self.tr("loaded")
        )
        account = (
            self.tr("account {account}").format(account=suggestion.account)
            if suggestion.account is not None
            else ""
        )
        detail = " · ".join(
            p for p in (account, self.tr("from this session: {source}").format(source=source)) if p
        )
        item = QStandardItem(f"{suggestion.order_number}    {detail}")
        item.setData(suggestion.order_number, COMPLETION_ROLE)
        item.setData(suggestion, SUGGESTION_ROLE)
        item.setToolTip(self.tr("Known from this session, not a search of the service"))
        return item

    def _on_edit_text_edited(self, _text: str) -> None:
        self.clear_message()
        self._suggest_timer.start()

    def _on_edit_return_pressed(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # Enter in the popup picks a suggestion (activated)
        self._suggest_timer.stop()
        text = self.edit.text().strip()
        if text:
            self.search_requested.emit(text)

    def _on_completer_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        suggestion = index.data(SUGGESTION_ROLE)
        if isinstance(suggestion, Suggestion):
            self.edit.setText(suggestion.order_number)
            self.suggestion_chosen.emit(suggestion)
