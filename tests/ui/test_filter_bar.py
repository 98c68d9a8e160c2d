"""The filter bar: typing is debounced into one query, Enter and Clear apply at once."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from parcellab_desk.ui.filter_bar import FILTER_DEBOUNCE_MS, FilterBar, FilterValues, parse_accounts


def test_accounts_parse_with_any_separator_and_no_repeats() -> None:
    assert parse_accounts("1042, 1043 1042;7") == (1042, 1043, 7)
    assert parse_accounts("") == ()


async def test_typing_sends_one_query_after_the_pause(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    seen: list[FilterValues] = []
    first: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_changed(values: FilterValues) -> None:
        seen.append(values)
        if not first.done():
            first.set_result(None)

    bar.filters_changed.connect(on_changed)
    for text in ("4", "40", "400", "4001", "40012"):
        bar.order_number.setText(text)  # each keystroke restarts the pause
    assert seen == []
    await asyncio.wait_for(first, FILTER_DEBOUNCE_MS / 1000 * 10)
    assert seen == [FilterValues(order_number="40012")]


def test_enter_applies_at_once_and_an_unchanged_query_is_not_sent_again(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    seen: list[FilterValues] = []
    bar.filters_changed.connect(seen.append)
    bar.accounts.setText("1042 1043")
    bar.external_reference.setText(" SO-88121 ")
    bar.apply_now()
    bar.apply_now()
    assert seen == [FilterValues(accounts=(1042, 1043), external_reference="SO-88121")]
    bar.clear()
    assert seen[-1] == FilterValues()
    assert bar.values().is_empty
