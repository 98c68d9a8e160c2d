"""How the order editor cancels: the order, or one of its trackings.

The flow asks for a reason and a time in the cancel dialog, and only when the agent confirms
it sends the cancel mutation through the save flow's ``write`` (so a cancel's failure, its
unknown outcome and Stop behave exactly like a save's). An order or tracking that is already
cancelled gets the dialog that says when and why, and nothing is sent.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, tzinfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from parcellab_desk.api.schema import CancelReason
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.order_editing import OrderEditingService, TrackingKey
from parcellab_desk.ui.cancel_dialogs import CancelOrderDialog, CancelTrackingDialog
from parcellab_desk.ui.editor_save_flow import AskDialog, EditorSurface, SaveFlow, TaskKey

__all__ = ["CancelFlow"]


class CancelFlow(QObject):
    """Cancel order… and a tracking row's Cancel, for the editor ``parent``."""

    def __init__(
        self,
        surface: EditorSurface,
        *,
        writes: SaveFlow,
        service: OrderEditingService,
        runner: TaskRunner,
        key: TaskKey,
        ask: AskDialog,
        tz: tzinfo | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._surface = surface
        self._writes = writes
        self._service = service
        self._runner = runner
        self._key = key
        self._ask = ask
        self._tz = tz
        self._dialog_parent = parent

    def cancel_order(self) -> asyncio.Task[None] | None:
        """Ask for a reason and time, then cancel the order; returns the task (None while
        busy, or for a new order)."""
        if self._surface.is_busy or self._surface.draft.original is None:
            return None
        return self._runner.start(self._key("cancel"), self._cancel_order())

    def cancel_tracking(self, key: TrackingKey) -> asyncio.Task[None] | None:
        """Ask for a reason and time, then cancel the tracking ``key``."""
        if self._surface.is_busy:
            return None
        return self._runner.start(self._key("cancel-tracking"), self._cancel_tracking(key))

    async def _cancel_order(self) -> None:
        order = self._surface.draft.original
        if order is None:
            return
        dialog = CancelOrderDialog(order, tz=self._tz, parent=self._dialog_parent)
        result = await self._ask(dialog)
        reason, when = dialog.reason(), dialog.cancelled_date()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or reason is None or order.is_cancelled:
            return
        await self._send_cancel_order(reason, when)

    async def _send_cancel_order(self, reason: CancelReason, when: datetime) -> None:
        def again() -> None:
            self._runner.start(self._key("cancel"), self._send_cancel_order(reason, when))

        await self._writes.write(
            self._service.cancel_order(self._surface.draft, reason, when),
            self.tr("Order cancelled."),
            retry=again,
        )

    async def _cancel_tracking(self, key: TrackingKey) -> None:
        order = self._surface.draft.original
        tracking = order.find_tracking(*key) if order is not None else None
        if order is None or tracking is None:
            return
        dialog = CancelTrackingDialog(order, tracking, tz=self._tz, parent=self._dialog_parent)
        result = await self._ask(dialog)
        reason, when = dialog.reason(), dialog.cancelled_date()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or reason is None or tracking.is_cancelled:
            return
        await self._send_cancel_tracking(key, reason, when)

    async def _send_cancel_tracking(
        self, key: TrackingKey, reason: CancelReason, when: datetime
    ) -> None:
        def again() -> None:
            self._runner.start(
                self._key("cancel-tracking"), self._send_cancel_tracking(key, reason, when)
            )

        await self._writes.write(
            self._service.cancel_tracking(self._surface.draft, key, reason, when),
            self.tr("Tracking {number} cancelled.").format(number=key[1]),
            retry=again,
        )
