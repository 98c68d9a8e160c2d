"""The editor from the keyboard: Tab follows what the agent sees, every focusable control
shows where the focus is (light and dark), Alt letters reach every field, and a tag goes only
with Delete on a chip that visibly has the focus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from parcellab_desk.ui.focus_ring import current_ring
from parcellab_desk.ui.keyboard import WINDOW_MNEMONICS, MnemonicAllocator, mnemonic_of
from parcellab_desk.ui.order_editor import OrderEditor
from parcellab_desk.ui.tags_editor import TagChip
from tests.ui.editor_fixtures import shown_editor
from tests.ui.palettes import dark_palette


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield request.param
    app.setPalette(before)


def region_of(editor: OrderEditor, widget: QWidget) -> tuple[int, QRect]:
    """Which band of the editor ``widget`` is in (header, form, actions) and where in it."""
    for index, band in enumerate((editor.header, editor.form_area, editor.action_bar)):
        if band.isAncestorOf(widget):
            return index, QRect(widget.mapTo(band, QPoint(0, 0)), widget.size())
    raise AssertionError(f"{widget} is outside the editor")


def reads_before(a: tuple[int, QRect], b: tuple[int, QRect]) -> bool:
    """``a`` comes before ``b`` in reading order: an earlier band, a row above, or the same
    row further left."""
    (band_a, rect_a), (band_b, rect_b) = a, b
    if band_a != band_b:
        return band_a < band_b
    same_row = rect_a.top() < rect_b.bottom() and rect_b.top() < rect_a.bottom()
    if same_row:
        return rect_a.left() < rect_b.left()
    return rect_a.top() < rect_b.top()


def tab_walk(editor: OrderEditor) -> list[QWidget]:
    """Tab from the header's Copy button until the focus leaves the editor or comes back."""
    editor.copy_button.setFocus()
    seen: list[QWidget] = []
    while True:
        focused = QApplication.focusWidget()
        if focused is None or not editor.isAncestorOf(focused) or focused in seen:
            return seen
        seen.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)


def test_tab_follows_the_visual_order_order_recipient_tags_trackings_actions(
    qtbot: QtBot,
) -> None:
    editor = shown_editor(qtbot, height=900)
    editor.bindings["client_key"].widget.setFocus()  # something to save: the actions are live
    QTest.keyClicks(editor.bindings["client_key"].widget, "x")
    walked = tab_walk(editor)
    places = [region_of(editor, w) for w in walked]
    for (a, wa), (b, wb) in zip(
        zip(places, walked, strict=True), zip(places[1:], walked[1:], strict=True), strict=False
    ):
        assert reads_before(a, b), f"Tab went from {wa} to {wb}, against the reading order"
    inputs = [b.focus_target for b in editor.bindings.values()]
    order = [w for w in walked if w in inputs]
    assert order == inputs  # every field once, in the schema's order
    chips = editor.tags_editor.chips()
    assert [w for w in walked if isinstance(w, TagChip)] == chips
    assert walked.index(chips[-1]) < walked.index(editor.tags_editor.input)
    table = editor.trackings_editor.table
    assert walked.count(table) == 1  # the trackings table is one stop
    assert walked.index(table) > walked.index(editor.tags_editor.input)
    assert walked[-3:] == [editor.save_button, editor.revert_button, editor.cancel_order_button]


def assert_ring_around(widget: QWidget, palette: QPalette, window: QWidget) -> None:
    """The focus ring frames ``widget`` (or the drop-down it is the line edit of) and is
    painted in the palette's highlight colour, on top of everything (as ``window`` shows)."""
    ring = current_ring()
    assert ring is not None, f"no ring for {widget}"
    assert ring.isVisible(), f"no ring shown for {widget}"
    framed = ring.widget()
    assert framed is not None
    assert framed is widget or framed is widget.parentWidget()
    assert ring.geometry() == framed.geometry()
    left_middle = ring.mapTo(window, QPoint(1, ring.height() // 2))  # inside the 2-pixel line
    edge = window.grab().toImage().pixelColor(left_middle)
    highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert (
        abs(edge.red() - highlight.red())
        + abs(edge.green() - highlight.green())
        + abs(edge.blue() - highlight.blue())
        < 60
    ), f"the ring around {widget} is {edge.name()}, not {highlight.name()}"


def test_every_focusable_control_shows_its_focus(qtbot: QtBot, palette: str) -> None:
    editor = shown_editor(qtbot, height=900)
    QTest.keyClicks(editor.bindings["client_key"].widget, "x")  # Save and Revert enabled
    focusable = [
        w
        for w in editor.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]
    assert len(focusable) > 20
    assert any(isinstance(w, TagChip) for w in focusable)
    for widget in focusable:
        editor.scroll_area.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        assert widget.hasFocus()
        assert_ring_around(widget, QApplication.palette(), editor)
    editor.setFocus()  # nothing inside has the focus: no ring
    ring = current_ring()
    assert ring is None or not ring.isVisible()


def test_every_field_label_has_its_own_alt_letter(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot)
    letters = [mnemonic_of(label.text()) for label in editor.field_labels.values()]
    assert all(letters), dict(zip(editor.field_labels, letters, strict=True))
    letters += [
        mnemonic_of(editor.tags_box.title()),
        mnemonic_of(editor.trackings_editor.add_button.text()),
    ]
    assert all(letters)
    assert len(letters) == len(set(letters))  # one control per letter: none is ambiguous
    assert not set(letters) & WINDOW_MNEMONICS  # nor shared with the menus and filter bar


def test_an_alt_letter_puts_the_cursor_in_its_field(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot)
    label = editor.field_labels["external_reference"]
    letter = mnemonic_of(label.text())
    QTest.keyClick(editor, getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.bindings["external_reference"].focus_target


def test_a_tag_goes_only_with_delete_on_a_focused_chip(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot)
    first, second, _plain = editor.tags_editor.chips()
    assert first.remove_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    editor.tags_editor.input.setFocus()
    QTest.keyClick(editor.tags_editor.input, Qt.Key.Key_Space)  # Space in the input: no tag goes
    assert editor.draft.value("tags") == ["priority:vip", "channel:webshop", "gift"]
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Space)
    assert not editor.draft.is_dirty  # Space does not delete
    QTest.keyClick(first, Qt.Key.Key_Delete)
    assert editor.draft.value("tags") == ["channel:webshop", "gift"]
    # The focus moves to the chip that took its place, so Delete again goes on visibly.
    replacement = editor.tags_editor.chips()[0]
    assert replacement.tag == second.tag
    assert replacement.hasFocus()
    QTest.keyClick(replacement, Qt.Key.Key_Backspace)
    assert editor.draft.value("tags") == ["gift"]


def test_mnemonics_skip_taken_letters_and_reach_every_label() -> None:
    letters = MnemonicAllocator(reserved="OA")
    assert letters.assign(["Order number", "Account", "Client key"]) == [
        "Order &number",
        "A&ccount",
        "Client &key",  # C went to Account
    ]
    # First come, first served would leave the second without a letter; a matching does not.
    assert MnemonicAllocator(reserved="").assign(["ab", "a"]) == ["a&b", "&a"]
    assert mnemonic_of("Save && close") == ""


def test_the_welcome_options_and_the_red_confirm_show_their_focus(
    qtbot: QtBot, palette: str
) -> None:
    from parcellab_desk.api.schema import CancelReason
    from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog
    from parcellab_desk.ui.welcome_dialog import WelcomeDialog
    from tests.ui.editor_fixtures import FULL_ORDER

    cancel = CancelOrderDialog(FULL_ORDER)
    cancel.reason_buttons[CancelReason.CUSTOMER].setChecked(True)  # the red button is live
    for dialog in (WelcomeDialog(), cancel):
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        buttons = [
            w
            for w in dialog.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        assert buttons, f"nothing to focus in {dialog.windowTitle()} ({palette})"
        for widget in buttons:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            assert widget.hasFocus()
            assert_ring_around(widget, QApplication.palette(), dialog)
