"""Every analysis of a map in one call, and the ``opsdesk map analyse --json`` object.

``analyse`` builds the scope graphs once and runs handoffs, loops, structure and flow
analysis on them. Times are in the map's ``time_unit``. In the JSON, steps are named by
label (id when the label is empty), ``steps`` counts the activities (tasks and
sub-processes, in every scope), and a number that does not exist (the lead time of a
loop that never ends, the PCE of a map without times) is null.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from opsdesk.core import cycle_collector
from opsdesk.core.maps.flow_analysis import FlowAnalysis, flow_analysis
from opsdesk.core.maps.graph import scope_graphs
from opsdesk.core.maps.handoffs import Handoff, handoffs
from opsdesk.core.maps.loops import Loop, loops
from opsdesk.core.maps.model import ACTIVITY_KINDS, ProcessMap
from opsdesk.core.maps.sipoc import Sipoc, sipoc
from opsdesk.core.maps.structure import Structure, structure


@dataclass(frozen=True)
class Analysis:
    handoffs: tuple[Handoff, ...]
    loops: tuple[Loop, ...]
    structure: Structure
    flow: FlowAnalysis
    sipoc: Sipoc


def analyse(pmap: ProcessMap) -> Analysis:
    # networkx's graphs are dicts of dicts: a 10,000-step map's analyses allocate about a
    # million objects, none in a cycle, which the cycle collector walked again and again
    # (a third of the time, measured by bench_maps)
    with cycle_collector.pause():
        graphs = scope_graphs(pmap)
        return Analysis(tuple(handoffs(pmap)), tuple(loops(pmap, graphs)),
                        structure(pmap, graphs), flow_analysis(pmap, graphs), sipoc(pmap))


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def analysis_json(pmap: ProcessMap, map_key: str | int,
                  result: Analysis | None = None) -> dict[str, Any]:
    """The ``map analyse --json`` object for ``pmap`` (``map_key`` names it)."""
    a = analyse(pmap) if result is None else result
    name = {n.id: n.name for n in pmap.nodes}
    return {
        "map": map_key,
        "steps": sum(1 for n in pmap.nodes if n.kind in ACTIVITY_KINDS),
        "handoffs": {"count": len(a.handoffs), "flows": [
            {"from": h.source, "to": h.target, "from_lane": h.source_lane,
             "to_lane": h.target_lane} for h in a.handoffs]},
        "loops": [{"steps": [name[s] for s in loop.steps],
                   "probability": _number(loop.probability),
                   "expected_passes": _number(loop.expected_passes)} for loop in a.loops],
        "unreachable": [name[v] for v in a.structure.unreachable],
        "dead_ends": [name[v] for v in a.structure.dead_ends],
        "gateway_problems": list(a.structure.gateway_problems),
        "lead_time": _number(a.flow.lead_time),
        "value_added_time": a.flow.value_added_time,
        "pce": _number(a.flow.pce),
        "cost_per_case": a.flow.cost_per_case,
        "critical_path": {"steps": [name[s] for s in a.flow.critical_path],
                          "time": _number(a.flow.critical_time)},
        "time_unit": pmap.time_unit,
    }
