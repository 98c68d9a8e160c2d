"""Names for screen readers, and announcements of what changed.

Qt names a field after its buddy label only when both share a parent; forms that wrap a
field with its error line in a cell widget lose that. ``name_fields_from_labels`` gives every
buddy (and an editable combo box's line edit) its label's words as the accessible name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

__all__ = ["announce", "label_words", "name_fields_from_labels", "set_accessible_name"]


def set_accessible_name(widget: QWidget, name: str) -> None:
    """Name ``widget`` and the line edit inside it (editable combo box, spin box, date edit),
    which takes the focus itself."""
    widget.setAccessibleName(name)
    inner = widget.lineEdit() if isinstance(widget, QComboBox) else None
    if inner is None and isinstance(widget, QAbstractSpinBox):
        inner = widget.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)


def label_words(text: str) -> str:
    """``"&Order number:"`` -> ``"Order number"``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def name_fields_from_labels(root: QWidget) -> None:
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not label.text():
            continue
        target = _focus_target(buddy)
        if target is not None and not target.accessibleName():
            set_accessible_name(target, label_words(label.text()))


def _focus_target(widget: QWidget) -> QWidget | None:
    """The widget that takes the focus for ``widget``: itself, its proxy, or (for a cell
    holding a field and its error line) the first focusable widget inside."""
    proxy = widget.focusProxy() or widget
    if proxy.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return proxy
    for child in proxy.findChildren(QWidget):
        if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return child
    return None


def announce(widget: QWidget, text: str) -> None:
    """Tell screen readers about a state change that matters (saved, failed, loading more)."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
