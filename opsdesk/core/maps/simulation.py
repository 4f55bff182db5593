"""Monte Carlo simulation of N cases through a map, vectorised with numpy.

Every case draws each step's processing and wait time from its triangular (low, most
likely, high) distribution, or takes the given time when there is no spread, and each
exclusive gateway's branch by its probabilities (``graph.branch_shares``). The map is
walked one component at a time in flow order, all cases at once:

- a node starts when its last token arrives (a parallel or inclusive join waits for all
  its branches; at an exclusive merge only one arrives); a case ends when the last of
  its tokens reaches an end;
- an inclusive gateway takes each branch with its own probability (and its likeliest
  when a case draws none); a boundary event fires with its probability when its host
  finishes, and an interrupting one stops the host's normal flow for that case;
- a loop (a strongly connected component) moves each case from step to step until it
  leaves, every case its own number of passes; inside a loop, a split into several
  flows sends the case down one of them, chosen by their shares.

A sub-process without a time of its own is simulated through its contents each time a
case reaches it. Results are per case in the map's time unit; the task's cancel flag is
checked between components and raises ``Cancelled`` (nothing is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core.maps.flow_analysis import black_box
from opsdesk.core.maps.graph import ScopeGraph, scope_graphs
from opsdesk.core.maps.model import Node, ProcessMap
from opsdesk.core.maps.step_data import Duration
from opsdesk.core.maps.units import TimeUnit, convert
from opsdesk.core.task_state import TaskState

MAX_PASSES = 10_000  # steps a case may take inside one loop before it counts as endless


@dataclass(frozen=True)
class Simulation:
    cases: int
    seed: int
    time_unit: TimeUnit
    lead_times: Any  # numpy array of floats, one per case; inf for a case that never ends

    def percentile(self, q: float) -> float | None:
        finite = self.lead_times[np.isfinite(self.lead_times)]
        return float(np.percentile(finite, q)) if finite.size else None

    @property
    def mean(self) -> float | None:
        finite = self.lead_times[np.isfinite(self.lead_times)]
        return float(finite.mean()) if finite.size else None

    @property
    def endless(self) -> int:
        """Cases still looping after MAX_PASSES steps in one loop."""
        return int(np.count_nonzero(~np.isfinite(self.lead_times)))

    def histogram(self, bins: int = 30) -> tuple[list[float], list[int]]:
        """Bin edges and counts of the finite lead times."""
        finite = self.lead_times[np.isfinite(self.lead_times)]
        if not finite.size:
            return [], []
        counts, edges = np.histogram(finite, bins=bins)
        return [float(e) for e in edges], [int(c) for c in counts]


def simulate(pmap: ProcessMap, cases: int = 10_000, seed: int = 0,
             task: TaskState | None = None) -> Simulation:
    if cases < 1:
        raise ValueError("The number of cases must be at least 1.")
    task = task or TaskState()
    sim = _Simulator(pmap, scope_graphs(pmap), np.random.default_rng(seed), task)
    times = sim.scope(None, cases, top=True)
    task.progress(1.0, "Simulation done")
    return Simulation(cases, seed, pmap.time_unit, times)


class _Simulator:
    def __init__(self, pmap: ProcessMap, graphs: dict[str | None, ScopeGraph],
                 rng: np.random.Generator, task: TaskState) -> None:
        self.pmap, self.graphs, self.rng = pmap, graphs, rng
        self.task = task

    def draw(self, d: Duration | None, n: int) -> Any:
        if d is None:
            return np.zeros(n)
        spread = d.spread
        if spread is None:
            return np.full(n, convert(d.value, d.unit, self.pmap.time_unit))
        low, mode, high = (convert(x, d.unit, self.pmap.time_unit) for x in spread)
        if high <= low:
            return np.full(n, low)
        return self.rng.triangular(low, mode, high, n)

    def duration(self, node: Node, n: int) -> Any:
        if node.kind == "subprocess" and not black_box(node):
            return self.scope(node.id, n)
        return self.draw(node.step.processing, n) + self.draw(node.step.wait, n)

    def scope(self, scope: str | None, n: int, top: bool = False) -> Any:
        """Completion time of ``n`` cases entering ``scope`` at time 0."""
        import networkx as nx

        sg = self.graphs.get(scope)
        if sg is None or n == 0:
            return np.zeros(n)
        g = sg.graph
        arrive: dict[tuple[str, str], Any] = {}
        done: dict[str, Any] = {}
        entry = self.rng.integers(0, len(sg.sources), n) if sg.sources else None
        dag = nx.condensation(g)
        topo = list(nx.topological_sort(dag))
        for step, c in enumerate(topo):
            if top:
                self.task.check()
                self.task.progress(step / len(topo), "Simulating cases")
            members = dag.nodes[c]["members"]
            v = next(iter(members))
            if len(members) == 1 and not g.has_edge(v, v):
                start = self._start(sg, v, n, arrive, entry)
                done[v] = start + self.duration(self.pmap.node_by_id[v], n)
                self._leave(sg, v, done[v], arrive)
            else:
                self._loop(sg, members, n, arrive, done, entry)
        sinks = [done[v] for v in g if g.out_degree(v) == 0 and v in done]
        everything = list(done.values())
        with np.errstate(all="ignore"):
            end = _nanmax(sinks, n)
            fallback = _nanmax(everything, n)
        return np.where(np.isnan(end), np.where(np.isnan(fallback), 0.0, fallback), end)

    def _start(self, sg: ScopeGraph, v: str, n: int, arrive: dict[tuple[str, str], Any],
               entry: Any) -> Any:
        incoming = [arrive.pop((u, v)) for u in sg.graph.predecessors(v) if (u, v) in arrive]
        if v in sg.sources:
            incoming.append(np.where(entry == sg.sources.index(v), 0.0, np.nan))
        return _nanmax(incoming, n)

    def _leave(self, sg: ScopeGraph, v: str, t: Any, arrive: dict[tuple[str, str], Any]
               ) -> None:
        g, node = sg.graph, self.pmap.node_by_id[v]
        reached = ~np.isnan(t)
        out = list(g[v].items())
        normal = [(w, e) for w, e in out if e["flow"] is not None]
        events = [(w, e) for w, e in out if e["flow"] is None]
        stopped = np.zeros(t.shape, dtype=bool)
        for w, e in events:  # boundary events fire when the host finishes
            fires = reached & ~stopped & (self.rng.random(t.shape) < e["share"])
            arrive[(v, w)] = np.where(fires, t, np.nan)
            if self.pmap.node_by_id[w].interrupting:
                stopped |= fires
        live = np.where(stopped, np.nan, t)
        if node.kind == "exclusive" and len(normal) > 1:
            shares = np.array([e["share"] for _, e in normal])
            total = shares.sum()
            shares = shares / total if total > 0 else np.full(len(normal), 1 / len(normal))
            pick = np.searchsorted(np.cumsum(shares), self.rng.random(t.shape), side="right")
            pick = np.minimum(pick, len(normal) - 1)
            for k, (w, _e) in enumerate(normal):
                arrive[(v, w)] = np.where(pick == k, live, np.nan)
        elif node.kind == "inclusive" and len(normal) > 1:
            shares = np.array([e["share"] for _, e in normal])
            taken = self.rng.random((len(normal), *t.shape)) < shares[:, None]
            taken[int(np.argmax(shares)), ~taken.any(axis=0)] = True
            for k, (w, _e) in enumerate(normal):
                arrive[(v, w)] = np.where(taken[k], live, np.nan)
        else:
            for w, _e in normal:
                arrive[(v, w)] = live

    def _loop(self, sg: ScopeGraph, members: set[str], n: int,
              arrive: dict[tuple[str, str], Any], done: dict[str, Any], entry: Any) -> None:
        """Walk every case through a loop component until it leaves."""
        g = sg.graph
        order = sorted(members, key=sg.order.__getitem__)
        starts = np.stack([self._start(sg, v, n, arrive, entry) for v in order])
        # Cases that never reach the loop have no start: a NaN, not a warning.
        clock = np.min(np.where(np.isnan(starts), np.inf, starts), axis=0)
        clock[np.isnan(starts).all(axis=0)] = np.nan
        where = np.where(np.isnan(clock), -1, np.argmin(np.nan_to_num(starts, nan=np.inf),
                                                        axis=0))
        nexts = []
        for v in order:
            edges = list(g[v].items())
            weights = np.array([max(e["share"], 0.0) for _, e in edges])
            total = weights.sum()
            cum = np.cumsum(weights / total) if total > 0 else np.array([1.0])
            nexts.append(([w for w, _ in edges] or [None], cum))
        last = {v: np.full(n, np.nan) for v in order}
        exits: dict[tuple[str, str], Any] = {}
        active = where >= 0
        for _ in range(MAX_PASSES):
            if not active.any():
                break
            for i, v in enumerate(order):
                cases = np.flatnonzero(active & (where == i))
                if not cases.size:
                    continue
                clock[cases] += self.duration(self.pmap.node_by_id[v], cases.size)
                last[v][cases] = clock[cases]
                targets, cum = nexts[i]
                pick = np.minimum(np.searchsorted(cum, self.rng.random(cases.size), "right"),
                                  len(targets) - 1)
                for k, w in enumerate(targets):
                    chosen = cases[pick == k]
                    if w is None or w not in members:
                        if w is not None:
                            exits.setdefault((v, w), np.full(n, np.nan))[chosen] = clock[chosen]
                        active[chosen] = False
                        if w is None:  # a dead end inside the loop: the case ends here
                            last[v][chosen] = clock[chosen]
                    else:
                        where[chosen] = order.index(w)
        clock[active] = np.inf  # still looping: endless
        for v in order:
            done[v] = np.where(active, np.inf, last[v])
        arrive.update(exits)


def _nanmax(arrays: list[Any], n: int) -> Any:
    if not arrays:
        return np.full(n, np.nan)
    with np.errstate(all="ignore"):
        stacked = np.stack(arrays)
        out = np.nanmax(np.where(np.isnan(stacked), -np.inf, stacked), axis=0)
    return np.where(np.isneginf(out), np.nan, out)


def simulation_json(sim: Simulation, map_key: str | int) -> dict[str, Any]:
    """The ``map simulate --json`` object."""
    edges, counts = sim.histogram()
    return {"map": map_key, "cases": sim.cases, "seed": sim.seed, "time_unit": sim.time_unit,
            "mean": sim.mean, "p50": sim.percentile(50), "p85": sim.percentile(85),
            "p95": sim.percentile(95), "endless": sim.endless,
            "histogram": {"edges": edges, "counts": counts}}
