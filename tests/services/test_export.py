"""Export of the whole filtered list, compared row by row with what the API lists."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.export import (
    ExportCancelledError,
    ExportFormat,
    ExportOptions,
    export_orders,
    header_cells,
    line_cells,
)

# Five and a bit pages of 500: every page boundary is crossed. The 100,000-order export
# (wall time, memory) is the benchmark's job: benchmarks/bench_bulk_jobs.py.
EXPORTED = 2_600


def iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def expected_csv_line(order: Order) -> list[str]:
    return [
        order.order_number or "",
        order.external_reference or "",
        str(order.account),
        order.client_key or "",
        order.order_status or "",
        str(len(order.trackings)),
        ", ".join(order.tags),
        iso(order.created_at),
        iso(order.updated_at),
        order.cancelled_reason.value if order.cancelled_reason else "",
        iso(order.cancelled_date),
        order.external_id or "",
    ]


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def big_sandbox() -> Iterator[EmbeddedSandbox]:
    with EmbeddedSandbox(demo_orders=EXPORTED, seed=99) as running:
        yield running


async def test_export_of_every_page_to_csv_matches_the_api_row_by_row(
    big_sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    target = tmp_path / "orders.csv"
    seen: list[int] = []
    async with ParcelLabClient(big_sandbox.base_url, BearerAuth(big_sandbox.demo_token)) as client:
        query = {"accounts": big_sandbox.accounts, "ordering": "order_number", "page_size": 500}
        result = await export_orders(
            client.iter_orders(**query),  # type: ignore[arg-type]
            target,
            ExportOptions(delimiter=";"),
            progress=seen.append,
        )
        listed = [order async for order in client.iter_orders(**query)]  # type: ignore[arg-type]

    assert result.orders == result.lines == len(listed) == EXPORTED
    assert seen == sorted(seen)
    assert seen[-1] == EXPORTED
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads umlauts right
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == header_cells(ExportOptions())
    assert len(rows) == EXPORTED + 1
    for line, order in zip(rows[1:], listed, strict=True):
        assert line == expected_csv_line(order)


async def test_xlsx_export_with_a_line_per_tracking(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    target = tmp_path / "orders.xlsx"
    options = ExportOptions(format=ExportFormat.XLSX, with_trackings=True)
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        listed = [o async for o in client.iter_orders(ordering="-created_at", page_size=100)]
        result = await export_orders(client.iter_orders(ordering="-created_at"), target, options)
    expected = [line for order in listed for line in line_cells(order, options)]
    assert result.lines == len(expected) > result.orders == len(listed)
    book = load_workbook(target, read_only=True)
    try:  # a read-only workbook holds its file open until closed
        rows = list(book["Orders"].iter_rows(values_only=True))
    finally:
        book.close()
    assert list(rows[0]) == header_cells(options)
    for got, want in zip(rows[1:], expected, strict=True):
        padded = list(got) + [None] * (len(want) - len(got))  # trailing empty cells are absent
        assert len(padded) == len(want)
        for value, wanted in zip(padded, want, strict=True):
            if isinstance(wanted, datetime):
                # Excel keeps milliseconds.
                assert isinstance(value, datetime)
                naive = wanted.astimezone(UTC).replace(tzinfo=None)
                assert abs((value - naive).total_seconds()) < 0.001
            else:
                assert value == (None if wanted == "" else wanted)


async def test_a_cancelled_export_leaves_nothing_and_an_existing_file_untouched(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    target = tmp_path / "orders.csv"
    target.write_text("yesterday's export")
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        with pytest.raises(ExportCancelledError):
            await export_orders(
                client.iter_orders(page_size=50),
                target,
                ExportOptions(),
                cancelled=lambda: True,
                batch=50,
            )
    assert target.read_text() == "yesterday's export"
    assert names_in(tmp_path) == ["orders.csv"]


async def test_formula_like_text_is_kept_as_text(tmp_path: Path) -> None:
    async def orders() -> AsyncIterator[Order]:
        yield Order(order_number='=HYPERLINK("x")', account=1, client_key="+shop", tags=["@a"])
        await asyncio.sleep(0)

    csv_path, xlsx_path = tmp_path / "o.csv", tmp_path / "o.xlsx"
    await export_orders(orders(), csv_path, ExportOptions())
    await export_orders(orders(), xlsx_path, ExportOptions(format=ExportFormat.XLSX))
    line = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))[1]
    assert line[0] == '\'=HYPERLINK("x")'
    assert (line[3], line[6]) == ("'+shop", "'@a")
    cell = load_workbook(xlsx_path)["Orders"]["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
