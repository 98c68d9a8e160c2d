"""One binding per kind of field: a widget, its JSON value, a ``changed`` signal, its errors.

A form (the order editor, the tracking form) is layout plus bindings: it asks the schema
which fields it shows and in which order, makes a binding for each with ``bind``, and reads
and writes JSON values without knowing which widget stands behind a field. ``write`` loads a
value without emitting ``changed`` (loading is not editing); ``changed`` fires on the agent's
edits only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, Final

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.schema import FieldSpec, WidgetKind
from parcellab_desk.services.order_editing import value_from_text
from parcellab_desk.ui.accessibility import set_accessible_name
from parcellab_desk.ui.editor_widgets import (
    CodeCombo,
    ErrorLabel,
    country_items,
    language_items,
    zone_items,
)
from parcellab_desk.ui.tags_editor import SuggestionsProvider, TagsEditor
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

__all__ = [
    "CheckBinding",
    "ChoiceBinding",
    "CodeBinding",
    "DateTimeBinding",
    "FieldBinding",
    "TagsBinding",
    "TextBinding",
    "TriStateBinding",
    "bind",
]


class FieldBinding(QObject):
    """A field's widget and the JSON value it stands for. ``cell`` is what a form lays out:
    the input with its error line under it."""

    changed = Signal()

    widget: QWidget

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.cell = QWidget(parent)
        self.error_label = ErrorLabel(self.cell)
        self._layout = QVBoxLayout(self.cell)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def _attach(self, widget: QWidget) -> None:
        """Put the input into the cell, above its error line."""
        self.widget = widget
        widget.setToolTip(self.spec.hint or self.spec.title)
        set_accessible_name(widget, self.spec.title)  # and a combo box's own line edit
        self._layout.addWidget(widget)
        self._layout.addWidget(self.error_label)

    def _on_widget_changed(self, *_args: object) -> None:
        self.changed.emit()

    @property
    def focus_target(self) -> QWidget:
        """The widget that takes the cursor when the agent jumps to this field."""
        return self.widget

    def read(self) -> Any:
        raise NotImplementedError

    def _load(self, value: Any) -> None:
        raise NotImplementedError

    def write(self, value: Any) -> None:
        """Show ``value`` (JSON form) without emitting ``changed``."""
        blocked = self.blockSignals(True)
        try:
            self._load(value)
        finally:
            self.blockSignals(blocked)

    def set_errors(self, messages: Sequence[str]) -> None:
        self.error_label.set_messages(messages)

    def errors(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self.cell) else ""

    def set_locked(self, locked: bool) -> None:
        """Shown but not changeable (a tracking's courier and number once it exists)."""
        self.widget.setEnabled(not locked)


class TextBinding(FieldBinding):
    """One line of text (also dates typed as YYYY-MM-DD): blank clears a nullable field."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self.cell)
        self.edit.setPlaceholderText(spec.placeholder_text)
        if spec.max_length is not None:
            self.edit.setMaxLength(spec.max_length + 1)  # one over: the validator says so
        self._attach(self.edit)
        self.edit.textChanged.connect(self._on_widget_changed)

    def read(self) -> Any:
        return value_from_text(self.spec, self.edit.text())

    def _load(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def set_locked(self, locked: bool) -> None:
        # Read-only rather than disabled: the text can still be selected and copied.
        self.edit.setReadOnly(locked)


class ChoiceBinding(FieldBinding):
    """Free text with suggestions (order status, courier, account numbers)."""

    def __init__(self, spec: FieldSpec, parent: QWidget, suggestions: Iterable[str] = ()) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self.cell)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(["", *dict.fromkeys([*spec.suggestions, *suggestions])])
        line = self.combo.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(spec.placeholder_text)
        self._attach(self.combo)
        self.combo.editTextChanged.connect(self._on_widget_changed)

    def read(self) -> Any:
        return value_from_text(self.spec, self.combo.currentText())

    def _load(self, value: Any) -> None:
        self.combo.setEditText("" if value is None else str(value))


_TRISTATE: Final = (
    (QT_TRANSLATE_NOOP("FieldBindings", "Unknown"), None),
    (QT_TRANSLATE_NOOP("FieldBindings", "Yes"), True),
    (QT_TRANSLATE_NOOP("FieldBindings", "No"), False),
)


class TriStateBinding(FieldBinding):
    """Unknown / Yes / No for a nullable yes-or-no field."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self.cell)
        for text, value in _TRISTATE:
            self.combo.addItem(translate("FieldBindings", text), value)
        self._attach(self.combo)
        self.combo.currentIndexChanged.connect(self._on_widget_changed)

    def read(self) -> Any:
        return self.combo.currentData()

    def _load(self, value: Any) -> None:
        values = [v for _, v in _TRISTATE]
        self.combo.setCurrentIndex(values.index(value) if value in values else 0)


class CheckBinding(FieldBinding):
    """A check box whose text is the spec's placeholder. Unticked reads as unset while the
    saved value was unset (an untouched box sends nothing), else as False."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(spec.placeholder_text or spec.title, self.cell)
        self._loaded: Any = None
        self._attach(self.box)
        self.box.toggled.connect(self._on_widget_changed)

    def read(self) -> Any:
        if self.box.isChecked():
            return True
        return None if self._loaded is None else False

    def _load(self, value: Any) -> None:
        self._loaded = value
        self.box.setChecked(bool(value))


_CODE_LISTS: Final[dict[WidgetKind, tuple[Callable[[], Iterable[tuple[str, str]]], bool]]] = {
    WidgetKind.COUNTRY: (country_items, True),
    WidgetKind.LANGUAGE: (language_items, False),
    WidgetKind.TIMEZONE: (zone_items, False),
}


class CodeBinding(FieldBinding):
    """A searchable code list (countries, languages, time zones) that also takes free text."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        assert spec.widget is not None
        items, upper = _CODE_LISTS[spec.widget]
        self.combo = CodeCombo(
            items(), upper=upper, placeholder=spec.placeholder_text, parent=self.cell
        )
        self._attach(self.combo)
        self.combo.code_changed.connect(self._on_widget_changed)

    def read(self) -> Any:
        return self.combo.code()

    def _load(self, value: Any) -> None:
        self.combo.set_code(value)


class TagsBinding(FieldBinding):
    """Chips; the tags editor shows its own errors under its input."""

    def __init__(
        self, spec: FieldSpec, parent: QWidget, suggestions: SuggestionsProvider | None = None
    ) -> None:
        super().__init__(spec, parent)
        self.tags_editor = TagsEditor(suggestions=suggestions, parent=self.cell)
        self.tags_editor.input.setPlaceholderText(spec.placeholder_text)
        self._attach(self.tags_editor)
        self.tags_editor.setToolTip("")  # the chips carry their own tooltips
        self.tags_editor.tags_changed.connect(self._on_widget_changed)

    @property
    def focus_target(self) -> QWidget:
        return self.tags_editor.input

    def read(self) -> Any:
        return self.tags_editor.tags()

    def _load(self, value: Any) -> None:
        self.tags_editor.set_tags(list(value or []))

    def set_errors(self, messages: Sequence[str]) -> None:
        self.tags_editor.set_errors(messages)

    def errors(self) -> str:
        label = self.tags_editor.error_label
        return label.text() if label.isVisibleTo(self.tags_editor) else ""


def _date_time_format(locale: QLocale) -> str:
    """The locale's short date and time, with a four-digit year (27.11.2026 14:05)."""
    date = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in date:
        date = date.replace("yy", "yyyy")
    return f"{date} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"


class DateTimeBinding(FieldBinding):
    """A date and time in ``tz`` (the agent's zone); the JSON value is ISO 8601 with offset."""

    def __init__(self, spec: FieldSpec, parent: QWidget, tz: tzinfo | None = None) -> None:
        super().__init__(spec, parent)
        self._tz = tz
        self.edit = QDateTimeEdit(self.cell)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(_date_time_format(QLocale()))
        self._attach(self.edit)
        self.edit.dateTimeChanged.connect(self._on_widget_changed)

    def moment(self) -> datetime:
        """The shown date and time in the binding's zone (aware)."""
        shown = self.edit.dateTime()
        day, clock = shown.date(), shown.time()
        naive = datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
        )
        return naive.replace(tzinfo=self._tz) if self._tz is not None else naive.astimezone()

    def read(self) -> Any:
        return self.moment().isoformat(timespec="seconds")

    def _load(self, value: Any) -> None:
        moment = datetime.fromisoformat(value) if isinstance(value, str) and value else None
        local = (moment or datetime.now().astimezone()).astimezone(self._tz)
        shown = QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute, local.second),
        )
        self.edit.setDateTime(shown)


def bind(
    spec: FieldSpec,
    parent: QWidget,
    *,
    suggestions: Iterable[str] = (),
    tag_suggestions: SuggestionsProvider | None = None,
    tz: tzinfo | None = None,
) -> FieldBinding:
    """The binding for ``spec``'s widget kind. ``suggestions`` add to the schema's (an
    account field offers the profile's accounts)."""
    kind = spec.widget
    if kind is WidgetKind.TEXT or kind is WidgetKind.DATE:
        return TextBinding(spec, parent)
    if kind is WidgetKind.INTEGER or kind is WidgetKind.CHOICE:
        return ChoiceBinding(spec, parent, suggestions)
    if kind is WidgetKind.TRISTATE:
        return TriStateBinding(spec, parent)
    if kind is WidgetKind.CHECK:
        return CheckBinding(spec, parent)
    if kind in _CODE_LISTS:
        return CodeBinding(spec, parent)
    if kind is WidgetKind.TAGS:
        return TagsBinding(spec, parent, tag_suggestions)
    if kind is WidgetKind.DATETIME:
        return DateTimeBinding(spec, parent, tz)
    raise ValueError(f"{spec.name} has no widget kind")
