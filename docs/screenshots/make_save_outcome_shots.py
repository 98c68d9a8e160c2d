"""Render the editor's save outcomes into PNGs next to this script: trackings still pending
after the order was created, an unknown outcome with Check again, a check that found nothing
(Send again), a long save with Stop, and the comparison of edits made meanwhile.

Run from the repository root (under Xvfb, or offscreen):
    xvfb-run -a .venv/bin/python docs/screenshots/make_save_outcome_shots.py
    xvfb-run -a .venv/bin/python docs/screenshots/make_save_outcome_shots.py --german  # *_de.png
Everything is real: the editor saves through the client to an embedded sandbox whose fault
injection loses the answers.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_API", "pyside6")  # qasync then binds to PySide6 whatever the order

import qasync
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.order_editing import OrderDraft, OrderEditingService
from parcellab_desk.services.write_outcomes import OrderWrites
from parcellab_desk.ui.order_editor import OrderEditor

OUT = Path(__file__).resolve().parent
SUFFIX = "_de" if "--german" in sys.argv else ""
BERLIN = ZoneInfo("Europe/Berlin")


async def settle(widget: QWidget) -> None:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def shoot(widget: QWidget, name: str) -> None:
    await settle(widget)
    path = OUT / f"{name}{SUFFIX}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


async def next_of(signal: SignalInstance) -> tuple[object, ...]:
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def done(*args: object) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(done)
    return await asyncio.wait_for(future, 30)


def type_into(editor: OrderEditor, name: str, text: str) -> None:
    widget = editor.inputs[name]
    assert isinstance(widget, QLineEdit)
    widget.setText(text)
    widget.textEdited.emit(text)


async def main() -> None:
    with EmbeddedSandbox(demo_orders=0) as sandbox:
        account = sandbox.accounts[0]
        runner = TaskRunner()
        async with ParcelLabClient(
            sandbox.base_url, BearerAuth(sandbox.demo_token), retry=RetryPolicy(attempts=1)
        ) as client:
            service = OrderEditingService(
                client, writes=OrderWrites(client, save_deadline=20, check_deadline=5)
            )

            def editor_for(
                order: Order | None = None, draft: OrderDraft | None = None
            ) -> OrderEditor:
                editor = OrderEditor(
                    order,
                    service=service,
                    runner=runner,
                    tz=BERLIN,
                    account=account,
                    draft=draft,
                )
                editor.resize(640, 760)
                return editor

            # 1. The order was created, its trackings were not (the PUT failed).
            draft = OrderDraft(account=account)
            draft.set_value("order_number", "40012399")
            draft.set_value("recipient_name", "Erika Mustermann")
            for courier, number in (("dhl-germany", "00340434161094049001"), ("gls", "ZX8123")):
                draft.put_tracking({"courier": courier, "tracking_number": number})
            editor = editor_for(draft=draft)
            sandbox.faults.fail_next(1, status=500, method="PUT")
            editor.save()
            await next_of(editor.save_failed)
            await shoot(editor, "editor_trackings_pending")
            editor.close()

            # 2. A lost answer: outcome unknown, Check again; then a check that found nothing.
            editor = editor_for()
            type_into(editor, "order_number", "40012400")
            sandbox.faults.drop_next(1, method="POST")
            editor.save()
            await next_of(editor.save_failed)
            await shoot(editor, "editor_outcome_unknown")
            editor.check_again()
            await next_of(editor.save_failed)
            await shoot(editor, "editor_outcome_still_unknown")
            editor.close()

            # 3. A long save, with Stop.
            order = await client.post_order({"account": account, "order_number": "40012401"})
            editor = editor_for(order)
            type_into(editor, "customer_number", "C-004711")
            sandbox.faults.configure(latency_ms=4000)
            editor.save()
            await asyncio.sleep(0.5)
            await shoot(editor, "editor_saving_stop")
            editor.stop()
            await settle(editor)
            sandbox.faults.reset()
            editor.close()

            # 4. Someone else changed the same field meanwhile: the comparison.
            order = await client.post_order(
                {
                    "account": account,
                    "order_number": "40012402",
                    "order_status": "Processing",
                    "client_key": "brand-a.de",
                }
            )
            editor = editor_for(order)
            await client.put_order(
                {
                    "external_id": order.external_id,
                    "order_status": "Shipped",
                    "client_key": "brand-b.de",
                    "tags": ["priority:vip"],
                }
            )
            type_into(editor, "client_key", "brand-c.de")
            editor.inputs["order_status"].setEditText("Delivered")  # type: ignore[attr-defined]
            waiting = asyncio.ensure_future(next_of(editor.dialog_opened))
            editor.save()
            (dialog,) = await waiting
            assert isinstance(dialog, QWidget)
            dialog.resize(760, dialog.sizeHint().height())
            await shoot(dialog, "conflict_dialog")
            dialog.close()
            editor.close()
        await runner.aclose()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    if SUFFIX:
        from parcellab_desk.qt.i18n import Language, install_translations

        install_translations(Language.GERMAN)
    qasync.run(main())
