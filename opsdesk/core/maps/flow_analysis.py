"""Expected visits, lead time, critical path, value-added time, cost and workload per case.

Flow analysis as in Dumas et al., *Fundamentals of Business Process Management*, 2nd ed.
2018, sec. 7.1: a sequence adds its times, an exclusive split weighs its branches by
their probabilities, a parallel block takes its longest branch, and a rework loop
multiplies its body by the expected number of passes. Generalised to any graph:

- the graph of each scope (``graph.scope_graphs``) is condensed into its strongly
  connected components (the loops) and walked in topological order;
- a node's expected number of executions is the sum of the token shares arriving; its
  expected finish time the share-weighted mean of the arrivals' times (a parallel or
  inclusive join takes the latest arrival) plus its own time;
- a loop component is an absorbing Markov chain: expected visits v = s (I - Q)^-1 for
  entry distribution s and transition shares Q inside it (Kemeny & Snell, *Finite Markov
  Chains*, 1960, theorem 3.2.4); its time is the sum of visits times step times;
- the lead time is the mean finish time of the ends (nodes no flow leaves), weighed by
  how often a case reaches each; the critical path is the longest path by time through
  the condensed graph.

A sub-process with a processing or wait time of its own is a black box: that time
counts, its contents do not. One without them takes as long as its contents' lead time,
and its contents' visits, cost and work count, times the sub-process's own visits.
Two approximations, both exact for block-structured maps without parallelism inside
loops: steps inside a loop run one after another, and separate end events after a
parallel split are averaged rather than the latest taken.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.maps.graph import ScopeGraph, effective_lane, scope_graphs
from opsdesk.core.maps.model import Node, ProcessMap

DENSE_LIMIT = 300  # loop components larger than this are solved sparse


@dataclass(frozen=True)
class ScopeFlow:
    visits: dict[str, float]  # per entry into the scope
    lead_time: float  # math.inf when a loop never ends
    critical_path: tuple[str, ...]
    critical_time: float


@dataclass(frozen=True)
class FlowAnalysis:
    visits: dict[str, float]  # expected executions per case, every scope
    lead_time: float
    critical_path: tuple[str, ...]
    critical_time: float
    value_added_time: float
    cost_per_case: float
    workload: dict[str, float] = field(default_factory=dict)  # lane name -> work per case

    @property
    def pce(self) -> float | None:
        """Process cycle efficiency: value-added time over lead time."""
        if not math.isfinite(self.lead_time) or self.lead_time <= 0:
            return None
        return self.value_added_time / self.lead_time


def black_box(node: Node) -> bool:
    return node.step.processing is not None or node.step.wait is not None


class _Analyser:
    def __init__(self, pmap: ProcessMap, graphs: dict[str | None, ScopeGraph]) -> None:
        self.pmap, self.graphs = pmap, graphs
        self.scopes: dict[str | None, ScopeFlow] = {}

    def duration(self, node: Node) -> float:
        if node.kind == "subprocess" and not black_box(node):
            return self.scope(node.id).lead_time
        return node.step.time(self.pmap.time_unit)

    def scope(self, scope: str | None) -> ScopeFlow:
        if scope not in self.scopes:
            sg = self.graphs.get(scope)
            self.scopes[scope] = _empty() if sg is None else self._walk(sg)
        return self.scopes[scope]

    def _walk(self, sg: ScopeGraph) -> ScopeFlow:
        import networkx as nx

        g, nodes = sg.graph, self.pmap.node_by_id
        arrivals: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for s in sg.sources:
            arrivals[s].append((1.0 / len(sg.sources), 0.0))
        visits: dict[str, float] = {}
        finish: dict[str, float] = {}
        dag = nx.condensation(g)
        weight: dict[int, float] = {}
        for c in nx.topological_sort(dag):
            members = dag.nodes[c]["members"]
            v = next(iter(members))
            if len(members) == 1 and not g.has_edge(v, v):
                node = nodes[v]
                weight[c] = self.duration(node)
                p, t_in = _join(node, arrivals[v])
                visits[v], finish[v] = p, t_in + weight[c]
                for w, edge in g[v].items():
                    arrivals[w].append((p * edge["share"], finish[v]))
            else:
                weight[c] = self._loop(sg, members, arrivals, visits, finish)
        ends = [v for v in g if g.out_degree(v) == 0 and visits.get(v, 0.0) > 0]
        mass = sum(visits[v] for v in ends)
        if any(math.isnan(x) for x in visits.values()) or (g.number_of_nodes() and mass == 0):
            lead = math.inf
        else:
            lead = sum(visits[v] * finish[v] for v in ends) / mass if mass else 0.0
        path, time = _longest(dag, weight, sg.order)
        return ScopeFlow(visits, lead, path, time)

    def _loop(self, sg: ScopeGraph, members: set[str],
              arrivals: dict[str, list[tuple[float, float]]], visits: dict[str, float],
              finish: dict[str, float]) -> float:
        """Visits and time of a loop component; returns the time per entry."""
        import numpy as np

        g, nodes = sg.graph, self.pmap.node_by_id
        order = sorted(members, key=sg.order.__getitem__)
        index = {v: i for i, v in enumerate(order)}
        masses = np.array([sum(m for m, _ in arrivals[v]) for v in order])
        total = float(masses.sum())
        t_in = (sum(m * t for v in order for m, t in arrivals[v]) / total) if total else 0.0
        rows, cols, vals = [], [], []
        for v in order:
            for w, edge in g[v].items():
                if w in index:
                    rows.append(index[v])
                    cols.append(index[w])
                    vals.append(edge["share"])
        x = _solve(len(order), rows, cols, vals, masses / total if total else masses)
        durations = np.array([self.duration(nodes[v]) for v in order])
        per_entry = float(x @ durations)
        for v in order:
            visits[v] = total * float(x[index[v]])
            finish[v] = t_in + per_entry
            for w, edge in g[v].items():
                if w not in index:
                    arrivals[w].append((visits[v] * edge["share"], finish[v]))
        return per_entry


def _solve(n: int, rows: list[int], cols: list[int], vals: list[float], s: Any) -> Any:
    """x with x (I - Q) = s; NaN everywhere when the loop never ends."""
    import numpy as np

    if n <= DENSE_LIMIT:
        q = np.zeros((n, n))
        np.add.at(q, (rows, cols), vals)
        try:
            x = np.linalg.solve((np.eye(n) - q).T, s)
        except np.linalg.LinAlgError:
            x = np.full(n, np.nan)
    else:
        from scipy.sparse import csc_matrix, identity
        from scipy.sparse.linalg import spsolve

        q = csc_matrix((vals, (rows, cols)), shape=(n, n))
        x = np.asarray(spsolve((identity(n, format="csc") - q).T.tocsc(), s))
    if not np.all(np.isfinite(x)) or np.any(x < -1e-9):
        x = np.full(n, np.nan)
    return x


def _join(node: Node, arrivals: list[tuple[float, float]]) -> tuple[float, float]:
    """(expected executions, expected start time) of a node from its arrivals."""
    live = [(m, t) for m, t in arrivals if m > 0]
    if not live:
        return 0.0, 0.0
    if node.kind in ("parallel", "inclusive") and len(arrivals) >= 2:
        masses = [m for m, _ in live]
        p = max(masses) if node.kind == "parallel" else min(1.0, sum(masses))
        return p, max(t for _, t in live)
    p = sum(m for m, _ in live)
    return p, sum(m * t for m, t in live) / p


def _longest(dag: object, weight: dict[int, float], order: dict[str, int]
             ) -> tuple[tuple[str, ...], float]:
    import networkx as nx

    best: dict[int, float] = {}
    back: dict[int, int | None] = {}
    for c in nx.topological_sort(dag):
        preds = list(dag.predecessors(c))  # type: ignore[attr-defined]
        prev = max(preds, key=lambda p: best[p], default=None)
        best[c] = weight[c] + (best[prev] if prev is not None else 0.0)
        back[c] = prev
    if not best:
        return (), 0.0
    sinks = [c for c in best if dag.out_degree(c) == 0]  # type: ignore[attr-defined]
    end: int | None = max(sinks, key=lambda c: best[c])
    total = best[end]  # type: ignore[index]
    chain = []
    while end is not None:
        members = dag.nodes[end]["members"]  # type: ignore[attr-defined]
        chain.append(sorted(members, key=order.__getitem__))
        end = back[end]
    return tuple(v for members in reversed(chain) for v in members), total


def _empty() -> ScopeFlow:
    return ScopeFlow({}, 0.0, (), 0.0)


def flow_analysis(pmap: ProcessMap, graphs: dict[str | None, ScopeGraph] | None = None
                  ) -> FlowAnalysis:
    analyser = _Analyser(pmap, scope_graphs(pmap) if graphs is None else graphs)
    top = analyser.scope(None)
    unit = pmap.time_unit
    visits: dict[str, float] = {}
    pending: list[tuple[str | None, float]] = [(None, 1.0)]
    while pending:  # the contents of see-through sub-processes, times their visits
        scope, times = pending.pop()
        for node_id, v in analyser.scope(scope).visits.items():
            visits[node_id] = v * times
            node = pmap.node_by_id[node_id]
            if node.kind == "subprocess" and not black_box(node):
                pending.append((node_id, v * times))
    va = cost = 0.0
    workload: dict[str, float] = defaultdict(float)
    for node_id, v in visits.items():
        node = pmap.node_by_id[node_id]
        if math.isnan(v):
            continue
        work = v * node.step.processing_time(unit)
        if node.step.value_class == "value_adding":
            va += work
        cost += v * (node.step.cost or 0.0)
        lane = effective_lane(pmap, node)
        if work and lane is not None:
            workload[pmap.lane_by_id[lane].name or lane] += work
    return FlowAnalysis(visits, top.lead_time, top.critical_path, top.critical_time, va, cost,
                        dict(workload))
