"""The Strategy tab: the goals by horizon under their pillars with their status (from the
KPIs that measure them, as of the review date), what measures and moves each one, and two
views of them: the roadmap and the Hoshin Kanri X-matrix (core's ``goal_store.strategy``).
New goal and Link… ask the page for an undoable command (``new_requested``,
``link_requested``); Unlink removes the chosen link of the selected goal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.goal_store import Strategy
from opsdesk.core.improve.strategy import Goal
from opsdesk.ui.improve.roadmap_view import GOAL_LOOK, RoadmapView
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.improve.x_matrix_view import XMatrixView
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel
from opsdesk.ui.kpis.status_look import background, foreground, status_text

COLUMNS = (("title", "Goal"), ("pillar", "Pillar"), ("horizon", "Horizon"),
           ("status", "Status"), ("owner", "Owner"), ("target", "Target date"),
           ("serves", "Serves"), ("kpis", "Measured by"), ("projects", "Moved by"))
LINK_COLUMNS = (("kind", "Link"), ("name", "Name"), ("strength", "Correlation"))
EMPTY_HINT = ("No goals yet. Set the long-term goals first (3-5 or 5+ years) under their "
              "pillars, then the annual objectives (1-2 years) that serve them, with New "
              "goal; link the KPIs that measure each one and the projects that move it. "
              "Each goal's status then comes from its KPIs, and the roadmap and the "
              "X-matrix draw themselves.")


def _names(refs: Any, names: dict[int, str]) -> str:
    return ", ".join(names.get(link.ref, "?") + (" (weak)" if link.strength == "weak" else "")
                     for link in refs) or "—"


def goal_rows(s: Strategy) -> list[dict[str, Any]]:
    titles = {g.id: g.title for g in s.goals}
    return [{"id": g.id, "title": g.title, "pillar": g.pillar, "horizon": g.horizon,
             "status": s.status[g.id], "owner": g.owner or "—",
             "target": g.target_date.isoformat(),
             "serves": titles.get(g.serves, "—") if g.serves else "—",
             "kpis": _names(g.kpis, s.kpi_names),
             "projects": _names(g.projects, s.project_names)} for g in s.goals]


def _style(row: dict[str, Any], key: str, role: int) -> Any:
    if key != "status":
        return None
    look = GOAL_LOOK.get(str(row["status"]), "no data")
    if role == Qt.ItemDataRole.BackgroundRole:
        return background(look)
    if role == Qt.ItemDataRole.ForegroundRole:
        return foreground(look)
    return None


class _StatusModel(RowsModel):
    """The status column with the KPI register's symbol beside the goal's word."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and self.columns[index.column()][0] == "status"):
            status = str(self.rows[index.row()]["status"])
            return f"{status_text(GOAL_LOOK.get(status, 'no data'))[0]} {status}"
        return super().data(index, role)


class StrategyTab(QWidget):
    new_requested = Signal()
    link_requested = Signal(int)                 # the goal's id
    unlink_requested = Signal(int, object, object)  # goal id, KPI id or None, project id

    def __init__(self) -> None:
        super().__init__()
        self.data: Strategy | None = None
        self.model = _StatusModel(COLUMNS, style=_style)
        self.view = table(self.model, 0, {0: 18, 6: 12, 7: 16, 8: 16})
        self.links = RowsModel(LINK_COLUMNS, id_key="key")
        self.links_view = table(self.links, 1, {1: 16})
        self.pillar_box = QComboBox()
        self.new_button = QPushButton("New goal…")
        self.link_button = QPushButton("Link KPI or project…")
        self.unlink_button = QPushButton("Unlink")
        self.summary = QLabel()
        self.summary.setObjectName("secondary")
        self.summary.setWordWrap(True)
        self.empty = hint(EMPTY_HINT)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Pillar"))
        bar.addWidget(self.pillar_box)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.link_button)
        bar.addWidget(self.unlink_button)
        goals = QSplitter(Qt.Orientation.Vertical)
        goals.addWidget(self.view)
        goals.addWidget(self.links_view)
        goals.setStretchFactor(0, 3)
        goals.setStretchFactor(1, 1)
        goals.setChildrenCollapsible(False)
        self.roadmap = RoadmapView()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.roadmap)
        self.matrix = XMatrixView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(goals, "Goals")
        self.views.addTab(scroll, "Roadmap")
        self.views.addTab(self.matrix, "X-matrix")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.views, 1)
        self.pillar_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_links())
        self.new_button.clicked.connect(self.new_requested.emit)
        self.link_button.clicked.connect(self._link)
        self.unlink_button.clicked.connect(self._unlink)
        self.read_only = False

    def show_data(self, data: Strategy, read_only: bool) -> None:
        chosen = self.selected_goal()
        self.data, self.read_only = data, read_only
        pillar = self.pillar_box.currentText()
        self.pillar_box.blockSignals(True)
        self.pillar_box.clear()
        self.pillar_box.addItems(["All", *dict.fromkeys(g.pillar for g in data.goals)])
        self.pillar_box.setCurrentText(pillar if self.pillar_box.findText(pillar) >= 0
                                       else "All")
        self.pillar_box.blockSignals(False)
        self._fill()
        if chosen is not None:
            self.select(chosen.id)
        self.roadmap.show_roadmap(data.roadmap, data.as_of)
        self.matrix.show_matrix(data.matrix)
        some = bool(data.goals)
        self.empty.setVisible(not some)
        self.views.setVisible(some)
        self.new_button.setEnabled(not read_only)
        self._show_links()

    def _fill(self) -> None:
        if self.data is None:
            return
        pillar = self.pillar_box.currentText()
        rows = [r for r in goal_rows(self.data) if pillar in ("All", "", r["pillar"])]
        self.model.set_rows(rows)
        counts = {s: sum(r["status"] == s for r in rows) for s in GOAL_LOOK}
        said = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        self.summary.setText(f"{len(rows)} goals as of {self.data.as_of.isoformat()}: {said}"
                             if rows else "")

    def select(self, goal_id: int) -> None:
        for r in range(self.model.rowCount()):
            if self.model.index(r, 0).data(ID_ROLE) == goal_id:
                self.view.selectRow(r)
                return

    def selected_goal(self) -> Goal | None:
        if self.data is None or self.view.selectionModel() is None:
            return None
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        goal_id = rows[0].data(ID_ROLE)
        return next((g for g in self.data.goals if g.id == goal_id), None)

    def _show_links(self) -> None:
        goal = self.selected_goal()
        rows: list[dict[str, Any]] = []
        if goal is not None and self.data is not None:
            rows = [{"key": ("kpi", k.ref), "kind": "KPI", "strength": k.strength,
                     "name": self.data.kpi_names.get(k.ref, "?")} for k in goal.kpis]
            rows += [{"key": ("project", p.ref), "kind": "Project", "strength": p.strength,
                      "name": self.data.project_names.get(p.ref, "?")} for p in goal.projects]
        self.links.set_rows(rows)
        self.link_button.setEnabled(goal is not None and not self.read_only)
        self.unlink_button.setEnabled(goal is not None and bool(rows) and not self.read_only)

    def _link(self) -> None:
        goal = self.selected_goal()
        if goal is not None:
            self.link_requested.emit(goal.id)

    def _unlink(self) -> None:
        goal = self.selected_goal()
        chosen = self.links_view.selectionModel().selectedRows()
        row = chosen[0].row() if chosen else 0
        if goal is None or row >= self.links.rowCount():
            return
        kind, ref = self.links.rows[row]["key"]
        self.unlink_requested.emit(goal.id, ref if kind == "kpi" else None,
                                   ref if kind == "project" else None)
