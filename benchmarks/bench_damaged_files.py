"""Damaged-file scenarios: does the console start, what does it say, are the bytes kept?

Each scenario builds a fresh home folder, damages one of the console's files or folders the
way a crash, a full disk, a ``sudo`` run or a curious agent would, and starts the real
console (``python -m parcellab_desk`` as the launcher does, offscreen) in a child process.
A driver inside the child answers whatever appears: it records every notice dialog and
accepts it, says "Quit" to the welcome dialog (or "Try the demo" where a write must be
provoked), chooses fresh demo data when asked, and closes the main window once it has
shown. Afterwards every byte of every damaged file must still exist somewhere in the home
folder (compared by SHA-256), the child must have ended with exit code 0, without a
traceback and without a crash dialog.

Permissions are real, not simulated: when this runs as root, each child runs as root
*without capabilities* (``setpriv --bounding-set=-all``), so file modes and owners bind it
like any user (mode 000 cannot be read, another user's folder cannot be written). The only
injected failure is the full disk (ENOSPC from ``os.fsync``), which no folder can be made
to give on demand.

    .venv/bin/python benchmarks/bench_damaged_files.py            # every scenario, a table
    .venv/bin/python benchmarks/bench_damaged_files.py -k draft   # the ones matching "draft"
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OTHER_UID = 65534  # "nobody": the other user who owns what a sudo run left behind
CHILD_TIMEOUT_S = float(os.environ.get("BENCH_CHILD_TIMEOUT", "90"))


# --- the home folder of one scenario -------------------------------------------------------


@dataclass
class Home:
    root: Path
    draft_key: str
    protect: list[Path] = field(default_factory=list)

    @property
    def config(self) -> Path:
        return self.root / ".config" / "parcellab_desk"

    @property
    def settings_file(self) -> Path:
        return self.root / ".config" / "parcelLab" / "parcellab_desk.conf"

    @property
    def data(self) -> Path:
        return self.root / ".local" / "share" / "parcellab_desk"

    @property
    def drafts(self) -> Path:
        return self.data / "drafts" / "demo"

    @property
    def logs(self) -> Path:
        return self.root / ".local" / "state" / "parcellab_desk" / "log"

    def env(self) -> dict[str, str]:
        return {
            "HOME": str(self.root),
            "XDG_CONFIG_HOME": str(self.root / ".config"),
            "XDG_DATA_HOME": str(self.root / ".local" / "share"),
            "XDG_STATE_HOME": str(self.root / ".local" / "state"),
            "XDG_CACHE_HOME": str(self.root / ".cache"),
            "XDG_RUNTIME_DIR": str(self.root / ".runtime"),
        }

    def damage(self, path: Path, data: bytes, mode: int | None = None) -> Path:
        """Write ``data`` to ``path`` and remember its bytes must survive."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if mode is not None:
            path.chmod(mode)
        self.protect.append(path)
        return path


def _profiles_document(*extra: Any) -> bytes:
    demo = {
        "id": "demo",
        "name": "Demo (local sandbox)",
        "base_url": "http://127.0.0.1:8765",
        "auth_scheme": "bearer",
        "demo": True,
        "remember_token": False,
    }
    other = {
        "id": "b" * 32,
        "name": "EU production",
        "base_url": "https://api.eu.parcellab.com",
        "auth_scheme": "bearer",
    }
    document = {"version": 1, "last_used": "demo", "profiles": [demo, other, *extra]}
    return json.dumps(document, indent=2).encode()


def _draft_snapshot(**edits: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "original": None,
        "defaults": {"account": 1001},
        "edits": {"order_number": "BENCH-1", "recipient_name": "Erika Mustermann", **edits},
        "trackings": [],
    }


def _encrypt(key: str, plain: bytes) -> bytes:
    from cryptography.fernet import Fernet

    return Fernet(key.encode()).encrypt(plain)


def _good_draft(home: Home) -> None:
    """One intact, encrypted draft beside the damaged one: it must come back."""
    home.drafts.mkdir(parents=True, exist_ok=True)
    plain = json.dumps(_draft_snapshot()).encode()
    (home.drafts / ("a" * 32 + ".draft")).write_bytes(_encrypt(home.draft_key, plain))


def _with_profiles(home: Home) -> None:
    home.config.mkdir(parents=True, exist_ok=True)
    (home.config / "profiles.json").write_bytes(_profiles_document())


Setup = Callable[[Home], None]

GARBAGE = bytes(range(256)) * 4
DEEP = b"[" * 200_000


@dataclass(frozen=True)
class Scenario:
    name: str
    family: str
    setup: Callable[[Home], None]
    demo: bool = False  # start with --demo (the drafts of the demo profile are restored)
    welcome: str = "quit"  # what the driver answers the welcome dialog: quit | demo
    inject: str = ""  # "enospc": every fsync fails with "No space left on device"


def _draft(name: str, data: bytes, *, plain: bool = True, mode: int | None = None) -> Scenario:
    def setup(home: Home) -> None:
        _with_profiles(home)
        _good_draft(home)
        suffix = ".json" if plain else ".draft"
        home.damage(home.drafts / ("c" * 32 + suffix), data, mode)

    return Scenario(name, "drafts", setup, demo=True)


def _profiles(
    name: str, data: bytes, mode: int | None = None, owner: int | None = None
) -> Scenario:
    def setup(home: Home) -> None:
        path = home.damage(home.config / "profiles.json", data, mode)
        if owner is not None:
            os.chown(path, owner, owner)

    return Scenario(name, "profiles", setup)


def _folder_owned_by_other(path_of: Callable[[Home], Path], *, with_profiles: bool) -> Setup:
    def setup(home: Home) -> None:
        if with_profiles:
            _with_profiles(home)
            home.protect.append(home.config / "profiles.json")
        folder = path_of(home)
        folder.mkdir(parents=True, exist_ok=True)
        for item in [folder, *folder.rglob("*")]:
            os.chown(item, OTHER_UID, OTHER_UID)
        folder.chmod(0o755)

    return setup


def _folder_mode(path_of: Callable[[Home], Path], mode: int, *, with_profiles: bool) -> Setup:
    def setup(home: Home) -> None:
        if with_profiles:
            _with_profiles(home)
            home.protect.append(home.config / "profiles.json")
        folder = path_of(home)
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(mode)

    return setup


def _a_file_instead(path_of: Callable[[Home], Path], *, with_profiles: bool = True) -> Setup:
    def setup(home: Home) -> None:
        if with_profiles:
            _with_profiles(home)
        home.damage(path_of(home), b"a file where a folder belongs\n")

    return setup


def _draft_in_read_only_folder(home: Home) -> None:
    _with_profiles(home)
    _good_draft(home)
    home.damage(home.drafts / ("c" * 32 + ".json"), b'{"version": 1, "edits": ')
    home.drafts.chmod(0o500)


def _draft_other_key(home: Home) -> None:
    from cryptography.fernet import Fernet

    _with_profiles(home)
    _good_draft(home)
    other = Fernet.generate_key().decode()
    data = _encrypt(other, json.dumps(_draft_snapshot()).encode())
    home.damage(home.drafts / ("c" * 32 + ".draft"), data)


def _drafts_folder_is_a_file(home: Home) -> None:
    _with_profiles(home)
    home.damage(home.data / "drafts", b"not a folder\n")


def _profiles_is_a_folder(home: Home) -> None:
    inside = home.config / "profiles.json" / "notes.txt"
    home.damage(inside, b"someone made profiles.json a folder\n")


def _one_invalid_profile(home: Home) -> None:
    bad = {"id": "c" * 32, "name": "", "base_url": 42}
    home.damage(home.config / "profiles.json", _profiles_document(bad))


def _log_file_read_only(home: Home) -> None:
    _with_profiles(home)
    home.damage(home.logs / "parcellab_desk.log", b"an earlier session's log\n", 0o444)


def _settings(data: bytes, mode: int | None = None) -> Setup:
    def setup(home: Home) -> None:
        _with_profiles(home)
        home.damage(home.settings_file, data, mode)

    return setup


def _demo_db(data: bytes, mode: int | None = None) -> Setup:
    def setup(home: Home) -> None:
        _with_profiles(home)
        home.damage(home.data / "demo-sandbox.sqlite3", data, mode)

    return setup


def _demo_db_read_only_file(home: Home) -> None:
    import sqlite3

    _with_profiles(home)
    home.data.mkdir(parents=True, exist_ok=True)
    db = home.data / "demo-sandbox.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE kept (note TEXT)")
        conn.execute("INSERT INTO kept VALUES ('an earlier demo')")
    conn.close()
    db.chmod(0o444)
    home.protect.append(db)


SCENARIOS: tuple[Scenario, ...] = (
    _draft("draft: not JSON", b"\x00\x01 not json at all"),
    _draft("draft: a JSON list", b"[1, 2, 3]"),
    _draft("draft: a JSON string", b'"just a string"'),
    _draft("draft: wrongly typed value (tags: 5)", json.dumps(_draft_snapshot(tags=5)).encode()),
    _draft("draft: nested 200,000 deep", DEEP),
    _draft("draft: mode 000 (unreadable)", json.dumps(_draft_snapshot()).encode(), mode=0o000),
    _draft("draft: encrypted file, garbage", GARBAGE, plain=False),
    Scenario("draft: encrypted with another key", "drafts", _draft_other_key, demo=True),
    Scenario("draft: damaged, read-only folder", "drafts", _draft_in_read_only_folder, demo=True),
    Scenario("drafts folder is a file", "folders", _drafts_folder_is_a_file, demo=True),
    _profiles("profiles.json: garbage text", b"profiles? what profiles\n"),
    _profiles("profiles.json: binary", GARBAGE),
    _profiles("profiles.json: nested 200,000 deep", DEEP),
    _profiles("profiles.json: truncated", _profiles_document()[:150]),
    _profiles("profiles.json: a JSON list", b"[]"),
    _profiles("profiles.json: mode 000", _profiles_document(), mode=0o000),
    _profiles("profiles.json: another user's, 0600 (sudo)", _profiles_document(), 0o600, OTHER_UID),
    Scenario("profiles.json: one invalid profile", "profiles", _one_invalid_profile),
    Scenario("profiles.json is a folder", "profiles", _profiles_is_a_folder),
    Scenario("log folder is a file", "folders", _a_file_instead(lambda h: h.logs)),
    Scenario(
        "log folder read-only", "folders", _folder_mode(lambda h: h.logs, 0o500, with_profiles=True)
    ),
    Scenario(
        "log folder owned by another user",
        "folders",
        _folder_owned_by_other(lambda h: h.logs, with_profiles=True),
    ),
    Scenario("log file read-only", "files", _log_file_read_only),
    Scenario(
        "config folder owned by another user",
        "folders",
        _folder_owned_by_other(lambda h: h.config, with_profiles=True),
    ),
    Scenario(
        "config folder read-only",
        "folders",
        _folder_mode(lambda h: h.config, 0o500, with_profiles=True),
    ),
    Scenario(
        "config folder is a file",
        "folders",
        _a_file_instead(lambda h: h.config, with_profiles=False),
    ),
    Scenario("data folder is a file", "folders", _a_file_instead(lambda h: h.data), demo=True),
    Scenario("settings file: binary", "files", _settings(GARBAGE)),
    Scenario("settings file: mode 000", "files", _settings(b"[General]\nx=1\n", 0o000)),
    Scenario("demo database: garbage", "demo db", _demo_db(GARBAGE), demo=True),
    Scenario("demo database: mode 000", "demo db", _demo_db(GARBAGE, 0o000), demo=True),
    Scenario("demo database: read-only file", "demo db", _demo_db_read_only_file, demo=True),
    Scenario(
        "disk full (ENOSPC, injected)", "disk", lambda h: None, welcome="demo", inject="enospc"
    ),
)


# --- the child: the real console, driven ---------------------------------------------------


def child_main() -> int:
    """Runs inside the child process: the console with a driver answering its windows."""
    import keyring
    from memory_keyring import MemoryKeyring

    if os.environ.get("BENCH_INJECT") == "enospc":
        import errno

        def full_disk(_fd: Any) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        os.fsync = full_disk  # type: ignore[assignment]

    keyring.set_keyring(
        MemoryKeyring({("parcellab_desk", "drafts:key"): os.environ["BENCH_DRAFT_KEY"]})
    )

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from parcellab_desk.__main__ import main
    from parcellab_desk.ui.main_window import MainWindow
    from parcellab_desk.ui.startup_dialogs import DamagedDemoDialog, NoticesDialog
    from parcellab_desk.ui.welcome_dialog import WelcomeDialog

    report: dict[str, Any] = {"reached": [], "notices": [], "crashes": [], "drafts": None}
    window_ticks = 0

    def tick() -> None:
        nonlocal window_ticks
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, NoticesDialog):
                report["notices"] += widget.notices
                widget.accept()
                return
            if isinstance(widget, DamagedDemoDialog):
                report["reached"].append("asked: fresh demo data?")
                report["notices"].append(f"(asked) {widget.text()} Start from fresh demo data?")
                widget.fresh_button.click()
                return
            if isinstance(widget, WelcomeDialog):
                report["reached"].append("welcome")
                (
                    widget.demo_button
                    if os.environ["BENCH_WELCOME"] == "demo"
                    else widget.quit_button
                ).click()
                return
            if isinstance(widget, QMessageBox) and widget.icon() is QMessageBox.Icon.Critical:
                report["crashes"].append(widget.informativeText())
                widget.accept()
                return
            if isinstance(widget, QDialog):
                report["reached"].append(type(widget).__name__)
                widget.reject()
                return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                window_ticks += 1
                if window_ticks >= 8:  # let the notices after the window show first
                    report["reached"].append("main window")
                    report["drafts"] = widget.tabs.count()
                    widget.close_without_asking()
                return

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(tick)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    timer.start()
    argv = ["--demo", "--demo-orders", "20"] if os.environ.get("BENCH_DEMO") == "1" else []
    code = main(argv)
    report["exit"] = code
    Path(os.environ["BENCH_REPORT"]).write_text(json.dumps(report), encoding="utf-8")
    del app
    return code


# --- the parent: build, run, check ---------------------------------------------------------


@dataclass
class Outcome:
    scenario: Scenario
    started: bool
    reached: str
    said: list[str]
    kept: int
    protected: int
    crashed: bool
    seconds: float
    stderr_tail: str


def _hashes(root: Path) -> set[str]:
    found: set[str] = set()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            with contextlib.suppress(OSError):
                found.add(hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def _unprivileged_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []  # an ordinary user: permissions bind already
    if shutil.which("setpriv") is None:
        sys.exit("running as root needs setpriv (util-linux) to drop capabilities")
    return ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def run_scenario(scenario: Scenario, python: str) -> Outcome:
    from cryptography.fernet import Fernet

    with tempfile.TemporaryDirectory(prefix="parcellab-damage-") as scratch:
        home = Home(Path(scratch) / "home", Fernet.generate_key().decode())
        home.root.mkdir()
        (home.root / ".runtime").mkdir(mode=0o700)
        scenario.setup(home)
        wanted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in home.protect}
        report_file = Path(scratch) / "report.json"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))},
            **home.env(),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONDONTWRITEBYTECODE": "1",
            "BENCH_REPORT": str(report_file),
            "BENCH_DRAFT_KEY": home.draft_key,
            "BENCH_DEMO": "1" if scenario.demo else "0",
            "BENCH_WELCOME": scenario.welcome,
            "BENCH_INJECT": scenario.inject,
        }
        report_file.touch()
        report_file.chmod(0o666)
        started_at = time.perf_counter()
        command = [*_unprivileged_prefix(), python, str(Path(__file__).resolve()), "--child"]
        try:
            done = subprocess.run(  # noqa: S603 - our own interpreter and script
                command,
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=CHILD_TIMEOUT_S,
                check=False,
            )
            stderr, code = done.stderr, done.returncode
        except subprocess.TimeoutExpired as exc:
            stderr, code = f"timed out: {exc}", -1
        seconds = time.perf_counter() - started_at
        report = json.loads(report_file.read_text(encoding="utf-8") or "{}")
        # Make everything readable again, so the check (and the clean-up) sees every byte.
        for folder, dirs, _files in os.walk(home.root):
            for name in dirs:
                (Path(folder) / name).chmod(0o700)
        home.root.chmod(0o700)
        for path in home.root.rglob("*"):
            if path.is_file():
                path.chmod(0o600)
        kept = len(wanted & _hashes(home.root))
    crashed = code != 0 or "Traceback" in stderr or bool(report.get("crashes"))
    reached = [r for r in report.get("reached", []) if r in ("welcome", "main window")]
    said = list(report.get("notices", []))
    if not said:
        said = [line for line in stderr.splitlines() if line.startswith("parcellab-desk:")]
    drafts = report.get("drafts")
    where = ", ".join(report.get("reached", [])) or "nothing"
    if drafts is not None:
        where += f" ({drafts} draft{'s' if drafts != 1 else ''} restored)"
    return Outcome(
        scenario,
        started=bool(reached) and not crashed,
        reached=where,
        said=said,
        kept=kept,
        protected=len(wanted),
        crashed=crashed,
        seconds=seconds,
        stderr_tail="\n".join(stderr.strip().splitlines()[-6:]),
    )


def _short(sentences: list[str], home_hint: str = "parcellab-damage-") -> str:
    if not sentences:
        return "(nothing)"
    texts = []
    for sentence in sentences:
        # The scratch folder's name changes every run; the rest of the path is what matters.
        words = []
        for word in sentence.split(" "):
            if home_hint in word:
                word = "~" + word.split("/home", 1)[-1]
            words.append(word)
        texts.append(" ".join(words))
    return " / ".join(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-k", default="", help="only scenarios whose name contains this")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if args.child:
        return child_main()
    python = sys.executable
    rows: list[str] = []
    outcomes: list[Outcome] = []
    for scenario in SCENARIOS:
        if args.k.lower() not in scenario.name.lower():
            continue
        outcome = run_scenario(scenario, python)
        outcomes.append(outcome)
        status = "starts" if outcome.started else "DOES NOT START"
        kept = f"{outcome.kept}/{outcome.protected}" if outcome.protected else "n/a"
        print(
            f"{scenario.name:48} {status:14} kept {kept:5} {outcome.seconds:5.1f} s  "
            f"{outcome.reached}",
            flush=True,
        )
        if outcome.crashed:
            print(textwrap.indent(outcome.stderr_tail, "    | "), flush=True)
        rows.append(
            f"| {len(rows) + 1} | {scenario.name} | "
            f"{'yes' if outcome.started else '**no**'}: {outcome.reached} | "
            f"{_short(outcome.said)} | {kept} |"
        )
    table = "\n".join(
        [
            "| # | scenario | starts | says | bytes kept |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    crashes = sum(o.crashed for o in outcomes)
    destroyed = sum(o.protected - o.kept for o in outcomes)
    not_started = sum(not o.started for o in outcomes)
    summary = (
        f"{len(outcomes)} scenarios: {crashes} crashes, {not_started} did not start, "
        f"{destroyed} damaged files destroyed"
    )
    print()
    print(table)
    print()
    print(summary)
    if args.markdown is not None:
        args.markdown.write_text(f"{table}\n\n{summary}\n", encoding="utf-8")
    return 0 if crashes == 0 and destroyed == 0 and not_started == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
