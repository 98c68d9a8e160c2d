"""The console's language: Qt translators for our catalogue and Qt's own, and the locale that
dates and numbers follow.

The language follows the operating system (the first of its UI languages we have a catalogue
for) unless the agent chose one in Settings; the choice is remembered in QSettings and takes
effect at the next start (every window is built in one language). English is the source
language and needs no catalogue.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from parcellab_desk.resources import ResourceNotFoundError, resources_dir
from parcellab_desk.wording import install_translator

__all__ = [
    "CATALOGUE_NAME",
    "SUPPORTED_LANGUAGES",
    "Language",
    "install_translations",
    "resolve_language",
    "store_language",
    "stored_language",
]

_log = logging.getLogger(__name__)

CATALOGUE_NAME: Final = "parcellab_desk"
"""``resources/translations/parcellab_desk_<lang>.ts`` (and the compiled ``.qm`` beside it)."""

SUPPORTED_LANGUAGES: Final = ("en", "de")
_SETTINGS_KEY: Final = "language"


class Language(StrEnum):
    """What the agent chose in Settings."""

    SYSTEM = "system"
    ENGLISH = "en"
    GERMAN = "de"


def stored_language() -> Language:
    value = str(QSettings().value(_SETTINGS_KEY, Language.SYSTEM.value))
    try:
        return Language(value)
    except ValueError:
        return Language.SYSTEM


def store_language(language: Language) -> None:
    QSettings().setValue(_SETTINGS_KEY, language.value)


def resolve_language(language: Language, ui_languages: Sequence[str] | None = None) -> str:
    """The two-letter language to show: the choice, else the first supported OS language."""
    if language is not Language.SYSTEM:
        return language.value
    wanted = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for tag in wanted:
        code = tag.replace("_", "-").split("-", 1)[0].lower()
        if code in SUPPORTED_LANGUAGES:
            return code
    return "en"


def _translations_dirs() -> list[Path]:
    dirs: list[Path] = []
    with contextlib.suppress(ResourceNotFoundError):
        dirs.append(resources_dir() / "translations")
    # Qt's own catalogues ship in the PySide6 wheel (a bundle carries copies in resources/).
    dirs.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    return dirs


def _load(translator: QTranslator, name: str, dirs: Sequence[Path]) -> bool:
    return any(translator.load(name, str(folder)) for folder in dirs if folder.is_dir())


class Translations:
    """The translators installed into the application (kept alive as long as it runs)."""

    def __init__(self, language: str, translators: Sequence[QTranslator]) -> None:
        self.language = language
        self.translators = tuple(translators)

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        install_translator(None)


def install_translations(language: Language | str = Language.SYSTEM) -> Translations:
    """Install our catalogue and Qt's for the chosen language; set the default locale."""
    code = resolve_language(Language(language))
    locale = QLocale(code if code != "en" else "en_US")
    if language is Language.SYSTEM or language == Language.SYSTEM.value:
        system = QLocale.system()
        if system.language() == locale.language():
            locale = system  # keep the agent's region: de_AT, en_GB dates
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    if code != "en":
        dirs = _translations_dirs()
        app = QCoreApplication.instance()
        for name in (f"{CATALOGUE_NAME}_{code}", f"qtbase_{code}"):
            translator = QTranslator(app)
            if _load(translator, name, dirs):
                QCoreApplication.installTranslator(translator)
                installed.append(translator)
            else:
                _log.warning("No %s.qm found; that part stays in English", name)
    install_translator(QCoreApplication.translate)
    return Translations(code, installed)
