"""German and English: every string the agent reads is in the German catalogue, finished,
with the same placeholders; the compiled catalogue and Qt's own load; the language follows
the operating system unless the agent chose one."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.i18n import Language, install_translations, resolve_language

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "parcellab_desk_de.ts"
sys.path.insert(0, str(ROOT / "packaging"))
import build_translations  # noqa: E402

Message = tuple[str, str]  # (context, source)


def _messages(ts: Path) -> dict[Message, ET.Element]:
    found: dict[Message, ET.Element] = {}
    # Our own catalogue and lupdate's output, not untrusted input.
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _is_current(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") not in ("obsolete", "vanished")


def _texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory: pytest.TempPathFactory) -> set[Message]:
    """What lupdate finds in the code today (into a fresh file, so nothing is carried over)."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh_de.ts"
    files = [str(p) for p in build_translations.sources()]
    subprocess.run(  # noqa: S603 - the tool that ships with PySide6
        [build_translations._tool("pyside6-lupdate"), "-silent", *files, "-ts", str(fresh)],
        check=True,
    )
    return set(_messages(fresh))


def test_the_german_catalogue_has_every_source_string(source_messages: set[Message]) -> None:
    catalogue = {key for key, message in _messages(CATALOGUE).items() if _is_current(message)}
    missing = sorted(source_messages - catalogue)
    assert not missing, (
        f"{len(missing)} strings are not in the German catalogue; run "
        f"`python packaging/build_translations.py --update` and translate them: {missing[:10]}"
    )


def test_every_german_entry_is_finished_and_keeps_its_placeholders(
    source_messages: set[Message],
) -> None:
    problems = []
    for (context, source), message in _messages(CATALOGUE).items():
        if (context, source) not in source_messages:
            continue
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") == "unfinished":
            problems.append(f"unfinished: {context}: {source!r}")
            continue
        wanted = sorted(re.findall(r"\{\w+\}", source))
        for text in _texts(message):
            if not text.strip():
                problems.append(f"empty: {context}: {source!r}")
            elif sorted(re.findall(r"\{\w+\}", text)) != wanted:
                problems.append(f"placeholders differ: {context}: {source!r} -> {text!r}")
            elif ("%n" in source or "%Ln" in source) and not re.search(r"%L?n", text):
                problems.append(f"count missing: {context}: {source!r} -> {text!r}")
            elif source.count("&") - source.count("&&") * 2 > 0 and "&" not in text:
                problems.append(f"shortcut key missing: {context}: {source!r} -> {text!r}")
    assert not problems, problems


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translations = install_translations(Language.GERMAN)
    yield
    translations.remove()
    QLocale.setDefault(QLocale.c())


def test_german_catalogue_and_qt_s_own_load(german: None) -> None:
    assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
    # Qt's catalogue: standard buttons follow (QDialogButtonBox's Save, Cancel).
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {button.text().replace("&", "") for button in box.buttons()}
    assert texts == {"Speichern", "Abbrechen"}
    # Tables of labels below the UI are translated where they are read.
    assert CancelReason.CUSTOMER.label == "Kundenwunsch"
    # Dates and numbers in the locale.
    assert QLocale().toString(1234567) == "1.234.567"


def test_the_not_found_sentence_is_german_too(german: None) -> None:
    from parcellab_desk.services.order_lookup import NotFound
    from parcellab_desk.services.search_input import classify
    from parcellab_desk.ui.search_messages import not_found_sentence

    sentence = not_found_sentence(NotFound(classify("SO-404")))

    assert sentence.startswith("Zu „SO-404“ wurde nichts gefunden.")
    assert "Nummern und Referenzen müssen vollständig übereinstimmen." in sentence


def test_start_up_dialogs_and_their_reasons_are_german_too(german: None) -> None:
    import sqlite3
    from pathlib import Path

    from parcellab_desk.services.demo_database import describe_database_error
    from parcellab_desk.ui.startup_dialogs import DamagedDemoDialog, NoticesDialog

    damaged = sqlite3.DatabaseError("file is not a database")
    damaged.sqlite_errorcode = 26  # SQLITE_NOTADB
    dialog = DamagedDemoDialog(Path("demo.sqlite3"), describe_database_error(damaged))

    assert (
        dialog.text() == "Die Demo-Datenbank kann nicht gelesen werden (sie ist keine Datenbank)."
    )
    assert "Mit frischen Demodaten starten?" in dialog.informativeText()
    assert NoticesDialog(["…"]).text().startswith("Die Konsole ist gestartet")


def test_english_is_the_source_and_needs_no_catalogue(qapp: QApplication) -> None:
    translations = install_translations(Language.ENGLISH)
    try:
        assert translations.translators == ()
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert CancelReason.CUSTOMER.label == "Customer"
    finally:
        translations.remove()
        QLocale.setDefault(QLocale.c())


@pytest.mark.parametrize(
    ("choice", "system", "shown"),
    [
        (Language.SYSTEM, ["de-AT", "en-US"], "de"),
        (Language.SYSTEM, ["fr-FR", "de-CH"], "de"),
        (Language.SYSTEM, ["fr-FR", "it-IT"], "en"),
        (Language.SYSTEM, ["en-GB", "de-DE"], "en"),
        (Language.ENGLISH, ["de-DE"], "en"),
        (Language.GERMAN, ["en-US"], "de"),
    ],
)
def test_the_language_follows_the_system_unless_chosen(
    choice: Language, system: list[str], shown: str
) -> None:
    assert resolve_language(choice, system) == shown


def test_folder_and_profile_notices_are_german_too(german: None, tmp_path: Path) -> None:
    from parcellab_desk.services.paths import FILE_IN_THE_WAY, FolderProblem, FolderRole
    from parcellab_desk.services.profiles import Profile, ProfileStore

    drafts = FolderProblem(FolderRole.DRAFTS, tmp_path / "drafts", FILE_IN_THE_WAY)
    assert drafts.sentence() == (
        f"Der Entwurfsordner {tmp_path / 'drafts'} kann nicht verwendet werden (eine Datei "
        "trägt seinen Namen, kein Ordner); nicht gespeicherte Änderungen werden daher nur im "
        "Arbeitsspeicher gehalten, nicht auf dem Datenträger. Machen Sie ihn zu einem Ordner, "
        "der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu."
    )

    # One profile of two does not validate: singular in German ("konnte"), as Qt's plural.
    profiles = tmp_path / "profiles.json"
    good = Profile(name="Shop", base_url="https://api.eu.parcellab.com").model_dump(mode="json")
    profiles.write_text(json.dumps({"profiles": [good, {"name": ""}]}), encoding="utf-8")
    store = ProfileStore(tmp_path)
    assert store.notices[0].startswith(
        f"1 von 2 Profilen in {profiles} konnte nicht gelesen werden und wurde weggelassen;"
    )


def test_the_conflict_dialog_is_german_too(german: None) -> None:
    from parcellab_desk.api.schema import ORDER_FIELD
    from parcellab_desk.services.conflicts import FieldConflict, Reconciliation
    from parcellab_desk.ui.conflict_dialog import ConflictDialog
    from tests.qt.pages import make_order

    found = Reconciliation(
        current=make_order(7),
        conflicts=(FieldConflict("client_key", "a.de", "", "b.de"),),
        taken_in=(ORDER_FIELD["order_status"].title,),
    )
    dialog = ConflictDialog(found)
    shown = {label.text() for label in dialog.findChildren(QLabel)}

    assert dialog.windowTitle() == "Inzwischen bei parcelLab geändert"
    assert dialog.save_button.text() == "Mit dieser Auswahl speichern"
    assert {"Client-Key", "(leer)", "<b>Ihr Wert</b>"} <= shown
    assert dialog.taken_label is not None
    assert dialog.taken_label.text() == (
        "Ebenfalls bei parcelLab geändert und übernommen (Sie hatten sie nicht angefasst): "
        "Bestellstatus."
    )


def test_save_outcomes_in_the_editor_banner_are_german_too(german: None) -> None:
    from parcellab_desk.api.errors import ConnectionFailedError
    from parcellab_desk.services.edit_failures import edit_failure
    from parcellab_desk.services.order_editing import OrderDraft
    from parcellab_desk.services.write_outcomes import (
        Outcome,
        WriteIntent,
        WriteOutcomeUnknownError,
        WriteResult,
    )

    lost = ConnectionFailedError("The connection dropped.", method="POST")
    intent = WriteIntent.post({"account": 1042, "order_number": "N-1"})
    failure = edit_failure(
        OrderDraft(account=1042),
        WriteOutcomeUnknownError(WriteResult(Outcome.UNKNOWN, intent, error=lost)),
    )

    assert failure.banner.startswith("Ergebnis unbekannt: ")
    assert "Noch ist nicht bekannt, ob die Bestellung angelegt wurde;" in failure.banner
    assert failure.banner.endswith("Ihre Änderungen bleiben erhalten.")


def test_a_sheet_with_german_headers_maps_and_its_problems_are_german(german: None) -> None:
    from parcellab_desk.services.csv_import import (
        ImportKind,
        build_preview,
        guess_mapping,
        import_targets,
        read_sheet,
    )

    sheet = read_sheet("Zielland;Empfängername\nDEU;Erika Muster\n".encode())
    mapping = guess_mapping(sheet.header, ImportKind.ORDER_FIELDS)
    # The field names as the German UI shows them.
    assert mapping == ("destination_country_iso3", "recipient_name")
    assert "Bestellnummer" in {t.title for t in import_targets(ImportKind.ORDER_FIELDS)}

    preview = build_preview(sheet, mapping, ImportKind.ORDER_FIELDS)
    messages = {error.message for error in preview.errors[0]}
    assert (
        "Nennen Sie die Bestellung: eine Bestellnummer (mit ihrem Account) oder eine externe ID."
        in messages
    )


def _calls_lupdate_misses(path: Path) -> list[str]:
    """``tr()`` calls the catalogue tool cannot collect: a text that is no string literal
    (a variable's text is never looked up under that context), or a call inside an f-string
    (the tool does not read f-string expressions)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    missed: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "attr", None) == "tr":
                    missed.append(f"{path.name}:{inner.lineno}: tr() inside an f-string")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "tr"
            and node.args
            and not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))
        ):
            missed.append(f"{path.name}:{node.lineno}: tr() of a variable")
    return missed


def test_every_tr_call_is_one_the_catalogue_can_collect() -> None:
    missed = [m for path in build_translations.sources() for m in _calls_lupdate_misses(path)]
    assert missed == []
