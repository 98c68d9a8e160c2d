"""The start path: the start window goes when the console's first window comes, and the
demo sandbox started early is the one the console works with (or is stopped)."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from parcellab_desk.start import DEMO_DB_NAME, EarlySandbox
from parcellab_desk.ui.start_window import StartWindow


def demo_args(**options: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "demo": True,
        "demo_orders": 20,
        "reset_demo": False,
        "sandbox_port": 0,
    }
    values.update(options)
    return argparse.Namespace(**values)


def gone(window: StartWindow) -> bool:
    """Closed and deleted (the start window deletes itself once handed over)."""
    return not shiboken6.isValid(window) or not window.isVisible()


def test_the_start_window_goes_once_another_window_is_shown(qtbot: QtBot) -> None:
    start = StartWindow(demo=True)
    start.show()
    assert "DEMO" in start.windowTitle()

    child = QLabel("a widget inside it is no other window", start)
    child.show()
    main = QMainWindow()
    qtbot.addWidget(main)
    assert start.isVisible()

    main.show()
    qtbot.waitUntil(lambda: gone(start))
    assert main.isVisible()


def test_closing_the_start_window_asks_to_stop_and_handing_over_does_not(qtbot: QtBot) -> None:
    stops: list[None] = []
    closed = StartWindow()
    qtbot.addWidget(closed)
    closed.close_requested = lambda: stops.append(None)
    closed.show()
    closed.close()
    assert stops == [None]

    handed = StartWindow()
    handed.close_requested = lambda: stops.append(None)
    handed.show()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: gone(handed))
    assert stops == [None]  # going by itself is not the agent closing it


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home whose data folder exists, as on any start after the first."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    from parcellab_desk.services.paths import AppPaths

    data = AppPaths.default().data
    data.mkdir(parents=True)
    return data


async def test_the_early_sandbox_serves_the_demo_database(data_home: Path) -> None:
    early = EarlySandbox(demo_args())
    sandbox = await asyncio.wait_for(early.take(), 60)
    assert sandbox is not None
    try:
        assert early.db == data_home / DEMO_DB_NAME
        async with httpx.AsyncClient(trust_env=False) as client:
            response = await client.get(
                f"{sandbox.base_url}/v4/track/orders/",
                headers={"Authorization": f"Bearer {sandbox.demo_token}"},
            )
        assert response.status_code == 200
        assert len(response.json()["results"]) > 0
    finally:
        await asyncio.to_thread(sandbox.stop)


async def test_no_early_sandbox_without_a_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nothing-here-yet"))
    early = EarlySandbox(demo_args())
    # A first start is the console's to do (and to tell about): nothing was started.
    assert await asyncio.wait_for(early.take(), 60) is None
    assert not (tmp_path / "nothing-here-yet").exists()


async def test_fresh_demo_data_is_left_to_the_console(data_home: Path) -> None:
    old = data_home / DEMO_DB_NAME
    old.write_bytes(b"the agent's old demo database")
    early = EarlySandbox(demo_args(reset_demo=True))
    # The console sets the old database aside before it starts from fresh data.
    assert await asyncio.wait_for(early.take(), 60) is None
    assert old.read_bytes() == b"the agent's old demo database"


async def test_no_early_sandbox_when_the_policy_hides_the_demo(
    data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text('{"hide_demo": true}', encoding="utf-8")
    monkeypatch.setenv("PARCELLAB_DESK_POLICY", str(policy))
    early = EarlySandbox(demo_args())
    assert await asyncio.wait_for(early.take(), 60) is None
    assert not (data_home / DEMO_DB_NAME).exists()  # not even a database was made


async def test_an_early_sandbox_nobody_takes_is_stopped(data_home: Path) -> None:
    early = EarlySandbox(demo_args())
    early.discard()  # before it has even started: it is stopped once it has

    assert await asyncio.to_thread(early.stopped.wait, 60)
    assert (data_home / DEMO_DB_NAME).exists()


# A whole start in a fresh process, as an agent's launch: the child reports the windows it
# sees (by class, in order) and closes the main window once its first rows are in.
START_CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
shown = []

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and watched.isWidgetType() and watched.isWindow():
            name = type(watched).__name__
            if name not in shown:
                shown.append(name)
                print("SHOWN", name, "beside", [type(w).__name__ for w in app.topLevelWidgets()
                                                if w.isVisible() and w is not watched], flush=True)
            if name == "StartWindow" and sys.argv[1] == "close-start":
                QTimer.singleShot(0, watched.close)
            if name == "StartWindow" and sys.argv[1] == "close-while-console-starts":
                close_once_the_console_runs(watched)
            if name == "NoticesDialog":  # what start-up found: read, and taken note of
                print("NOTICES", watched.informativeText() or watched.text(), flush=True)
                QTimer.singleShot(0, watched.accept)
            if name == "MainWindow":
                watched.model.page_loaded.connect(
                    lambda _n: QTimer.singleShot(0, watched.close_without_asking))
        return False

def close_once_the_console_runs(window):
    def check():
        running = False
        if "asyncio" in sys.modules:
            import asyncio
            try:
                running = asyncio.get_event_loop().is_running()
            except RuntimeError:
                running = False
        if running:
            print("CLOSING", flush=True)
            window.close()
        else:
            QTimer.singleShot(1, check)
    QTimer.singleShot(1, check)

watch = Watch()
app.installEventFilter(watch)
from parcellab_desk.__main__ import main
code = main(["--demo", "--demo-orders", "30"])
print("MODULES", " ".join(m for m in ("parcellab_desk.console",) if m in sys.modules))
sys.exit(code)
"""


def run_start(tmp_path: Path, mode: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        **extra_env,
    }
    return subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", START_CHILD, mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.timeout(240)
def test_a_demo_start_shows_the_start_window_first_then_the_main_window(tmp_path: Path) -> None:
    for _ in range(2):  # a first start (the console seeds the demo), then an ordinary one
        done = run_start(tmp_path, "run")
        assert done.returncode == 0, done.stderr[-2000:]
        lines = [line for line in done.stdout.splitlines() if line.startswith("SHOWN")]
        assert lines[0] == "SHOWN StartWindow beside []"
        # The main window comes while the start window is still up: never an empty screen.
        assert lines[1] == "SHOWN MainWindow beside ['StartWindow']"


@pytest.mark.timeout(120)
def test_closing_the_start_window_ends_the_start_quietly(tmp_path: Path) -> None:
    done = run_start(tmp_path, "close-start")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "SHOWN MainWindow" not in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.timeout(120)
def test_closing_the_start_window_while_the_console_starts_stops_it(tmp_path: Path) -> None:
    done = run_start(tmp_path, "close-while-console-starts")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CLOSING" in done.stdout
    assert "SHOWN MainWindow" not in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.timeout(240)
def test_what_start_up_finds_before_the_language_is_known_is_told_in_that_language(
    tmp_path: Path,
) -> None:
    # The window settings file holds the agent's language, so it is checked (and a damaged
    # one set aside) before the language is known; its notice must still come in German.
    settings = tmp_path / "config" / "parcelLab" / "parcellab_desk.conf"
    settings.parent.mkdir(parents=True)
    settings.write_bytes(b"\xff\xfe[General]\n")
    done = run_start(tmp_path, "run", LANGUAGE="de", LANG="de_DE.UTF-8", LC_ALL="")
    assert done.returncode == 0, done.stderr[-2000:]
    told = [line for line in done.stderr.splitlines() if line.startswith("parcellab-desk: ")]
    kept = [p for p in settings.parent.iterdir() if p.name != settings.name]
    assert [p.read_bytes() for p in kept] == [b"\xff\xfe[General]\n"]  # set aside, whole
    assert told == [
        f"parcellab-desk: Die Datei mit den Fenstereinstellungen {settings} ist beschädigt "
        f"(sie ist kein Text); sie wurde als {kept[0].name} aufbewahrt, und die Fenstergrößen "
        "beginnen mit ihren Standardwerten."
    ]
