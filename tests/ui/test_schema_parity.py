"""One schema drives the form: the models, the editable lists, the editor's sections and the
trackings table all agree with ``api/schema.py``. A field added to one place only fails here."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.schema import (
    ORDER_EDITABLE,
    ORDER_FIELDS,
    TRACKING_COLUMNS,
    TRACKING_EDITABLE,
    TRACKING_FIELDS,
    Section,
)
from parcellab_desk.services.order_editing import (
    EDITABLE_FIELDS,
    EDITABLE_TRACKING_FIELDS,
    OrderEditingService,
)
from parcellab_desk.ui.order_editor import FORM_SECTIONS, OrderEditor
from parcellab_desk.ui.trackings_editor import COLUMNS, TrackingFormDialog, TrackingsEditor


def test_models_declare_exactly_the_schemas_fields() -> None:
    assert set(Order.model_fields) - {"trackings"} == {f.name for f in ORDER_FIELDS}
    assert set(Tracking.model_fields) == {f.name for f in TRACKING_FIELDS}


def test_editable_lists_are_the_schemas() -> None:
    assert tuple(f.name for f in ORDER_EDITABLE) == EDITABLE_FIELDS
    assert tuple(f.name for f in TRACKING_EDITABLE) == EDITABLE_TRACKING_FIELDS
    for spec in (*ORDER_FIELDS, *TRACKING_FIELDS):
        # A field is on a form exactly when it has a section, and then it has a widget.
        assert (spec.section is not None) == (spec.widget is not None), spec.name
        assert not (spec.read_only and spec.editable), spec.name


def test_the_editor_shows_the_schemas_fields_in_its_order(qtbot: QtBot) -> None:
    editor = OrderEditor(None, service=OrderEditingService(None))  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    assert tuple(editor.bindings) == tuple(
        f.name for f in ORDER_EDITABLE if f.section in FORM_SECTIONS
    ) + tuple(f.name for f in ORDER_EDITABLE if f.section is Section.TAGS)
    for name, binding in editor.bindings.items():
        assert binding.spec.name == name
        assert binding.spec.widget is not None
    sections = {f.section for f in ORDER_EDITABLE}
    assert sections == {*FORM_SECTIONS, Section.TAGS}


def test_the_tracking_form_and_table_are_the_schemas(qtbot: QtBot) -> None:
    dialog = TrackingFormDialog()
    qtbot.addWidget(dialog)
    assert tuple(dialog.bindings) == tuple(f.name for f in TRACKING_EDITABLE)
    table = TrackingsEditor()
    qtbot.addWidget(table)
    headers = [
        table.table.horizontalHeaderItem(i).text()  # type: ignore[union-attr]
        for i in range(table.table.columnCount())
    ]
    assert headers == list(COLUMNS) == [f.column for f in TRACKING_COLUMNS]
