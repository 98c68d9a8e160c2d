"""Help > Third-party licences: every component the installed copy carries, with its texts.

A list on the left (name, version, licence), the selected component's licence files on the
right. Qt's entry carries the LGPL and the notice on replacing the Qt libraries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.third_party import (
    Component,
    LicencesUnavailableError,
    licences_dir,
    load_components,
    read_text,
)


class LicencesDialog(QDialog):
    """Shows the licence texts from ``folder`` (the bundle's by default)."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licencesDialog")
        self.setWindowTitle(self.tr("Third-party licences"))
        self.resize(900, 600)
        self._folder = folder if folder is not None else licences_dir()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.components = QListWidget(self)
        self.components.setObjectName("licenceComponents")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.components)
        splitter.addWidget(self.text)
        splitter.setSizes([260, 640])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.components.currentItemChanged.connect(self._show_selected)
        self._load()

    def _load(self) -> None:
        if self._folder is None:
            self.intro.setText(
                self.tr(
                    "This copy runs from source. Installed copies list every library they "
                    "carry here, with its licence; the installers' build collects them."
                )
            )
            self.components.setVisible(False)
            self.text.setVisible(False)
            return
        try:
            components = load_components(self._folder)
        except LicencesUnavailableError as exc:
            self.intro.setText(str(exc))
            return
        self.intro.setText(
            self.tr(
                "parcelLab Desk is built with these {count} components. Qt is used under "
                "the LGPL-3.0: its entry says how to run the console with other Qt libraries."
            ).format(count=len(components))
        )
        for component in components:
            item = QListWidgetItem(f"{component.title}\n{component.licence}", self.components)
            item.setData(Qt.ItemDataRole.UserRole, component)
            item.setToolTip(component.licence)
        qt = next((i for i in range(self.components.count()) if self._at(i).name == "Qt"), 0)
        self.components.setCurrentRow(qt)

    def _at(self, row: int) -> Component:
        component = self.components.item(row).data(Qt.ItemDataRole.UserRole)
        assert isinstance(component, Component)
        return component

    def _show_selected(self, item: QListWidgetItem | None) -> None:
        if item is None or self._folder is None:
            return
        component = item.data(Qt.ItemDataRole.UserRole)
        assert isinstance(component, Component)
        parts = []
        for relative in component.files:
            try:
                body = read_text(self._folder, relative)
            except LicencesUnavailableError as exc:
                body = str(exc)
            parts.append(f"==== {relative.split('/', 1)[-1]} ====\n\n{body.strip()}\n")
        self.text.setPlainText("\n".join(parts) or self.tr("No licence file."))
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)

    def shown_text(self) -> str:
        return self.text.toPlainText()
