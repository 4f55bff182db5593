"""The Reports page: templates, sections to tick and reorder, a preview, Export PDF…."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.report.config import DEFAULT_SECTIONS, ReportConfig
from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.pages.base import Page
from opsdesk.ui.reports.preview_strip import PreviewStrip
from opsdesk.ui.reports.section_list import SectionList
from opsdesk.ui.reports.template_form import TemplateForm
from opsdesk.ui.widgets.flow_layout import FlowLayout
from opsdesk.ui.widgets.vertical_scroll import VerticalScrollArea

if TYPE_CHECKING:
    from opsdesk.core.report.templates_store import StoredTemplate

# The sections offer the KPIs and charts there are.
WATCHED = Changes.REPORTS | Changes.KPI_DATA | Changes.CHARTS
PREVIEW_PAGES = 4
DEFAULT_NAME = "Operations review"


@dataclass(frozen=True)
class _Choices:
    """The stored templates and what a template can pick from, read in the pool."""

    templates: list[StoredTemplate]
    kpis: list[tuple[int, str]]
    charts: list[tuple[int, str]]
    newest_day: str | None


def _read_choices(conn: sqlite3.Connection) -> _Choices:
    from opsdesk.core.kpi.queries import kpi_choices, newest_day
    from opsdesk.core.report.templates_store import list_templates
    from opsdesk.core.spc.saved import list_charts

    return _Choices(list_templates(conn), kpi_choices(conn),
                    [(int(c["id"]), str(c["name"])) for c in list_charts(conn)], newest_day(conn))


class ReportsPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.reads = BackgroundRead(ctx, self)
        self.template_id: int | None = None
        self.last_export: str | None = None
        self._loading = False
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(500)  # one undo step per burst of edits
        self.save_timer.timeout.connect(self.save)
        title = QLabel("Reports")
        title.setObjectName("pageTitle")
        self.templates = QComboBox()
        self.templates.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.templates.activated.connect(lambda _i: self._choose(self.templates.currentData()))
        new = QPushButton("New template…")
        new.clicked.connect(self.new_template)
        self.rename_button = QPushButton("Rename…")
        self.rename_button.clicked.connect(self.rename_template)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_template)
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export_dialog)
        self.open_folder_button = QPushButton("Open containing folder")
        self.open_folder_button.clicked.connect(self.open_folder)
        head = FlowLayout()  # one row when wide, two on a projector
        head.addWidget(title)
        head.add_labelled("Template", self.templates)
        for button in (new, self.rename_button, self.delete_button):
            head.addWidget(button)
        head.add_stretch()
        head.addWidget(self.open_folder_button)
        head.addWidget(self.export_button)
        self.form = TemplateForm()
        self.form.changed.connect(self._edited)
        self.sections = SectionList()
        self.sections.changed.connect(self._edited)
        self.preview = PreviewStrip()
        refresh = QPushButton("Refresh preview")
        refresh.clicked.connect(self.refresh_preview)
        self.export_label = QLabel("")
        self.export_label.setObjectName("emptyBody")
        self.export_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        body = QHBoxLayout()
        body.addWidget(self._box("Settings", VerticalScrollArea(self.form)), 5)
        body.addWidget(self._box("Sections (drag to order)", self.sections))
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(refresh)
        bar.addStretch(1)
        preview_layout.addLayout(bar)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.export_label)
        body.addWidget(self._box("Preview", preview_box), 5)
        layout.addLayout(body, 1)

    @staticmethod
    def _box(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    # -- data ----------------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        if changes is not None and not changes.touches(WATCHED):
            return
        ws = self.ctx.workspace
        enabled = ws is not None
        for widget in (self.form, self.sections, self.export_button, self.templates):
            widget.setEnabled(enabled)
        if ws is None:
            self.reads.drop_pending()
            return
        reload_form = changes is None or self.save_timer.isActive() is False
        self.reads.run(_read_choices, lambda read: self._show(read, reload_form),
                       "reading the report templates")

    def _show(self, read: _Choices, reload_form: bool) -> None:
        stored = read.templates
        self.templates.blockSignals(True)
        self.templates.clear()
        for t in stored:
            self.templates.addItem(t.name, t.id)
        if not stored:
            self.templates.addItem(f"{DEFAULT_NAME} (default, not saved yet)", None)
        self.templates.blockSignals(False)
        ids = [t.id for t in stored]
        if self.template_id not in ids:
            self.template_id = ids[0] if ids else None
        if reload_form:
            self._load(read)

    def _load(self, read: _Choices) -> None:
        stored = read.templates
        current = next((t for t in stored if t.id == self.template_id), None)
        config = current.config if current else ReportConfig(title=DEFAULT_NAME)
        self.last_export = current.last_export_path if current else None
        index = self.templates.findData(self.template_id)
        self.templates.setCurrentIndex(max(0, index))
        kpis, charts, latest = read.kpis, read.charts, read.newest_day
        end = QDate.fromString(latest, "yyyy-MM-dd") if latest else QDate.currentDate()
        self._loading = True
        self.form.set_config(config, kpis, charts, end)
        self.sections.set_sections(config.sections if current else DEFAULT_SECTIONS)
        self._loading = False
        self.rename_button.setEnabled(current is not None)
        self.delete_button.setEnabled(current is not None)
        self._show_last_export()

    def config(self) -> ReportConfig:
        return self.form.config(self.sections.sections())

    # -- templates -----------------------------------------------------------------
    def _choose(self, template_id: int | None) -> None:
        if self.save_timer.isActive():
            self.save_timer.stop()
            self.save()
        self.template_id = template_id
        self.refresh(None)

    def _edited(self) -> None:
        if not self._loading and self.ctx.workspace is not None:
            self.save_timer.start()

    def save(self) -> None:
        """Store the form in the template (creating the default one on first edit)."""
        from opsdesk.core.report.templates_store import SaveReportTemplate

        ws = self.ctx.workspace
        if ws is None or ws.read_only:
            return
        name = self.templates.currentText() if self.template_id is not None else DEFAULT_NAME
        command = SaveReportTemplate(name, self.config(), self.template_id,
                                     title="Edit report template")
        applied = self.ctx.execute(command)
        if applied is not None and self.template_id is None:
            self.template_id = applied.result
            self.refresh(None)

    def new_template(self) -> None:
        from opsdesk.core.report.templates_store import SaveReportTemplate

        name, ok = QInputDialog.getText(self, "New report template", "Name")
        if ok and name.strip():
            applied = self.ctx.execute(SaveReportTemplate(name, ReportConfig(title=name.strip()),
                                                          title="New report template"))
            if applied is not None:
                self.template_id = applied.result
                self.refresh(None)

    def rename_template(self) -> None:
        from opsdesk.core.report.templates_store import SaveReportTemplate

        if self.template_id is None:
            return
        name, ok = QInputDialog.getText(self, "Rename report template", "Name",
                                        text=self.templates.currentText())
        if ok and name.strip():
            self.ctx.execute(SaveReportTemplate(name, self.config(), self.template_id,
                                                title="Rename report template"))

    def delete_template(self) -> None:
        from opsdesk.core.report.templates_store import DeleteReportTemplate

        if self.template_id is None:
            return
        answer = QMessageBox.question(
            self, "Delete report template",
            f"Delete the template “{self.templates.currentText()}”? (Edit > Undo brings it back.)")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.execute(DeleteReportTemplate(self.template_id))

    # -- building ------------------------------------------------------------------
    def _work(self, out: Path | None, pages: int) -> Any:
        ws = self.ctx.workspace
        assert ws is not None
        connect, config = ws.connect_again, self.config()

        def work(task: TaskState) -> Any:
            from io import BytesIO

            from opsdesk.core.report.build import build_report
            from opsdesk.core.report.preview import render_pages

            sink = BytesIO()
            conn = connect()  # this thread's own connection
            try:
                result = build_report(conn, out, config, task=task, sink=sink)
            finally:
                conn.close()
            images = render_pages(sink.getvalue(), pages) if pages else []
            return result, images

        return work

    def refresh_preview(self) -> None:
        if self.ctx.workspace is None:
            return
        self.preview.clear("Building the preview…")
        self.ctx.worker.run(self._work(None, PREVIEW_PAGES), title="Building the preview",
                            on_done=self._preview_done,
                            on_error=lambda e: self._failed(e, "building the preview"))

    def _preview_done(self, outcome: Any) -> None:
        result, images = outcome
        self.preview.show_pages(images, result.pages)

    def export_dialog(self) -> None:
        suggested = self.last_export or str(Path.home() / f"{self.config().title}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Export PDF", suggested, "PDF (*.pdf)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.export_label.setText(f"Exporting to {path}…")
        self.ctx.worker.run(self._work(path, PREVIEW_PAGES), title="Exporting the PDF",
                            on_done=lambda outcome: self._exported(path, outcome),
                            on_error=lambda e: self._failed(e, "exporting the PDF"))

    def _exported(self, path: Path, outcome: Any) -> None:
        from opsdesk.core.report.templates_store import RememberExportPath

        result, images = outcome
        self.preview.show_pages(images, result.pages)
        self.last_export = str(path)
        ws = self.ctx.workspace
        if self.template_id is not None and ws is not None and not ws.read_only:
            # Not an undo step: where a file went is a convenience, not an edit.
            self.ctx.run_quietly(RememberExportPath(self.template_id, str(path)),
                                 "Remember export path")
        self._show_last_export(f"Exported {result.pages} pages to {path}.")
        if result.warning:
            self.ctx.show_warning(result.warning, "Characters the PDF cannot show")

    def _failed(self, error: BaseException, doing: str) -> None:
        self.preview.clear("The report could not be built.")
        self.export_label.setText("")
        self.ctx.report_error(error, doing)

    def _show_last_export(self, message: str | None = None) -> None:
        self.open_folder_button.setEnabled(bool(self.last_export))
        if message:
            self.export_label.setText(message)
        elif self.last_export:
            self.export_label.setText(f"Last exported to {self.last_export}")
        else:
            self.export_label.setText("Not exported yet.")

    def open_folder(self) -> None:
        if self.last_export:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.last_export).parent)))
