"""The analysis table beside the canvas: one row per figure the map implies.

Rows are made from core's ``Analysis`` (and a ``Simulation`` once one has run); each row
may name the steps and flows it is about, so choosing it marks them on the canvas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.model import ACTIVITY_KINDS, ProcessMap
from opsdesk.core.maps.simulation import Simulation
from opsdesk.ui.widgets.list_model import Index, ListTableModel

IDS_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class AnalysisRow:
    measure: str
    value: str
    detail: str = ""
    ids: tuple[str, ...] = ()  # the steps and flows the row is about


def _time(value: float | None, unit: str) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.4g} {unit}"


def analysis_rows(pmap: ProcessMap, a: Analysis, sim: Simulation | None = None
                  ) -> list[AnalysisRow]:
    unit = pmap.time_unit
    name = {n.id: n.name for n in pmap.nodes}
    f = a.flow
    steps = sum(1 for n in pmap.nodes if n.kind in ACTIVITY_KINDS)
    rows = [AnalysisRow("Steps", f"{steps}")]
    rows.append(AnalysisRow("Lead time per case", _time(f.lead_time, unit),
                            "expected, loops counted by their expected passes"))
    rows.append(AnalysisRow("Value-added time", _time(f.value_added_time, unit)))
    pce = f.pce
    rows.append(AnalysisRow("Process cycle efficiency",
                            "—" if pce is None else f"{pce:.1%}", "value-added / lead time"))
    rows.append(AnalysisRow("Cost per case", f"{f.cost_per_case:,.2f}"))
    rows.append(AnalysisRow("Critical path", _time(f.critical_time, unit),
                            " → ".join(name[s] for s in f.critical_path), f.critical_path))
    rows.append(AnalysisRow("Handoffs", f"{len(a.handoffs)}", "between lanes",
                            tuple(h.flow_id for h in a.handoffs)))
    for h in a.handoffs:
        # a lane a line: a narrow column breaks between the lanes, not inside a name
        rows.append(AnalysisRow("  Handoff", f"{h.source_lane}\n→ {h.target_lane}",
                                f"{h.source} → {h.target}", (h.flow_id,)))
    rows.append(AnalysisRow("Rework loops", f"{len(a.loops)}"))
    for loop in a.loops:
        passes = loop.expected_passes
        value = "—" if passes is None or not math.isfinite(passes) else f"{passes:.3g} passes"
        rows.append(AnalysisRow("  Loop", value, " → ".join(name[s] for s in loop.steps),
                                loop.steps))
    s = a.structure
    for label, ids in (("Unreachable steps", s.unreachable), ("Dead ends", s.dead_ends)):
        if ids:
            rows.append(AnalysisRow(label, f"{len(ids)}", ", ".join(name[i] for i in ids), ids))
    for problem in s.gateway_problems:
        rows.append(AnalysisRow("Gateway problem", "", problem))
    for lane, work in sorted(f.workload.items()):
        rows.append(AnalysisRow("Workload", lane, _time(work, unit)))
    if sim is not None:
        rows.append(AnalysisRow("Simulated cases", f"{sim.cases:,}", f"seed {sim.seed}"))
        for q in (50, 85, 95):
            rows.append(AnalysisRow(f"  P{q} lead time", _time(sim.percentile(q), unit)))
        if sim.endless:
            rows.append(AnalysisRow("  Cases still looping", f"{sim.endless:,}"))
    return rows


class AnalysisModel(ListTableModel[AnalysisRow]):
    def __init__(self) -> None:
        super().__init__(("Measure", "Value", "Detail"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.measure, row.value, row.detail)[index.column()]
        if role == IDS_ROLE:
            return row.ids
        return None
