"""One KPI in detail: its trend chart, observations (add/edit/delete), targets and
annotations (added by clicking the chart). Every edit is an undoable command."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi import observations as obs
from opsdesk.core.kpi import queries
from opsdesk.core.kpi.commands import DeleteTarget
from opsdesk.core.kpi.definitions import Kpi, load_kpis
from opsdesk.core.kpi.formatting import fmt
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.kpis.annotate_dialog import AnnotateDialog
from opsdesk.ui.kpis.observations_model import ObservationsModel
from opsdesk.ui.kpis.scorecard_model import target_text
from opsdesk.ui.kpis.status_look import status_text
from opsdesk.ui.widgets.dialog_parts import error_label, ok_cancel

STAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # an annotation item: it starts a stage

if TYPE_CHECKING:
    from opsdesk.core.kpi.scorecard import KpiStatus
    from opsdesk.core.kpi.trend_spec import TrendChart
    from opsdesk.ui.app_context import AppContext
    from opsdesk.ui.widgets.chart_view import ChartView


class ObservationDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add observation")
        self.ts = QLineEdit(today.isoformat())
        self.value = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow("Date", self.ts)
        form.addRow("Value", self.value)
        form.addRow("Note", self.note)
        self.error = error_label()
        form.addRow(self.error)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def row(self) -> dict[str, Any]:
        return obs.clean_observation({"ts": self.ts.text(), "value": self.value.text(),
                                      "note": self.note.text().strip() or None})

    def accept(self) -> None:
        try:
            self.row()
        except OpsdeskError as error:
            self.error.setText(str(error))
            return
        super().accept()


class KpiDetail(QWidget):
    back = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.kpi: Kpi | None = None
        self.reads = BackgroundRead(ctx, self)
        self.target_read = BackgroundRead(ctx, self)  # the target a delete takes away
        self.as_of = date.today()
        self.chart: ChartView | None = None  # pyqtgraph loads when a detail is first shown
        self.period_starts: list[float] = []
        back = QPushButton("← All KPIs")
        back.clicked.connect(self.back.emit)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("secondary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.heading)
        top.addStretch(1)
        self.chart_holder = QVBoxLayout()
        chart_box = QWidget()
        chart_box.setLayout(self.chart_holder)
        self.chart_hint = QLabel("Click a point on the chart to annotate that period.")
        self.chart_hint.setObjectName("hint")
        self.chart_holder.addWidget(self.chart_hint)
        self.shift_button = QPushButton()
        self.shift_button.clicked.connect(self._start_suggested_stage)
        self.shift_button.hide()
        self.chart_holder.addWidget(self.shift_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.shift_start: date | None = None  # where the chart says the process shifted
        self.tabs = QTabWidget()
        self.tabs.addTab(self._observations_tab(), "Observations")
        self.targets = QListWidget()
        set_target = QPushButton("Set target…")
        set_target.clicked.connect(self._ask_target)
        self.tabs.addTab(self._list_tab(self.targets, "Delete target", self.delete_target,
                                        first=set_target), "Targets")
        self.annotations = QListWidget()
        self.stage_button = QPushButton("Starts a stage / no longer")
        self.stage_button.setToolTip("Whether the selected annotation starts a stage of the "
                                     "chart: the control limits are computed afresh from "
                                     "its period on")
        self.stage_button.clicked.connect(self.toggle_stage)
        self.tabs.addTab(self._list_tab(self.annotations, "Delete annotation",
                                        self.delete_annotation, first=self.stage_button),
                         "Annotations")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(chart_box)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 260])
        # no fixed minimum: the chart's own (its plot's, its notes' wrapped height) holds,
        # so a zoomed page scrolls instead of drawing the notes over the plot
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    # -- building ------------------------------------------------------------------
    def _observations_tab(self) -> QWidget:
        self.obs_model = ObservationsModel()
        self.obs_model.edit_requested.connect(self.edit_observation)
        self.obs_table = QTableView()
        self.obs_table.setModel(self.obs_model)
        self.obs_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.obs_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.obs_table.verticalHeader().hide()
        add = QPushButton("Add observation…")
        add.clicked.connect(self._ask_observation)
        delete = QPushButton("Delete selected")
        delete.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(delete)
        bar.addStretch(1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.obs_table)
        return box

    def _list_tab(self, widget: QListWidget, button_text: str, action: Any,
                  first: QWidget | None = None) -> QWidget:
        button = QPushButton(button_text)
        button.clicked.connect(action)
        box = QWidget()
        layout = QVBoxLayout(box)
        bar = QHBoxLayout()
        if first is not None:
            bar.addWidget(first)
        bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(widget)
        return box

    def _ensure_chart(self) -> ChartView:
        if self.chart is None:
            from opsdesk.ui.widgets.chart_view import ChartView

            self.chart = ChartView()
            self.chart.point_clicked.connect(self._chart_clicked)
            self.chart_holder.insertWidget(0, self.chart, 1)
        return self.chart

    # -- showing -------------------------------------------------------------------
    def show_kpi(self, kpi_id: int, as_of: date) -> None:
        """Show the KPI as of that day, read in the pool (the page keeps what it showed
        until the read lands)."""
        self.as_of = as_of
        self.reads.run(lambda conn: _read(conn, kpi_id, as_of), self._show,
                       "showing the KPI")

    def _show(self, read: _Read | None) -> None:
        if read is None:  # deleted meanwhile
            self.kpi = None
            self.back.emit()
            return
        from opsdesk.core.kpi.periods import label

        self.kpi = kpi = read.kpi
        self.heading.setText(kpi.name)
        self.summary.setText("\n".join(
            [self._summary(kpi), *(status_line(s) for s in read.statuses)]))
        trend = read.trend
        spec = trend.spec
        actual = spec.panels[0].series[0] if spec.panels[0].series else None
        self.period_starts = list(actual.x) if actual else []
        self._ensure_chart().set_spec(spec)
        shift = trend.shifts[-1] if trend.shifts else None
        self.shift_start = trend.periods[shift.index] if shift else None
        if self.shift_start is not None:
            self.shift_button.setText(
                f"Start a stage at {label(self.shift_start, kpi.frequency)}…")
        self.shift_button.setVisible(self.shift_start is not None)
        self.obs_model.set_rows(read.observations)
        self.targets.clear()
        for t in kpi.targets:
            when = "from the start" if t.from_start else f"from {t.effective_from}"
            goal = (f"band {fmt(kpi, t.band_low)} – {fmt(kpi, t.band_high)}"
                    + (f" (margin {fmt(kpi, t.band_margin)})" if t.band_margin else "")
                    if kpi.direction == "band" else f"target {fmt(kpi, t.target, True)}")
            item = QListWidgetItem(f"{goal}, {when}" + (f" — {t.note}" if t.note else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.effective_from)
            self.targets.addItem(item)
        self.annotations.clear()
        for note in read.annotations:
            stage = "  (starts a stage)" if note.starts_stage else ""
            item = QListWidgetItem(f"{note.ts[:10]}  {note.text}{stage}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setData(STAGE_ROLE, note.starts_stage)
            self.annotations.addItem(item)

    @staticmethod
    def _summary(kpi: Kpi) -> str:
        better = {"higher": "higher is better", "lower": "lower is better",
                  "band": "stay within the band",
                  "none": "direction not set (no status until it is)"}[kpi.direction]
        parts = [kpi.description, f"{kpi.pillar} · {kpi.frequency} · {kpi.aggregation} of "
                 f"observations · {better}"]
        if kpi.owner:
            parts.append(f"Owner: {kpi.owner}" + (f" · source: {kpi.data_source}"
                                                  if kpi.data_source else ""))
        return "\n".join(p for p in parts if p)

    # -- edits ---------------------------------------------------------------------
    def add_observation(self, row: dict[str, Any]) -> None:
        if self.kpi:
            self.ctx.execute(obs.AddObservations(self.kpi.id, (row,)))

    def _ask_observation(self) -> None:
        dialog = ObservationDialog(self, self.as_of)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_observation(dialog.row())

    def edit_observation(self, observation_id: int, column: str, value: Any) -> None:
        if self.kpi is None:
            return
        self.ctx.execute(obs.EditObservation(self.kpi.id, observation_id, {column: value}))

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.obs_table.selectionModel().selectedRows()})
        if self.kpi and rows:
            ids = [self.obs_model.observation_id(r) for r in rows]
            title = "Delete observation" if len(ids) == 1 else f"Delete {len(ids)} observations"
            self.ctx.execute(obs.DeleteObservations(self.kpi.id, tuple(ids), title))

    def _chart_clicked(self, panel: int, index: int) -> None:
        if self.kpi is None or not (0 <= index < len(self.period_starts)):
            return
        self._ask_annotation(_day(self.period_starts[index]))

    def _ask_annotation(self, day: str, text: str = "", stage: bool = False) -> None:
        dialog = AnnotateDialog(self, day, text, stage)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text.text().strip():
            self.annotate_day(day, dialog.text.text(), dialog.stage.isChecked())

    def _start_suggested_stage(self) -> None:
        if self.shift_start is not None:
            self._ask_annotation(self.shift_start.isoformat(), "Process shift", stage=True)

    def annotate(self, index: int, text: str, starts_stage: bool = False) -> None:
        self.annotate_day(_day(self.period_starts[index]), text, starts_stage)

    def annotate_day(self, day: str, text: str, starts_stage: bool = False) -> None:
        """Note what happened on ``day``; one that ``starts_stage`` starts a stage there."""
        if self.kpi is None:
            return
        self.ctx.execute(obs.AddAnnotation(self.kpi.id, day, text, starts_stage))

    def toggle_stage(self) -> None:
        item = self.annotations.currentItem()
        if item is not None and self.kpi is not None:
            self.ctx.execute(obs.MarkStage(self.kpi.id, int(item.data(Qt.ItemDataRole.UserRole)),
                                          not item.data(STAGE_ROLE)))

    def _ask_target(self) -> None:
        if self.kpi is None:
            return
        from opsdesk.ui.kpis.target_dialog import TargetDialog

        dialog = TargetDialog(self, self.kpi, self.as_of)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.execute(dialog.result_command)

    def delete_annotation(self) -> None:
        item = self.annotations.currentItem()
        if item is not None:
            self.ctx.execute(obs.DeleteAnnotation(int(item.data(Qt.ItemDataRole.UserRole))))

    def delete_target(self) -> None:
        item = self.targets.currentItem()
        if item is None or self.kpi is None:
            return
        kpi_id, effective = self.kpi.id, str(item.data(Qt.ItemDataRole.UserRole))

        def delete(target_id: int | None) -> None:
            if target_id is not None:
                self.ctx.execute(DeleteTarget(target_id))

        self.target_read.run(lambda conn: queries.target_id(conn, kpi_id, effective), delete,
                             "finding the target")


@dataclass(frozen=True)
class _Read:
    """What the detail shows of one KPI, read together in the pool."""

    kpi: Kpi
    statuses: list[KpiStatus]
    trend: TrendChart
    observations: list[queries.StoredObservation]
    annotations: list[queries.KpiAnnotation]


def _read(conn: sqlite3.Connection, kpi_id: int, as_of: date) -> _Read | None:
    from opsdesk.core.kpi.scorecard import compute_statuses
    from opsdesk.core.kpi.trend_spec import trend_chart

    found = load_kpis(conn, [kpi_id])
    if not found:
        return None
    return _Read(found[0], compute_statuses(conn, as_of, [kpi_id]),
                 trend_chart(conn, kpi_id, as_of), queries.observation_rows(conn, kpi_id),
                 queries.annotation_rows(conn, kpi_id))


def status_line(s: KpiStatus) -> str:
    """"Status 2026-10: ■ red — 4.81 % against 3.50 %; to date 2026-11: 3.93 %"."""
    kpi = s.kpi
    text = f"As of {s.as_of.isoformat()}: {status_text(s.status)}"
    if s.period:
        goal = target_text(s)
        text += f" in {s.period}, {fmt(kpi, s.value, True)}" + (
            f" against {goal}" if goal != "–" else "")
    if s.signals:
        text += f"; special cause (SPC test {', '.join(map(str, s.signals))})"
    if s.to_date_value is not None:
        text += f"; {s.to_date_period} to date: {fmt(kpi, s.to_date_value, True)}"
    return text


def _day(seconds: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC).date().isoformat()
