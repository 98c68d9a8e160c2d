"""Each field kind's binding: loading a value is silent, the agent's edit is one ``changed``,
and reading gives the JSON value the contract expects."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from parcellab_desk.api.schema import ORDER_FIELD, TRACKING_FIELD, FieldSpec, WidgetKind
from parcellab_desk.ui.field_bindings import (
    CheckBinding,
    ChoiceBinding,
    CodeBinding,
    DateTimeBinding,
    FieldBinding,
    TagsBinding,
    TextBinding,
    TriStateBinding,
    bind,
)


class Recorder:
    """Counts ``changed``; holds the form the binding lives in (Python owns it)."""

    def __init__(self, binding: FieldBinding, form: QWidget) -> None:
        self.count = 0
        self.form = form
        binding.changed.connect(self._count)

    def _count(self) -> None:
        self.count += 1


def make(qtbot: QtBot, spec: FieldSpec, **options: object) -> tuple[FieldBinding, Recorder]:
    parent = QWidget()
    qtbot.addWidget(parent)
    binding = bind(spec, parent, **options)  # type: ignore[arg-type]
    binding.cell.setParent(parent)
    parent.show()
    return binding, Recorder(binding, parent)


def test_text_blank_is_the_fields_empty_value_and_blank_for_a_required_one(
    qtbot: QtBot,
) -> None:
    binding, changes = make(qtbot, ORDER_FIELD["external_reference"])
    assert isinstance(binding, TextBinding)
    binding.write("REF-1")
    assert changes.count == 0
    assert binding.edit.text() == "REF-1"
    binding.edit.selectAll()
    QTest.keyClicks(binding.edit, "  REF-2 ")
    assert binding.read() == "REF-2"  # pasted blanks dropped
    binding.edit.clear()
    assert binding.read() == ""  # how the service empties a text field
    assert changes.count >= 2

    number, _ = make(qtbot, ORDER_FIELD["order_number"])
    number.write(None)
    assert number.read() == ""  # required: the validator says "may not be blank"


def test_integer_offers_known_accounts_and_takes_others(qtbot: QtBot) -> None:
    binding, changes = make(qtbot, ORDER_FIELD["account"], suggestions=["1001", "1002"])
    assert isinstance(binding, ChoiceBinding)
    items = [binding.combo.itemText(i) for i in range(binding.combo.count())]
    assert items == ["", "1001", "1002"]
    binding.write(1002)
    assert changes.count == 0
    assert binding.read() == 1002
    binding.combo.setEditText("4711")
    assert binding.read() == 4711
    binding.combo.setEditText("47a")
    assert binding.read() == "47a"  # not a number: kept, so the validator can say so
    assert changes.count == 2


def test_choice_suggests_the_schema_values_and_allows_free_text(qtbot: QtBot) -> None:
    binding, changes = make(qtbot, ORDER_FIELD["order_status"])
    assert isinstance(binding, ChoiceBinding)
    assert binding.combo.findText("Delivered") > 0
    binding.write("Delivered")
    assert changes.count == 0
    binding.combo.setEditText("Awaiting pickup")
    assert binding.read() == "Awaiting pickup"
    assert changes.count == 1


def test_tristate_reads_unknown_yes_no(qtbot: QtBot) -> None:
    binding, changes = make(qtbot, ORDER_FIELD["has_multiple_shipments"])
    assert isinstance(binding, TriStateBinding)
    for value in (True, False, None):
        binding.write(value)
        assert binding.read() is value
    assert changes.count == 0
    binding.combo.setCurrentIndex(1)
    assert binding.read() is True
    assert changes.count == 1


def test_check_leaves_an_unset_value_unset_until_ticked(qtbot: QtBot) -> None:
    binding, changes = make(qtbot, TRACKING_FIELD["is_return"])
    assert isinstance(binding, CheckBinding)
    binding.write(None)
    assert binding.read() is None
    binding.box.setChecked(True)
    assert binding.read() is True
    binding.box.setChecked(False)
    assert binding.read() is None  # back to untouched: nothing to send
    binding.write(True)
    binding.box.setChecked(False)
    assert binding.read() is False  # a saved yes becomes an explicit no
    assert changes.count == 3


@pytest.mark.parametrize(
    ("name", "typed", "code", "shown"),
    [
        ("destination_country_iso3", "Germany", "DEU", "DEU — Germany"),
        ("language_iso2", "de", "de", "de — German"),
        ("timezone", "europe/berlin", "Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_code_lists_find_by_name_or_code(
    qtbot: QtBot, name: str, typed: str, code: str, shown: str
) -> None:
    binding, changes = make(qtbot, ORDER_FIELD[name])
    assert isinstance(binding, CodeBinding)
    binding.write(code)
    assert binding.combo.currentText() == shown
    assert changes.count == 0
    binding.combo.setEditText(typed)
    assert binding.read() == code
    binding.combo.setEditText("")
    assert binding.read() is None
    assert changes.count == 2


def test_tags_edit_through_the_chips(qtbot: QtBot) -> None:
    binding, changes = make(qtbot, ORDER_FIELD["tags"], tag_suggestions=lambda: ["a:b"])
    assert isinstance(binding, TagsBinding)
    binding.write(["priority:vip"])
    assert changes.count == 0
    assert binding.focus_target is binding.tags_editor.input
    QTest.keyClicks(binding.tags_editor.input, "channel:web")
    QTest.keyClick(binding.tags_editor.input, Qt.Key.Key_Return)
    assert binding.read() == ["priority:vip", "channel:web"]
    assert changes.count == 1
    binding.set_errors(["Ensure this field has no more than 255 characters."])
    assert "255" in binding.errors()


def test_datetime_is_iso_with_the_agents_offset(qtbot: QtBot) -> None:
    spec = ORDER_FIELD["cancelled_date"]
    assert spec.widget is None  # not on the order form: the cancel dialog sets it
    from dataclasses import replace

    binding, changes = make(
        qtbot, replace(spec, widget=WidgetKind.DATETIME), tz=ZoneInfo("Europe/Berlin")
    )
    assert isinstance(binding, DateTimeBinding)
    binding.write("2026-11-27T13:05:00+00:00")
    assert binding.read() == "2026-11-27T14:05:00+01:00"
    assert changes.count == 0
    binding.edit.setDateTime(QDateTime(QDate(2026, 7, 1), QTime(9, 30)))
    assert binding.read() == "2026-07-01T09:30:00+02:00"  # summer time
    assert changes.count == 1


def test_every_form_field_has_a_binding(qtbot: QtBot) -> None:
    from parcellab_desk.api.schema import ORDER_EDITABLE, TRACKING_EDITABLE

    for spec in (*ORDER_EDITABLE, *TRACKING_EDITABLE):
        binding, _ = make(qtbot, spec)
        assert binding.spec is spec
        assert binding.widget.accessibleName() == spec.label
