"""The Import wizard: file, columns, check, import. Reading, checking and writing run on the
worker layer with progress and Cancel; cancelling leaves the workspace as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import mapping as maps
from opsdesk.core.imports import plan, profiles
from opsdesk.core.imports.commit import ImportSummary, Preview, preview
from opsdesk.core.imports.header import detect_header, header_names
from opsdesk.core.imports.table import RawTable
from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace import Applied
from opsdesk.ui import ask
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.import_wizard.check_page import CheckPage
from opsdesk.ui.import_wizard.columns_page import ColumnsPage
from opsdesk.ui.import_wizard.file_page import FilePage
from opsdesk.ui.import_wizard.models import PreviewModel

STEPS = ("1  File", "2  Columns", "3  Check and import")


class ImportWizard(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Import a spreadsheet")
        self.resize(1000, 640)
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.names: list[str] = []
        self.header: int | None = None
        self.mapping = maps.Mapping()
        self.prepared: plan.Prepared | None = None
        self.summary: ImportSummary | None = None  # the summary, once imported
        self.finished_text = ""
        self.task: Any = None  # the worker task now running, if any

        self.preview = PreviewModel()
        self.file_page = FilePage()
        self.columns_page = ColumnsPage(self.preview)
        self.check_page = CheckPage()
        self.pages = QStackedWidget()
        for page in (self.file_page, self.columns_page, self.check_page):
            self.pages.addWidget(page)
        self.steps = QLabel()
        self.steps.setTextFormat(Qt.TextFormat.RichText)  # the step names, ours
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.next_button.setDefault(True)
        cancel = QPushButton("Cancel")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.steps, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.file_page.file_chosen.connect(self.load)
        self.file_page.sheet_chosen.connect(lambda sheet: self.load(self.path, sheet))
        self.file_page.options_changed.connect(self.remap)
        self.columns_page.mapping_changed.connect(self.edit_mapping)
        self.check_page.skip.toggled.connect(lambda _on: self._update_buttons())
        self.names_read = BackgroundRead(ctx, self)  # the profiles to choose from
        self.profile_read = BackgroundRead(ctx, self)  # the chosen profile's mapping
        self.file_page.set_profiles([])
        self.names_read.run(profiles.names, self.file_page.set_profiles,
                            "listing the import profiles")
        self._update_buttons()

    # -- steps ---------------------------------------------------------------------
    def _run(
        self, work: Callable[..., Any], title: str, done: Callable[[Any], None], write: bool = False
    ) -> None:
        self.next_button.setEnabled(False)

        def finished(result: Any) -> None:
            done(result)
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            if isinstance(error, OpsdeskError):
                self.ctx.show_error(str(error))
            else:
                self.ctx.report_error(error, title.lower())

        self.task = self.ctx.worker.run(
            work, title=title, on_done=finished, on_error=failed, write=write
        )
        self.task.done.connect(self._update_buttons)  # also after Cancel, which reports nothing

    def load(self, path: Path | None, sheet: str | None = None) -> None:
        """Read ``path`` (off the GUI thread), then suggest a mapping."""
        if path is None:
            return
        self.path = Path(path)
        self.table, self.prepared = None, None

        def work(task: TaskState) -> RawTable:
            task.progress(0.1, f"Reading {self.path.name if self.path else ''}")
            table = plan.read_table(Path(path), sheet)
            task.check()  # the reader cannot stop midway; drop what it read
            return table

        def done(table: RawTable) -> None:
            self.table = table
            self.file_page.show_table(Path(path), table)
            self.remap()

        self._run(work, "Reading the file", done)

    def remap(self) -> None:
        """Header, names and the suggested mapping under the file page's options."""
        if self.table is None or self.ctx.workspace is None:
            return
        name = self.file_page.profile.currentData()
        if not name:
            self.profile_read.drop_pending()
            self._map(None)
            return

        def read(conn: sqlite3.Connection) -> maps.Mapping | OpsdeskError:
            try:
                return profiles.load(conn, name)
            except OpsdeskError as error:  # a note under the mapping, as an unclear layout
                return error

        self.profile_read.run(read, self._map, "reading the import profile")
        self._update_buttons()  # no Next until the profile's mapping is shown

    def _map(self, profile: maps.Mapping | OpsdeskError | None) -> None:
        """Map the table under the file page's options and ``profile``, if one was chosen."""
        if self.table is None:
            return
        options = self.file_page.options
        note = ""
        try:
            if isinstance(profile, OpsdeskError):
                raise profile
            if profile is not None:
                options.mapping = profile
            self.names, self.header, self.mapping = plan.map_table(self.table, options)
        except OpsdeskError as error:
            # Unclear layouts are for the user to settle on the next step, not dead ends.
            note = str(error)
            row = options.header_row
            self.header = (
                detect_header(self.table) if row is None
                else self.table.row_numbers.index(row) if row in self.table.row_numbers
                else None
            )
            self.names = header_names(self.table, self.header)
            self.mapping = maps.partial(self.table, self.names, self.header, options.layout)
            self.mapping.date_order = options.date_order
            self.mapping.create_kpis = options.create_kpis
            self.file_page.status.setText(self.file_page.status.text().split("\n")[0] + "\n" + note)
        self.prepared = None
        self._show_mapping(note)

    def _show_mapping(self, note: str = "") -> None:
        if self.table is None:
            return
        profiles_ = maps.profile(self.table, self.names, self.header)
        self.preview.load(self.table, self.names, self.header, profiles_, self.mapping)
        self.columns_page.show_mapping(self.names, self.mapping, note)
        self.columns_page.fit_columns()
        self._update_buttons()

    def edit_mapping(self) -> None:
        self.mapping = self.columns_page.edited(self.mapping)
        self.prepared = None
        if self.table is not None:
            self.preview.load(
                self.table,
                self.names,
                self.header,
                maps.profile(self.table, self.names, self.header),
                self.mapping,
            )
        self._update_buttons()

    def mapping_problem(self) -> str:
        m = self.mapping
        if m.layout == "long":
            missing = [
                maps.FIELDS_LABEL.get(f, f) for f in ("date", "kpi", "value") if f not in m.fields
            ]
            return f"Choose the column for {', '.join(missing)}." if missing else ""
        if not (m.kpi_columns or m.period_columns):
            return "Tick at least one value column."
        return ""

    def validate(self) -> None:
        if self.table is None or self.path is None or self.ctx.workspace is None:
            return
        problem = self.mapping_problem()
        if problem:
            self.ctx.show_error(problem)
            return
        table, names, header, mapping, path = (
            self.table,
            self.names,
            self.header,
            self.mapping,
            self.path,
        )
        workspace = self.ctx.workspace

        def work(task: TaskState) -> tuple[plan.Prepared, Preview]:
            conn = workspace.connect_again()
            try:
                prepared = plan.validate(conn, path, table, names, header, mapping, task)
                would = preview(conn, prepared)
            finally:
                conn.close()
            task.check()
            return prepared, would

        def done(result: tuple[plan.Prepared, Preview]) -> None:
            self.prepared = result[0]
            self.check_page.show_prepared(*result)
            self.pages.setCurrentIndex(2)

        self._run(work, "Checking every row", done)

    def commit(self) -> None:
        from opsdesk.core.imports.commit import ImportObservations

        prepared, workspace = self.prepared, self.ctx.workspace
        if prepared is None or workspace is None or not self.check_page.can_import:
            return
        title = f"Import {prepared.path.name}"
        skip = self.check_page.skip_invalid
        update = self.check_page.update_changed
        profile_name = (
            self.check_page.profile_name.text().strip()
            if self.check_page.remember.isChecked()
            else ""
        )

        command = ImportObservations(prepared, skip_invalid=skip, title=title, update=update,
                                     save_profile=profile_name)

        def work(task: TaskState) -> Applied[ImportSummary]:
            conn = workspace.connect_again()  # the writer thread's own connection
            try:
                return workspace.execute(command, conn, task)
            finally:
                conn.close()

        def done(applied: Applied[ImportSummary]) -> None:
            self.ctx.record(title, applied)
            summary = self.summary = applied.result
            imported, known = summary["rows_imported"], summary["duplicates"]
            replaced = summary["updated"]
            self.finished_text = (
                f"{imported:,} observation{'' if imported == 1 else 's'} imported from "
                f"{prepared.path.name}; {known:,} {'was' if known == 1 else 'were'} already "
                f"in the workspace, {summary['rows_skipped']:,} skipped"
                + (f", {replaced:,} stored value{'' if replaced == 1 else 's'} replaced"
                   if replaced else "")
                + ". Edit › Undo takes the whole import back."
            )
            ask.inform(self.ctx.main_window, "Import finished", self.finished_text)
            self.accept()

        self._run(work, "Importing", done, write=True)

    # -- navigation ----------------------------------------------------------------
    def next(self) -> None:
        index = self.pages.currentIndex()
        if index == 0 and self.table is not None:
            self.pages.setCurrentIndex(1)
        elif index == 1:
            self.validate()
        elif index == 2:
            self.commit()
        self._update_buttons()

    def back(self) -> None:
        self.pages.setCurrentIndex(max(0, self.pages.currentIndex() - 1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.pages.currentIndex()
        self.steps.setText(
            "   ".join(f"<b>{s}</b>" if i == index else s for i, s in enumerate(STEPS))
        )
        self.back_button.setEnabled(index > 0 and not self.ctx.worker.busy)
        self.next_button.setText("Import" if index == 2 else "Next")
        if index == 0:
            ready = self.table is not None
        elif index == 1:
            ready = not self.mapping_problem()
        else:
            ready = self.check_page.can_import
        self.next_button.setEnabled(ready and not self.ctx.worker.busy)
