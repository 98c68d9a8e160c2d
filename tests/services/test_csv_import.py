"""CSV import: encodings, delimiters, header mapping, cell-by-cell checks, then the job."""

from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.csv_import import (
    ImportKind,
    SheetError,
    build_preview,
    guess_mapping,
    read_sheet,
)
from parcellab_desk.services.job_plan import JobKind, RowState
from parcellab_desk.services.job_runner import Job, RunnerSettings


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b"")],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encoding_and_delimiter_are_detected(encoding: str, prefix: bytes, delimiter: str) -> None:
    rows = [["Bestellnummer", "Kurier", "Sendungsnummer", "Bemerkung"],
            ["Ö-1", "dhl-germany", "0034", "Größe „M“, €"],
            ["Ü-2", "dpd-de", "0099", "Straße"]]  # fmt: skip
    quoted = [[f'"{c}"' if delimiter in c or "," in c else c for c in row] for row in rows]
    text = "\r\n".join(delimiter.join(row) for row in quoted) + "\r\n"
    sheet = read_sheet(prefix + text.encode(encoding))
    assert sheet.delimiter == delimiter
    assert sheet.header == tuple(rows[0])
    assert sheet.rows == (tuple(rows[1]), tuple(rows[2]))


def test_a_cyrillic_sheet_is_not_read_as_western() -> None:
    text = "order_number;recipient_name;city\n" + "".join(
        f"A-{i};Иван Петров;Москва\nB-{i};Мария Иванова;Санкт-Петербург\n" for i in range(5)
    )
    sheet = read_sheet(text.encode("cp1251"))
    assert sheet.encoding == "cp1251"
    assert sheet.rows[0][1] == "Иван Петров"


def test_unreadable_files_get_one_sentence() -> None:
    with pytest.raises(SheetError, match="empty"):
        read_sheet(b"  \n")
    with pytest.raises(SheetError, match="no rows"):
        read_sheet(b"order_number,courier\n")
    with pytest.raises(SheetError, match="not a text sheet"):
        read_sheet(b"PK\x03\x04\x00\x00binary xlsx")


def test_headers_map_by_name_label_and_alias_and_unknown_ones_are_left_to_the_agent() -> None:
    header = ["Order no", "Account", "Carrier", "Sendungsnummer", "PLZ", "Notes", "Tracking"]
    assert guess_mapping(header, ImportKind.TRACKINGS) == (
        "order_number", "account", "courier", "tracking_number", "recipient_postal_code",
        None, None,  # unknown; and a second column for a field already taken
    )  # fmt: skip
    assert guess_mapping(["External id", "Order status", "Time zone"], ImportKind.ORDER_FIELDS) == (
        "external_id",
        "order_status",
        "timezone",
    )


async def test_semicolon_windows_1252_sheet_with_5_bad_rows_is_previewed_then_only_good_rows_sent(
    make_sandbox: Callable[..., EmbeddedSandbox],
) -> None:
    sandbox = make_sandbox(demo_orders=12)
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
    ) as client:
        orders = [o async for o in client.iter_orders(page_size=50) if not o.is_cancelled][:10]
        lines = ["Bestellnummer;Konto;Kurier;Sendungsnummer;PLZ;Versanddatum;Bemerkung"]
        for n, order in enumerate(orders):
            lines.append(
                f"{order.order_number};{order.account};dhl-germany;PL-IMPORT-{n:04d};80331;"
                f"0{n % 9 + 1}.12.2026;Größe {n} €"
            )
        good = len(lines) - 1
        first = orders[0]
        lines += [
            f"{first.order_number};{first.account};;PL-BAD-1;80331;;ohne Kurier",  # 1
            f"{first.order_number};zwölf;dpd-de;PL-BAD-2;80331;;Konto",  # 2
            f";{first.account};dpd-de;PL-BAD-3;80331;;keine Bestellnummer",  # 3
            f"{first.order_number};{first.account};dpd-de;PL-BAD-4;80331;31.02.2026;Datum",  # 4
            f"{first.order_number};{first.account};dpd-de;{'9' * 300};80331;;zu lang",  # 5
        ]
        data = ("\r\n".join(lines) + "\r\n").encode("cp1252")

        sheet = read_sheet(data)
        assert (sheet.encoding, sheet.delimiter) == ("cp1252", ";")
        assert sheet.rows[0][6] == "Größe 0 €"
        mapping = guess_mapping(sheet.header, ImportKind.TRACKINGS)
        assert mapping[6] is None  # "Bemerkung": ignored unless the agent maps it
        preview = build_preview(sheet, mapping, ImportKind.TRACKINGS)

        assert preview.bad_rows == [good, good + 1, good + 2, good + 3, good + 4]
        assert preview.cell_error(good, 2) == "Courier is required: this cell is empty."
        assert preview.cell_error(good + 1, 1) == "A valid integer is required."
        assert preview.cell_error(good + 2, 0) is not None  # no order number
        assert preview.cell_error(good + 3, 5) == (
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
        )
        assert preview.cell_error(good + 4, 3) == (
            "Ensure this field has no more than 255 characters."
        )
        assert [line for line, _, _ in preview.problems()] == [good + 2 + i for i in range(5)]
        assert sandbox.write_log.counts() == {}  # previewed: nothing was sent

        plan = preview.plan("Import trackings")
        assert plan.kind is JobKind.IMPORT_TRACKINGS
        assert len(plan.rows) == good
        job = Job(plan, client, settings=RunnerSettings(backoff_initial=0.005))
        progress = await job.run()
        assert (progress.done, progress.failed) == (good, 0)
        assert all(row.state is RowState.DONE for row in job.rows)
        for n, order in enumerate(orders):
            saved = await client.get_order(order.external_id or "")
            tracking = saved.find_tracking("dhl-germany", f"PL-IMPORT-{n:04d}")
            assert tracking is not None
            assert tracking.recipient_postal_code == "80331"
            assert tracking.announced_send_date is not None
            assert tracking.announced_send_date.isoformat() == f"2026-12-0{n % 9 + 1}"
        assert not any(
            t.tracking_number and t.tracking_number.startswith("PL-BAD")
            for o in [await client.get_order(first.external_id or "")]
            for t in o.trackings
        )
        # The same sheet again: every tracking is there already, nothing is sent twice.
        again = Job(build_preview(sheet, mapping, ImportKind.TRACKINGS).plan("again"), client)
        repeat = await again.run()
        assert (repeat.skipped, repeat.done) == (good, 0)
    assert sorted(sandbox.write_log.counts().values()) == [1] * good


def test_a_required_field_without_a_column_is_said_on_the_line() -> None:
    sheet = read_sheet(b"order_number,account,tracking_number\nA-1,1001,111\n")
    preview = build_preview(
        sheet, guess_mapping(sheet.header, ImportKind.TRACKINGS), ImportKind.TRACKINGS
    )
    assert preview.row_errors(0) == ["Courier is required: map a column of the sheet to it."]


def test_one_order_on_several_lines_is_one_row_and_a_tracking_on_two_orders_is_refused() -> None:
    text = (
        "order_number,account,courier,tracking_number\n"
        "A-1,1001,dhl-germany,111\n"
        "A-1,1001,dhl-germany,222\n"
        "A-2,1001,dhl-germany,111\n"
    )
    preview = build_preview(
        sheet := read_sheet(text.encode()), guess_mapping(sheet.header, ImportKind.TRACKINGS),
        ImportKind.TRACKINGS,
    )  # fmt: skip
    assert preview.cell_error(2, 3) == "This tracking number is also on line 2 for another order."
    plan = preview.plan("t")
    assert len(plan.rows) == 1
    assert plan.rows[0].lines == (2, 3)
    assert [item["tracking_number"] for item in plan.rows[0].items] == ["111", "222"]
