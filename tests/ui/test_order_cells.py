"""The order table's cells as the agent sees them: texts, status chips in the theme's tint,
selection, the status row in the danger colour, in light and dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from parcellab_desk.qt.order_columns import COLUMN_COUNT, Badge, BadgeTone, OrderColumn, badge
from parcellab_desk.qt.order_table_model import OrderRole, RowKind
from parcellab_desk.ui.order_cells import CHIP_COLUMNS, elided, install_delegates
from parcellab_desk.ui.theme import Role, current_palette
from tests.qt.pages import make_order

ORDER_ROW, STATUS_ROW = 0, 1


class CellModel(QStandardItemModel):
    """Two rows as the order table model gives them: an order (``cell()`` answers for it)
    and the status row (``cell()`` gives None; ``data()`` says what kind it is)."""

    def __init__(self, status_kind: RowKind = RowKind.ERROR) -> None:
        super().__init__(2, COLUMN_COUNT)
        self.cells: dict[int, tuple[str, Badge | None]] = dict.fromkeys(OrderColumn, ("", None))
        self.cells[OrderColumn.ORDER_NUMBER] = ("SO-1", None)
        self.cells[OrderColumn.CLIENT_KEY] = ("shop.example.com", None)
        self.cells[OrderColumn.ORDER_STATUS] = (
            "Cancelled",
            Badge("Cancelled", BadgeTone.CANCELLED),
        )
        for column, (text, _badge) in self.cells.items():
            self.setItem(ORDER_ROW, column, QStandardItem(text))
        status = QStandardItem("Loading failed")
        status.setData(status_kind, OrderRole.ROW_KIND)
        self.setItem(STATUS_ROW, 0, status)

    def cell(self, row: int, column: int) -> tuple[str, Badge | None] | None:
        return self.cells[column] if row == ORDER_ROW else None


@pytest.fixture
def table(qtbot: QtBot) -> tuple[QTableView, CellModel]:
    model = CellModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    install_delegates(view)
    view.setSpan(STATUS_ROW, 0, 1, COLUMN_COUNT)
    view.resize(1000, 120)
    view.setColumnWidth(OrderColumn.ORDER_STATUS, 140)
    view.setColumnWidth(OrderColumn.CLIENT_KEY, 160)
    return view, model


def colours_in(view: QTableView, row: int, column: int) -> set[str]:
    image = view.viewport().grab().toImage()
    cell = view.visualRect(view.model().index(row, column))
    y = cell.center().y()
    right = min(cell.right(), image.width() - 1)  # a spanning row is wider than the view
    return {image.pixelColor(x, y).name() for x in range(cell.left(), right)}


@pytest.fixture
def dark_theme() -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    app.setProperty("parcellab_desk_theme", "dark")
    try:
        yield
    finally:
        app.setProperty("parcellab_desk_theme", None)


def test_only_the_chip_columns_carry_badges() -> None:
    orders = [
        make_order(1),
        make_order(2, cancelled_reason="customer"),
        make_order(3, order_status="Delivered"),
    ]
    with_badges = {
        column for order in orders for column in OrderColumn if badge(order, column) is not None
    }

    assert with_badges <= set(CHIP_COLUMNS)


def test_a_status_cell_is_a_chip_in_the_themes_tint_and_plain_cells_are_not(
    table: tuple[QTableView, CellModel],
) -> None:
    view, _model = table
    light = current_palette().chip(BadgeTone.CANCELLED).background

    assert light in colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)
    assert light in colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)  # from the cache
    assert light not in colours_in(view, ORDER_ROW, OrderColumn.CLIENT_KEY)


@pytest.mark.usefixtures("dark_theme")
def test_in_dark_mode_the_chip_takes_the_dark_tint(table: tuple[QTableView, CellModel]) -> None:
    view, _model = table
    colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)  # a light chip may be cached
    dark = current_palette().chip(BadgeTone.CANCELLED).background

    assert dark in colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)


def test_a_chip_drawn_in_light_is_drawn_again_in_the_dark_tint_after_a_switch(
    table: tuple[QTableView, CellModel],
) -> None:
    view, _model = table
    light = current_palette().chip(BadgeTone.CANCELLED).background
    assert light in colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)  # now cached

    app = QApplication.instance()
    assert app is not None
    app.setProperty("parcellab_desk_theme", "dark")
    try:
        dark = current_palette().chip(BadgeTone.CANCELLED).background
        colours = colours_in(view, ORDER_ROW, OrderColumn.ORDER_STATUS)
    finally:
        app.setProperty("parcellab_desk_theme", None)

    assert dark != light
    assert dark in colours
    assert light not in colours


def test_text_cells_show_their_text_and_a_selected_row_its_highlight(
    table: tuple[QTableView, CellModel],
) -> None:
    view, model = table
    palette = view.palette()
    text = palette.color(palette.ColorGroup.Active, palette.ColorRole.Text).name()
    assert text in colours_in(view, ORDER_ROW, OrderColumn.CLIENT_KEY)

    view.setFocus()
    view.selectionModel().select(
        model.index(ORDER_ROW, OrderColumn.CLIENT_KEY),
        QItemSelectionModel.SelectionFlag.Select,
    )
    QApplication.processEvents()
    colours = colours_in(view, ORDER_ROW, OrderColumn.CLIENT_KEY)

    group = palette.ColorGroup.Active if view.isActiveWindow() else palette.ColorGroup.Inactive
    assert palette.color(group, palette.ColorRole.Highlight).name() in colours
    assert palette.color(group, palette.ColorRole.HighlightedText).name() in colours


def test_the_failed_status_row_is_in_the_danger_colour(
    table: tuple[QTableView, CellModel],
) -> None:
    view, _model = table
    danger = current_palette()[Role.DANGER]

    assert danger in colours_in(view, STATUS_ROW, 0)


def test_order_numbers_lose_their_middle_other_texts_their_end() -> None:
    font = QFont()
    number = "FR-2024-000148-0001-0002-0003"
    reference = "ERP-0000148-0001-0002-0003"

    short_number = elided(number, font, 90, OrderColumn.ORDER_NUMBER)
    short_reference = elided(reference, font, 90, OrderColumn.EXTERNAL_REFERENCE)

    assert short_number != number
    assert "…" in short_number
    assert short_number.startswith("FR")
    assert short_number.endswith("3")
    assert short_reference.startswith("ERP")
    assert short_reference.endswith("…")
    assert elided("SO-1", font, 90, OrderColumn.ORDER_NUMBER) == "SO-1"


def test_a_text_too_long_for_its_cell_is_drawn_as_elided_shortens_it(
    table: tuple[QTableView, CellModel],
) -> None:
    view, model = table
    column = OrderColumn.CLIENT_KEY
    long_key = "a-very-long-shop-name-that-cannot-fit.example.com"
    room = view.visualRect(model.index(ORDER_ROW, column)).width() - 8  # less text margins
    short_key = elided(long_key, view.font(), room, column)
    assert short_key != long_key

    def cell_image() -> object:
        view.viewport().update()
        QApplication.processEvents()
        image = view.viewport().grab().toImage()
        return image.copy(view.visualRect(model.index(ORDER_ROW, column)))

    model.cells[column] = (long_key, None)
    drawn_long = cell_image()
    model.cells[column] = (short_key, None)
    drawn_short = cell_image()
    model.cells[column] = ("shop.example.com", None)  # fits: drawn whole, unlike the others

    assert drawn_long == drawn_short
    assert cell_image() != drawn_short
