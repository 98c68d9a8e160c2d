"""The running console's end of the single-instance hand-over (see ``single_instance``).

Listens on a ``QLocalServer`` that only this user can reach, reads one line from each
launch that found it, and emits the link (or None for a plain second start). Also turns
macOS's "open this URL" events (``QFileOpenEvent``: macOS never starts a second process for
a link) into the same signal.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from parcellab_desk.single_instance import MAX_MESSAGE_BYTES, decode_message, is_running

_log = logging.getLogger(__name__)

READ_TIMEOUT_MS: Final = 2000


class InstanceServer(QObject):
    """Emits ``link_received(text or None)`` for every hand-over and every URL-open event."""

    link_received = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    @property
    def name(self) -> str:
        return self._name

    def listen(self) -> bool:
        """Start listening. A socket that answers belongs to a console started at the same
        moment, and is kept (Qt would replace it); one left by a crash is removed."""
        if is_running(self._name):
            _log.warning("Another console is running under %s; not listening", self._name)
            return False
        QLocalServer.removeServer(self._name)
        if self._server.listen(self._name):
            return True
        _log.warning("Cannot listen for order links: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the QApplication: macOS's kAEGetURL arrives as a FileOpen event with a URL."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.isValid() and not url.isLocalFile():
                self.link_received.emit(url.toString())
                return True
        return super().eventFilter(watched, event)

    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            buffer = bytearray()

            def read(s: QLocalSocket = socket, data: bytearray = buffer) -> None:
                data.extend(bytes(s.readAll().data()))
                if b"\n" in data or len(data) > MAX_MESSAGE_BYTES:
                    s.readyRead.disconnect()
                    self._deliver(bytes(data).split(b"\n", 1)[0])
                    s.disconnectFromServer()
                    s.deleteLater()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def _deliver(self, line: bytes) -> None:
        try:
            link = decode_message(line)
        except ValueError as exc:
            _log.warning("Ignored a hand-over message that could not be read (%s)", exc)
            return
        _log.info("A second launch handed over %s", "a link" if link else "a start")
        self.link_received.emit(link)
