"""Export of the order list as the agent filtered and sorted it: CSV or XLSX, streamed to disk.

Orders arrive page by page (the caller hands an async iterator over the whole listing, so
every page of the current filter and sort is included, not just the rows loaded in the
table); each page is turned into lines and written at once, so memory stays flat however
long the list is. XLSX goes through openpyxl's write-only mode, which spools rows to a
temporary file. The file appears under its name only when complete: the export writes a
temporary file beside it and renames it at the end, so a cancelled or failed export leaves
nothing half-written (and never touches a file of the same name until it succeeds).

CSV is UTF-8 with a BOM (Excel then reads umlauts right), comma or semicolon separated
(German Excel expects semicolons). Times are UTC: ISO 8601 with ``Z`` in CSV, date-time cells
in XLSX. A text cell that a spreadsheet would run as a formula (leading ``=``, ``+``, ``@``)
gets a leading apostrophe in CSV and is stored as text in XLSX.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import tempfile
from collections.abc import AsyncIterable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Final, Protocol

from parcellab_desk.api.models import Order, Tracking

__all__ = [
    "DEFAULT_COLUMNS",
    "ExportCancelledError",
    "ExportColumn",
    "ExportFormat",
    "ExportOptions",
    "ExportResult",
    "export_orders",
    "header_cells",
    "line_cells",
]

Cell = str | int | float | datetime | None


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportColumn(StrEnum):
    """Columns of the export; the first ten carry the table's column names."""

    ORDER_NUMBER = "order_number"
    EXTERNAL_REFERENCE = "external_reference"
    ACCOUNT = "account"
    CLIENT_KEY = "client_key"
    ORDER_STATUS = "order_status"
    TRACKINGS = "trackings"
    TAGS = "tags"
    CREATED = "created"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    EXTERNAL_ID = "external_id"


DEFAULT_COLUMNS: Final = tuple(ExportColumn)

_HEADERS: Final[dict[ExportColumn, tuple[str, ...]]] = {
    ExportColumn.ORDER_NUMBER: ("Order number",),
    ExportColumn.EXTERNAL_REFERENCE: ("External reference",),
    ExportColumn.ACCOUNT: ("Account",),
    ExportColumn.CLIENT_KEY: ("Client key",),
    ExportColumn.ORDER_STATUS: ("Order status",),
    ExportColumn.TRACKINGS: ("Trackings",),
    ExportColumn.TAGS: ("Tags",),
    ExportColumn.CREATED: ("Created (UTC)",),
    ExportColumn.UPDATED: ("Updated (UTC)",),
    ExportColumn.CANCELLED: ("Cancel reason", "Cancelled (UTC)"),
    ExportColumn.EXTERNAL_ID: ("External id",),
}

_TRACKING_HEADERS: Final = (
    "Courier",
    "Tracking number",
    "Delivery status",
    "Postal code",
    "Tracking country",
    "Send date",
    "Tracking cancel reason",
    "Tracking cancelled (UTC)",
)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    format: ExportFormat = ExportFormat.CSV
    columns: tuple[ExportColumn, ...] = DEFAULT_COLUMNS
    delimiter: str = ","
    with_trackings: bool = False  # one line per tracking (orders without one: one line)

    def __post_init__(self) -> None:
        if self.delimiter not in (",", ";", "\t"):
            raise ValueError("the delimiter must be a comma, a semicolon or a tab")
        if not self.columns:
            raise ValueError("an export needs at least one column")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    orders: int
    lines: int  # data lines, without the header


class ExportCancelledError(Exception):
    """The agent cancelled; nothing was left on disk."""


def header_cells(options: ExportOptions) -> list[str]:
    cells = [h for column in options.columns for h in _HEADERS[column]]
    return cells + list(_TRACKING_HEADERS) if options.with_trackings else cells


def _order_cells(order: Order, column: ExportColumn) -> tuple[Cell, ...]:
    match column:
        case ExportColumn.ORDER_NUMBER:
            return (order.order_number,)
        case ExportColumn.EXTERNAL_REFERENCE:
            return (order.external_reference,)
        case ExportColumn.ACCOUNT:
            return (order.account,)
        case ExportColumn.CLIENT_KEY:
            return (order.client_key,)
        case ExportColumn.ORDER_STATUS:
            return (order.order_status,)
        case ExportColumn.TRACKINGS:
            return (len(order.trackings),)
        case ExportColumn.TAGS:
            return (", ".join(order.tags),)
        case ExportColumn.CREATED:
            return (order.created_at,)
        case ExportColumn.UPDATED:
            return (order.updated_at,)
        case ExportColumn.CANCELLED:
            reason = order.cancelled_reason.value if order.cancelled_reason else None
            return (reason, order.cancelled_date)
        case ExportColumn.EXTERNAL_ID:
            return (order.external_id,)


def _tracking_cells(tracking: Tracking | None) -> tuple[Cell, ...]:
    if tracking is None:
        return (None,) * len(_TRACKING_HEADERS)
    send = tracking.announced_send_date
    return (
        tracking.courier,
        tracking.tracking_number,
        tracking.status,
        tracking.recipient_postal_code,
        tracking.destination_country_iso3,
        send.isoformat() if isinstance(send, date) else None,
        tracking.cancelled_reason.value if tracking.cancelled_reason else None,
        tracking.cancelled_date,
    )


def line_cells(order: Order, options: ExportOptions) -> Iterator[list[Cell]]:
    """The export's lines for one order (several with tracking lines)."""
    cells = [c for column in options.columns for c in _order_cells(order, column)]
    if not options.with_trackings:
        yield cells
        return
    trackings: list[Tracking | None] = [*order.trackings] or [None]
    for tracking in trackings:
        yield cells + list(_tracking_cells(tracking))


# --- writers -----------------------------------------------------------------------------------


class _Writer(Protocol):
    def write(self, lines: Sequence[Sequence[Cell]]) -> None: ...

    def close(self) -> None: ...


_FORMULA_START: Final = ("=", "+", "@", "\t", "\r")


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


class _CsvWriter:
    def __init__(self, handle: IO[str], options: ExportOptions) -> None:
        self._handle = handle
        self._csv = csv.writer(handle, delimiter=options.delimiter, lineterminator="\r\n")
        handle.write("\ufeff")
        self._csv.writerow(header_cells(options))

    def write(self, lines: Sequence[Sequence[Cell]]) -> None:
        self._csv.writerows([_csv_text(c) for c in line] for line in lines)

    def close(self) -> None:
        self._handle.close()


class _XlsxWriter:
    def __init__(self, path: Path, options: ExportOptions) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        self._path = path
        self._cell = WriteOnlyCell
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("Orders")
        self._sheet.append(header_cells(options))

    def _value(self, value: Cell) -> Any:
        if isinstance(value, datetime):
            # Excel has no time zones: the header says UTC, the cell holds the UTC time.
            return value.astimezone(UTC).replace(tzinfo=None)
        if isinstance(value, str) and value.startswith("="):
            cell = self._cell(self._sheet, value=value)
            cell.data_type = "s"  # text, never a formula
            return cell
        return value

    def write(self, lines: Sequence[Sequence[Cell]]) -> None:
        for line in lines:
            self._sheet.append([self._value(c) for c in line])

    def close(self) -> None:
        self._book.save(self._path)


async def export_orders(
    orders: AsyncIterable[Order],
    path: Path,
    options: ExportOptions,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch: int = 500,
) -> ExportResult:
    """Write every order ``orders`` yields to ``path``; ``progress`` hears the number of
    orders written so far, ``cancelled`` is asked between batches (then
    ``ExportCancelledError``, and nothing is left on disk). The writing runs in a worker
    thread, so the event loop (and the window) keeps going while a large file is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    writer: _Writer | None = None
    count = lines = 0
    # One thread for all the writing: each new thread gets its own malloc arena, and rows
    # spread over several arenas fragment them; with one, memory stays flat.
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
    loop = asyncio.get_running_loop()

    async def in_thread(call: Callable[..., Any], *args: Any) -> Any:
        return await loop.run_in_executor(executor, call, *args)

    try:
        if options.format is ExportFormat.CSV:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
            writer = _CsvWriter(handle, options)
        else:
            os.close(fd)
            writer = await in_thread(_XlsxWriter, tmp, options)
        pending: list[list[Cell]] = []
        pending_orders = 0
        async for order in orders:
            pending.extend(line_cells(order, options))
            pending_orders += 1
            if pending_orders >= batch:
                await in_thread(writer.write, pending)
                count, lines = count + pending_orders, lines + len(pending)
                pending, pending_orders = [], 0
                if progress is not None:
                    progress(count)
                if cancelled is not None and cancelled():
                    raise ExportCancelledError
        if pending:
            await in_thread(writer.write, pending)
            count, lines = count + pending_orders, lines + len(pending)
        if cancelled is not None and cancelled():
            raise ExportCancelledError
        await in_thread(writer.close)
        writer = None
        os.replace(tmp, path)
        if progress is not None:
            progress(count)
    except BaseException:
        if writer is not None and options.format is ExportFormat.CSV:
            with contextlib.suppress(OSError):
                writer.close()
        _discard(tmp)
        raise
    finally:
        executor.shutdown(wait=False)
    return ExportResult(path, count, lines)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
