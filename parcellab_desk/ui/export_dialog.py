"""File ▸ Export view…: every page of the current filter and sort, to CSV or Excel.

The agent picks the format (CSV with commas, CSV with semicolons for a German Excel, or an
.xlsx workbook), whether each tracking gets a line of its own, and the file. The export runs
inside the dialog with a progress line and a Cancel button; the file appears only when it
is complete, so Cancel leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.api.errors import ParcelLabError
from parcellab_desk.api.models import Order
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.export import (
    ExportCancelledError,
    ExportColumn,
    ExportFormat,
    ExportOptions,
    ExportResult,
    export_orders,
)
from parcellab_desk.ui.dialog_async import run_dialog

__all__ = ["ExportDialog"]

OrderStream = Callable[[], AsyncIterator[Order]]


class ExportDialog(QDialog):
    export_finished = Signal(object)  # the ExportResult, or None (cancelled or failed)

    def __init__(
        self,
        orders: OrderStream,
        runner: TaskRunner,
        *,
        columns: Sequence[ExportColumn],
        description: str,
        parent: QWidget | None = None,
    ) -> None:
        """``orders`` starts a walk over every page of the view; ``columns`` are the table's
        visible columns in their order; ``description`` names the view ("orders of account
        1001, newest first")."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the view"))
        self.setModal(True)
        self._orders = orders
        self._runner = runner
        self._columns = (*columns, ExportColumn.EXTERNAL_ID)
        self._cancel_requested = False
        self.exported: ExportResult | None = None

        self.what = QLabel(
            self.tr("All {view}, every page (not only the rows loaded in the table).").format(
                view=description
            ),
            self,
        )
        self.what.setWordWrap(True)
        self.format_group = QButtonGroup(self)
        self.csv_comma = QRadioButton(self.tr("CSV, separated by commas"), self)
        self.csv_semicolon = QRadioButton(
            self.tr("CSV, separated by semicolons (Excel in German and many European setups)"),
            self,
        )
        self.xlsx = QRadioButton(self.tr("Excel workbook (.xlsx)"), self)
        self.csv_semicolon.setChecked(True)
        for radio in (self.csv_comma, self.csv_semicolon, self.xlsx):
            self.format_group.addButton(radio)
        self.trackings_box = QCheckBox(
            self.tr("One line per tracking (with its courier, number and status)"), self
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setPlaceholderText(self.tr("Choose where to save"))
        self.browse_button = QPushButton(self.tr("Choose…"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Save as:"), path_row)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.csv_comma)
        layout.addWidget(self.csv_semicolon)
        layout.addWidget(self.xlsx)
        layout.addWidget(self.trackings_box)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())

        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.format_group.buttonToggled.connect(self._on_format_changed)
        self.path_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()

    def options(self) -> ExportOptions:
        fmt = ExportFormat.XLSX if self.xlsx.isChecked() else ExportFormat.CSV
        return ExportOptions(
            format=fmt,
            columns=self._columns,
            delimiter=";" if self.csv_semicolon.isChecked() else ",",
            with_trackings=self.trackings_box.isChecked(),
        )

    @property
    def running(self) -> bool:
        return self._runner.is_running(self._key())

    def _key(self) -> tuple[str, int]:
        return ("export", id(self))

    def _update_buttons(self, *_args: object) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and not self.running)
        self.close_button.setText(self.tr("Cancel export") if self.running else self.tr("Close"))

    def start_export(self) -> None:
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx" if self.xlsx.isChecked() else ".csv")
            self.path_edit.setText(str(path))
        self._cancel_requested = False
        self.exported = None
        self._runner.start(self._key(), self._export(path, self.options()))
        self._update_buttons()

    async def _export(self, path: Path, options: ExportOptions) -> None:
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        try:
            result = await export_orders(
                self._orders(),
                path,
                options,
                progress=self._on_progress,
                cancelled=lambda: self._cancel_requested,
            )
        except ExportCancelledError:
            self.status.setText(self.tr("Cancelled; no file was written."))
        except ParcelLabError as exc:
            self.status.setText(
                self.tr("The export stopped and no file was written: {why}").format(
                    why=describe_error(exc)
                )
            )
        except OSError as exc:
            self.status.setText(
                self.tr("The file cannot be written: {why}.").format(why=exc.strerror or exc)
            )
        else:
            self.exported = result
            self.status.setText(
                self.tr("Exported {orders} orders ({lines} lines) to {name}.").format(
                    orders=f"{result.orders:,}", lines=f"{result.lines:,}", name=path.name
                )
            )
        finally:
            self.progress.hide()
            self._update_buttons()
            self.export_finished.emit(self.exported)

    def _on_progress(self, count: int) -> None:
        self.status.setText(self.tr("Exported {n} orders so far…").format(n=f"{count:,}"))

    def _on_export_button_clicked(self) -> None:
        self.start_export()

    def _on_close_button_clicked(self) -> None:
        if self.running:
            self._cancel_requested = True
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.accept()

    def reject(self) -> None:
        # Escape while exporting cancels the export, then the dialog closes.
        self._cancel_requested = True
        super().reject()

    def _on_format_changed(self, *_args: object) -> None:
        text = self.path_edit.text().strip()
        if text:
            suffix = ".xlsx" if self.xlsx.isChecked() else ".csv"
            self.path_edit.setText(str(Path(text).with_suffix(suffix)))

    def _on_browse_button_clicked(self) -> None:
        self._runner.start(("export-browse", id(self)), self._browse())

    async def _browse(self) -> None:
        xlsx = self.xlsx.isChecked()
        dialog = QFileDialog(self, self.tr("Export to"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(
            self.tr("Excel workbooks (*.xlsx)") if xlsx else self.tr("CSV files (*.csv)")
        )
        dialog.setDefaultSuffix("xlsx" if xlsx else "csv")
        dialog.selectFile("orders.xlsx" if xlsx else "orders.csv")
        if await run_dialog(dialog) == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.path_edit.setText(dialog.selectedFiles()[0])
