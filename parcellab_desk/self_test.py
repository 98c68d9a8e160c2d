"""``parcellab-desk --self-test``: checks that this copy of the console works, headless.

Written for installers and IT: it runs from an installed bundle on a machine with no display
and no Python, and checks what a bundle most often lacks. Qt (offscreen), the icon and Qt's
SVG plugins, the keyring backend for this platform, the time zone database (the bundled
``tzdata`` too: Windows has none of its own), pycountry's data, the CA certificates, the
embedded sandbox, a page of orders through the real client, and the main window with its
order table model loading that page on the qasync loop.

The outcome is one line on stdout, and also in the file given by ``--self-test-output`` (a
windowed Windows program has no stdout). Exit status 0 means every check passed; 1 names the
first check that failed and why. A missing or locked keyring is reported, never a failure: the
console works without one (tokens then stay in memory).

Nothing is written to the agent's folders: the sandbox uses a temporary database, the window is
never shown or closed (so it saves no layout), and no log file is opened.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from parcellab_desk import __version__

if TYPE_CHECKING:
    from parcellab_desk.sandbox.embedded import EmbeddedSandbox

__all__ = [
    "SELF_TEST_ORDERS",
    "Check",
    "SelfTestContext",
    "SelfTestFailedError",
    "default_checks",
    "run_checks",
    "run_self_test",
]

SELF_TEST_ORDERS: Final = 60
"""Demo orders seeded into the self-test's sandbox: enough for a full first page."""

PAGE_SIZE: Final = 25
TIME_ZONE: Final = "Europe/Berlin"
_KEYRING_TIMEOUT_S: Final = 15.0  # a keyring behind a stuck D-Bus must not hang the test
_PAGE_TIMEOUT_S: Final = 30.0


class SelfTestFailedError(Exception):
    """A check found a problem; the message says what, in one line."""


@dataclass
class SelfTestContext:
    """What the checks share: the sandbox one check starts and later ones use."""

    sandbox_port: int = 0
    sandbox: EmbeddedSandbox | None = None


CheckFunction = Callable[[SelfTestContext], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class Check:
    """One named check; ``run`` returns a short note for the result line or raises."""

    name: str
    run: CheckFunction


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _describe(error: BaseException) -> str:
    """The error and its causes, innermost last (``RuntimeError: ... <- OSError: ...``)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(parts) < 4:
        seen.add(id(current))
        if isinstance(current, SelfTestFailedError):
            parts.append(str(current))
        else:
            parts.append(f"{type(current).__name__}: {current}".rstrip(": "))
        current = current.__cause__ or current.__context__
    return _one_line(" <- ".join(parts))


# --- the checks ------------------------------------------------------------------------------


async def check_qt(_ctx: SelfTestContext) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    platform = QGuiApplication.platformName()
    if QGuiApplication.instance() is None:
        raise SelfTestFailedError("no QApplication exists")
    return f"Qt {qVersion()} (PySide6 {pyside_version}, {platform})"


async def check_icon(_ctx: SelfTestContext) -> str:
    from parcellab_desk.resources import app_icon

    icon = app_icon()
    size = icon.pixmap(256, 256).size()
    return f"icon {size.width()}x{size.height()}"


def _native_keyring_modules() -> tuple[str, ...]:
    """The modules this platform's own keyring backend needs (a bundle must carry them)."""
    if sys.platform == "win32":
        return ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred")
    if sys.platform == "darwin":
        return ("keyring.backends.macOS",)
    return ("keyring.backends.SecretService", "secretstorage", "jeepney")


async def check_keyring(_ctx: SelfTestContext) -> str:
    import importlib

    from parcellab_desk.services.credentials import CredentialStore

    for module in _native_keyring_modules():
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise SelfTestFailedError(f"keyring backend module {module} is missing") from exc
    try:
        status = await asyncio.wait_for(CredentialStore().status(), _KEYRING_TIMEOUT_S)
    except TimeoutError:
        return f"keyring: no answer within {_KEYRING_TIMEOUT_S:.0f} s (not usable)"
    if status.usable:
        return f"keyring: {status.backend} (usable)"
    problem = status.problem.value if status.problem is not None else "not usable"
    return f"keyring: {status.backend} (not usable: {problem})"


async def check_time_zone(_ctx: SelfTestContext) -> str:
    import importlib.resources
    import zoneinfo

    winter = datetime(2025, 1, 15, 12, tzinfo=UTC)
    summer = datetime(2025, 7, 15, 12, tzinfo=UTC)
    expected = (timedelta(hours=1), timedelta(hours=2))
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    found = (winter.astimezone(zone).utcoffset(), summer.astimezone(zone).utcoffset())
    if found != expected:
        raise SelfTestFailedError(f"{TIME_ZONE} has offsets {found}, expected {expected}")
    # The bundled tzdata package, which zoneinfo falls back to where the system has no zone
    # database (Windows): read it directly, or Linux's own database would hide its absence.
    data = importlib.resources.files("tzdata.zoneinfo").joinpath(*TIME_ZONE.split("/"))
    with data.open("rb") as file:
        bundled = zoneinfo.ZoneInfo.from_file(file, key=TIME_ZONE)
    if summer.astimezone(bundled).utcoffset() != expected[1]:
        raise SelfTestFailedError(f"the bundled tzdata has a wrong {TIME_ZONE}")
    return f"{TIME_ZONE} ok"


async def check_data_files(_ctx: SelfTestContext) -> str:
    return await asyncio.to_thread(_check_data_files)


def _check_data_files() -> str:
    import certifi
    import pycountry

    country = pycountry.countries.get(alpha_3="DEU")
    if country is None or country.name != "Germany":
        raise SelfTestFailedError("pycountry's country list is missing or wrong")
    language = pycountry.languages.get(alpha_2="de")
    if language is None:
        raise SelfTestFailedError("pycountry's language list is missing")
    ca_file = Path(certifi.where())
    if not ca_file.is_file() or ca_file.stat().st_size == 0:
        raise SelfTestFailedError(f"the CA certificates are missing ({ca_file})")
    return "countries, languages, CA certificates ok"


async def check_sandbox(ctx: SelfTestContext) -> str:
    from parcellab_desk.sandbox.embedded import EmbeddedSandbox

    sandbox = EmbeddedSandbox(None, port=ctx.sandbox_port, demo_orders=SELF_TEST_ORDERS)
    await asyncio.to_thread(sandbox.start)
    ctx.sandbox = sandbox
    return f"sandbox on port {sandbox.port}"


def _running_sandbox(ctx: SelfTestContext) -> EmbeddedSandbox:
    if ctx.sandbox is None:
        raise SelfTestFailedError("the sandbox check did not run first")
    return ctx.sandbox


async def check_client(ctx: SelfTestContext) -> str:
    from parcellab_desk.api.auth import BearerAuth
    from parcellab_desk.api.client import ParcelLabClient

    sandbox = _running_sandbox(ctx)
    async with ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token)) as client:
        page = await asyncio.wait_for(
            client.list_orders(accounts=sandbox.accounts, page_size=PAGE_SIZE), _PAGE_TIMEOUT_S
        )
    if len(page.orders) != PAGE_SIZE or not page.has_next_page():
        raise SelfTestFailedError(
            f"the first page has {len(page.orders)} orders (expected {PAGE_SIZE} and a next page)"
        )
    return f"client read {len(page.orders)} orders"


async def check_main_window(ctx: SelfTestContext) -> str:
    """The console's own wiring (client, table model, main window) loads a page, unshown."""
    from PySide6.QtCore import QModelIndex

    from parcellab_desk.console import Connection, Console
    from parcellab_desk.services.credentials import CredentialStore
    from parcellab_desk.services.paths import AppPaths
    from parcellab_desk.services.profiles import ProfileStore, demo_profile
    from parcellab_desk.services.secret import Secret
    from parcellab_desk.services.session import SessionService

    sandbox = _running_sandbox(ctx)
    with tempfile.TemporaryDirectory(prefix="parcellab-self-test-") as folder:
        paths = AppPaths.under(Path(folder)).ensure()
        args = argparse.Namespace(
            demo=True, demo_orders=SELF_TEST_ORDERS, reset_demo=False, sandbox_port=0
        )
        session = SessionService(ProfileStore(paths.config), CredentialStore())
        console = Console(args, paths, session)
        try:
            connection = Connection(demo_profile(sandbox.base_url), Secret(sandbox.demo_token))
            model = console.open_window(connection).model
            done: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()

            def finish(outcome: str | None) -> None:
                if not done.done():
                    done.set_result(outcome)

            model.page_loaded.connect(lambda _rows: finish(None))
            model.load_failed.connect(lambda error: finish(_describe(error)))
            root = QModelIndex()
            if model.canFetchMore(root):
                model.fetchMore(root)
            failure = await asyncio.wait_for(done, _PAGE_TIMEOUT_S)
            if failure is not None:
                raise SelfTestFailedError(f"the order table could not load: {failure}")
            rows = model.loaded_count
        finally:
            await console.aclose()  # the sandbox is ours, not the console's: it stays up
    if rows == 0:
        raise SelfTestFailedError("the order table loaded no orders")
    return f"main window loaded {rows} orders"


def default_checks() -> tuple[Check, ...]:
    return (
        Check("qt", check_qt),
        Check("icon", check_icon),
        Check("keyring", check_keyring),
        Check("time zone", check_time_zone),
        Check("data files", check_data_files),
        Check("sandbox", check_sandbox),
        Check("client", check_client),
        Check("main window", check_main_window),
    )


# --- running ---------------------------------------------------------------------------------


async def run_checks(ctx: SelfTestContext, checks: Sequence[Check]) -> tuple[bool, str]:
    """Runs the checks in order, stopping at the first failure; ``(passed, line)``."""
    started = time.perf_counter()
    notes: list[str] = []
    try:
        for check in checks:
            try:
                notes.append(await check.run(ctx))
            except Exception as exc:
                return False, _one_line(
                    f"self-test FAILED at {check.name}: {_describe(exc)}"
                    f" (parcellab-desk {__version__})"
                )
    finally:
        if ctx.sandbox is not None:
            await asyncio.to_thread(ctx.sandbox.stop)
            ctx.sandbox = None
    elapsed = time.perf_counter() - started
    where = "bundle" if getattr(sys, "frozen", False) else "source"
    return True, _one_line(
        f"self-test passed: parcellab-desk {__version__} ({where}); "
        + "; ".join(notes)
        + f"; {elapsed:.1f} s"
    )


def _emit(line: str, output: Path | None) -> int:
    """Prints the line and writes it to ``output``; 1 if the file could not be written."""
    code = 0
    if output is not None:
        try:
            output.write_text(line + "\n", encoding="utf-8")
        except OSError as exc:
            line = _one_line(f"{line}; could not write the result to {output}: {exc}")
            code = 1
    if sys.stdout is not None:  # None in a windowed Windows program
        print(line, flush=True)
    return code


def run_self_test(args: argparse.Namespace, checks: Sequence[Check] | None = None) -> int:
    """Runs the self-test in this process; returns the exit status (0 passed, 1 failed)."""
    # Headless by definition: the offscreen platform needs no display, whatever is set.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_API", "pyside6")
    output: Path | None = args.self_test_output
    try:
        import qasync
        from PySide6.QtWidgets import QApplication

        from parcellab_desk.app import APPLICATION, ORGANIZATION
    except Exception as exc:  # a bundle without Qt or qasync: still say so in one line
        return _emit(f"self-test FAILED at start-up: {_describe(exc)}", output) or 1

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    ctx = SelfTestContext(sandbox_port=args.sandbox_port)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        passed, line = loop.run_until_complete(
            run_checks(ctx, default_checks() if checks is None else checks)
        )
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    code = _emit(line, output)
    return code if passed else 1
