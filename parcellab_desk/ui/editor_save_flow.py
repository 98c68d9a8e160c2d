"""How the order editor writes: Save, Check again, Send again and Stop, and what a failure
shows.

Every write (a save, a look-up of a save whose answer was lost, a cancel) goes through
``SaveFlow.write``: it clears the last failure, marks the editor busy, awaits the service and
then either shows the order as saved or places the failure. The server's 400 messages go to
the fields and tracking rows they name, anything else to the banner, with Retry where
retrying can help. A save that meets changes made on parcelLab meanwhile to the same fields
asks the agent, field by field, in the conflict dialog. When the outcome is unknown the
banner offers Check again (a look-up that never re-sends) and, once look-ups found nothing,
Send again. Stop cancels the request in flight; a write that may have left is then unknown
too. The draft keeps the agent's edits through every failure.

The flow knows the editor only through ``EditorSurface``: the editor stays layout plus
bindings, the flow never touches a widget of the form.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from parcellab_desk.api.models import Order
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.conflicts import Choices, Reconciliation
from parcellab_desk.services.edit_failures import EditFailure, edit_failure
from parcellab_desk.services.order_editing import OrderDraft, OrderEditingService, TrackingKey
from parcellab_desk.services.write_outcomes import (
    Outcome,
    WriteOutcomeUnknownError,
    WriteResult,
)
from parcellab_desk.ui.conflict_dialog import ConflictDialog
from parcellab_desk.ui.editor_widgets import Banner

__all__ = ["WRITE_ACTIONS", "AskDialog", "EditorSurface", "SaveFlow", "TaskKey"]

_log = logging.getLogger(__name__)

TaskKey = Callable[[str], object]
"""The runner's key for one of the editor's actions ("save", "cancel", ...)."""

AskDialog = Callable[[QDialog], Awaitable[int]]
"""Shows a dialog without a nested event loop and returns its result."""

WRITE_ACTIONS: tuple[str, ...] = ("save", "cancel", "cancel-tracking")
"""The actions whose task sends or looks up a write (what Stop cancels)."""


class EditorSurface(Protocol):
    """What the flows ask of the editor they run in."""

    @property
    def draft(self) -> OrderDraft: ...

    @property
    def banner(self) -> Banner: ...

    @property
    def is_busy(self) -> bool: ...

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Lock the form while a request runs (``text`` says which)."""

    def set_note(self, text: str) -> None:
        """The action bar's sentence about the last action."""

    def show_draft(self) -> None:
        """Show the draft again: values, header, trackings, errors and state."""

    def show_server_errors(
        self,
        fields: Mapping[str, tuple[str, ...]],
        trackings: Mapping[TrackingKey, tuple[str, ...]],
    ) -> None:
        """The server's messages under the fields and on the tracking rows they name."""

    def clear_server_errors(self) -> None:
        """Forget the last failure's messages (they are shown again only if it recurs)."""

    def show_errors(self) -> None:
        """Mark every field that is wrong now (the validators' and the server's words)."""

    def focus_first_error(self) -> None:
        """Scroll to the first marked field and put the cursor in it."""

    def refresh_state(self) -> None:
        """Work out the editor's state again (header, action bar, tab title)."""


class SaveFlow(QObject):
    """Runs the editor's writes. ``saved(Order)`` after one worked; ``failed(str)`` with the
    banner's sentence after one did not."""

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        surface: EditorSurface,
        *,
        service: OrderEditingService,
        runner: TaskRunner,
        key: TaskKey,
        ask: AskDialog,
        parent: QWidget,
    ) -> None:
        """``ask`` shows the conflict dialog; ``parent`` (the editor) is its parent."""
        super().__init__(parent)
        self._surface = surface
        self._service = service
        self._runner = runner
        self._key = key
        self._ask = ask
        self._dialog_parent = parent
        self._retry: Callable[[], object] | None = None
        self._second: Callable[[], object] | None = None
        self._stopping = False
        surface.banner.retry_requested.connect(self._on_banner_retry_requested)
        surface.banner.second_requested.connect(self._on_banner_second_requested)

    # -- the agent's actions ---------------------------------------------------------------

    def save(self) -> asyncio.Task[bool] | None:
        """Start saving and return the task; None while busy, with nothing to send, or with
        fields to fix or fill in (they are marked and the first one gets the focus). With an
        unknown outcome pending, saving looks the order up first (never a blind re-send)."""
        draft = self._surface.draft
        if self._surface.is_busy:
            return None
        if draft.has_errors:
            self._show_errors_and_focus()
            return None
        if not (draft.is_dirty or draft.unresolved is not None):
            return None
        return self._runner.start(self._key("save"), self.save_now())

    async def save_now(self) -> bool:
        """Save and report whether it worked (the unsaved-changes prompt awaits this)."""
        draft = self._surface.draft
        if draft.has_errors:
            self._show_errors_and_focus()
            return False
        if not draft.is_dirty and draft.unresolved is None:
            return True
        saved = await self.write(
            self._service.save(draft, self._resolve_conflicts),
            self.tr("Saved."),
            retry=self.save,
        )
        if saved and draft.taken_in:
            self._surface.set_note(
                self.tr(
                    "Saved. Also changed on parcelLab meanwhile and shown now: {fields}."
                ).format(fields=", ".join(draft.taken_in))
            )
        return saved

    async def _resolve_conflicts(self, found: Reconciliation) -> Choices | None:
        """Both sides changed the same fields: the agent chooses per field."""
        dialog = ConflictDialog(found, parent=self._dialog_parent)
        result = await self._ask(dialog)
        choices = dialog.choices()
        dialog.deleteLater()
        return choices if result == QDialog.DialogCode.Accepted else None

    def check_again(self) -> asyncio.Task[bool] | None:
        """Look up the save whose outcome is unknown (never sends it again)."""
        draft = self._surface.draft
        if self._surface.is_busy or draft.unresolved is None:
            return None
        return self._runner.start(
            self._key("save"),
            self.write(
                self._service.check(draft),
                self.tr("Found on parcelLab: saved."),
                retry=self.save,
                busy_text=self.tr("Looking the order up…"),
            ),
        )

    def send_again(self) -> asyncio.Task[bool] | None:
        """After look-ups found nothing: look once more, then send the draft as it is."""
        if self._surface.is_busy:
            return None
        return self._runner.start(
            self._key("save"),
            self.write(
                self._service.send_again(self._surface.draft), self.tr("Saved."), retry=self.save
            ),
        )

    def stop(self) -> None:
        """Stop the save, check or cancel in flight (Stop button, Esc)."""
        if not self._surface.is_busy:
            return
        self._stopping = True
        for action in WRITE_ACTIONS:
            self._runner.cancel(self._key(action))

    # -- one write -------------------------------------------------------------------------

    async def write(
        self,
        request: Awaitable[Order],
        done: str,
        *,
        retry: Callable[[], object],
        busy_text: str = "",
    ) -> bool:
        """Run one write; show where its errors belong; emit ``saved`` when it worked."""
        surface = self._surface
        surface.banner.clear()
        surface.clear_server_errors()
        self._stopping = False
        surface.set_busy(True, busy_text or self.tr("Saving…"))
        try:
            order = await request
        except asyncio.CancelledError:
            stopped, self._stopping = self._stopping, False
            if stopped:
                surface.set_busy(False)
                surface.show_draft()
                self._show_stopped()
            raise
        except Exception as exc:  # every failure is shown; the draft keeps the edits
            _log.info("Writing an order failed: %s", type(exc).__name__)
            surface.set_busy(False)
            # A partial create or a found write changed the draft's original: show it.
            surface.show_draft()
            self._show_failure(edit_failure(surface.draft, exc), retry)
            return False
        finally:
            if surface.is_busy:
                surface.set_busy(False)
        surface.show_draft()
        surface.set_note(done)
        self.saved.emit(order)
        return True

    def _show_errors_and_focus(self) -> None:
        self._surface.show_errors()
        self._surface.focus_first_error()

    def _show_failure(self, failure: EditFailure, retry: Callable[[], object]) -> None:
        surface = self._surface
        surface.show_server_errors(failure.placement.fields, failure.placement.trackings)
        self._second = None
        if failure.can_check:
            self._retry = self.check_again
            if failure.can_send_again:
                self._second = self.send_again
            surface.banner.show_message(
                failure.banner,
                can_retry=True,
                action=(
                    self.tr("Check again"),
                    self.tr("Look the order up on parcelLab; nothing is sent"),
                ),
                second=(
                    (
                        self.tr("Send again"),
                        self.tr("Look once more, then send the changes if still absent"),
                    )
                    if failure.can_send_again
                    else None
                ),
            )
            surface.set_note(self.tr("Outcome unknown. Your changes are kept."))
        else:
            self._retry = retry if failure.can_retry else None
            if failure.banner:
                surface.banner.show_message(failure.banner, can_retry=failure.can_retry)
            surface.set_note(self.tr("Not saved. Your changes are kept."))
        surface.refresh_state()
        if failure.placement.fields:
            surface.focus_first_error()
        self.failed.emit(failure.banner)

    def _show_stopped(self) -> None:
        """The agent stopped a request: unknown if a write was on its way, else nothing
        happened."""
        unresolved = self._surface.draft.unresolved
        if unresolved is not None:
            unknown = WriteOutcomeUnknownError(WriteResult(Outcome.UNKNOWN, unresolved))
            self._show_failure(edit_failure(self._surface.draft, unknown), self.save)
            self._surface.set_note(
                self.tr("Stopped. It may still reach parcelLab: use Check again.")
            )
        else:
            self._surface.set_note(self.tr("Stopped. Your changes are kept."))

    # -- slots -----------------------------------------------------------------------------

    def _on_banner_retry_requested(self) -> None:
        retry = self._retry
        self._surface.banner.clear()
        if retry is not None:
            retry()

    def _on_banner_second_requested(self) -> None:
        second = self._second
        self._surface.banner.clear()
        if second is not None:
            second()
