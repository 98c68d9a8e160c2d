"""Reading a sheet of trackings or order updates, and judging every cell before anything is sent.

Three steps, each one the import dialog shows:

1. ``read_sheet``: the bytes decoded (a UTF-8 BOM wins; then strict UTF-8; then
   charset-normalizer's guess, which is how a German Excel's Windows-1252 is recognised) and
   the delimiter detected (comma, semicolon or tab).
2. ``guess_mapping``: each header matched to a field by its name, its label or a common
   alias (also German ones: "Sendungsnummer", "Bestellnummer"); what is not recognised is
   left for the agent to map or ignore.
3. ``build_preview``: every row converted and checked with the same validators the editor
   and the sandbox use (``api.validation``), errors pinned to their cells. Only rows without
   errors become the job's plan; one order named on several lines is one row of the plan.

An empty cell leaves its field as it is (it never clears a value on the server).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from charset_normalizer import from_bytes

from parcellab_desk.api.schema import (
    ORDER_FIELD,
    ORDER_WRITABLE,
    TRACKING_WRITABLE,
    FieldKind,
    FieldSpec,
)
from parcellab_desk.api.validation import FieldError, check_field, check_order, check_tracking
from parcellab_desk.services.job_plan import JobKind, JobPlan, JobRow, OrderRef, merge_rows
from parcellab_desk.wording import translate

__all__ = [
    "MAX_SHEET_BYTES",
    "CellError",
    "ImportKind",
    "ImportPreview",
    "ImportTarget",
    "Sheet",
    "SheetError",
    "build_preview",
    "decode_sheet",
    "detect_delimiter",
    "guess_mapping",
    "import_targets",
    "read_sheet",
]

MAX_SHEET_BYTES: Final = 20 * 1024 * 1024  # a sheet of trackings, not a database dump
DELIMITERS: Final = (",", ";", "\t")


class ImportKind(StrEnum):
    TRACKINGS = "trackings"
    ORDER_FIELDS = "order_fields"

    @property
    def job_kind(self) -> JobKind:
        return JobKind.IMPORT_TRACKINGS if self is ImportKind.TRACKINGS else JobKind.UPDATE_ORDERS


class SheetError(ValueError):
    """The file cannot be read as a sheet; the message is one sentence for the agent."""


@dataclass(frozen=True, slots=True)
class ImportTarget:
    """A field a column can be mapped to."""

    name: str
    label: str  # the English source (a header may name it)
    spec: FieldSpec
    identity: bool = False  # names the order rather than changing it

    @property
    def title(self) -> str:
        """The label in the agent's language."""
        return self.spec.title


@dataclass(frozen=True, slots=True)
class Sheet:
    """A decoded sheet: ``header`` is line 1, ``rows[i]`` is line ``i + 2``."""

    encoding: str
    delimiter: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @staticmethod
    def line_of(row: int) -> int:
        return row + 2


@dataclass(frozen=True, slots=True)
class CellError:
    row: int  # index into Sheet.rows
    column: int | None  # None: the row as a whole (e.g. a required column is not mapped)
    message: str


@dataclass(frozen=True, slots=True)
class ImportPreview:
    sheet: Sheet
    kind: ImportKind
    mapping: tuple[str | None, ...]
    errors: Mapping[int, tuple[CellError, ...]]
    values: Mapping[int, Mapping[str, Any]] = field(repr=False)  # converted, per good row

    @property
    def bad_rows(self) -> list[int]:
        return sorted(self.errors)

    @property
    def good_rows(self) -> list[int]:
        return sorted(self.values)

    def cell_error(self, row: int, column: int) -> str | None:
        texts = [e.message for e in self.errors.get(row, ()) if e.column == column]
        return "\n".join(texts) or None

    def row_errors(self, row: int) -> list[str]:
        return [e.message for e in self.errors.get(row, ()) if e.column is None]

    def problems(self) -> list[tuple[int, str, str]]:
        """(line, column header or "", message) for every error, in sheet order."""
        out = []
        for row in self.bad_rows:
            for error in self.errors[row]:
                header = "" if error.column is None else self.sheet.header[error.column]
                out.append((Sheet.line_of(row), header, error.message))
        return out

    def plan(self, title: str) -> JobPlan:
        """The job for the good rows (bad rows are reported, never sent)."""
        rows = []
        for index in self.good_rows:
            values = dict(self.values[index])
            ref = OrderRef(
                external_id=values.pop("external_id", None),
                account=values.pop("account", None),
                order_number=values.pop("order_number", None),
            )
            rows.append(JobRow(ref, items=(values,), lines=(Sheet.line_of(index),)))
        return JobPlan(self.kind.job_kind, title, {"import": self.kind.value}, merge_rows(rows))


# --- 1. bytes to a sheet --------------------------------------------------------------------


def decode_sheet(data: bytes) -> tuple[str, str]:
    """(text, encoding name). A BOM decides; then strict UTF-8; then the detector's guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = guess_legacy_encoding(data)
    return data.decode(encoding, errors="replace"), encoding


_OTHER_SCRIPTS_MIN_BYTES: Final = 8


def guess_legacy_encoding(data: bytes) -> str:
    """The code page of a sheet that is not UTF-8. Windows-1252 (what a German or any
    Western Excel writes) unless charset-normalizer finds another script (Cyrillic, Greek,
    ...) in enough bytes to be sure: on a few umlauts alone it guesses wildly (an "Ä" once
    came back as Urdu), so a short Western sheet is never handed to it alone."""
    non_ascii = sum(1 for byte in data[:65536] if byte > 127)
    best = from_bytes(data[:65536]).best()
    if (
        best is not None
        and non_ascii >= _OTHER_SCRIPTS_MIN_BYTES
        and any(not _is_latin(alphabet) for alphabet in best.alphabets)
    ):
        return str(best.encoding)
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return str(best.encoding) if best is not None else "cp1252"
    return "cp1252"


_LATIN_SYMBOLS: Final = frozenset(
    {"Currency Symbols", "Letterlike Symbols", "Number Forms", "Spacing Modifier Letters"}
)


def _is_latin(alphabet: str) -> bool:
    return alphabet.startswith(("Basic Latin", "Latin", "Control", "General Punctuation")) or (
        alphabet
        in ("Currency Symbols", "Letterlike Symbols", "Number Forms", "Spacing Modifier Letters")
    )


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab, from the first lines (the header weighs most)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = text.split("\n", 1)[0]
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_sheet(data: bytes, encoding: str | None = None) -> Sheet:
    """The sheet in ``data`` (``encoding`` None: detected). Raises SheetError with a sentence
    when the file is not a usable sheet."""
    if len(data) > MAX_SHEET_BYTES:
        raise SheetError(
            translate(
                "CsvImport", "The file is larger than {size} MB; split it into smaller sheets."
            ).format(size=MAX_SHEET_BYTES // (1024 * 1024))
        )
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SheetError(
            translate(
                "CsvImport", "This is not a text sheet (CSV); save it from Excel as CSV first."
            )
        )
    if encoding is None:
        text, encoding = decode_sheet(data)
    else:
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            raise SheetError(
                translate("CsvImport", "Unknown encoding {name}.").format(name=repr(encoding))
            ) from None
        text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SheetError(translate("CsvImport", "The file is empty."))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [tuple(cell.strip() for cell in line) for line in reader]
    except csv.Error as exc:
        raise SheetError(
            translate("CsvImport", "The sheet cannot be read: {reason}.").format(reason=exc)
        ) from None
    lines = [line for line in lines if any(line)]
    if len(lines) < 2:
        raise SheetError(
            translate("CsvImport", "The sheet has a header line but no rows below it.")
        )
    header = tuple(h.lstrip("\ufeff") for h in lines[0])
    width = len(header)
    rows = tuple((line + ("",) * width)[:width] for line in lines[1:])
    return Sheet(encoding, delimiter, header, rows)


# --- 2. headers to fields ---------------------------------------------------------------------

_IDENTITY: Final = ("external_id", "account", "order_number")
_NOT_IMPORTED: Final = frozenset({"tags", "cancelled_date", "cancelled_reason"})

_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "order_number": (
        "order", "order_no", "order_nr", "ordernumber", "order_id", "bestellnummer",
        "bestellung", "auftragsnummer", "auftrag",
    ),
    "external_id": ("parcellab_id", "external_order_id"),
    "account": ("account_id", "user", "user_id", "konto", "kundenkonto"),
    "courier": ("carrier", "courier_code", "kurier", "paketdienst", "versanddienstleister"),
    "tracking_number": (
        "tracking", "tracking_no", "tracking_nr", "tracking_id", "trackingnummer",
        "sendungsnummer", "paketnummer",
    ),
    "recipient_postal_code": ("postal_code", "zip", "zip_code", "postcode", "plz"),
    "destination_country_iso3": ("country", "destination_country", "land", "zielland"),
    "announced_send_date": ("send_date", "ship_date", "versanddatum"),
    "courier_service_level": ("service_level", "service"),
}  # fmt: skip


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lstrip("\ufeff").lower()).strip("_")


def import_targets(kind: ImportKind) -> tuple[ImportTarget, ...]:
    """The fields columns can be mapped to: the order's identity, then the data fields."""
    identity = tuple(
        ImportTarget(name, ORDER_FIELD[name].label, ORDER_FIELD[name], identity=True)
        for name in _IDENTITY
    )
    specs = TRACKING_WRITABLE if kind is ImportKind.TRACKINGS else ORDER_WRITABLE
    data = tuple(
        ImportTarget(spec.name, spec.label, spec)
        for spec in specs
        if spec.name not in _NOT_IMPORTED and spec.name not in _IDENTITY
    )
    return identity + data


def guess_mapping(header: Sequence[str], kind: ImportKind) -> tuple[str | None, ...]:
    """The target of each column by name, label or alias; None where unknown. A target is
    taken by the first column that names it."""
    lookup: dict[str, str] = {}
    for target in import_targets(kind):
        for name in (target.name, target.label, target.title, *_ALIASES.get(target.name, ())):
            lookup.setdefault(_norm(name), target.name)
    taken: set[str] = set()
    mapping: list[str | None] = []
    for title in header:
        found = lookup.get(_norm(title))
        if found is None or found in taken:
            mapping.append(None)
        else:
            taken.add(found)
            mapping.append(found)
    return tuple(mapping)


# --- 3. rows to checked values -----------------------------------------------------------------

_TRUE: Final = frozenset({"true", "yes", "y", "1", "x", "ja", "j", "wahr"})
_FALSE: Final = frozenset({"false", "no", "n", "0", "nein", "falsch"})
_GERMAN_DATE: Final = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _convert(spec: FieldSpec, text: str) -> Any:
    """The JSON value of a cell; what cannot be converted is passed on for the validator to
    word (so the agent reads the same message the editor would show)."""
    kind = spec.kind
    if kind is FieldKind.INTEGER:
        try:
            return int(text)
        except ValueError:
            return text
    if kind is FieldKind.BOOLEAN:
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        return text
    if kind is FieldKind.DATE:
        match = _GERMAN_DATE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return text
        return text
    if kind is FieldKind.COUNTRY_ISO3:
        return text.upper()
    if kind in (FieldKind.LANGUAGE_ISO2, FieldKind.ENUM):
        return text.lower()
    return text


def build_preview(sheet: Sheet, mapping: Sequence[str | None], kind: ImportKind) -> ImportPreview:
    """Every row converted and checked; errors pinned to their cells."""
    if len(mapping) != len(sheet.header):
        raise ValueError("one mapping entry per column")
    targets = {t.name: t for t in import_targets(kind)}
    column_of = {name: i for i, name in enumerate(mapping) if name is not None}
    errors: dict[int, list[CellError]] = {}
    values: dict[int, dict[str, Any]] = {}
    seen_trackings: dict[tuple[str, str], tuple[int, str]] = {}
    for index, cells in enumerate(sheet.rows):
        row_errors: list[CellError] = []
        converted: dict[str, Any] = {}
        for column, name in enumerate(mapping):
            text = cells[column]
            if name is None or not text:
                continue
            converted[name] = _convert(targets[name].spec, text)

        def add(
            errs: Sequence[FieldError], row_errors: list[CellError] = row_errors, row: int = index
        ) -> None:
            for err in errs:
                top = (err.attr or "").split(".", 1)[0]
                column = column_of.get(top)
                message = _wording(err, targets, mapped=column is not None)
                row_errors.append(CellError(row, column, message))

        identity: dict[str, Any] = {k: converted.pop(k) for k in _IDENTITY if k in converted}
        for name, value in identity.items():
            add(check_field(ORDER_FIELD[name], value, name))
        if "external_id" not in identity and "order_number" not in identity:
            row_errors.append(
                CellError(
                    index,
                    column_of.get("order_number"),
                    translate(
                        "CsvImport",
                        "Name the order: an order number (with its account) or an external id.",
                    ),
                )
            )
        if kind is ImportKind.TRACKINGS:
            add(check_tracking(converted, ""))
            key = (str(converted.get("courier", "")), str(converted.get("tracking_number", "")))
            order_key = OrderRef(
                identity.get("external_id"), identity.get("account"), identity.get("order_number")
            ).key
            earlier = seen_trackings.setdefault(key, (index, order_key))
            if earlier[1] != order_key and all(key):
                row_errors.append(
                    CellError(
                        index,
                        column_of.get("tracking_number"),
                        translate(
                            "CsvImport",
                            "This tracking number is also on line {line} for another order.",
                        ).format(line=Sheet.line_of(earlier[0])),
                    )
                )
        else:
            add(check_order(converted, creating=False))
            if not converted:
                row_errors.append(
                    CellError(
                        index, None, translate("CsvImport", "Nothing to change on this line.")
                    )
                )
        if row_errors:
            errors[index] = row_errors
        else:
            values[index] = {**identity, **converted}
    return ImportPreview(
        sheet,
        kind,
        tuple(mapping),
        {row: tuple(errs) for row, errs in errors.items()},
        values,
    )


def _wording(error: FieldError, targets: Mapping[str, ImportTarget], *, mapped: bool) -> str:
    top = (error.attr or "").split(".", 1)[0]
    target = targets.get(top)
    if error.code == "required" and target is not None:
        if mapped:
            return translate("CsvImport", "{field} is required: this cell is empty.").format(
                field=target.title
            )
        return translate(
            "CsvImport", "{field} is required: map a column of the sheet to it."
        ).format(field=target.title)
    return error.detail
