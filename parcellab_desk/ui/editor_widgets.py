"""Small widgets the order editor and its dialogs share: a flow layout for chips, status
badges, the error banner with Retry, the red line under a field, and searchable code lists
(countries, languages, time zones)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from functools import cache

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from parcellab_desk.qt.order_columns import BadgeTone
from parcellab_desk.ui.theme import set_role

__all__ = [
    "BadgeLabel",
    "Banner",
    "CodeCombo",
    "ErrorLabel",
    "FlowLayout",
    "country_items",
    "language_items",
    "zone_items",
    "zone_label",
]


class FlowLayout(QLayout):
    """Lays children out left to right and wraps, like words (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def badge_style(tone: BadgeTone) -> str:
    """The role that gives a chip its group's colours (see ``theme.style_sheet``)."""
    return f"chip-{tone.value}"


class BadgeLabel(QLabel):
    """A status in words on a tinted pill: the words carry the meaning, the tint helps."""

    def __init__(
        self, text: str = "", tone: BadgeTone = BadgeTone.NEUTRAL, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.set_badge(text, tone)

    def set_badge(self, text: str, tone: BadgeTone) -> None:
        self.tone = tone
        self.setText(text)
        set_role(self, badge_style(tone))
        self.setVisible(bool(text))


class ErrorLabel(QLabel):
    """The validator's or the server's words under a field; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self, "field-error")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def set_messages(self, messages: Sequence[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


class Banner(QFrame):
    """Errors that belong to no field, at the top of the pane, with Retry when it can help.

    The action button's text can change (``Check again`` when a save's outcome is unknown),
    and a second action (``Send again``) can be offered beside it."""

    retry_requested = Signal()
    second_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        set_role(self, "banner")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Send the same changes again"))
        self.retry_button.clicked.connect(self.retry_requested)
        self.second_button = QPushButton(self)
        self.second_button.clicked.connect(self.second_requested)
        self.second_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText(self.tr("✕"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.second_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        can_retry: bool,
        action: tuple[str, str] = ("Retry", "Send the same changes again"),
        second: tuple[str, str] | None = None,
    ) -> None:
        """``action`` and ``second`` are (button text, tooltip)."""
        self.message.setText(text)
        self.retry_button.setText(action[0])
        self.retry_button.setToolTip(action[1])
        self.retry_button.setVisible(can_retry)
        if second is not None:
            self.second_button.setText(second[0])
            self.second_button.setToolTip(second[1])
        self.second_button.setVisible(second is not None)
        self.show()

    def clear(self) -> None:
        self.message.clear()
        self.hide()


# --- code lists -------------------------------------------------------------------------


@cache
def country_items() -> tuple[tuple[str, str], ...]:
    """(code, "DEU — Germany") for every ISO 3166-1 country, by name."""
    import pycountry

    countries = sorted(pycountry.countries, key=lambda c: str(c.name))
    return tuple((str(c.alpha_3), f"{c.alpha_3} — {c.name}") for c in countries)


@cache
def language_items() -> tuple[tuple[str, str], ...]:
    """(code, "de — German") for every ISO 639-1 language, by name."""
    from parcellab_desk.api.validation import iso639_1_languages

    languages = sorted(iso639_1_languages(), key=lambda item: item[1])
    return tuple((code, f"{code} — {name}") for code, name in languages)


@cache
def zone_items() -> tuple[tuple[str, str], ...]:
    """(name, name) for every IANA zone, alphabetically (legacy aliases last)."""
    from parcellab_desk.api.validation import iana_zones

    names = sorted(iana_zones(), key=lambda n: ("/" not in n or n.startswith("Etc/"), n))
    return tuple((name, name) for name in names)


def zone_label(tz: tzinfo | None, at: datetime) -> str:
    """``Europe/Berlin (UTC+01:00)``: the zone's name and its offset at ``at``."""
    local = at.astimezone(tz)
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    name = getattr(local.tzinfo, "key", None) or local.tzname() or "local time"
    return f"{name} (UTC{sign}{hours:02d}:{rest:02d})"


class CodeCombo(QComboBox):
    """A searchable list of codes (type part of a name or a code) that also takes free text.

    ``code()`` is the chosen code, a typed code in any letter case, None when empty, or the
    text as typed when it matches nothing (so the validator can name the mistake).
    """

    code_changed = Signal()

    def __init__(
        self,
        items: Iterable[tuple[str, str]],
        *,
        upper: bool = False,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._upper = upper
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.addItem("", None)
        self._by_code: dict[str, int] = {}
        self._by_text: dict[str, str] = {}
        for code, text in items:
            self.addItem(text, code)
            self._by_code[code.casefold()] = self.count() - 1
            self._by_text[text.casefold()] = code
            _, dash, name = text.partition(" — ")
            if dash:  # "Germany" alone finds "DEU — Germany"
                self._by_text.setdefault(name.casefold(), code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # editable, so it has one
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        self.editTextChanged.connect(self._on_self_edit_text_changed)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def code(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        found = self._by_text.get(text.casefold())
        if found is not None:
            return found
        index = self._by_code.get(text.casefold())
        if index is not None:
            return str(self.itemData(index))
        return text.upper() if self._upper else text

    def set_code(self, code: str | None) -> None:
        self.blockSignals(True)
        try:
            index = self._by_code.get(code.casefold()) if code else 0
            if index is not None:
                self.setCurrentIndex(index)
                self.setEditText(self.itemText(index))
            else:
                self.setCurrentIndex(-1)
                self.setEditText(code or "")
        finally:
            self.blockSignals(False)

    def _on_self_edit_text_changed(self, _text: str) -> None:
        self.code_changed.emit()
