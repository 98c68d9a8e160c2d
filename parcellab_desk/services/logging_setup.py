"""Logging to a rotating file in the platform's log folder, with secrets masked.

Tokens are never handed to loggers on purpose; the masking filter is the second line of
defence for the day an exception message or a header dump slips one in.
"""

from __future__ import annotations

import base64
import logging
import logging.handlers
import re
import threading
from pathlib import Path
from typing import Final
from urllib.parse import quote, quote_plus

LOG_FILE_NAME: Final = "parcellab_desk.log"
_MAX_BYTES: Final = 2_000_000
_BACKUPS: Final = 5
_FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# The automatic patterns mask what *looks* like a credential even when nobody registered
# it: a value after an auth scheme word, or after a token-like key in JSON (quoted) or a
# query string (``token=``). A value must be at least 8 characters and look random (a
# digit, a base64 sign, or a capital after a small letter), so words ("Bearer token",
# "Bearer Authentication", "token: No system keyring…") keep their meaning.
_VALUE_CHARS = r"[A-Za-z0-9+/=._~%-]"
_SECRETISH = rf"(?={_VALUE_CHARS}*(?:\d|[+/=]|[a-z]{_VALUE_CHARS}*[A-Z])){_VALUE_CHARS}{{8,}}"
# Case-insensitive names only: the value's test needs its letters' case.
_AUTH_VALUE = re.compile(rf"\b((?i:Bearer|Parcellab-API-Token))(\s+){_SECRETISH}")
_JSON_FIELD = re.compile(
    rf"([\"'](?i:token|api_key|password|access_token)[\"']\s*:\s*[\"']){_SECRETISH}"
)
_QUERY_FIELD = re.compile(rf"([?&;](?i:token|api_key|password|access_token)=){_SECRETISH}")
_MASK: Final = "***"


def token_forms(token: str, *, account_id: int | None = None) -> set[str]:
    """Every form in which a token can reach a text: as it is, URL-quoted (both flavours),
    base64 on its own, and the ``Parcellab-API-Token`` header value base64("<account>:<token>")
    (with and without padding)."""
    forms = {token, quote(token, safe=""), quote_plus(token)}
    encoded = [base64.b64encode(token.encode()).decode("ascii")]
    if account_id is not None:
        encoded.append(base64.b64encode(f"{account_id}:{token}".encode()).decode("ascii"))
    for value in encoded:
        forms.update({value, value.rstrip("="), quote(value, safe="")})
    return forms


class SecretRegistry:
    """Secrets known to this process, masked wherever a log line would carry them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: set[str] = set()

    def add(self, secret: str) -> None:
        """Register one exact text (prefer :meth:`add_token` for a token)."""
        if len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def add_token(self, token: str, *, account_id: int | None = None) -> None:
        """Register a token in every form it can take on the wire (see :func:`token_forms`)."""
        if len(token) < 4:
            return
        for form in token_forms(token, account_id=account_id):
            self.add(form)

    def discard(self, secret: str) -> None:
        with self._lock:
            self._secrets.discard(secret)

    def __contains__(self, secret: object) -> bool:
        with self._lock:
            return secret in self._secrets

    def mask(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        # Known secrets first, longest first: a base64 form containing the raw token as a
        # substring is masked whole.
        for secret in secrets:
            text = text.replace(secret, _MASK)
        text = _AUTH_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{_MASK}", text)
        text = _JSON_FIELD.sub(lambda m: f"{m.group(1)}{_MASK}", text)
        return _QUERY_FIELD.sub(lambda m: f"{m.group(1)}{_MASK}", text)


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


def configure_logging(
    log_dir: Path | None, *, level: int = logging.INFO, console: bool = False
) -> Path | None:
    """Send the application's log to ``log_dir``; returns the log file's path.

    ``log_dir`` None logs to standard error only (the folder or file is unusable). Raises
    OSError when the log file cannot be opened; nothing is installed then.
    """
    handlers: list[logging.Handler] = []
    path: Path | None = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE_NAME
        handlers.append(
            logging.handlers.RotatingFileHandler(
                path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
            )
        )
    if console or log_dir is None:
        handlers.append(logging.StreamHandler())
    _remove_our_handlers()
    root = logging.getLogger()
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
