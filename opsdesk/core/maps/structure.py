"""Structural problems: unreachable steps, dead ends, gateway shares, misplaced flows.

Per scope: a node is unreachable when no path of sequence flows (boundary events
reached from their hosts) leads to it from the scope's start events (from the nodes no
flow enters, in a scope without start events). A dead end is a node other than an end
event that no sequence flow leaves. An exclusive gateway's branch probabilities must add
up to 1 when all are given, and may not pass 1 when some are left to share the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core.maps.graph import ScopeGraph, scope_graphs
from opsdesk.core.maps.model import ProcessMap

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Structure:
    unreachable: tuple[str, ...]  # node ids
    dead_ends: tuple[str, ...]
    gateway_problems: tuple[str, ...]  # one sentence each
    misplaced_flows: tuple[str, ...]  # flows into a start event or out of an end event


def structure(pmap: ProcessMap, graphs: dict[str | None, ScopeGraph] | None = None
              ) -> Structure:
    import networkx as nx

    graphs = scope_graphs(pmap) if graphs is None else graphs
    nodes = pmap.node_by_id
    unreachable: list[str] = []
    dead: list[str] = []
    leaving = {f.source for f in pmap.sequence_flows() if f.target in nodes}
    for sg in graphs.values():
        seen: set[str] = set()
        for s in sg.sources:
            if s not in seen:  # a source already reached has had its descendants added
                seen |= nx.descendants(sg.graph, s) | {s}
        unreachable += [v for v in sg.graph if v not in seen]
        dead += [v for v in sg.graph if v not in leaving and nodes[v].kind != "end"]
    place = {n.id: i for i, n in enumerate(pmap.nodes)}
    misplaced = []
    for f in pmap.sequence_flows():
        if f.target in nodes and nodes[f.target].kind == "start":
            misplaced.append(f"Sequence flow '{f.label or f.id}' goes into start event "
                             f"'{nodes[f.target].name}'.")
        if f.source in nodes and nodes[f.source].kind == "end":
            misplaced.append(f"Sequence flow '{f.label or f.id}' leaves end event "
                             f"'{nodes[f.source].name}'.")
    return Structure(tuple(sorted(unreachable, key=place.__getitem__)),
                     tuple(sorted(dead, key=place.__getitem__)),
                     tuple(_gateway_problems(pmap)), tuple(misplaced))


def _gateway_problems(pmap: ProcessMap) -> list[str]:
    out: dict[str, list[float | None]] = {}
    for f in pmap.sequence_flows():
        out.setdefault(f.source, []).append(f.probability)
    found = []
    for n in pmap.nodes:
        shares = out.get(n.id, [])
        if n.kind != "exclusive" or len(shares) < 2:
            continue
        given = [p for p in shares if p is not None]
        total = sum(given)
        if len(given) == len(shares) and abs(total - 1.0) > TOLERANCE:
            found.append(f"Gateway '{n.name}': its branch probabilities add up to "
                         f"{total:.4g}, not 1.")
        elif len(given) < len(shares) and total > 1.0 + TOLERANCE:
            found.append(f"Gateway '{n.name}': its given branch probabilities add up to "
                         f"{total:.4g}, more than 1, leaving nothing for the others.")
    return found
