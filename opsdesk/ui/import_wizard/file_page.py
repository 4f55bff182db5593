"""Step 1: the file, its sheet, the header row, the layout, the date order, a profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.imports.plan import Options
from opsdesk.core.imports.source import FILE_FILTER
from opsdesk.core.imports.table import RawTable

LAYOUTS = (
    ("Detect", "auto"),
    ("Long: one row per value", "long"),
    ("Wide: a column per KPI or per period", "wide"),
)
DATE_ORDERS = (
    ("Detect from the column (ask when unclear)", None),
    ("Day first (31/01/2024)", "dmy"),
    ("Month first (01/31/2024)", "mdy"),
)


class FilePage(QWidget):
    file_chosen = Signal(object)  # Path
    sheet_chosen = Signal(str)
    options_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(
            "Choose a spreadsheet: xlsx, xlsm, xls, ods, csv, tsv or txt"
        )
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.activated.connect(lambda _i: self.sheet_chosen.emit(self.sheet.currentText()))
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 1_048_576)
        self.header_row.setSpecialValueText("Detect")
        self.header_row.setToolTip("The row that holds the column names, as numbered in the file")
        self.header_row.valueChanged.connect(lambda _v: self.options_changed.emit())
        self.layout_box = QComboBox()
        for text, value in LAYOUTS:
            self.layout_box.addItem(text, value)
        self.layout_box.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.date_order = QComboBox()
        for text, order in DATE_ORDERS:
            self.date_order.addItem(text, order)
        self.date_order.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.profile = QComboBox()
        self.profile.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.create_kpis = QCheckBox("Create KPIs the workspace does not have yet")
        self.create_kpis.setChecked(True)

        form = QFormLayout()
        form.addRow("File", row)
        form.addRow("Sheet", self.sheet)
        form.addRow("Header row", self.header_row)
        form.addRow("Layout", self.layout_box)
        form.addRow("Text dates", self.date_order)
        form.addRow("Import profile", self.profile)
        form.addRow("", self.create_kpis)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("importStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def browse(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Import a spreadsheet", start, FILE_FILTER)
        if chosen:
            self.file_chosen.emit(Path(chosen))

    def set_profiles(self, names: list[str]) -> None:
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem("None: suggest a mapping", None)
        for name in names:
            self.profile.addItem(name, name)
        self.profile.setEnabled(bool(names))
        self.profile.blockSignals(False)

    def show_table(self, path: Path, table: RawTable) -> None:
        self.path_edit.setText(str(path))
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(table.sheets)
        if table.sheet:
            self.sheet.setCurrentText(table.sheet)
        self.sheet.setEnabled(len(table.sheets) > 1)
        self.sheet.blockSignals(False)
        if table.kind == "csv":
            delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[
                table.delimiter or ","
            ]
            detail = f"text file, {table.encoding}, {delimiter}-separated" + (
                ", decimal comma" if table.decimal_comma else ""
            )
        else:
            detail = f"{table.kind} workbook, sheet {table.sheet!r}" + (
                ", 1904 date system" if table.date1904 else ""
            )
        self.status.setText(
            f"{path.name}: {detail}; {table.height:,} rows with data, {table.width:,} columns."
        )

    @property
    def options(self) -> Options:
        """The reading options chosen here (the mapping is the next step's)."""
        order = self.date_order.currentData()
        return Options(
            header_row=self.header_row.value() or None,
            layout=str(self.layout_box.currentData()),
            date_order=str(order) if order else None,
            create_kpis=self.create_kpis.isChecked(),
        )
