"""File ▸ Import…: a sheet of trackings or order updates, in three steps, nothing sent before
the agent confirms.

1. *File*: what the sheet holds (trackings, or order field updates) and the file; the
   detected encoding and delimiter are shown and the encoding can be changed.
2. *Columns*: every header with sample values and the field it goes to; headers the console
   did not recognise are left "ignored" for the agent to map.
3. *Preview*: every row checked with the editor's validators; bad cells marked (warning
   sign, bold, the reason on hover) and listed below; only good rows are sent, and the
   button says how many ("Send 12 rows").

The dialog returns the ``ImportPreview``; the caller turns its good rows into a job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.qt.import_preview_model import ImportPreviewModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.csv_import import (
    ImportKind,
    ImportPreview,
    Sheet,
    SheetError,
    build_preview,
    guess_mapping,
    import_targets,
    read_sheet,
)
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate

__all__ = ["ImportDialog"]

_ENCODINGS: Final = (
    ("utf-8-sig", "UTF-8"),
    ("cp1252", "Windows-1252 (Western Europe)"),
    ("cp1250", "Windows-1250 (Central Europe)"),
    ("cp1251", "Windows-1251 (Cyrillic)"),
    ("iso8859-15", "ISO-8859-15"),
    ("mac_roman", "Mac Roman"),
    ("utf-16", "UTF-16"),
)
_ENCODING_NAMES: Final = {
    **dict(_ENCODINGS),
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp1252": "Windows-1252",
}
_DELIMITER_NAMES: Final = {
    ",": QT_TRANSLATE_NOOP("ImportDialog", "commas"),
    ";": QT_TRANSLATE_NOOP("ImportDialog", "semicolons"),
    "\t": QT_TRANSLATE_NOOP("ImportDialog", "tabs"),
}
_SAMPLES: Final = 3


class ImportDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from a sheet"))
        self.setModal(True)
        self.resize(900, 600)
        self._runner = runner
        self._data: bytes | None = None
        self.sheet: Sheet | None = None
        self.preview: ImportPreview | None = None
        self.warning_icon = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )

        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._build_file_step())
        self.steps.addWidget(self._build_columns_step())
        self.steps.addWidget(self._build_preview_step())
        self.step_label = QLabel(self)
        self.step_label.setObjectName("importStep")

        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._show_step(0)

    # --- step 1: the file ---------------------------------------------------------------------

    def _build_file_step(self) -> QWidget:
        page = QWidget(self)
        self.kind_group = QButtonGroup(page)
        self.trackings_radio = QRadioButton(
            self.tr("Trackings: add parcels to orders (order number or external id, account, "
                    "courier, tracking number, and any tracking field)"),
            page,
        )  # fmt: skip
        self.fields_radio = QRadioButton(
            self.tr("Order updates: change fields of existing orders (status, client key, …)"),
            page,
        )
        self.trackings_radio.setChecked(True)
        for radio in (self.trackings_radio, self.fields_radio):
            self.kind_group.addButton(radio)
        self.path_edit = QLineEdit(page)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"), page)
        self.encoding_box = QComboBox(page)
        self.encoding_box.addItem(self.tr("Detect"), None)
        for name, label in _ENCODINGS:
            self.encoding_box.addItem(label, name)
        self.file_info = QLabel(page)
        self.file_info.setObjectName("importFileInfo")
        self.file_info.setWordWrap(True)
        self.file_error = QLabel(page)
        self.file_error.setObjectName("fieldError")
        self.file_error.setWordWrap(True)
        self.file_error.hide()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Encoding:"), self.encoding_box)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>What does the sheet hold?</b>"), page))
        layout.addWidget(self.trackings_radio)
        layout.addWidget(self.fields_radio)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.file_info)
        layout.addWidget(self.file_error)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.encoding_box.currentIndexChanged.connect(self._on_encoding_box_changed)
        self.kind_group.buttonToggled.connect(self._on_kind_changed)
        return page

    @property
    def kind(self) -> ImportKind:
        return ImportKind.TRACKINGS if self.trackings_radio.isChecked() else ImportKind.ORDER_FIELDS

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Read ``data`` as the sheet (also what tests call instead of the file dialog)."""
        self._data = data
        self.path_edit.setText(name)
        return self._read()

    def load_file(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._fail(self.tr("The file cannot be read: {why}.").format(why=exc.strerror))
            return False
        return self.load_bytes(data, str(path))

    def _read(self) -> bool:
        if self._data is None:
            return False
        try:
            sheet = read_sheet(self._data, self.encoding_box.currentData())
        except SheetError as exc:
            self._fail(str(exc))
            return False
        self.sheet = sheet
        self.file_error.hide()
        self.file_info.setText(
            self.tr("{rows} rows and {columns} columns; encoding {encoding}, separated by "
                    "{delimiter}.").format(
                rows=f"{len(sheet.rows):,}",
                columns=len(sheet.header),
                encoding=_ENCODING_NAMES.get(sheet.encoding, sheet.encoding),
                delimiter=translate("ImportDialog", _DELIMITER_NAMES[sheet.delimiter]),
            )
        )  # fmt: skip
        self._fill_columns()
        self._update_buttons()
        return True

    def _fail(self, message: str) -> None:
        self.sheet = None
        self.file_info.clear()
        self.file_error.setText(message)
        self.file_error.show()
        self._update_buttons()

    # --- step 2: columns ----------------------------------------------------------------------

    def _build_columns_step(self) -> QWidget:
        page = QWidget(self)
        self.columns_hint = QLabel(page)
        self.columns_hint.setWordWrap(True)
        self.columns_table = QTableWidget(0, 3, page)
        self.columns_table.setObjectName("importColumns")
        self.columns_table.setHorizontalHeaderLabels(
            [self.tr("Column in the sheet"), self.tr("First values"), self.tr("Goes to")]
        )
        self.columns_table.verticalHeader().hide()
        header = self.columns_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(self.columns_hint)
        layout.addWidget(self.columns_table, 1)
        return page

    def _fill_columns(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        mapping = guess_mapping(sheet.header, self.kind)
        targets = import_targets(self.kind)
        self.column_boxes: list[QComboBox] = []
        table = self.columns_table
        table.setRowCount(len(sheet.header))
        for column, title in enumerate(sheet.header):
            table.setItem(column, 0, QTableWidgetItem(title))
            samples = [r[column] for r in sheet.rows[:_SAMPLES] if r[column]]
            table.setItem(column, 1, QTableWidgetItem(" · ".join(samples)))
            box = QComboBox(table)
            box.addItem(self.tr("(ignore this column)"), None)
            for target in targets:
                box.addItem(target.title, target.name)
            if mapping[column] is not None:
                box.setCurrentIndex(box.findData(mapping[column]))
            box.currentIndexChanged.connect(self._on_column_box_changed)
            table.setCellWidget(column, 2, box)
            self.column_boxes.append(box)
        self._update_columns_hint()

    def mapping(self) -> tuple[str | None, ...]:
        values = [box.currentData() for box in self.column_boxes]
        return tuple(str(v) if v else None for v in values)

    def set_mapping(self, column: int, target: str | None) -> None:
        box = self.column_boxes[column]
        box.setCurrentIndex(box.findData(target) if target else 0)

    def _update_columns_hint(self) -> None:
        ignored = [
            self.sheet.header[i] for i, name in enumerate(self.mapping()) if name is None
        ] if self.sheet is not None else []  # fmt: skip
        chosen = [n for n in self.mapping() if n is not None]
        text = self.tr("Check where each column goes.")
        if ignored:
            text += " " + self.tr(
                "Not recognised, so ignored unless you choose a field: {names}."
            ).format(names=", ".join(f"“{h}”" for h in ignored))
        if len(chosen) != len(set(chosen)):
            text += " " + self.tr("Two columns go to the same field; choose one.")
        self.columns_hint.setText(text)
        self._update_buttons()

    # --- step 3: preview ----------------------------------------------------------------------

    def _build_preview_step(self) -> QWidget:
        page = QWidget(self)
        self.preview_summary = QLabel(page)
        self.preview_summary.setObjectName("importSummary")
        self.preview_summary.setWordWrap(True)
        self.preview_table = QTableView(page)
        self.preview_table.setObjectName("importPreview")
        self.preview_table.setWordWrap(False)
        self.preview_table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.problems_list = QListWidget(page)
        self.problems_list.setObjectName("importProblems")
        self.problems_list.setMaximumHeight(120)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.problems_list)
        self.problems_list.currentRowChanged.connect(self._on_problems_list_row_changed)
        return page

    def _build_preview(self) -> None:
        assert self.sheet is not None
        preview = build_preview(self.sheet, self.mapping(), self.kind)
        self.preview = preview
        model = ImportPreviewModel(preview, warning_icon=self.warning_icon, parent=self)
        self.preview_table.setModel(model)
        self.preview_table.resizeColumnsToContents()
        for column in range(model.columnCount()):
            width = self.preview_table.columnWidth(column)
            self.preview_table.setColumnWidth(column, min(width, 220))
        good, bad = len(preview.good_rows), len(preview.bad_rows)
        if bad == 1:
            text = self.tr(
                "{good} rows are ready to send. 1 row has problems and will not be sent: "
                "the marked cells say why (hover them), and the list below names the line."
            ).format(good=f"{good:,}")
        elif bad:
            text = self.tr(
                "{good} rows are ready to send. {bad} rows have problems and will not be sent: "
                "the marked cells say why (hover them), and the list below names each line."
            ).format(good=f"{good:,}", bad=f"{bad:,}")
        else:
            text = self.tr("All {good} rows are ready to send.").format(good=f"{good:,}")
        self.preview_summary.setText(text)
        self.problems_list.clear()
        self._problem_rows: list[int] = []
        for row in preview.bad_rows:
            for error in preview.errors[row]:
                where = (
                    self.sheet.header[error.column]
                    if error.column is not None
                    else self.tr("whole line")
                )
                self.problems_list.addItem(
                    self.tr("Line {line}, {where}: {message}").format(
                        line=Sheet.line_of(row), where=where, message=error.message
                    )
                )
                self._problem_rows.append(row)
        self.problems_list.setVisible(bool(bad))
        self.next_button.setText(
            self.tr("Send 1 row") if good == 1 else self.tr("Send {n} rows").format(n=f"{good:,}")
        )
        self.next_button.setEnabled(good > 0)

    # --- navigation ---------------------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        titles = (
            self.tr("Step 1 of 3: the file"),
            self.tr("Step 2 of 3: the columns"),
            self.tr("Step 3 of 3: check before sending"),
        )
        self.step_label.setText(titles[step])
        self.next_button.setText(self.tr("Next"))
        if step == 2:
            self._build_preview()
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.steps.currentIndex()
        self.back_button.setEnabled(step > 0)
        if step == 0:
            self.next_button.setEnabled(self.sheet is not None)
        elif step == 1:
            chosen = [n for n in self.mapping() if n is not None]
            self.next_button.setEnabled(bool(chosen) and len(chosen) == len(set(chosen)))

    def go_next(self) -> None:
        step = self.steps.currentIndex()
        if step < 2:
            self._show_step(step + 1)
        elif self.preview is not None and self.preview.good_rows:
            self.accept()

    def _on_next_button_clicked(self) -> None:
        self.go_next()

    def _on_back_button_clicked(self) -> None:
        self._show_step(max(0, self.steps.currentIndex() - 1))

    def _on_choose_button_clicked(self) -> None:
        self._runner.start(("import-choose", id(self)), self._choose())

    async def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a sheet to import"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("CSV and text files (*.csv *.txt *.tsv)"), self.tr("All files (*)")]
        )
        if await run_dialog(dialog) == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.load_file(Path(dialog.selectedFiles()[0]))

    def _on_encoding_box_changed(self, _index: int) -> None:
        self._read()

    def _on_kind_changed(self, *_args: object) -> None:
        self._fill_columns()

    def _on_column_box_changed(self, _index: int) -> None:
        self._update_columns_hint()

    def _on_problems_list_row_changed(self, index: int) -> None:
        if 0 <= index < len(self._problem_rows):
            model = self.preview_table.model()
            self.preview_table.scrollTo(model.index(self._problem_rows[index], 0))
            self.preview_table.selectRow(self._problem_rows[index])
