"""Rework loops: the elementary cycles of each scope's sequence-flow graph.

A cycle's probability is the product of the shares of its edges (the chance that a case
on the cycle comes round again), and its expected number of passes is 1 / (1 - p), the
mean of the geometric distribution of the number of passes (Dumas et al., *Fundamentals
of Business Process Management*, 2nd ed. 2018, sec. 7.1.2, "rework"). A cycle through a
boundary event that has no probability has an unknown probability (None); a cycle with
probability 1 never ends and has no expected number of passes (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from opsdesk.core.maps.graph import ScopeGraph, scope_graphs
from opsdesk.core.maps.model import ProcessMap

MAX_CYCLES = 1000  # per scope: elementary cycles can be exponentially many


@dataclass(frozen=True)
class Loop:
    steps: tuple[str, ...]  # node ids, starting at the earliest in the map's order
    probability: float | None
    expected_passes: float | None


def loops(pmap: ProcessMap, graphs: dict[str | None, ScopeGraph] | None = None) -> list[Loop]:
    import networkx as nx

    graphs = scope_graphs(pmap) if graphs is None else graphs
    found = []
    for sg in graphs.values():
        graph, order = sg.graph, sg.order
        for cycle in islice(nx.simple_cycles(graph), MAX_CYCLES):
            start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycle = cycle[start:] + cycle[:start]
            edges = [graph[a][b] for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)]
            p: float | None = 1.0
            for edge in edges:
                p = None if p is None or (not edge["known"] and edge["flow"] is None) \
                    else p * edge["share"]
            passes = None if p is None or p >= 1.0 else 1.0 / (1.0 - p)
            found.append(Loop(tuple(cycle), p, passes))
    place = {n.id: i for i, n in enumerate(pmap.nodes)}
    found.sort(key=lambda loop: [place[s] for s in loop.steps])
    return found
