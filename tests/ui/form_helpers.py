"""Typing into a form field as the agent would, whatever widget its binding uses."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from parcellab_desk.ui.field_bindings import CheckBinding, FieldBinding


def enter(binding: FieldBinding, text: str) -> None:
    """Replace the field's text (its edit signals fire, so the form sees a change)."""
    widget = binding.widget
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    elif isinstance(widget, QComboBox):
        widget.setEditText(text)
    else:  # pragma: no cover - a field kind without text
        raise AssertionError(f"{binding.spec.name} takes no text")


def tick(binding: FieldBinding, checked: bool = True) -> None:
    assert isinstance(binding, CheckBinding)
    binding.box.setChecked(checked)
