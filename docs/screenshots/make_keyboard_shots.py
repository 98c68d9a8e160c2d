"""Render the editor scrolled half-way (header and actions still in view), the focus ring on
a tag chip and on a drop-down, and Help ▸ Keyboard shortcuts, in a light and a dark palette.

Run from the repository root (under Xvfb, or offscreen):
    xvfb-run -a .venv/bin/python docs/screenshots/make_keyboard_shots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_keyboard_shots.py
Nothing is sent anywhere (the writer refuses every call).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # qasync then binds to PySide6 whatever the order

import qasync
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_editor_shots import BERLIN, KNOWN_TAGS, ORDER, NoWriter

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.qt.order_pages import ClientPageSource
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.ui.input_aids import install_input_aids
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.order_editor import OrderEditor
from tests.ui.palettes import dark_palette

OUT = Path(__file__).resolve().parent


async def settle(widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    await asyncio.sleep(0.15)  # the loop paints meanwhile


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


async def shots(theme: str, window: MainWindow) -> None:
    service = OrderEditingService(NoWriter())

    # Half-way down a long order, with an unsaved edit: header and actions stay in view.
    editor = OrderEditor(ORDER, service=service, tz=BERLIN, known_tags=lambda: KNOWN_TAGS)
    editor.resize(640, 560)
    reference = editor.inputs["external_reference"]
    assert isinstance(reference, QLineEdit)
    reference.setText("SO-88121-B")
    await settle(editor)
    bar = editor.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    await settle(editor)
    save(editor, f"editor_scrolled_{theme}")

    # The focus ring on a tag chip, then on a drop-down, as a key would put it there.
    chip = editor.tags_editor.chips()[0]
    editor.scroll_area.ensureWidgetVisible(chip)
    chip.setFocus(Qt.FocusReason.TabFocusReason)
    await settle(editor)
    save(editor.tags_box, f"focus_chip_{theme}")
    status = editor.inputs["has_multiple_shipments"]
    editor.scroll_area.ensureWidgetVisible(status)
    status.setFocus(Qt.FocusReason.TabFocusReason)
    await settle(editor)
    section = status.parentWidget()
    while section is not None and section.parentWidget() is not editor.form_area:
        section = section.parentWidget()
    save(section or status, f"focus_dropdown_{theme}")
    editor.close()

    # Help ▸ Keyboard shortcuts (F1), listed from the real window's menus.
    dialog = window.keys.show_shortcuts()
    await settle(dialog)
    save(dialog, f"shortcuts_{theme}")
    dialog.close()


async def main() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_input_aids(app)
    with tempfile.TemporaryDirectory() as folder:
        QCoreApplication.setOrganizationName("parcellab-desk-screenshots")  # not the agent's
        sandbox = EmbeddedSandbox(Path(folder) / "demo.sqlite3", demo_orders=30).start()
        runner = TaskRunner()
        client = ParcelLabClient(sandbox.base_url, BearerAuth(sandbox.demo_token))

        async def lookup(text: str) -> Order:
            return await client.get_order(text)

        window = MainWindow(
            model=OrderTableModel(ClientPageSource(client), runner),
            runner=runner,
            lookup=lookup,
            editing=OrderEditingService(client),
            profile_name="Demo (local sandbox)",
            host_label=sandbox.base_url.removeprefix("http://"),
            demo=True,
        )
        try:
            light = app.palette()
            await shots("light", window)
            app.setPalette(dark_palette())
            await shots("dark", window)
            app.setPalette(light)
        finally:
            window.close_without_asking()
            await runner.aclose()
            await client.aclose()
            sandbox.stop()


if __name__ == "__main__":
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    qasync.run(main())
