"""Process-map figures, each next to its floor measured in the same run.

1. All analyses (handoffs, loops, structure, flow analysis, SIPOC) on a generated map of
   about 10,000 nodes, against the bare networkx calls they rest on: building the
   directed graph, its condensation and topological order, its elementary cycles and
   the descendants of the start. Goal: ratio <= 3.
2. Importing a BPMN file of about 1,000 elements (flow nodes and flows, with DI), against
   defusedxml parsing the same bytes. Goal: median < 0.5 s.
3. 10,000 simulated cases of the demo's order-to-cash map (``opsdesk demo``: rework loop,
   triangular times), against numpy drawing the same triangular times for a straight
   pass through its steps. Goal: median < 0.2 s.
"""

from __future__ import annotations

from tests.bench.timing import median_seconds, ratio_line
from tests.core.maps.builders import generated


def bench_analyses() -> list[str]:
    import networkx as nx

    from opsdesk.core.maps.analysis import analyse

    pmap = generated(3650, seed=1)

    def floor() -> object:
        g = nx.DiGraph()
        g.add_nodes_from(n.id for n in pmap.nodes)
        g.add_edges_from((f.source, f.target) for f in pmap.flows)
        list(nx.topological_sort(nx.condensation(g)))
        list(nx.simple_cycles(g))
        return nx.descendants(g, "start")

    ours = median_seconds(lambda: analyse(pmap), repeat=5)
    bare = median_seconds(floor, repeat=5)
    return [ratio_line(f"analyses of a {len(pmap.nodes):,}-node, {len(pmap.flows):,}-flow map",
                       ours, bare, goal=3.0)]


def bench_import() -> list[str]:
    import defusedxml.ElementTree as safe_et

    from opsdesk.core.maps.bpmn_export import export_bpmn
    from opsdesk.core.maps.bpmn_import import import_bpmn

    pmap = generated(150, seed=2)
    data = export_bpmn(pmap)
    elements = len(pmap.nodes) + len(pmap.flows)
    ours = median_seconds(lambda: import_bpmn(data))
    bare = median_seconds(lambda: safe_et.fromstring(data))
    verdict = "met" if ours < 0.5 else "MISSED"
    return [ratio_line(f"import of {elements:,} BPMN elements ({len(data) // 1024} KiB)",
                       ours, bare),
            f"  median {ours:.3f} s (goal < 0.5 s: {verdict})"]


def bench_simulation() -> list[str]:
    import numpy as np

    from opsdesk.core.demo.process_maps import order_to_cash
    from opsdesk.core.maps.simulation import simulate

    pmap = order_to_cash({})
    cases = 10_000
    steps = [n.step for n in pmap.nodes if n.step.processing is not None]

    def floor() -> object:
        rng = np.random.default_rng(0)
        total = np.zeros(cases)
        for s in steps:
            d = s.processing
            assert d is not None
            spread = d.spread
            total += rng.triangular(*spread, cases) if spread else d.value
        return total

    ours = median_seconds(lambda: simulate(pmap, cases, seed=0))
    bare = median_seconds(floor)
    verdict = "met" if ours < 0.2 else "MISSED"
    return [ratio_line(f"{cases:,} simulated cases of the demo's order-to-cash map", ours, bare),
            f"  median {ours:.3f} s (goal < 0.2 s: {verdict})"]


def run() -> list[str]:
    return [*bench_analyses(), *bench_import(), *bench_simulation()]
