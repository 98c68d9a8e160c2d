"""The console starts whatever is wrong with its folders and files, says so in one dialog,
keeps every damaged byte, and sends a task's unexpected failure down the one crash path.

Real dialogs offscreen, a real demo sandbox, an in-memory keyring; one test per family of
start-up problems (folders, files, the demo database)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QDialog

from parcellab_desk.console import DEMO_DB_NAME, DEMO_PROFILE_ID, Connection, Console
from parcellab_desk.services.credentials import DRAFTS_KEY_USER, CredentialStore
from parcellab_desk.services.drafts import DraftStore, new_draft_key
from parcellab_desk.services.order_editing import OrderDraft
from parcellab_desk.services.paths import AppPaths, FolderRole
from parcellab_desk.services.profiles import ProfileStore
from parcellab_desk.services.session import SessionService
from parcellab_desk.ui.dialog_async import dialog_events
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.startup_dialogs import DamagedDemoDialog, NoticesDialog
from parcellab_desk.ui.welcome_dialog import WelcomeDialog
from tests.services.keyring_fakes import MemoryKeyring, install_keyring

D = TypeVar("D", bound=QDialog)
WAIT = 30.0


class RecordingConsole(Console):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.opened: asyncio.Queue[MainWindow] = asyncio.Queue()
        self.crashes: list[BaseException] = []
        self.on_crash = lambda _where, error: self.crashes.append(error)

    def open_window(self, connection: Connection, drafts: DraftStore | None = None) -> MainWindow:
        window = super().open_window(connection, drafts)
        self.opened.put_nowait(window)
        return window


@pytest.fixture
def keyring_backend(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return install_keyring(monkeypatch, MemoryKeyring())


@pytest.fixture
def dialogs() -> Iterator[asyncio.Queue[QDialog]]:
    opened: asyncio.Queue[QDialog] = asyncio.Queue()
    dialog_events.opened.connect(opened.put_nowait)
    yield opened
    dialog_events.opened.disconnect(opened.put_nowait)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "app"


@pytest.fixture
def start(root: Path, keyring_backend: MemoryKeyring) -> Callable[..., RecordingConsole]:
    """The start-up of ``app.run`` without its event loop: folders checked, profiles read,
    everything found handed to the console."""

    def make(**options: object) -> RecordingConsole:
        args = argparse.Namespace(
            demo=False, demo_orders=30, reset_demo=False, sandbox_port=0, debug=False
        )
        vars(args).update(options)
        paths = AppPaths.under(root)
        problems = paths.prepare()
        unusable = frozenset(p.role for p in problems)
        profiles = ProfileStore(paths.config, writable=FolderRole.CONFIG not in unusable)
        notices = [p.sentence() for p in problems] + profiles.notices
        session = SessionService(profiles, CredentialStore())
        return RecordingConsole(args, paths, session, notices=notices, unusable_folders=unusable)

    return make


async def next_dialog(queue: asyncio.Queue[QDialog], kind: type[D]) -> D:
    dialog = await asyncio.wait_for(queue.get(), WAIT)
    assert isinstance(dialog, kind), f"expected {kind.__name__}, got {type(dialog).__name__}"
    return dialog


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


async def test_folders_a_file_instead_of_the_drafts_folder_keeps_edits_in_memory(
    start: Callable[..., RecordingConsole], dialogs: asyncio.Queue[QDialog], root: Path
) -> None:
    (root / "data").mkdir(parents=True)
    blocker = root / "data" / "drafts"
    blocker.write_bytes(b"not a folder")
    console = start(demo=True)
    running = asyncio.ensure_future(console.run())

    notices = await next_dialog(dialogs, NoticesDialog)
    [sentence] = notices.notices
    assert str(blocker) in sentence
    assert "in memory only" in sentence
    notices.accept()
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    draft = OrderDraft(None, account=1001)
    draft.set_value("order_number", "MEM-1")
    store = await console.drafts_for(console.connection.profile)  # type: ignore[union-attr]
    store.save("m1", draft)
    assert not store.on_disk
    assert [s.draft_id for s in store.load_all()] == ["m1"]  # kept for this run
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0
    assert blocker.read_bytes() == b"not a folder"
    assert console.crashes == []


async def test_files_damaged_profiles_and_drafts_are_kept_and_told(
    start: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    root: Path,
    keyring_backend: MemoryKeyring,
) -> None:
    paths = AppPaths.under(root).ensure()
    (paths.config / "profiles.json").write_bytes(b"\xff\xfe not profiles")
    key = new_draft_key()
    keyring_backend.entries[("parcellab_desk", DRAFTS_KEY_USER)] = key.reveal()
    good = OrderDraft(None, account=1001)
    good.set_value("order_number", "KEEP-1")
    DraftStore(paths.drafts, DEMO_PROFILE_ID, key).save("a" * 32, good)
    damaged = paths.drafts / DEMO_PROFILE_ID / ("c" * 32 + ".json")
    damaged.write_bytes(b'{"version": 1, "edits": {"tags": 5}}')
    before = files_under(root)

    console = start()
    running = asyncio.ensure_future(console.run())
    notices = await next_dialog(dialogs, NoticesDialog)
    assert str(paths.config / "profiles.json") in notices.notices[0]
    notices.accept()
    welcome = await next_dialog(dialogs, WelcomeDialog)  # no profile could be read
    welcome.demo_button.click()
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    later = await next_dialog(dialogs, NoticesDialog)  # after the window: the damaged draft
    [sentence] = later.notices
    assert str(damaged) in sentence
    later.accept()
    assert window.tabs.count() == 1  # the intact draft came back
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0

    kept = set(files_under(root).values())
    for path, data in before.items():
        assert data in kept, f"the bytes of {path.name} are gone"
    assert console.crashes == []


@pytest.mark.parametrize("answer", ["fresh", "quit"])
async def test_demo_db_garbage_offers_fresh_demo_data(
    start: Callable[..., RecordingConsole],
    dialogs: asyncio.Queue[QDialog],
    root: Path,
    answer: str,
) -> None:
    paths = AppPaths.under(root).ensure()
    garbage = bytes(range(256)) * 8
    (paths.data / DEMO_DB_NAME).write_bytes(garbage)
    console = start(demo=True)
    running = asyncio.ensure_future(console.run())

    question = await next_dialog(dialogs, DamagedDemoDialog)
    assert str(paths.data / DEMO_DB_NAME) in question.informativeText()
    if answer == "quit":
        question.quit_button.click()
        assert await asyncio.wait_for(running, WAIT) == 0
        assert (paths.data / DEMO_DB_NAME).read_bytes() == garbage  # untouched
        return
    question.fresh_button.click()
    window = await asyncio.wait_for(console.opened.get(), WAIT)
    assert window.windowTitle().startswith("DEMO")
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0
    [aside] = [
        p
        for p in paths.data.iterdir()
        if p.name.startswith(f"{DEMO_DB_NAME}.damaged-") and not p.name.endswith(("-wal", "-shm"))
    ]
    assert aside.read_bytes() == garbage


async def test_an_unexpected_error_in_a_task_reaches_the_crash_path_and_work_goes_on(
    start: Callable[..., RecordingConsole], dialogs: asyncio.Queue[QDialog]
) -> None:
    console = start(demo=True)
    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)

    async def buggy() -> None:
        raise ZeroDivisionError("a bug in a coroutine")

    task = console.runner.start("buggy", buggy())
    await asyncio.wait([task])
    await asyncio.sleep(0)
    assert [type(e) for e in console.crashes] == [ZeroDivisionError]
    assert window.isVisible()  # the console keeps running
    assert console.runner.can_start  # and still takes work
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0


async def test_reset_demo_starts_fresh_and_keeps_the_old_database(
    start: Callable[..., RecordingConsole], dialogs: asyncio.Queue[QDialog], root: Path
) -> None:
    paths = AppPaths.under(root).ensure()
    old = b"an earlier demo database, whatever it holds"
    (paths.data / DEMO_DB_NAME).write_bytes(old)
    console = start(demo=True, reset_demo=True)
    running = asyncio.ensure_future(console.run())
    window = await asyncio.wait_for(console.opened.get(), WAIT)  # no question asked
    assert dialogs.empty()
    window.close_without_asking()
    assert await asyncio.wait_for(running, WAIT) == 0
    assert old in set(files_under(paths.data).values())
