"""One console per agent: a second launch hands its order link to the running one and exits.

The running console listens with Qt's ``QLocalServer`` (``qt/instance_server.py``): a Unix
socket in the temporary folder on Linux and macOS, a named pipe on Windows. A new launch
checks for it *before* Qt or anything heavy is imported, with the standard library only, so
clicking a link in a ticket while the console runs costs a few milliseconds, not a start.

The name is per user and per settings folder (two agents on one terminal server, or a test
with its own HOME, each get their own console). The message is one line of JSON:
``{"link": "<text>"}`` (``null`` for a plain second start, which brings the window up).
"""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Final

# Every start runs this module before its first window: the link parser, json and socket are
# imported only when a link is sent or a console is found running.

CONNECT_TIMEOUT_S: Final = 1.0
MAX_LINK_LENGTH: Final = 2048  # as links.MAX_LINK_LENGTH (a test keeps them equal)
MAX_MESSAGE_BYTES: Final = MAX_LINK_LENGTH + 64


def server_name(config_dir: Path) -> str:
    """The local server's name: the same for every start of this user with these settings."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (a container without passwd entry)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    # Two checksums, not a cryptographic hash: the name only keeps consoles apart, and
    # hashlib would load OpenSSL (~4 ms) before the first window. zlib is in memory already.
    key = f"{user}\0{config_dir}".encode()
    return f"parcellab_desk-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def socket_path(name: str) -> str:
    """Where Qt puts a local server of that name: a named pipe on Windows, else a socket
    file in the temporary folder (QDir::tempPath(), which follows TMPDIR like Python)."""
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}"
    return str(Path(tempfile.gettempdir()) / name)


def encode_message(link: str | None) -> bytes:
    import json

    if link is not None:
        link = link[: MAX_LINK_LENGTH + 1]  # longer is refused by the parser anyway
    return json.dumps({"link": link}).encode("utf-8") + b"\n"


def decode_message(data: bytes) -> str | None:
    """The link in a message (None: just bring the window up). Raises ValueError."""
    import json

    if len(data) > MAX_MESSAGE_BYTES:
        raise ValueError("message too long")
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or "link" not in document:
        raise ValueError("not a hand-over message")
    link = document["link"]
    if link is not None and not isinstance(link, str):
        raise ValueError("the link is not text")
    return link


def is_running(name: str) -> bool:
    """Whether a console listens under ``name`` (connects, sends nothing)."""
    return _send(name, None)


def hand_over(name: str, link: str | None) -> bool:
    """Give ``link`` to the console already running under ``name``; False when none runs
    (then this process is the console)."""
    return _send(name, lambda: encode_message(link))


def _send(name: str, message: Callable[[], bytes] | None) -> bool:
    """``message`` is made only once a console is found (json is not loaded otherwise)."""
    path = socket_path(name)
    if sys.platform == "win32":
        try:
            with open(path, "wb", buffering=0) as pipe:
                if message is not None:
                    pipe.write(message())
        except OSError:
            return False
        return True
    if not os.path.exists(path):
        return False  # no console runs (the usual case): no need to load the socket module
    import socket

    if not hasattr(socket, "AF_UNIX"):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(CONNECT_TIMEOUT_S)
        try:
            client.connect(path)
            if message is not None:
                client.sendall(message())
        except OSError:  # no file, or a file left by a console that crashed
            return False
    return True
