"""The Analysis and Simulation tabs: the figures the map implies, and a simulation run on
the worker with its lead-time histogram.

Choosing a row marks its steps and flows on the canvas. Simulate runs N seeded cases
through the map on the worker layer, with progress and Cancel; its percentiles join the
table when it finishes (for the map as it was when the run began).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.model import ProcessMap
from opsdesk.core.maps.simulation import Simulation
from opsdesk.core.task_state import TaskState
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.maps.analysis_model import IDS_ROLE, AnalysisModel, analysis_rows
from opsdesk.ui.worker import Task

if TYPE_CHECKING:
    from opsdesk.ui.widgets.chart_view import ChartView

DEFAULT_CASES = 10_000


class AnalysisPanel(QWidget):
    ids_chosen = Signal(object)  # tuple of node and flow keys
    simulated = Signal(object)  # Simulation

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pmap: ProcessMap | None = None
        self.analysis: Analysis | None = None
        self.simulation: Simulation | None = None
        self.model = AnalysisModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # a handoff's lanes ("Incident command → ML engineering") on two lines, not cut
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # one line: as every table
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setColumnHidden(2, True)  # the detail of the chosen row is shown below
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("secondary")
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.cases = QSpinBox()
        self.cases.setRange(100, 1_000_000)
        self.cases.setSingleStep(1000)
        self.cases.setValue(DEFAULT_CASES)
        self.cases.setGroupSeparatorShown(True)
        # never narrower than its widest number: the row pushes the panel wider instead
        self.cases.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.simulate_button = QPushButton("Simulate")
        self.simulate_button.setToolTip("Seeded cases through the map: triangular step "
                                        "times, branch probabilities")
        self.simulate_button.clicked.connect(self.simulate)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Cases"))
        row.addWidget(self.cases, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        # the simulation's controls and histogram: a tab of their own beside this one
        self.simulation_box = QWidget()
        sim_layout = QVBoxLayout(self.simulation_box)
        sim_layout.addLayout(row)
        sim_layout.addWidget(self.simulate_button, 0, Qt.AlignmentFlag.AlignLeft)
        sim_layout.addWidget(self.note)
        sim_layout.addStretch(1)
        self.layout_ = sim_layout
        self.chart: ChartView | None = None  # the lead-time histogram, once simulated
        self.task: Task | None = None

    def show_analysis(self, pmap: ProcessMap | None, analysis: Analysis | None,
                      simulation: Simulation | None) -> None:
        self.pmap, self.analysis, self.simulation = pmap, analysis, simulation
        self.simulate_button.setEnabled(pmap is not None)
        self.detail.clear()
        if self.chart is not None:
            self.chart.setVisible(simulation is not None)
        if pmap is None or analysis is None:
            self.model.set_rows([])
            return
        self.model.set_rows(analysis_rows(pmap, analysis, simulation))
        if simulation is not None:
            self._histogram(simulation)

    def _histogram(self, sim: Simulation) -> None:
        from opsdesk.core.maps.simulation_chart import simulation_chart
        from opsdesk.ui.widgets.chart_view import ChartView

        if self.chart is None:
            self.chart = ChartView()
            self.chart.setMinimumHeight(220)
            self.layout_.insertWidget(2, self.chart, 10)  # it takes the room, not the stretch
        self.chart.show()
        self.chart.set_spec(simulation_chart(sim))

    def _chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids: tuple[str, ...] = ()
        for r in rows:
            ids += tuple(self.model.index(r, 0).data(IDS_ROLE) or ())
        self.detail.setText("\n".join(self.model.rows[r].detail for r in rows
                                       if self.model.rows[r].detail))
        if ids:
            self.ids_chosen.emit(ids)

    def simulate(self) -> None:
        pmap = self.pmap
        if pmap is None:
            return
        from opsdesk.core.maps.simulation import simulate

        cases, seed = self.cases.value(), 0
        self.note.setText(f"Simulating {cases:,} cases…")
        self.simulate_button.setEnabled(False)

        def work(state: TaskState) -> Simulation:
            return simulate(pmap, cases, seed, state)

        def done(sim: Simulation) -> None:
            self.simulate_button.setEnabled(True)
            self.note.setText(f"{sim.cases:,} cases simulated (seed {sim.seed}).")
            self.simulated.emit(sim)
            if self.pmap is not None and self.pmap.id == pmap.id and self.analysis:
                self.show_analysis(self.pmap, self.analysis, sim)

        def failed(error: BaseException) -> None:
            self.simulate_button.setEnabled(True)
            self.note.setText("")
            self.ctx.report_error(error, "simulating the map")

        task = self.ctx.worker.run(work, title="Simulating cases", on_done=done,
                                   on_error=failed)
        task.done.connect(self._ended)
        self.task = task

    def _ended(self) -> None:
        self.simulate_button.setEnabled(self.pmap is not None)
        if self.note.text().startswith("Simulating"):
            self.note.setText("Simulation cancelled.")
