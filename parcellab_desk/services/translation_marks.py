"""Marks source strings for Qt's translation catalogue without importing Qt.

Tables of agent-facing words below the UI (status labels, how a match was made) mark their
strings with ``QT_TRANSLATE_NOOP(context, text)``, the name Qt's ``lupdate`` collects; the UI
translates them where it shows them, with ``QCoreApplication.translate(context, text)``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """``text`` unchanged; ``lupdate`` files it under ``context``."""
    return text
