"""The order editor: one order's fields, tags and trackings, with Save, Revert and Cancel.

The form is layout plus bindings: the schema says which fields the editor shows, in which
section and order, and ``bind`` makes the widget for each field's kind. Every edit goes into
an ``OrderDraft`` (no Qt) and is checked at once with the contract's validators; the messages
show under the field in the validator's words. Save sends only what changed (POST for a new
order, then its trackings); the server's 400 messages land on the field or tracking row they
name, anything else in the banner at the top with Retry where retrying can help. When a
save's outcome is unknown (its answer was lost) the banner says so and offers Check again, a
lookup that never re-sends; Stop ends a long save or lookup (its outcome is then unknown too).
The agent's edits stay in the draft through every failure.

The editor is layout, bindings and wiring. The header (which order, its status, the unsaved
marker) and the action bar are their own pieces and stay in view while the form scrolls; the
save flow (``editor_save_flow``) runs every write and shows its failures, the cancel flow
(``editor_cancel_flow``) asks for a cancel's reason and sends it. The editor never speaks HTTP:
the flows await the ``OrderEditingService``'s coroutines, each owned by the ``TaskRunner`` it
was given, and dialogs open with ``run_dialog`` (never ``exec``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import tzinfo
from functools import partial
from html import escape
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Order
from parcellab_desk.api.schema import ORDER_EDITABLE, ORDER_FIELD, Section
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.order_editing import (
    OrderDraft,
    OrderEditingService,
    TrackingKey,
)
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.editor_actions import EditorActionBar, EditorState
from parcellab_desk.ui.editor_cancel_flow import CancelFlow
from parcellab_desk.ui.editor_header import EditorHeader
from parcellab_desk.ui.editor_save_flow import WRITE_ACTIONS, SaveFlow
from parcellab_desk.ui.editor_widgets import BadgeLabel, Banner, ErrorLabel
from parcellab_desk.ui.field_bindings import FieldBinding, TagsBinding, bind
from parcellab_desk.ui.keyboard import (
    WINDOW_MNEMONICS,
    MnemonicAllocator,
    field_label,
    field_texts,
)
from parcellab_desk.ui.trackings_editor import TrackingFormDialog, TrackingsEditor
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

__all__ = ["KnownTags", "OrderEditor"]

KnownTags = Callable[[], Iterable[str]]
"""Tags seen in the loaded orders, offered as suggestions."""

FORM_SECTIONS: Final = (Section.ORDER, Section.RECIPIENT)
"""The boxes of labelled fields, top to bottom (tags and trackings follow in their own)."""

# The Alt letter of Add tracking…; the fields take the others (Save has Ctrl+S; the other
# buttons are a Tab away, and in the Order menu).
_BUTTON_MNEMONICS: Final = "T"


# The boxes' titles, for the catalogue (Section's values are the English source).
_SECTION_TITLES: Final = {
    Section.ORDER: QT_TRANSLATE_NOOP("OrderEditor", "Order"),
    Section.RECIPIENT: QT_TRANSLATE_NOOP("OrderEditor", "Recipient"),
    Section.TAGS: QT_TRANSLATE_NOOP("OrderEditor", "Tags"),
    Section.TRACKING: QT_TRANSLATE_NOOP("OrderEditor", "Tracking"),
}


class OrderEditor(QWidget):
    """Edits one order (``order`` None: a new one, created with POST on save).

    Signals: ``saved(Order)`` after a save or a cancel succeeded (update the table row);
    ``save_failed(str)`` with the banner's sentence; ``dirty_changed(bool)``;
    ``title_changed(str)`` for the tab; ``dialog_opened(QDialog)`` whenever the editor
    shows a dialog (tests and screenshots answer it); ``tracking_staged(key)`` after the
    tracking form put a tracking into the draft.
    """

    saved = Signal(object)
    save_failed = Signal(str)
    dirty_changed = Signal(bool)
    title_changed = Signal(str)
    dialog_opened = Signal(object)
    tracking_staged = Signal(object)  # TrackingKey added or changed, sent with the next save
    draft_changed = Signal()  # the draft may hold other unsaved edits now (kept on disk)

    def __init__(
        self,
        order: Order | None,
        *,
        service: OrderEditingService,
        runner: TaskRunner | None = None,
        tz: tzinfo | None = None,
        known_tags: KnownTags | None = None,
        account: int | None = None,
        accounts: Sequence[int] = (),
        draft: OrderDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``draft`` brings back unsaved edits kept from an earlier session (then ``order``
        is ignored); ``accounts`` are offered in the Account field (the profile's)."""
        super().__init__(parent)
        self.setObjectName("orderEditor")
        self.draft = draft if draft is not None else OrderDraft(order, account=account)
        self._runner = runner if runner is not None else TaskRunner()
        self._tz = tz
        self._known_tags = known_tags
        self._server_errors: dict[str, tuple[str, ...]] = {}
        self._busy = False
        self._was_dirty = False
        self._title = ""
        self._state = EditorState.CLEAN

        # Built top to bottom: the order of creation is the Tab order.
        self.banner = Banner(self)
        self.header = EditorHeader(self)
        self.header.copy_requested.connect(self._on_copy_button_clicked)

        body = QWidget(self)
        body.setObjectName("editorBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(10, 8, 10, 10)
        body_layout.setSpacing(10)
        self.bindings: dict[str, FieldBinding] = {}
        self.field_labels: dict[str, QLabel] = {}
        # Alt letters for the whole form at once, so every field gets one.
        on_form = [f for f in ORDER_EDITABLE if f.section in (*FORM_SECTIONS, Section.TAGS)]
        texts = field_texts(on_form, MnemonicAllocator({*WINDOW_MNEMONICS, *_BUTTON_MNEMONICS}))
        for section in FORM_SECTIONS:
            body_layout.addWidget(self._section(section, body, texts, accounts))
        # One label column for both sections, so the fields line up.
        width = max(label.sizeHint().width() for label in self.field_labels.values())
        for label in self.field_labels.values():
            label.setMinimumWidth(width)

        tags = bind(ORDER_FIELD["tags"], body, tag_suggestions=self._known_tags)
        assert isinstance(tags, TagsBinding)
        self.bindings["tags"] = tags
        self.tags_editor = tags.tags_editor
        self.tags_box = QGroupBox(texts["tags"], body)
        tags_layout = QVBoxLayout(self.tags_box)
        tags_layout.addWidget(tags.cell)
        body_layout.addWidget(self.tags_box)

        self.trackings_editor = TrackingsEditor(self._tz, body)
        self.trackings_box = QGroupBox(self.tr("Trackings"), body)
        trackings_layout = QVBoxLayout(self.trackings_box)
        trackings_layout.addWidget(self.trackings_editor)
        body_layout.addWidget(self.trackings_box)

        self.other_box = QGroupBox(self.tr("Other fields (read-only)"), body)
        self.other_box.setToolTip(self.tr("Fields the server sent that this console does not edit"))
        self.other_form = QFormLayout(self.other_box)
        body_layout.addWidget(self.other_box)
        body_layout.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus
        self.scroll_area.setWidget(body)
        self.form_area = body
        self.action_bar = EditorActionBar(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_row = QVBoxLayout()
        banner_row.setContentsMargins(10, 8, 10, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.action_bar)

        self.save_flow = SaveFlow(
            self, service=service, runner=self._runner, key=self._key, ask=self._ask, parent=self
        )
        self.cancel_flow = CancelFlow(
            self,
            writes=self.save_flow,
            service=service,
            runner=self._runner,
            key=self._key,
            ask=self._ask,
            tz=self._tz,
            parent=self,
        )
        self.save_flow.saved.connect(self._on_save_flow_saved)
        self.save_flow.failed.connect(self._on_save_flow_failed)
        for name, binding in self.bindings.items():
            binding.changed.connect(partial(self._on_input_changed, name))
        self.action_bar.save_action.triggered.connect(self.save)
        self.action_bar.revert_action.triggered.connect(self.revert)
        self.action_bar.cancel_order_action.triggered.connect(self.cancel_order)
        self.action_bar.stop_action.triggered.connect(self.stop)
        self.addAction(self.action_bar.stop_action)  # Esc while the focus is in the editor
        self.trackings_editor.add_requested.connect(self._on_trackings_add_requested)
        self.trackings_editor.edit_requested.connect(self._on_trackings_edit_requested)
        self.trackings_editor.cancel_requested.connect(self._on_trackings_cancel_requested)
        self.trackings_editor.discard_requested.connect(self._on_trackings_discard_requested)
        self.show_draft()

    # -- building ------------------------------------------------------------------------

    def _section(
        self,
        section: Section,
        parent: QWidget,
        texts: dict[str, str],
        accounts: Sequence[int],
    ) -> QGroupBox:
        box = QGroupBox(translate("OrderEditor", _SECTION_TITLES[section]), parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for spec in ORDER_EDITABLE:
            if spec.section is not section:
                continue
            suggestions = [str(a) for a in accounts] if spec.name == "account" else ()
            binding = bind(spec, box, suggestions=suggestions)
            required = self.draft.is_new and spec.required_on_create
            label = field_label(
                texts[spec.name], binding.focus_target, required=required, parent=box
            )
            self.bindings[spec.name] = binding
            self.field_labels[spec.name] = label
            form.addRow(label, binding.cell)
        return box

    # -- the pieces, by the names tests and the window use -------------------------------

    @property
    def inputs(self) -> dict[str, QWidget]:
        """Each editable field's input widget."""
        return {name: binding.widget for name, binding in self.bindings.items()}

    @property
    def error_labels(self) -> dict[str, ErrorLabel]:
        """The error line under each field (the tags editor has its own)."""
        return {n: b.error_label for n, b in self.bindings.items() if n != "tags"}

    @property
    def state(self) -> EditorState:
        return self._state

    @property
    def title_label(self) -> QLabel:
        return self.header.title_label

    @property
    def status_badge(self) -> BadgeLabel:
        return self.header.status_badge

    @property
    def dirty_label(self) -> QLabel:
        return self.header.dirty_label

    @property
    def external_id_label(self) -> QLabel:
        return self.header.external_id_label

    @property
    def copy_button(self) -> QToolButton:
        return self.header.copy_button

    @property
    def created_label(self) -> QLabel:
        return self.header.created_label

    @property
    def updated_label(self) -> QLabel:
        return self.header.updated_label

    @property
    def cancelled_label(self) -> QLabel:
        return self.header.cancelled_label

    @property
    def save_button(self) -> QPushButton:
        return self.action_bar.save_button

    @property
    def revert_button(self) -> QPushButton:
        return self.action_bar.revert_button

    @property
    def cancel_order_button(self) -> QPushButton:
        return self.action_bar.cancel_order_button

    @property
    def stop_button(self) -> QPushButton:
        return self.action_bar.stop_button

    @property
    def action_status(self) -> QLabel:
        return self.action_bar.status

    # -- public --------------------------------------------------------------------------

    @property
    def order(self) -> Order | None:
        """The order as last saved (None while a new order is not created yet)."""
        return self.draft.original

    @property
    def is_dirty(self) -> bool:
        return self.draft.is_dirty

    @property
    def is_busy(self) -> bool:
        return self._busy

    def title(self) -> str:
        """``Order 40012345`` (``*`` when there are unsaved changes) or ``New order`` (with
        its number as soon as one is typed)."""
        original = self.draft.original
        if original is not None:
            name = self.tr("Order {number}").format(number=original.order_number)
        else:
            number = self.draft.value("order_number") or ""
            name = self.tr("New order {number}").format(number=number).strip()
        return f"{name} *" if self.draft.is_dirty else name

    def focus_first_field(self) -> None:
        """Put the cursor in the form's first field (a key away from the table)."""
        first = next(iter(self.bindings.values()))
        self.scroll_area.ensureWidgetVisible(first.cell)
        first.focus_target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_order(self, order: Order) -> None:
        """The order changed elsewhere (a refresh): show it, keeping unsaved edits on top."""
        self.draft.rebase(order)
        self.show_draft()

    def save(self) -> asyncio.Task[bool] | None:
        """Start saving (Ctrl+S) and return the task; None while busy, with nothing to send,
        or with fields to fix or fill in (they are marked, the bar says which, and the first
        one gets the focus). With an unknown outcome pending, saving looks the order up first
        (never a blind re-send)."""
        return self.save_flow.save()

    async def save_now(self) -> bool:
        """Save and report whether it worked (the unsaved-changes prompt awaits this)."""
        return await self.save_flow.save_now()

    def check_again(self) -> asyncio.Task[bool] | None:
        """Look up the save whose outcome is unknown (never sends it again)."""
        return self.save_flow.check_again()

    def send_again(self) -> asyncio.Task[bool] | None:
        """After look-ups found nothing: look once more, then send the draft as it is."""
        return self.save_flow.send_again()

    def stop(self) -> None:
        """Stop the save, check or cancel in flight (Stop button, Esc)."""
        self.save_flow.stop()

    def revert(self) -> None:
        """Forget every unsaved change and show the order as saved."""
        if self._busy:
            return
        self.draft.revert()
        self.clear_server_errors()
        self.banner.clear()
        self.show_draft()
        self.set_note(self.tr("Changes reverted."))

    def cancel_order(self) -> asyncio.Task[None] | None:
        """Ask for a reason and time, then cancel the order (Cancel order…); returns the task."""
        return self.cancel_flow.cancel_order()

    async def maybe_close(self) -> bool:
        """True when the editor may close: nothing unsaved, saved now, or discarded."""
        if not self.draft.is_dirty:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(f"<b>{escape(self.title().removesuffix(' *'))} has unsaved changes.</b>")
        box.setInformativeText(
            self.tr("Save them before closing? If you discard them they are lost.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        await self._ask(box)
        clicked = box.standardButton(box.clickedButton())
        box.deleteLater()
        if clicked == QMessageBox.StandardButton.Save:
            return await self.save_now()
        return clicked == QMessageBox.StandardButton.Discard

    def close_tasks(self) -> None:
        """Cancel this editor's running requests (the tab is closing)."""
        for action in (*WRITE_ACTIONS, "tracking-form"):
            self._runner.cancel(self._key(action))

    # -- what the flows use (EditorSurface) -----------------------------------------------

    def show_draft(self) -> None:
        """Show the draft again: values, header, trackings, errors and state."""
        for name, binding in self.bindings.items():
            binding.write(self.draft.value(name))
        self._refresh_header()
        self._refresh_trackings()
        self._refresh_other_fields()
        self._show_all_errors(only_changed=True)
        self.refresh_state()

    def _refresh_header(self) -> None:
        number = str(self.draft.value("order_number") or "") if self.draft.is_new else ""
        self.header.show_order(self.draft.original, self._tz, new_number=number)

    def _refresh_trackings(self) -> None:
        self.trackings_editor.set_rows(self.draft.tracking_rows())
        self.trackings_editor.set_cancel_allowed(not self.draft.is_new)

    def _refresh_other_fields(self) -> None:
        while self.other_form.rowCount():
            self.other_form.removeRow(0)
        order = self.draft.original
        extra = (order.model_extra or {}) if order is not None else {}
        for name, value in sorted(extra.items()):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            label = QLabel(text, self.other_box)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.other_form.addRow(f"{name}:", label)
        self.other_box.setVisible(bool(extra))

    # -- state ---------------------------------------------------------------------------

    def _missing(self) -> list[str]:
        """Labels of the required fields a new order still lacks, in the form's order."""
        if not self.draft.is_new:
            return []
        return [
            spec.title
            for spec in ORDER_EDITABLE
            if spec.required_on_create and self.draft.value(spec.name) in (None, "")
        ]

    def _compute_state(self) -> EditorState:
        if self._busy:
            return EditorState.BUSY
        if self.draft.unresolved is not None and not self.draft.has_errors:
            return EditorState.OUTCOME_UNKNOWN
        missing = self._missing()
        if (
            self.draft.has_errors
            and missing
            and (len(missing) == len(self.draft.all_field_errors()))
        ):
            return EditorState.INCOMPLETE
        if self.draft.has_errors and self.draft.is_dirty:
            return EditorState.INVALID
        return EditorState.DIRTY if self.draft.is_dirty else EditorState.CLEAN

    def refresh_state(self) -> None:
        """Work out the state again (header, action bar, tab title, the drafts store)."""
        dirty = self.draft.is_dirty
        self._state = self._compute_state()
        self.header.set_dirty(dirty)
        original = self.draft.original
        self.action_bar.show_state(
            self._state,
            dirty=dirty,
            can_cancel=original is not None,
            problems=len(self.draft.all_field_errors()),
            missing=", ".join(self._missing()),
        )
        if original is not None and original.is_cancelled:
            self.cancel_order_button.setToolTip(self.tr("Already cancelled: shows when and why"))
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
        title = self.title()
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
        self.draft_changed.emit()

    def set_note(self, text: str) -> None:
        """The action bar's sentence about the last action."""
        self.action_bar.set_note(text)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Lock the form while a request runs (``text`` says which)."""
        self._busy = busy
        self.form_area.setEnabled(not busy)
        if busy:
            self.set_note(text)
        self.refresh_state()

    def show_server_errors(
        self,
        fields: Mapping[str, tuple[str, ...]],
        trackings: Mapping[TrackingKey, tuple[str, ...]],
    ) -> None:
        """The server's messages under the fields and on the tracking rows they name."""
        self._server_errors = dict(fields)
        self.trackings_editor.set_row_errors(trackings)
        self._show_all_errors()

    def clear_server_errors(self) -> None:
        """Forget the last failure's messages."""
        self._server_errors.clear()
        self.trackings_editor.set_row_errors({})

    def show_errors(self) -> None:
        """Mark every field that is wrong now (the validators' and the server's words)."""
        self._show_all_errors()

    def _show_field_errors(self, name: str) -> None:
        live = self.draft.field_errors(name)
        server = self._server_errors.get(name, ())
        self.bindings[name].set_errors(tuple(dict.fromkeys((*live, *server))))

    def _show_all_errors(self, *, only_changed: bool = False) -> None:
        for name, binding in self.bindings.items():
            if only_changed and self.draft.is_new and name not in self.draft.changed_fields():
                # A blank new order is not wrong yet; it becomes wrong when saved blank.
                binding.set_errors(self._server_errors.get(name, ()))
                continue
            self._show_field_errors(name)

    def focus_first_error(self) -> None:
        """Scroll to the first marked field and put the cursor in it."""
        for name, binding in self.bindings.items():
            if self.draft.field_errors(name) or self._server_errors.get(name):
                self.scroll_area.ensureWidgetVisible(binding.cell)
                binding.focus_target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _key(self, action: str) -> tuple[str, str, int]:
        return ("order-editor", action, id(self))

    # -- dialogs -------------------------------------------------------------------------

    async def _ask(self, dialog: QDialog) -> int:
        self.dialog_opened.emit(dialog)
        return await run_dialog(dialog)

    async def _edit_tracking(self, key: TrackingKey | None) -> None:
        rows = self.draft.tracking_rows()
        tracking = self.draft.tracking(key) if key is not None else None
        seen = set(self._known_tags()) if self._known_tags is not None else set()
        dialog = TrackingFormDialog(
            tracking,
            existing=[row.key for row in rows],
            suggestions=seen,
            parent=self,
        )
        result = await self._ask(dialog)
        values = dialog.values()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        new_key = self.draft.put_tracking(values)
        errors = {
            k: v for k, v in self._row_errors().items() if k != new_key
        }  # the agent answered this row's error
        self._refresh_trackings()
        self.trackings_editor.set_row_errors(errors)
        self.trackings_editor.select(new_key)
        self.refresh_state()
        self.tracking_staged.emit(new_key)

    def _row_errors(self) -> dict[TrackingKey, tuple[str, ...]]:
        return {
            row.key: self.trackings_editor.row_errors(row.key)
            for row in self.trackings_editor.rows()
            if self.trackings_editor.row_errors(row.key)
        }

    # -- slots ---------------------------------------------------------------------------

    def _on_input_changed(self, name: str) -> None:
        self.draft.set_value(name, self.bindings[name].read())
        self._server_errors.pop(name, None)
        self._show_field_errors(name)
        self.set_note("")  # "Saved." would be stale once the agent types again
        if name == "order_number" and self.draft.is_new:
            self._refresh_header()
        self.refresh_state()

    def _on_save_flow_saved(self, order: Order) -> None:
        self.saved.emit(order)

    def _on_save_flow_failed(self, sentence: str) -> None:
        self.save_failed.emit(sentence)

    def _on_copy_button_clicked(self) -> None:
        order = self.draft.original
        if order is not None and order.external_id:
            QGuiApplication.clipboard().setText(order.external_id)
            self.set_note(self.tr("External id copied."))

    def _on_trackings_add_requested(self) -> None:
        self._runner.start(self._key("tracking-form"), self._edit_tracking(None))

    def _on_trackings_edit_requested(self, key: TrackingKey) -> None:
        self._runner.start(self._key("tracking-form"), self._edit_tracking(key))

    def _on_trackings_cancel_requested(self, key: TrackingKey) -> None:
        self.cancel_flow.cancel_tracking(key)

    def _on_trackings_discard_requested(self, key: TrackingKey) -> None:
        self.draft.discard_tracking(key)
        errors = {k: v for k, v in self._row_errors().items() if k != key}
        self._refresh_trackings()
        self.trackings_editor.set_row_errors(errors)
        self.refresh_state()
