"""The main screens in light and dark, in English and German, into ``themed/`` beside this
script (``<language>-<variant>-<screen>.png``; the README shows them in a grid).

Run from the repository root (each language/appearance pair runs in a child process, since
a console is built in one language):
    xvfb-run -a .venv/bin/python docs/screenshots/make_themed_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_themed_shots.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from shot_tools import until

OUT = Path(__file__).resolve().parent / "themed"
SCREENS = ("main_table", "main_editor", "editor", "cancel_order", "welcome", "profile")
VARIANTS = [(lang, look) for lang in ("en", "de") for look in ("light", "dark")]


async def settle(widget: QWidget, *, adjust: bool = True) -> None:
    widget.show()
    if adjust:
        widget.adjustSize()
    for _ in range(4):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def save(widget: QWidget, prefix: str, name: str, *, adjust: bool = True) -> None:
    await settle(widget, adjust=adjust)
    path = OUT / f"{prefix}-{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


async def shoot(language: str, appearance: str) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from parcellab_desk.api.auth import BearerAuth
    from parcellab_desk.api.client import ParcelLabClient
    from parcellab_desk.api.models import Order
    from parcellab_desk.api.retry import RetryPolicy
    from parcellab_desk.qt.order_pages import ClientPageSource
    from parcellab_desk.qt.order_table_model import OrderTableModel
    from parcellab_desk.qt.tasks import TaskRunner
    from parcellab_desk.sandbox.embedded import EmbeddedSandbox
    from parcellab_desk.services.order_editing import OrderEditingService
    from parcellab_desk.services.profiles import AuthScheme, Profile
    from parcellab_desk.services.secret import Secret
    from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog
    from parcellab_desk.ui.main_window import MainWindow
    from parcellab_desk.ui.order_editor import OrderEditor
    from parcellab_desk.ui.profile_dialog import ProfileDialog
    from parcellab_desk.ui.welcome_dialog import WelcomeDialog

    prefix = f"{language}-{appearance}"
    berlin = ZoneInfo("Europe/Berlin")
    with tempfile.TemporaryDirectory() as folder:
        sandbox = EmbeddedSandbox(Path(folder) / "demo.sqlite3", demo_orders=300).start()
        client = ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        )
        runner = TaskRunner()
        model = OrderTableModel(ClientPageSource(client), runner)

        async def lookup(text: str) -> Order:
            return await client.get_order(text)

        window = MainWindow(
            model=model,
            runner=runner,
            lookup=lookup,
            editing=OrderEditingService(client),
            profile_name="Demo",
            host_label=sandbox.base_url.removeprefix("http://"),
            profile_key=f"shots-{prefix}",
            demo=True,
            time_zone=berlin,
        )
        model.setParent(window)
        window.resize(1360, 800)
        window.show()
        await until(lambda: model.loaded_count > 0 and not model.is_loading, model.state_changed)
        window.table.selectRow(2)
        await save(window, prefix, "main_table", adjust=False)

        cancelled = next(
            (o for i in range(model.loaded_count) if (o := model.order_at(i)) and o.is_cancelled),
            None,
        )
        order = next(
            o
            for i in range(model.loaded_count)
            if (o := model.order_at(i)) and o.trackings and not o.is_cancelled and o.tags
        )
        window.open_order(order)
        await save(window, prefix, "main_editor", adjust=False)
        window.close()

        editor = OrderEditor(
            cancelled or order, service=OrderEditingService(client), tz=berlin, known_tags=set
        )
        editor.resize(660, 980)
        await save(editor, prefix, "editor", adjust=False)
        editor.close_tasks()
        editor.close()

        dialog = CancelOrderDialog(
            order, tz=berlin, now=datetime(2026, 11, 27, 14, 5, tzinfo=berlin)
        )
        await save(dialog, prefix, "cancel_order")
        dialog.close()

        welcome = WelcomeDialog()
        await save(welcome, prefix, "welcome")
        welcome.close()

        async def accepted(_profile: Profile, _token: Secret) -> str | None:
            return None

        profile = ProfileDialog(tester=accepted)
        profile.name_edit.setText("EU production")
        profile.scheme_combo.setCurrentIndex(list(AuthScheme).index(AuthScheme.PARCELLAB_API_TOKEN))
        profile.account_edit.setText("1042")
        profile.accounts_edit.setText("1042, 1043")
        await save(profile, prefix, "profile")
        profile.close()

        await runner.aclose()
        await client.aclose()
        sandbox.stop()


def child(language: str, appearance: str) -> None:
    from parcellab_desk.qt.i18n import Language, install_translations
    from parcellab_desk.ui.theme import Appearance, ThemeController

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory() as settings_dir:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
        QCoreApplication.setOrganizationName("parcellab-desk-screenshots")
        install_translations(Language(language))
        theme = ThemeController(app)
        theme.set_appearance(Appearance(appearance))
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(shoot(language, appearance))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one pair, e.g. de-dark (used for the child processes)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.only:
        language, appearance = args.only.split("-")
        child(language, appearance)
        return 0
    for language, appearance in VARIANTS:
        pair = f"{language}-{appearance}"
        subprocess.run([sys.executable, __file__, "--only", pair], check=True)  # noqa: S603
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
