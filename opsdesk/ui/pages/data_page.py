"""The Data page: worksheets to paste a column or a table into, chart it and keep it.

Paste from Excel (Ctrl+V), type, or open a file through the import readers; chart any
column with the engine of the Control charts page, or run a capability sixpack, a gage
R&R study or a hypothesis test on chosen columns, without making a KPI first. A
worksheet lives in the workspace; every edit is a command (undoable), and a column can be
kept as a KPI with a saved chart of it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.worksheet import grid as sheets
from opsdesk.core.worksheet.analysis import Analysis
from opsdesk.core.worksheet.run_analysis import run_analysis
from opsdesk.core.worksheet.store import (
    DeleteWorksheet,
    NewWorksheet,
    RenameWorksheet,
    SetCells,
    StoredWorksheet,
    list_worksheets,
)
from opsdesk.core.workspace import Changes
from opsdesk.ui import ask
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.pages.base import Page
from opsdesk.ui.widgets.chart_view import ChartView
from opsdesk.ui.worksheet.analysis_panel import CONTROL, PARETO, WAITING, AnalysisPanel
from opsdesk.ui.worksheet.grid_model import GridModel
from opsdesk.ui.worksheet.results_view import ResultsView

WATCHED = Changes.WORKSHEETS
ID_ROLE = Qt.ItemDataRole.UserRole
HINT = ("Paste a column or a range from Excel with Ctrl+V, type into the grid, or open a "
        "CSV or workbook; then choose an analysis on the right.")
# Run again by themselves when the worksheet changes; the others wait for Run.
AT_ONCE = (CONTROL, PARETO)


@dataclass(frozen=True)
class Charted:
    sheet_id: int
    family: str  # the analysis panel's family it answers
    analysis: Analysis | None
    problem: str = ""  # why there is no chart, in one sentence


class DataPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.sheets: list[StoredWorksheet] = []
        self._shown: tuple[int, str] | None = None  # the sheet and family of the result shown
        self.list_read = BackgroundRead(ctx, self)
        self.chart_read = BackgroundRead(ctx, self)

        title = QLabel("Data")
        title.setObjectName("pageTitle")
        self.new_button = QPushButton("New worksheet")
        self.open_button = QPushButton("Open file…")
        self.paste_button = QPushButton("Paste")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        for button in (self.new_button, self.open_button, self.paste_button,
                       self.rename_button, self.delete_button):
            head.addWidget(button)

        self.list = QListWidget()
        self.model = GridModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setDefaultSectionSize(96)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.panel = AnalysisPanel()
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.results = ResultsView()

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Worksheets"))
        side_layout.addWidget(self.list, 1)
        # The grid on the left; on the right, a full-height column: the analysis chosen,
        # then its results (text and charts) scrolling under it.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.panel)
        right_layout.addWidget(self.results, 1)
        right.setMinimumWidth(340)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(side)
        body.addWidget(self.table)
        body.addWidget(right)
        body.setStretchFactor(1, 1)
        body.setStretchFactor(2, 1)
        body.setSizes([130, 380, 600])  # the right column fits a gage table unwrapped
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.hint)
        layout.addWidget(body, 1)

        self.new_button.clicked.connect(lambda: self.new_sheet())
        self.open_button.clicked.connect(lambda: self.open_file())
        self.paste_button.clicked.connect(lambda: self.paste())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.list.currentRowChanged.connect(lambda _r: self._show_current())
        self.model.edit_requested.connect(self.edit_cell)
        self.panel.chart_requested.connect(self.run_chart)
        self.panel.save_requested.connect(self.save_as_kpi)
        self.panel.family_changed.connect(self._family_changed)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(lambda: self.paste())
        self._show_current()

    # -- reading ----------------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        if self.ctx.workspace is None or (changes is not None and not changes.touches(WATCHED)):
            return
        self.list_read.run(list_worksheets, self.show_sheets, "reading the worksheets")

    def show_sheets(self, sheets_now: list[StoredWorksheet]) -> None:
        current = self.current()
        keep = current.id if current else None
        self.sheets = sheets_now
        self.list.blockSignals(True)
        self.list.clear()
        for sheet in sheets_now:
            item = QListWidgetItem(sheet.name)
            item.setToolTip(sheet.name)  # a long name is cut at the list's width
            item.setData(ID_ROLE, sheet.id)
            self.list.addItem(item)
        ids = [s.id for s in sheets_now]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.list.blockSignals(False)
        self._show_current()

    @property
    def chart_view(self) -> ChartView | None:
        """The first chart of the results shown (the control chart, a sixpack's X̄ chart)."""
        return self.results.charts[0] if self.results.charts else None

    def current(self) -> StoredWorksheet | None:
        row = self.list.currentRow()
        return self.sheets[row] if 0 <= row < len(self.sheets) else None

    def select(self, sheet_id: int) -> None:
        ids = [s.id for s in self.sheets]
        if sheet_id in ids:
            self.list.setCurrentRow(ids.index(sheet_id))

    def _show_current(self) -> None:
        sheet = self.current()
        grid = sheet.grid if sheet else sheets.empty()
        self.model.set_grid(grid)
        self.panel.set_columns(grid.names, grid.numeric_columns())
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(sheet is not None)
        self.hint.setVisible(sheet is None or grid.height == 0)
        self.chart_read.drop_pending()
        shown = self._shown
        self._shown = None
        self.results.set_waiting(WAITING[self.panel.family()])
        family = self.panel.family()
        if sheet is not None and grid.height and (
                (family in AT_ONCE and grid.numeric_columns()) or shown == (sheet.id, family)):
            self.run_chart()  # the chosen analysis of the sheet as it is now

    def _family_changed(self) -> None:
        self.chart_read.drop_pending()
        self._shown = None
        self.results.set_waiting(WAITING[self.panel.family()])
        sheet = self.current()
        if sheet is not None and self.panel.family() in AT_ONCE and \
                sheet.grid.numeric_columns():
            self.run_chart()

    # -- editing ----------------------------------------------------------------------
    def _free_name(self) -> str:
        taken = {s.name.casefold() for s in self.sheets}
        n = len(self.sheets) + 1
        while f"sheet {n}" in taken:
            n += 1
        return f"Sheet {n}"

    def _add(self, name: str, grid: sheets.Grid, title: str) -> None:
        applied = self.ctx.execute(NewWorksheet(name, grid, title))
        if applied is not None:
            self.select(applied.result)

    def new_sheet(self) -> None:
        self._add(self._free_name(), sheets.empty(), "New worksheet")

    def open_file(self) -> None:
        from opsdesk.core.imports.source import FILE_FILTER

        path = ask.open_file(self, "Open a file as a worksheet", FILE_FILTER)
        if path is None:
            return
        try:
            grid = sheets.from_file(path)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            return
        self._add(path.stem, grid, f"Open {path.name} as a worksheet")

    def paste(self, text: str | None = None) -> None:
        """Paste at the current cell (a new worksheet when there is none)."""
        text = QApplication.clipboard().text() if text is None else text
        sheet = self.current()
        try:
            if sheet is None or sheet.grid.height == 0:
                grid = sheets.from_text(text)
                if sheet is None:
                    self._add(self._free_name(), grid, "Paste into a new worksheet")
                else:
                    self.ctx.execute(SetCells(sheet.id, grid, "Paste"))
                return
            index = self.table.currentIndex()
            row, column = (index.row(), index.column()) if index.isValid() else (0, 0)
            self.ctx.execute(SetCells(sheet.id, sheet.grid.with_block(
                row, column, sheets.text_rows(text)), "Paste"))
        except OpsdeskError as error:
            self.ctx.show_error(str(error))

    def edit_cell(self, row: int, column: int, text: str) -> None:
        sheet = self.current()
        if sheet is None:
            self._add(self._free_name(), sheets.empty().with_cell(row, column, text),
                      "New worksheet")
            return
        self.ctx.execute(SetCells(sheet.id, sheet.grid.with_cell(row, column, text)))

    def rename(self) -> None:
        sheet = self.current()
        if sheet is None:
            return
        name = ask.text(self, "Rename worksheet", "Name", sheet.name)
        if name is not None and name.strip() != sheet.name:
            self.ctx.execute(RenameWorksheet(sheet.id, name))

    def delete(self) -> None:
        sheet = self.current()
        if sheet is not None:
            self.ctx.execute(DeleteWorksheet(sheet.id, f"Delete worksheet {sheet.name}"))

    # -- analysis ---------------------------------------------------------------------
    def run_chart(self) -> None:
        sheet = self.current()
        if sheet is None:
            self.ctx.show_error("Paste or open some data first: there is no worksheet yet.")
            return
        try:
            request = self.panel.request()
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            return
        grid, name, family = sheet.grid, sheet.name, self.panel.family()

        def compute(_conn: sqlite3.Connection) -> Charted:
            try:
                return Charted(sheet.id, family, run_analysis(grid, name, request))
            except OpsdeskError as error:  # said where the result would be
                return Charted(sheet.id, family, None, str(error))

        self.chart_read.run(compute, self.show_chart, "analysing the worksheet")

    def show_chart(self, charted: Charted) -> None:
        self._shown = (charted.sheet_id, charted.family)
        self.results.show_analysis(charted.analysis, charted.problem)

    def save_as_kpi(self) -> None:
        from opsdesk.core.spc.model import CHART_NAMES, CHART_TYPES
        from opsdesk.core.worksheet.to_kpi import SaveAsKpi, kpi_data

        sheet = self.current()
        if sheet is None or sheet.grid.height == 0:
            self.ctx.show_error("Paste or open some data first: the worksheet is empty.")
            return
        try:
            choice = self.panel.chart_request()
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            return
        if choice.chart not in CHART_TYPES:  # a KPI's saved chart is of one column
            self.ctx.show_error(f"A KPI keeps one of the KPI charts (I-MR, X̄-R, p, ...); "
                                f"the {CHART_NAMES[choice.chart]} is drawn on this page only.")
            return
        answer = ask.save_as_kpi(self, sheet.grid.names, choice.value,
                                 CHART_NAMES.get(choice.chart, "chart"))
        if answer is None:
            return
        try:
            data = kpi_data(sheet.grid, sheet.name, answer.dates, answer.values)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            return
        self.ctx.execute(SaveAsKpi(answer.name or answer.values, data, choice.chart,
                                   answer.unit))

