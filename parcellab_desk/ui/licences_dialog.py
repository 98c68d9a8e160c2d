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
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
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
        self.resize(1000, 620)
        self._folder = folder if folder is not None else licences_dir()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.components = QTreeWidget(self)
        self.components.setObjectName("licenceComponents")
        self.components.setHeaderLabels([self.tr("Component"), self.tr("Licence")])
        self.components.setRootIsDecorated(False)
        self.components.setAlternatingRowColors(True)
        self.components.setUniformRowHeights(True)
        header = self.components.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # licence texts are laid out with line breaks of their own
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.components)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 650])
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
        qt: QTreeWidgetItem | None = None
        for component in components:
            item = QTreeWidgetItem(self.components, [component.title, component.licence])
            item.setData(0, Qt.ItemDataRole.UserRole, component)
            item.setToolTip(1, component.licence)
            if component.name == "Qt":
                qt = item
        first = qt or self.components.topLevelItem(0)
        if first is not None:
            self.components.setCurrentItem(first)
            self.components.scrollToItem(first, QTreeWidget.ScrollHint.PositionAtCenter)

    def select(self, name: str) -> bool:
        """Show the component called ``name``; False when there is none."""
        for index in range(self.components.topLevelItemCount()):
            item = self.components.topLevelItem(index)
            component = item.data(0, Qt.ItemDataRole.UserRole) if item else None
            if item is not None and isinstance(component, Component) and component.name == name:
                self.components.setCurrentItem(item)
                return True
        return False

    def current_name(self) -> str | None:
        item = self.components.currentItem()
        component = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return component.name if isinstance(component, Component) else None

    def _show_selected(self, item: QTreeWidgetItem | None) -> None:
        if item is None or self._folder is None:
            return
        component = item.data(0, Qt.ItemDataRole.UserRole)
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
