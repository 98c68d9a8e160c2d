"""Translatable wording for code below the UI, without importing Qt (any layer may use it).

Services word what the agent reads (error sentences, summaries) with ``translate(context,
text)``; tables of labels mark theirs with ``QT_TRANSLATE_NOOP(context, text)``. Qt's
``lupdate`` collects both into the catalogue like ``self.tr`` calls, and the composition root
plugs in ``QCoreApplication.translate`` at start, so the same sentence comes out in the
agent's language. Until then (tests, scripts) the English source is returned.

Write placeholders as ``{name}`` and format *after* translating:
``translate("Errors", "Order {number} was not found.").format(number=n)``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["QT_TRANSLATE_NOOP", "Translator", "install_translator", "translate"]

Translator = Callable[[str, str, str | None, int], str]


def _identity(_context: str, text: str, _disambiguation: str | None = None, n: int = -1) -> str:
    """The English source, with ``%n`` filled in as Qt would."""
    if n >= 0:
        return text.replace("%Ln", f"{n:,}").replace("%n", str(n))
    return text


_translator: list[Translator] = [_identity]


def install_translator(translator: Translator | None) -> None:
    """Use ``translator`` (``QCoreApplication.translate``) from now on; None restores English."""
    _translator[0] = translator or _identity


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the agent's language (``n`` picks a plural form where the catalogue has one)."""
    return _translator[0](context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for the catalogue without translating it (for tables of labels, which
    are translated where they are shown: ``translate(context, text)``)."""
    del context
    return text
