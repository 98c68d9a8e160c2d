"""The single-instance hand-over: a later launch's link reaches the running console."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from parcellab_desk import links, single_instance
from parcellab_desk.qt.instance_server import InstanceServer
from parcellab_desk.single_instance import (
    MAX_MESSAGE_BYTES,
    decode_message,
    encode_message,
    hand_over,
    server_name,
    socket_path,
)
from tests.signals import WAIT

LINK = "parcellab-desk://order/1042/A-10042"


@pytest.fixture
def name(tmp_path: Path) -> str:
    return server_name(tmp_path / "config")


def test_names_differ_per_settings_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


@pytest.mark.parametrize("link", [LINK, None, "not a link at all"])
def test_messages_round_trip(link: str | None) -> None:
    assert decode_message(encode_message(link).rstrip(b"\n")) == link


@pytest.mark.parametrize(
    "data", [b"", b"[]", b'{"other": 1}', b'{"link": 5}', b"\xff", b"x" * (MAX_MESSAGE_BYTES + 1)]
)
def test_broken_messages_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - every reason is a ValueError
        decode_message(data)


def test_without_a_running_console_nothing_is_handed_over(name: str) -> None:
    assert hand_over(name, LINK) is False


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket file")
def test_a_socket_left_by_a_crashed_console_is_not_taken_for_one(name: str) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(socket_path(name))
    stale.close()  # the file stays, nobody listens: as after a crash

    assert hand_over(name, LINK) is False


async def _received(server: InstanceServer) -> asyncio.Future[object]:
    future: asyncio.Future[object] = asyncio.get_running_loop().create_future()

    def resolve(link: object) -> None:
        if not future.done():
            future.set_result(link)

    server.link_received.connect(resolve)
    return future


@pytest.mark.usefixtures("qapp")
async def test_a_second_launch_hands_its_link_to_the_running_console(name: str) -> None:
    server = InstanceServer(name)
    assert server.listen()
    received = await _received(server)

    handed = await asyncio.to_thread(hand_over, name, LINK)  # the second process's side

    assert handed is True
    assert await asyncio.wait_for(received, WAIT) == LINK
    server.close()


@pytest.mark.usefixtures("qapp")
async def test_the_server_takes_over_a_socket_left_by_a_crash(name: str) -> None:
    if sys.platform != "win32":
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stale.bind(socket_path(name))
        stale.close()
    server = InstanceServer(name)

    assert server.listen()
    received = await _received(server)
    assert await asyncio.to_thread(hand_over, name, None) is True
    assert await asyncio.wait_for(received, WAIT) is None  # a plain start: window to the front
    server.close()


@pytest.mark.usefixtures("qapp")
async def test_a_second_server_does_not_steal_the_running_ones_socket(name: str) -> None:
    first = InstanceServer(name)
    assert first.listen()
    got: list[object] = []
    both: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def record(link: object) -> None:
        got.append(link)
        if not both.done():
            both.set_result(None)

    first.link_received.connect(record)
    second = InstanceServer(name)  # a console started at the same moment

    assert second.listen() is False  # it found the first one answering: keeps its socket
    assert await asyncio.to_thread(hand_over, name, LINK) is True
    await asyncio.wait_for(both, WAIT)
    assert got == [LINK]  # the first still gets every launch (the probe said nothing)
    first.close()


def test_macos_url_events_become_links(qapp: QApplication, name: str) -> None:
    server = InstanceServer(name)
    got: list[object] = []
    server.link_received.connect(got.append)
    qapp.installEventFilter(server)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(QUrl(LINK)))
        QCoreApplication.sendEvent(qapp, QFileOpenEvent("/tmp/some file.txt"))  # noqa: S108
    finally:
        qapp.removeEventFilter(server)

    assert got == [LINK]  # a file opened with the app is no link


def test_a_hand_over_message_holds_the_longest_link_the_parser_takes() -> None:
    # single_instance keeps its own copy of the limit, so a start need not import the parser.
    assert single_instance.MAX_LINK_LENGTH == links.MAX_LINK_LENGTH
    longest = "parcellab-desk://order/1001/" + "x" * (links.MAX_LINK_LENGTH - 28)
    message = single_instance.encode_message(longest)

    assert len(message) <= single_instance.MAX_MESSAGE_BYTES
    assert single_instance.decode_message(message) == longest


@pytest.mark.skipif(sys.platform == "win32", reason="Windows hands over through a named pipe")
def test_no_console_running_is_told_without_loading_the_socket_module(tmp_path: Path) -> None:
    code = (
        "import sys; from parcellab_desk import single_instance as s; "
        "print(s.hand_over('parcellab_desk-none-here', None), 'socket' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert result.stdout.split() == ["False", "False"]
