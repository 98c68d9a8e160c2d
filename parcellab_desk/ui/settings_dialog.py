"""File ▸ Settings: the console's language and appearance.

Appearance changes at once; a new language needs a restart (every window is built in one
language), which the dialog says as soon as the choice differs from what is shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.qt.i18n import Language, resolve_language, store_language, stored_language
from parcellab_desk.ui.accessibility import name_fields_from_labels
from parcellab_desk.ui.theme import Appearance, ThemeController, set_role

__all__ = ["SettingsDialog"]


class SettingsDialog(QDialog):
    def __init__(
        self, theme: ThemeController | None, shown_language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._shown_language = shown_language
        self.setWindowTitle(self.tr("Settings"))

        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Language"))
        for language, label in (
            (Language.SYSTEM, self.tr("As the operating system")),
            (Language.ENGLISH, "English"),
            (Language.GERMAN, "Deutsch"),
        ):
            self.language_combo.addItem(label, language.value)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(stored_language().value))
        )

        self.appearance_combo = QComboBox(self)
        self.appearance_combo.setAccessibleName(self.tr("Appearance"))
        for appearance, label in (
            (Appearance.SYSTEM, self.tr("As the operating system")),
            (Appearance.LIGHT, self.tr("Light")),
            (Appearance.DARK, self.tr("Dark")),
        ):
            self.appearance_combo.addItem(label, appearance.value)
        current = theme.appearance if theme is not None else Appearance.SYSTEM
        self.appearance_combo.setCurrentIndex(max(0, self.appearance_combo.findData(current.value)))
        self.appearance_combo.setEnabled(theme is not None)

        self.restart_note = QLabel(
            self.tr("The new language is used from the next start of the console."), self
        )
        self.restart_note.setWordWrap(True)
        set_role(self.restart_note, "muted")
        self.restart_note.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language_combo)
        form.addRow(self.tr("&Appearance:"), self.appearance_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        name_fields_from_labels(self)

    def chosen_language(self) -> Language:
        return Language(str(self.language_combo.currentData()))

    def chosen_appearance(self) -> Appearance:
        return Appearance(str(self.appearance_combo.currentData()))

    def _on_language_changed(self, _index: int) -> None:
        differs = resolve_language(self.chosen_language()) != self._shown_language
        self.restart_note.setVisible(differs)
        self.adjustSize()

    def accept(self) -> None:
        store_language(self.chosen_language())
        if self._theme is not None and self.chosen_appearance() is not self._theme.appearance:
            self._theme.set_appearance(self.chosen_appearance())
        super().accept()
