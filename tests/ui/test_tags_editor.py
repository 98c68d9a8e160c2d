"""Tags as chips: key and value shown apart, plain tags flagged, duplicates refused."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from parcellab_desk.ui.tags_editor import TagsEditor


def make(qtbot: QtBot, tags: list[str], known: list[str] | None = None) -> TagsEditor:
    editor = TagsEditor(tags, suggestions=(lambda: known) if known is not None else None)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_key_value_tags_show_key_and_value(qtbot: QtBot) -> None:
    editor = make(qtbot, ["category:womens fashion", "gift"])
    chip, plain = editor.chips()
    assert not chip.is_plain
    assert "category" in chip.label.text()
    assert "<b>womens fashion</b>" in chip.label.text()
    assert plain.is_plain
    assert "⚠" in plain.label.text()
    assert "key:value" in plain.toolTip()
    assert not editor.empty_label.isVisible()


def test_enter_adds_a_tag(qtbot: QtBot) -> None:
    editor = make(qtbot, [])
    assert editor.empty_label.isVisible()
    with qtbot.waitSignal(editor.tags_changed) as changed:
        QTest.keyClicks(editor.input, "priority:vip")
        QTest.keyClick(editor.input, Qt.Key.Key_Return)
    assert changed.args == [["priority:vip"]]
    assert editor.tags() == ["priority:vip"]
    assert editor.input.text() == ""
    assert not editor.empty_label.isVisible()


def test_duplicates_are_refused_with_a_reason(qtbot: QtBot) -> None:
    editor = make(qtbot, ["priority:vip"])
    changes: list[list[str]] = []
    editor.tags_changed.connect(changes.append)
    editor.input.setText(" priority:vip ")
    assert editor.hint.text() == "“priority:vip” is already a tag of this order."
    assert not editor.add_tag(editor.input.text())
    assert editor.tags() == ["priority:vip"]
    assert changes == []


def test_plain_tags_are_allowed_but_flagged(qtbot: QtBot) -> None:
    editor = make(qtbot, [])
    editor.input.setText("gift")
    assert "convention is key:value" in editor.hint.text()
    assert editor.add_tag("gift")
    assert editor.tags() == ["gift"]
    assert editor.chips()[0].is_plain


def test_blank_input_adds_nothing(qtbot: QtBot) -> None:
    editor = make(qtbot, [])
    assert not editor.add_button.isEnabled()
    assert not editor.add_tag("   ")
    assert editor.tags() == []


def test_the_x_removes_a_tag(qtbot: QtBot) -> None:
    editor = make(qtbot, ["priority:vip", "season:W24"])
    with qtbot.waitSignal(editor.tags_changed) as changed:
        QTest.mouseClick(editor.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert changed.args == [["season:W24"]]
    assert [chip.tag for chip in editor.chips()] == ["season:W24"]


def test_suggestions_are_tags_seen_elsewhere_not_yet_here(qtbot: QtBot) -> None:
    known = ["priority:vip", "channel:webshop", "brand:Parkers"]
    editor = make(qtbot, ["priority:vip"], known)
    completer = editor.input.completer()
    assert completer is not None
    model = completer.model()
    assert isinstance(model, QStringListModel)
    assert model.stringList() == ["brand:Parkers", "channel:webshop"]
    known.append("season:W24")  # more orders loaded since
    editor.input.setFocus()
    editor.refresh_suggestions()
    assert "season:W24" in model.stringList()


def test_loading_tags_is_not_an_edit(qtbot: QtBot) -> None:
    editor = make(qtbot, [])
    changes: list[list[str]] = []
    editor.tags_changed.connect(changes.append)
    editor.set_tags(["a:b"])
    assert changes == []
    assert editor.tags() == ["a:b"]


def test_server_messages_show_under_the_tags(qtbot: QtBot) -> None:
    editor = make(qtbot, ["a:b"])
    editor.set_errors(["This field may not be blank."])
    assert editor.error_label.isVisible()
    editor.set_errors([])
    assert not editor.error_label.isVisible()
