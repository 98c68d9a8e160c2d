"""Where is the parcel? The selected tracking's events, its delivery estimate and the courier's
own tracking page, under the order editor's trackings.

The events come from the order-info lookup, which a whole team shares at 100 requests a minute
per account: a timeline shows at once when an earlier lookup (the search that found the order)
already holds the answer, and otherwise asks only when the agent says so ("Show where it is").
Times are in the agent's zone (the UTC value on hover), statuses in the vocabulary's words with
the courier's own sentence beside them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, tzinfo
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.errors import NotFoundError, ParcelLabError, RateLimitedError
from parcellab_desk.api.models import Order, Tracking
from parcellab_desk.api.order_info import OrderInfo, ParcelInfo
from parcellab_desk.qt.order_columns import format_local, format_utc
from parcellab_desk.qt.status_labels import delivery_label, delivery_tooltip
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.courier_links import tracking_url
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.ui.editor_widgets import ErrorLabel
from parcellab_desk.ui.trackings_editor import TrackingsEditor

__all__ = ["ParcelSource", "ParcelTimeline", "attach_parcel_timeline"]

_log = logging.getLogger(__name__)

EVENT_COLUMNS = 4


class ParcelSource(Protocol):
    """Where parcel histories come from (``OrderInfoService`` in the console)."""

    def cached_for(self, order: Order) -> OrderInfo | None: ...

    def for_order(self, order: Order) -> Awaitable[OrderInfo]: ...


class ParcelTimeline(QWidget):
    """The history of one parcel. ``show_tracking(order, tracking)`` picks the parcel."""

    loaded = Signal(object)  # the ParcelInfo shown (None: the service has no such parcel)
    failed = Signal(str)  # the sentence shown

    def __init__(
        self,
        runner: TaskRunner,
        source: ParcelSource,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parcelTimeline")
        self._runner = runner
        self._source = source
        self._tz = tz
        self._order: Order | None = None
        self._tracking: Tracking | None = None
        self._link: str | None = None

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy number"), self)
        self.copy_button.setToolTip(self.tr("Copy the tracking number"))
        self.link_label = QLabel(self)
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.setOpenExternalLinks(True)
        self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.link_label)
        header.addWidget(self.copy_button)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton(self.tr("Show where it is"), self)
        self.show_button.setToolTip(
            self.tr("Ask parcelLab for the parcel's events (the team shares 100 of these a minute)")
        )
        self.error_label = ErrorLabel(self)
        self.events = QTreeWidget(self)
        self.events.setObjectName("parcelEvents")
        self.events.setRootIsDecorated(False)
        self.events.setColumnCount(EVENT_COLUMNS)
        self.events.setHeaderLabels(
            [self.tr("When"), self.tr("Status"), self.tr("Where"), self.tr("Courier's words")]
        )
        self.events.setWordWrap(True)
        self.events.setUniformRowHeights(False)
        self.events.setAlternatingRowColors(True)
        self.events.setAccessibleName(self.tr("Parcel events, newest first"))
        head = self.events.header()
        head.setStretchLastSection(True)
        for column in range(EVENT_COLUMNS - 1):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.events.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.events)

        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.show_button.clicked.connect(self.load)
        self.show_tracking(None, None)

    # -- public -------------------------------------------------------------------------

    @property
    def tracking(self) -> Tracking | None:
        return self._tracking

    @property
    def link(self) -> str | None:
        """The courier's tracking page shown, if any."""
        return self._link

    def show_tracking(self, order: Order | None, tracking: Tracking | None) -> None:
        """Show ``tracking`` of ``order``: its history if already known, else the offer to
        ask for it. None hides the timeline."""
        self._runner.cancel(self._task_key())
        self._order, self._tracking = order, tracking
        self.setVisible(tracking is not None and bool(tracking.tracking_number))
        self.events.clear()
        self.events.hide()
        self.error_label.set_messages([])
        if tracking is None:
            return
        self.title.setText(
            self.tr("Parcel {courier} {number}").format(
                courier=tracking.courier or "?", number=tracking.tracking_number or ""
            )
        )
        self._set_link(tracking, None)
        known = self._source.cached_for(order) if order is not None else None
        if known is not None:
            self._show_answer(known)
            return
        label = delivery_label(tracking.status)
        self.summary.setText(label or self.tr("No delivery status yet."))
        can_ask = order is not None and order.account is not None and bool(order.order_number)
        self.show_button.setVisible(can_ask)
        self.show_button.setEnabled(can_ask)

    def load(self) -> None:
        """Ask for the history (the agent asked to see it)."""
        if self._order is None or self._tracking is None:
            return
        self.show_button.setEnabled(False)
        self.summary.setText(self.tr("Asking parcelLab where the parcel is…"))
        self.error_label.set_messages([])
        self._runner.start(self._task_key(), self._load(self._order))

    # -- internals ----------------------------------------------------------------------

    def _task_key(self) -> tuple[str, int]:
        return ("parcel-timeline", id(self))

    async def _load(self, order: Order) -> None:
        try:
            info = await self._source.for_order(order)
        except RateLimitedError as exc:
            wait = int(exc.retry_after or 60) + 1
            self._fail(
                self.tr(
                    "Parcel events are paused for this account: the team's 100 lookups a "
                    "minute are used up. Try again in {seconds} s."
                ).format(seconds=wait)
            )
            return
        except NotFoundError:
            self._fail(self.tr("parcelLab has no events for this order yet."))
            return
        except ParcelLabError as exc:
            _log.info("parcel events could not be loaded: %s", type(exc).__name__)
            self._fail(
                self.tr("Could not load the parcel's events: {reason}").format(
                    reason=describe_error(exc)
                )
            )
            return
        if order is self._order:
            self._show_answer(info)

    def _fail(self, sentence: str) -> None:
        self.summary.setText(delivery_label(self._tracking.status if self._tracking else None))
        self.error_label.set_messages([sentence])
        self.show_button.setText(self.tr("Try again"))
        self.show_button.setVisible(True)
        self.show_button.setEnabled(True)
        self.failed.emit(sentence)

    def _show_answer(self, info: OrderInfo) -> None:
        tracking = self._tracking
        assert tracking is not None
        parcel = info.parcel(tracking.courier, tracking.tracking_number)
        self.show_button.hide()
        if parcel is None:
            self.summary.setText(self.tr("parcelLab's answer has no events for this parcel."))
            self.loaded.emit(None)
            return
        self._set_link(tracking, parcel)
        self.summary.setText(self._summary(parcel, tracking))
        self.events.clear()
        for checkpoint in reversed(parcel.checkpoints):  # newest first
            words = checkpoint.status_text or ""
            if checkpoint.status_details:
                words = f"{words} {checkpoint.status_details}".strip()
            item = QTreeWidgetItem(
                [
                    format_local(checkpoint.timestamp, self._tz),
                    delivery_label(checkpoint.status) or self.tr("(no status)"),
                    checkpoint.location or "",
                    words,
                ]
            )
            item.setToolTip(0, format_utc(checkpoint.timestamp))
            item.setToolTip(1, delivery_tooltip(checkpoint.status))
            item.setToolTip(3, words)
            self.events.addTopLevelItem(item)
        self.events.setVisible(bool(parcel.checkpoints))
        if not parcel.checkpoints:
            self.summary.setText(self.summary.text() + " " + self.tr("No events yet."))
        self._fit_events()
        self.loaded.emit(parcel)

    def _summary(self, parcel: ParcelInfo, tracking: Tracking) -> str:
        label = delivery_label(parcel.status or tracking.status) or self.tr("No status yet")
        estimate = parcel.delivery_estimate
        if estimate is None or estimate.earliest is None:
            return label
        latest = estimate.latest or estimate.earliest
        if latest == estimate.earliest:
            when = self.tr("expected {day}").format(day=_day(estimate.earliest))
        else:
            when = self.tr("expected {first} to {last}").format(
                first=_day(estimate.earliest), last=_day(latest)
            )
        return f"{label} · {when}"

    def _set_link(self, tracking: Tracking, parcel: ParcelInfo | None) -> None:
        courier = parcel.courier if parcel is not None else None
        self._link = tracking_url(
            tracking.courier,
            tracking.tracking_number,
            given=courier.tracking_url if courier is not None else None,
            postal_code=tracking.recipient_postal_code,
            country_iso3=tracking.destination_country_iso3,
        )
        name = courier.display_name if courier is not None else (tracking.courier or "")
        if self._link:
            text = self.tr("Track on {courier}'s site").format(
                courier=name or self.tr("the courier")
            )
            self.link_label.setText(f'<a href="{_attr(self._link)}">{_html(text)}</a>')
            self.link_label.setToolTip(self._link)
        else:
            self.link_label.setText("")
            self.link_label.setToolTip("")
        self.link_label.setVisible(bool(self._link))

    def _fit_events(self) -> None:
        """Tall enough for the newest events (up to eight) without an inner scroll bar."""
        rows = min(self.events.topLevelItemCount(), 8)
        row_height = max(self.events.sizeHintForRow(0), 22) if rows else 22
        header = self.events.header().sizeHint().height()
        self.events.setFixedHeight(header + 6 + rows * row_height)

    def _on_copy_button_clicked(self) -> None:
        if self._tracking is not None and self._tracking.tracking_number:
            QGuiApplication.clipboard().setText(self._tracking.tracking_number)


def _day(day: date) -> str:
    return day.strftime("%a %d %b")


def _html(text: str) -> str:
    return escape(text)


def _attr(text: str) -> str:
    return escape(text, quote=True)


def attach_parcel_timeline(
    editor: QWidget,
    trackings_editor: TrackingsEditor,
    order_of: Callable[[], Order | None],
    runner: TaskRunner,
    source: ParcelSource,
    tz: tzinfo | None = None,
) -> ParcelTimeline:
    """Put a timeline under ``trackings_editor`` that follows its selected row; once per
    ``editor``."""
    existing = editor.findChild(ParcelTimeline)
    if isinstance(existing, ParcelTimeline):
        return existing
    timeline = ParcelTimeline(runner, source, tz, trackings_editor)
    layout = trackings_editor.layout()
    if layout is not None:
        layout.addWidget(timeline)

    def follow_selection() -> None:
        row = trackings_editor.selected_row()
        tracking = row.tracking if row is not None else None
        if (
            tracking is not None
            and timeline.tracking is not None
            and tracking.key == timeline.tracking.key
        ):
            return  # the same parcel (the rows were refreshed): keep what is shown
        timeline.show_tracking(order_of(), tracking)

    trackings_editor.table.itemSelectionChanged.connect(follow_selection)
    follow_selection()
    return timeline
