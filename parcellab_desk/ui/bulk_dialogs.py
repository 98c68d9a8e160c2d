"""Confirming a bulk action on the selected orders: add or remove tags, cancel orders, cancel
the trackings of one courier.

Each dialog says in one sentence what will happen before anything is sent ("Cancel 37
orders of accounts 1001, 1002 with reason Inventory?") and names the orders that cannot
take the action and will be skipped (already cancelled, no tracking of that courier). The
job re-checks each order from a fresh lookup anyway; the dialog's count is what the table
knew when the agent chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.models import Order
from parcellab_desk.api.validation import check_tags
from parcellab_desk.ui.cancel_dialogs import CancelDialog

__all__ = [
    "BulkCancelOrdersDialog",
    "BulkCancelTrackingsDialog",
    "BulkTagsDialog",
    "TagAction",
    "accounts_phrase",
    "orders_phrase",
    "split_tags",
]

_LISTED = 5  # orders named in a "will be skipped" sentence before "and N more"


def _tr(context: str, text: str) -> str:
    """For the texts a dialog needs before its QObject exists (the base class's arguments)."""
    return QCoreApplication.translate(context, text)


def orders_phrase(widget: QWidget, count: int) -> str:
    return widget.tr("1 order") if count == 1 else widget.tr("{n} orders").format(n=f"{count:,}")


def accounts_phrase(widget: QWidget, orders: Iterable[Order]) -> str:
    """``account 1001`` / ``accounts 1001, 1002``."""
    accounts = sorted({o.account for o in orders if o.account is not None})
    if not accounts:
        return ""
    listed = ", ".join(str(a) for a in accounts)
    if len(accounts) == 1:
        return widget.tr("of account {accounts}").format(accounts=listed)
    return widget.tr("of accounts {accounts}").format(accounts=listed)


def _names(widget: QWidget, orders: Sequence[Order]) -> str:
    names = [o.order_number or o.external_id or "?" for o in orders[:_LISTED]]
    text = ", ".join(names)
    if len(orders) > _LISTED:
        text += widget.tr(" and {n} more").format(n=len(orders) - _LISTED)
    return text


def split_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated list (a tag itself holds no comma)."""
    return list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


class TagAction(Enum):
    ADD = "add"
    REMOVE = "remove"


class BulkTagsDialog(QDialog):
    """Tags to add to (or remove from) every selected order."""

    def __init__(
        self,
        action: TagAction,
        orders: Sequence[Order],
        *,
        known_tags: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.orders = list(orders)
        adding = action is TagAction.ADD
        self.setWindowTitle(self.tr("Add tags") if adding else self.tr("Remove tags"))
        self.setModal(True)
        count = len(self.orders)
        self.heading = QLabel(self)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.25)
        self.heading.setFont(heading_font)
        if adding:
            self.heading.setText(
                self.tr("Add tags to 1 order")
                if count == 1
                else self.tr("Add tags to {n} orders").format(n=f"{count:,}")
            )
        else:
            self.heading.setText(
                self.tr("Remove tags from 1 order")
                if count == 1
                else self.tr("Remove tags from {n} orders").format(n=f"{count:,}")
            )
        self.hint = QLabel(
            self.tr("Several tags: separate them with commas. Tags are usually key:value."), self
        )
        self.hint.setWordWrap(True)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("bulkTags")
        self.tags_edit.setPlaceholderText(self.tr("e.g. priority:vip, escalation:4711"))
        self.tags_edit.setClearButtonEnabled(True)
        if adding:
            suggestions = sorted(set(known_tags))
        else:
            suggestions = sorted({t for o in self.orders for t in o.tags})
        completer = QCompleter(suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags_edit.setCompleter(completer)
        self.summary = QLabel(self)
        self.summary.setObjectName("bulkSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setMinimumWidth(440)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("Tags:"), self.tags_edit)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button: QPushButton = self.buttons.addButton(
            self.tr("Add tags") if adding else self.tr("Remove tags"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tags_edit.textChanged.connect(self._on_tags_edit_text_changed)
        self._on_tags_edit_text_changed("")

    def tags(self) -> list[str]:
        return split_tags(self.tags_edit.text())

    def _on_tags_edit_text_changed(self, _text: str) -> None:
        tags = self.tags()
        errors = check_tags(tags)
        self.problem.setText("\n".join(e.detail for e in errors))
        self.problem.setVisible(bool(errors))
        self.confirm_button.setEnabled(bool(tags) and not errors)
        self.summary.setText(self.summary_text(tags))

    def summary_text(self, tags: Sequence[str]) -> str:
        n = len(self.orders)
        who = f"{orders_phrase(self, n)} {accounts_phrase(self, self.orders)}".strip()
        shown = ", ".join(f"“{t}”" for t in tags) or self.tr("the tags you type")
        if self.action is TagAction.ADD:
            sentence = self.tr("Add {tags} to {who}?").format(tags=shown, who=who)
            unchanged = [o for o in self.orders if tags and all(t in o.tags for t in tags)]
            note = self.tr("{n} already have them and will be skipped: {names}.")
        else:
            sentence = self.tr("Remove {tags} from {who}?").format(tags=shown, who=who)
            unchanged = [o for o in self.orders if tags and not any(t in o.tags for t in tags)]
            note = self.tr("{n} do not have them and will be skipped: {names}.")
        if unchanged:
            sentence += " " + note.format(n=len(unchanged), names=_names(self, unchanged))
        return sentence


class BulkCancelOrdersDialog(CancelDialog):
    """One reason and one time for every selected order; cancelled ones are skipped."""

    def __init__(
        self,
        orders: Sequence[Order],
        *,
        tz: tzinfo | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.orders = list(orders)
        self.skipped = [o for o in self.orders if o.is_cancelled]
        self.to_cancel = [o for o in self.orders if not o.is_cancelled]
        ctx = "BulkCancelOrdersDialog"
        count = len(self.to_cancel)
        super().__init__(
            window_title=_tr(ctx, "Cancel orders"),
            heading=_tr(ctx, "Cancel 1 order?")
            if count == 1
            else _tr(ctx, "Cancel {n} orders?").format(n=f"{count:,}"),
            summary="",
            confirm_text=_tr(ctx, "Cancel orders"),
            keep_text=_tr(ctx, "Keep orders"),
            already=None,
            tz=tz,
            now=now,
            parent=parent,
        )
        self.summary.setObjectName("bulkSummary")
        self.reason_group.buttonToggled.connect(self._update_summary)
        self._update_summary()
        if not self.to_cancel and self.confirm_button is not None:
            self.confirm_button.setEnabled(False)
            self.reason_hint.setText(self.tr("Every selected order is cancelled already."))

    def summary_text(self) -> str:
        n = len(self.to_cancel)
        who = f"{orders_phrase(self, n)} {accounts_phrase(self, self.to_cancel)}".strip()
        reason = self.reason()
        if reason is None:
            sentence = self.tr("Cancel {who}? Choose a reason below.").format(who=who)
        else:
            sentence = self.tr("Cancel {who} with reason {reason}?").format(
                who=who, reason=reason.label
            )
        if self.skipped:
            sentence += " " + self.tr("{n} already cancelled will be skipped: {names}.").format(
                n=len(self.skipped), names=_names(self, self.skipped)
            )
        return sentence + " " + self.tr("Their customers get no further parcel updates.")

    def _update_summary(self, *_args: object) -> None:
        self.summary.setText(self.summary_text())
        if not self.to_cancel and self.confirm_button is not None:
            self.confirm_button.setEnabled(False)


class BulkCancelTrackingsDialog(CancelDialog):
    """Cancels every tracking of one courier on the selected orders (the orders stay open)."""

    def __init__(
        self,
        orders: Sequence[Order],
        *,
        tz: tzinfo | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.orders = list(orders)
        ctx = "BulkCancelTrackingsDialog"
        super().__init__(
            window_title=_tr(ctx, "Cancel trackings by courier"),
            heading=_tr(ctx, "Cancel the trackings of one courier"),
            summary="",
            confirm_text=_tr(ctx, "Cancel trackings"),
            keep_text=_tr(ctx, "Keep trackings"),
            already=None,
            tz=tz,
            now=now,
            parent=parent,
        )
        self.courier_box = QComboBox(self)
        self.courier_box.setObjectName("bulkCourier")
        couriers: dict[str, int] = {}
        for order in self.orders:
            for courier in {t.courier for t in order.trackings if t.courier}:
                couriers[courier] = couriers.get(courier, 0) + 1
        for courier in sorted(couriers, key=lambda c: (-couriers[c], c)):
            self.courier_box.addItem(
                self.tr("{courier} ({n} orders)").format(courier=courier, n=couriers[courier]),
                courier,
            )
        courier_row = QFormLayout()
        courier_row.setHorizontalSpacing(14)
        courier_row.addRow(self.tr("Courier:"), self.courier_box)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(2, courier_row)
        self.summary.setObjectName("bulkSummary")
        self.courier_box.currentIndexChanged.connect(self._update_summary)
        self.reason_group.buttonToggled.connect(self._update_summary)
        self._update_summary()

    def courier(self) -> str | None:
        value = self.courier_box.currentData()
        return str(value) if value else None

    def split(self) -> tuple[list[Order], list[Order], list[Order]]:
        """(orders with an open tracking of the courier, all cancelled already, none)."""
        courier = self.courier()
        open_ones, cancelled, without = [], [], []
        for order in self.orders:
            mine = [t for t in order.trackings if t.courier == courier]
            if not mine:
                without.append(order)
            elif all(t.is_cancelled for t in mine):
                cancelled.append(order)
            else:
                open_ones.append(order)
        return open_ones, cancelled, without

    def summary_text(self) -> str:
        courier = self.courier()
        if courier is None:
            return self.tr("None of the selected orders has a tracking.")
        targets, cancelled, without = self.split()
        who = f"{orders_phrase(self, len(targets))} {accounts_phrase(self, targets)}".strip()
        reason = self.reason()
        if reason is None:
            sentence = self.tr("Cancel the {courier} trackings of {who}? Choose a reason.").format(
                courier=courier, who=who
            )
        else:
            sentence = self.tr(
                "Cancel the {courier} trackings of {who} with reason {reason}?"
            ).format(courier=courier, who=who, reason=reason.label)
        skipped = cancelled + without
        if skipped:
            sentence += " " + self.tr(
                "{n} will be skipped (no open {courier} tracking): {names}."
            ).format(n=len(skipped), courier=courier, names=_names(self, skipped))
        return sentence

    def _update_summary(self, *_args: object) -> None:
        self.summary.setText(self.summary_text())
        if self.confirm_button is not None:
            self.confirm_button.setEnabled(self.reason() is not None and bool(self.split()[0]))
