"""The search box: suggestions from this session, marked as such; a message that goes away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from parcellab_desk.services.order_suggestions import Suggestion, SuggestionSource
from parcellab_desk.ui.search_box import COMPLETION_ROLE, SearchBox

RECENT = Suggestion("40012399", 1001, "id-1", SuggestionSource.RECENT)
LOADED = Suggestion("40012345", 1002, None, SuggestionSource.LOADED)


def test_suggestions_say_where_they_come_from_and_fill_in_the_number(qtbot: QtBot) -> None:
    box = SearchBox(suggest=lambda text: [RECENT, LOADED] if text == "4001" else [])
    qtbot.addWidget(box)
    box.edit.setText("4001")
    box.update_suggestions()
    model = box.suggestions
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert "from this session: recent" in first.data()
    assert "account 1001" in first.data()
    assert first.data(COMPLETION_ROLE) == "40012399"
    assert "from this session: loaded" in model.index(1, 0).data()
    with qtbot.waitSignal(box.suggestion_chosen) as chosen:
        box.completer.activated[type(first)].emit(first)  # type: ignore[index]
    assert chosen.args == [RECENT]
    assert box.edit.text() == "40012399"


def test_enter_asks_for_a_search_and_typing_clears_the_message(qtbot: QtBot) -> None:
    box = SearchBox()
    qtbot.addWidget(box)
    box.show()
    box.show_message("Nothing matches “4001”.")
    assert box.message.isVisible()
    box.edit.setText(" #4001 ")
    with qtbot.waitSignal(box.search_requested) as asked:
        box.edit.returnPressed.emit()
    assert asked.args == ["#4001"]
    QTest.keyClick(box.edit, Qt.Key.Key_5)
    assert not box.message.isVisible()
    assert box.suggestions.rowCount() == 0
