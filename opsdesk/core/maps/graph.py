"""The sequence-flow graph of each scope, with branch shares, for the analyses.

One directed graph per scope (the map, and each sub-process's contents). Its nodes are
the flow nodes (artifacts are left out); its edges the sequence flows, plus an edge from
each activity to every boundary event on it, so a path that leaves through a boundary
event (a rework path often does) is a path of the graph. Each edge carries ``share``:
the expected number of tokens it passes per token its source finishes with.

- An exclusive or inclusive gateway's branch has its probability; branches without one
  share what the others leave (all equally when none has one; an inclusive branch then
  counts as its share of one case, the expected-value reading).
- Any other node passes a token down every outgoing flow (BPMN's implicit parallel split,
  and the parallel gateway's), with share 1.
- A boundary event's edge has the event's probability (0 when none is given: it is in
  the graph for paths and loops, not for times). An interrupting event takes its share
  away from the host's normal flows.
- Each start event of a scope begins an equal share of its cases; a scope without start
  events begins at its nodes that no flow enters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from opsdesk.core.maps.model import ARTIFACT_KINDS, Flow, Node, ProcessMap


@dataclass
class ScopeGraph:
    scope: str | None
    graph: Any  # networkx.DiGraph: edge data "share" (float), "known" (bool), "flow" (id)
    sources: list[str]
    order: dict[str, int]  # the nodes' order in the map, for stable results


def branch_shares(node: Node, out: list[Flow]) -> dict[str, tuple[float, bool]]:
    """flow id -> (share, whether it was given) for the sequence flows leaving ``node``."""
    if node.kind not in ("exclusive", "inclusive") or len(out) < 2:
        return {f.id: (1.0, True) for f in out}
    given = sum(f.probability for f in out if f.probability is not None)
    missing = [f for f in out if f.probability is None]
    rest = max(0.0, 1.0 - given) / len(missing) if missing else 0.0
    return {f.id: ((f.probability, True) if f.probability is not None else (rest, False))
            for f in out}


def scope_graphs(pmap: ProcessMap) -> dict[str | None, ScopeGraph]:
    import networkx as nx

    nodes = [n for n in pmap.nodes if n.kind not in ARTIFACT_KINDS]
    by_id = {n.id: n for n in nodes}
    graphs: dict[str | None, ScopeGraph] = {}
    for i, n in enumerate(nodes):
        sg = graphs.get(n.scope)
        if sg is None:
            sg = graphs[n.scope] = ScopeGraph(n.scope, nx.DiGraph(), [], {})
        sg.graph.add_node(n.id)
        sg.order[n.id] = i
    out: dict[str, list[Flow]] = defaultdict(list)
    for f in pmap.flows:
        if f.kind == "sequence" and f.source in by_id and f.target in by_id:
            out[f.source].append(f)
    boundaries: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.kind == "boundary" and n.attached_to in by_id:
            boundaries[n.attached_to].append(n)
    for source, flows in out.items():
        node = by_id[source]
        taken = sum(b.probability or 0.0 for b in boundaries.get(source, ()) if b.interrupting)
        keep = max(0.0, 1.0 - taken)
        graph = graphs[node.scope].graph
        shares = branch_shares(node, flows)
        for f in flows:
            share, known = shares[f.id]
            if graph.has_edge(f.source, f.target):  # two flows between the same nodes
                graph[f.source][f.target]["share"] += share * keep
            else:
                graph.add_edge(f.source, f.target, share=share * keep, known=known, flow=f.id)
    for host, events in boundaries.items():
        graph = graphs[by_id[host].scope].graph
        for b in events:
            graph.add_edge(host, b.id, share=b.probability or 0.0,
                           known=b.probability is not None, flow=None)
    for sg in graphs.values():
        starts = [v for v in sg.graph if by_id[v].kind == "start"]
        if not starts:
            starts = [v for v in sg.graph if sg.graph.in_degree(v) == 0
                      and by_id[v].kind != "boundary"]
        sg.sources = sorted(starts, key=sg.order.__getitem__)
    return graphs


def effective_lane(pmap: ProcessMap, node: Node) -> str | None:
    """The lane a node counts in: a boundary event its host's, a node inside a
    sub-process the sub-process's (when it has none of its own)."""
    seen = set()
    while node.id not in seen:
        seen.add(node.id)
        host = node.attached_to if node.kind == "boundary" else None
        if host is not None and host in pmap.node_by_id:
            node = pmap.node_by_id[host]
        elif node.lane_id is None and node.scope is not None and node.scope in pmap.node_by_id:
            node = pmap.node_by_id[node.scope]
        else:
            return node.lane_id
    return None
