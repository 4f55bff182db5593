"""Handoffs: sequence flows whose two ends sit in different (leaf) lanes.

A boundary event counts in its host's lane and a node inside a sub-process in the
sub-process's lane (``graph.effective_lane``). Message flows are not handoffs: they go
between parties, not between lanes of one process. A flow with an end in no lane is not
counted (there is no lane to hand over from or to).
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core.maps.graph import effective_lane
from opsdesk.core.maps.model import ProcessMap


@dataclass(frozen=True)
class Handoff:
    flow_id: str
    source: str  # node names (label, else id)
    target: str
    source_lane: str  # lane names (name, else id)
    target_lane: str


def handoffs(pmap: ProcessMap) -> list[Handoff]:
    found = []
    nodes, lanes = pmap.node_by_id, pmap.lane_by_id
    for f in pmap.flows:
        if f.kind != "sequence" or f.source not in nodes or f.target not in nodes:
            continue
        a, b = nodes[f.source], nodes[f.target]
        la, lb = effective_lane(pmap, a), effective_lane(pmap, b)
        if la is None or lb is None or la == lb:
            continue
        found.append(Handoff(f.id, a.name, b.name, lanes[la].name or la, lanes[lb].name or lb))
    return found
