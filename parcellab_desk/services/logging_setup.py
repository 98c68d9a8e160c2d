"""Logging to a rotating file in the platform's log folder, with secrets masked.

Tokens are never handed to loggers on purpose; the masking filter is the second line of
defence for the day an exception message or a header dump slips one in.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path
from typing import Final

LOG_FILE_NAME: Final = "parcellab_desk.log"
_MAX_BYTES: Final = 2_000_000
_BACKUPS: Final = 5
_FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# Authorization header values and token-looking query or JSON values.
_AUTH_VALUE = re.compile(r"(?i)\b(Bearer|Parcellab-API-Token)\s+[A-Za-z0-9+/=._~-]+")
_TOKEN_FIELD = re.compile(
    r"(?i)([\"']?(?:token|api_key|password)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}&]+"
)


class SecretRegistry:
    """Secrets known to this process, masked wherever a log line would carry them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: set[str] = set()

    def add(self, secret: str) -> None:
        if len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def discard(self, secret: str) -> None:
        with self._lock:
            self._secrets.discard(secret)

    def mask(self, text: str) -> str:
        text = _AUTH_VALUE.sub(lambda m: f"{m.group(1)} ***", text)
        text = _TOKEN_FIELD.sub(lambda m: f"{m.group(1)}***", text)
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, "***")
        return text


SECRETS: Final = SecretRegistry()


class MaskingFilter(logging.Filter):
    """Renders each record once and masks secrets in the final text (args included)."""

    def __init__(self, registry: SecretRegistry = SECRETS) -> None:
        super().__init__()
        self._registry = registry

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        masked = self._registry.mask(message)
        record.msg, record.args = masked, None
        if record.exc_text:
            record.exc_text = self._registry.mask(record.exc_text)
        return True


def _remove_our_handlers() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_parcellab_desk", False):
            root.removeHandler(handler)
            handler.close()


def shutdown_logging() -> None:
    """Flush and close the console's log handlers (at exit, and between tests)."""
    _remove_our_handlers()


def configure_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the application's log to ``log_dir``; returns the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    _remove_our_handlers()
    root = logging.getLogger()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(MaskingFilter())
        handler._parcellab_desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO; useful, and it never logs headers.
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # qasync logs every executor result at DEBUG ("Setting Future result: ..."): a keyring
    # read in a worker thread would put the token in the log.
    logging.getLogger("qasync").setLevel(logging.INFO)
    return path
