"""The composition root: Qt application, qasync loop, logging and crash handling, then the
parts wired together (profiles, credentials, session) and handed to ``Console``, which owns
everything one run needs. No globals.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

# qasync picks its Qt binding from QT_API when imported: PySide6, whatever else is installed.
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from parcellab_desk import __version__
from parcellab_desk.app_args import DISPLAY_NAME
from parcellab_desk.console import Console
from parcellab_desk.crash_report import CrashReporter
from parcellab_desk.qt.i18n import install_translations, stored_language
from parcellab_desk.qt.instance_server import InstanceServer
from parcellab_desk.resources import ResourceNotFoundError, app_icon
from parcellab_desk.services.credentials import CredentialStore
from parcellab_desk.services.files import describe_os_error
from parcellab_desk.services.logging_setup import LOG_FILE_NAME, configure_logging, shutdown_logging
from parcellab_desk.services.paths import AppPaths, FolderRole
from parcellab_desk.services.policy import apply_to_store, load_policy, problem_message
from parcellab_desk.services.profiles import ProfileStore, ProfileStoreError
from parcellab_desk.services.session import SessionService
from parcellab_desk.services.settings_file import SettingsCheck, check_settings_file
from parcellab_desk.ui.input_aids import install_input_aids
from parcellab_desk.ui.theme import ThemeController
from parcellab_desk.wording import translate

if TYPE_CHECKING:
    from parcellab_desk.start import EarlySandbox
    from parcellab_desk.ui.start_window import StartWindow

_log = logging.getLogger(__name__)

ORGANIZATION = "parcelLab"
APPLICATION = "parcellab_desk"
DESKTOP_ID = "com.parcellab.desk"


def _start_logging(
    paths: AppPaths, unusable: set[FolderRole], level: int
) -> Callable[[], list[str]]:
    """The log file, or standard error when it cannot be written; what the agent is told,
    worded when called (once the agent's language is installed)."""
    if FolderRole.LOGS not in unusable:
        try:
            log_file = configure_logging(paths.logs, level=level)
        except OSError as exc:
            configure_logging(None, level=level)
            reason = describe_os_error(exc)
            return lambda: [
                translate(
                    "Startup",
                    "The log file {path} cannot be written ({reason}), so the log goes to the "
                    "terminal (standard error) only. Make the file and its folder writable for "
                    "your user, then restart.",
                ).format(path=paths.logs / LOG_FILE_NAME, reason=reason)
            ]
        _log.info("parcellab_desk %s starting; log at %s", __version__, log_file)
        return list
    configure_logging(None, level=level)
    return list


def _check_settings() -> SettingsCheck:
    """Qt's settings file (window layout), checked before Qt reads or writes it."""
    path = Path(QSettings().fileName())
    check = check_settings_file(path) if path.is_absolute() else SettingsCheck()
    if not check.writable:
        # Qt writes whatever it holds at exit: point it at a folder of this run instead.
        scratch = tempfile.mkdtemp(prefix="parcellab-desk-settings-")
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, scratch)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    return check


def _listen_for_links(
    app: QApplication, name: str | None, console: Console
) -> InstanceServer | None:
    """Later launches (a link clicked in a ticket) hand their link to this console."""
    if name is None:
        return None
    server = InstanceServer(name, app)
    server.link_received.connect(console.receive_link)
    if sys.platform == "darwin":
        # macOS delivers links as URL-open events. Elsewhere no filter: an application-wide
        # Python filter sees every event of every object (PySide wraps each receiver).
        app.installEventFilter(server)
    server.listen()
    return server


def run(
    args: argparse.Namespace,
    *,
    start_window: StartWindow | None = None,
    early_sandbox: EarlySandbox | None = None,
) -> int:
    """Start the console; returns the process exit code. ``start_window`` (shown by the
    start path while this was imported) goes when the console's first window comes, and
    closing it before then ends the start; ``early_sandbox`` is the demo sandbox already
    starting."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)  # lets Wayland docks match the installed menu entry
    try:
        app.setWindowIcon(app_icon())
    except (ResourceNotFoundError, RuntimeError) as exc:  # an icon is not worth failing for
        _log.warning("No application icon: %s", exc)
    app.setQuitOnLastWindowClosed(False)  # Console.run decides when it ends
    install_input_aids(app)  # the wheel never changes a value; the focus is always visible
    # Never raises: every folder that cannot be used is done without, and said so.
    paths = AppPaths.default()
    problems = paths.prepare()
    unusable = {problem.role for problem in problems}
    logging_notices = _start_logging(paths, unusable, logging.DEBUG if args.debug else logging.INFO)
    settings = _check_settings()
    # Before any window exists: every widget is built in one language and one theme. What
    # went wrong so far is worded only now, in that language (it is stored in the settings
    # file, which had to be checked first).
    translations = install_translations(stored_language())
    notices = [problem.sentence() for problem in problems] + logging_notices()
    if settings.notice:
        notices.append(settings.notice)
    theme = ThemeController(app, parent=app)
    _log.info("language %s, theme %s", translations.language, theme.palette.name)
    profiles = ProfileStore(paths.config, writable=FolderRole.CONFIG not in unusable)
    notices += profiles.notices
    policy = load_policy()  # IT's machine-wide settings; a broken file is one notice
    if policy.language:
        QLocale.setDefault(QLocale(policy.language))  # dates, numbers; translations follow it
    try:
        apply_to_store(policy, profiles)
    except ProfileStoreError as exc:
        _log.warning("Preset profiles not saved: %s", exc)
    problem = problem_message(policy)
    if problem:
        notices.insert(0, problem)
    for notice in notices:  # also one line each where there is no window to read
        print(f"parcellab-desk: {notice}", file=sys.stderr, flush=True)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    crashes = CrashReporter()
    crashes.install(app, loop)
    session = SessionService(profiles, CredentialStore())
    console = Console(
        args,
        paths,
        session,
        notices=notices,
        unusable_folders=frozenset(unusable),
        on_crash=crashes.report,
        policy=policy,
        theme=theme,
        log_file=None if FolderRole.LOGS in unusable else paths.logs / LOG_FILE_NAME,
        early_sandbox=early_sandbox,
    )
    instance = _listen_for_links(app, args.instance_name, console)
    if args.link:
        console.receive_link(args.link)
    running = loop.create_task(console.run())
    if start_window is not None:
        start_window.close_requested = running.cancel
    try:
        code: int = loop.run_until_complete(running)
        return code
    except asyncio.CancelledError:
        return 0  # the agent closed the start window: the console closed what it had opened
    finally:
        if instance is not None:
            instance.close()
        with suppress(RuntimeError):
            loop.close()
        _log.info("parcellab_desk stopped")
        shutdown_logging()
