"""The Hoshin Kanri X-matrix as two grids a user can read in front of a room (core's
``x_matrix`` gives the arms and their correlations):

- the improvement priorities (projects), one row each, against the annual objectives
  they serve, the KPIs they are to move and the people on them;
- the breakthrough objectives (3-5 and 5+ years), one row each, against the annual
  objectives that serve them and the KPIs that measure them.

● strong, ○ weak; ■ leads, □ on the team. What the matrix cannot show is listed below.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from opsdesk.core.improve.x_matrix import XMatrix
from opsdesk.ui.kpis.rows_model import RowsModel

MARKS = {"strong": "●", "weak": "○", "primary": "■", "secondary": "□"}
LEGEND = ("● strong  ○ weak correlation   ■ leads  □ on the team.  Rows: the improvement "
          "priorities (projects); below, the breakthrough objectives. Columns: annual "
          "objectives (1-2 years), KPIs to move, people.")


def _centre(row: dict[str, Any], key: str, role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole and key != "name":
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


def _header(text: str, width: int = 11) -> str:
    """A column title on at most two lines of about ``width`` characters (cut with …)."""
    import textwrap

    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines)


def grids(m: XMatrix) -> tuple[tuple[tuple[str, str], ...], list[dict[str, Any]],
                               tuple[tuple[str, str], ...], list[dict[str, Any]]]:
    """(columns, rows) of the projects grid, then of the breakthrough grid."""
    annual = tuple((f"a{g.id}", "Annual\n" + _header(g.label)) for g in m.annual)
    kpis = tuple((f"k{k.id}", "KPI\n" + _header(k.label)) for k in m.kpis)
    owners = tuple((f"o{n}", "Person\n" + _header(n)) for n in m.owners)
    project_rows = []
    for p in m.projects:
        row: dict[str, Any] = {"id": p.id, "name": p.label}
        for g in m.annual:
            if (g.id, p.id) in m.annual_projects:
                row[f"a{g.id}"] = MARKS[m.annual_projects[(g.id, p.id)]]
        for k in m.kpis:
            if (p.id, k.id) in m.projects_kpis:
                row[f"k{k.id}"] = MARKS[m.projects_kpis[(p.id, k.id)]]
        for n in m.owners:
            if (p.id, n) in m.projects_owners:
                row[f"o{n}"] = MARKS[m.projects_owners[(p.id, n)]]
        project_rows.append(row)
    goal_rows = []
    for b in m.breakthrough:
        row = {"id": b.id, "name": b.label}
        for g in m.annual:
            if (b.id, g.id) in m.breakthrough_annual:
                row[f"a{g.id}"] = MARKS[m.breakthrough_annual[(b.id, g.id)]]
        for k in m.kpis:
            if (k.id, b.id) in m.kpis_breakthrough:
                row[f"k{k.id}"] = MARKS[m.kpis_breakthrough[(k.id, b.id)]]
        goal_rows.append(row)
    return ((("name", "Improvement priority"), *annual, *kpis, *owners), project_rows,
            (("name", "Breakthrough objective"), *annual, *kpis), goal_rows)


def _grid(model: RowsModel) -> QTableView:
    """A read-only grid: the names' column wide enough to read, the marks' columns narrow
    (their titles wrap onto three lines)."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QTableView.SelectionMode.NoSelection)
    view.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setDefaultSectionSize(view.fontMetrics().horizontalAdvance("M" * 8))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def widen_names() -> None:
        header.resizeSection(0, view.fontMetrics().horizontalAdvance("M" * 20))

    model.modelReset.connect(widen_names)
    widen_names()
    return view


class XMatrixView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.projects = RowsModel((("name", "Improvement priority"),), style=_centre)
        self.goals = RowsModel((("name", "Breakthrough objective"),), style=_centre)
        self.projects_view = _grid(self.projects)
        self.goals_view = _grid(self.goals)
        legend = QLabel(LEGEND)
        legend.setObjectName("secondary")
        legend.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("secondary")
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(legend)
        layout.addWidget(self.projects_view, 3)
        layout.addWidget(self.goals_view, 2)
        layout.addWidget(self.notes)

    def show_matrix(self, m: XMatrix) -> None:
        p_columns, p_rows, g_columns, g_rows = grids(m)
        self.projects.set_columns(p_columns)
        self.projects.set_rows(p_rows)
        self.goals.set_columns(g_columns)
        self.goals.set_rows(g_rows)
        self.notes.setText("\n".join(m.notes))
        self.notes.setVisible(bool(m.notes))
