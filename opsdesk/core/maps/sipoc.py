"""A SIPOC table (suppliers, inputs, process, outputs, customers) read off the map.

The process is the pool with the most steps (the map itself when it has no pools); its
steps are the process column, in flow order. Suppliers are the other parties (pools, by
name) whose message flows come in, inputs what those flows carry (their label, else the
sending node) and the data read by its steps; outputs and customers are the same going
out, with the data its steps write and the end events reached.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from opsdesk.core.maps.model import ACTIVITY_KINDS, Node, ProcessMap


@dataclass(frozen=True)
class Sipoc:
    suppliers: tuple[str, ...]
    inputs: tuple[str, ...]
    process: tuple[str, ...]
    outputs: tuple[str, ...]
    customers: tuple[str, ...]


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def sipoc(pmap: ProcessMap) -> Sipoc:
    steps = [n for n in pmap.nodes if n.kind in ACTIVITY_KINDS and n.scope is None]
    counts = Counter(n.pool_id for n in steps)
    main = counts.most_common(1)[0][0] if counts else None
    mine = {n.id for n in pmap.nodes if n.pool_id == main}
    nodes, pools = pmap.node_by_id, pmap.pool_by_id

    def party(end: str) -> str:
        pool = pools.get((nodes[end].pool_id if end in nodes else end) or "")
        return "" if pool is None else pool.name or pool.id

    def what(f_label: str, end: str) -> str:
        return f_label or (nodes[end].name if end in nodes else party(end))

    suppliers, inputs, outputs, customers = [], [], [], []
    for f in pmap.flows:
        if f.kind == "message" and f.target in mine and f.source not in mine:
            suppliers.append(party(f.source))
            inputs.append(what(f.label, f.source))
        elif f.kind == "message" and f.source in mine and f.target not in mine:
            customers.append(party(f.target))
            outputs.append(what(f.label, f.target))
        elif f.kind == "association" and f.target in mine and _is_data(nodes.get(f.source)):
            inputs.append(nodes[f.source].name)
        elif f.kind == "association" and f.source in mine and _is_data(nodes.get(f.target)):
            outputs.append(nodes[f.target].name)
    outputs += [n.name for n in pmap.nodes if n.kind == "end" and n.id in mine
                and n.scope is None and n.label]
    top = [n.id for n in pmap.nodes if n.id in mine and n.scope is None]
    inside = set(top)
    successors: dict[str, list[str]] = {v: [] for v in top}
    entered: set[str] = set()
    for f in pmap.sequence_flows():
        if f.source in inside and f.target in inside:
            successors[f.source].append(f.target)
            entered.add(f.target)
    place = {n.id: i for i, n in enumerate(pmap.nodes)}
    ordered = _flow_order(top, successors, entered, place)
    process = [nodes[v].name for v in ordered if nodes[v].kind in ACTIVITY_KINDS]
    return Sipoc(_unique(suppliers), _unique(inputs), _unique(process), _unique(outputs),
                 _unique(customers))


def _is_data(node: Node | None) -> bool:
    return node is not None and node.kind == "data"


def _flow_order(nodes: list[str], successors: dict[str, list[str]], entered: set[str],
                place: dict[str, int]) -> list[str]:
    """Nodes in flow order: a breadth-first walk from the sources, in map order."""
    seen: dict[str, None] = {}
    frontier = [v for v in nodes if v not in entered] or nodes[:1]
    while frontier:
        nxt = []
        for v in frontier:
            if v not in seen:
                seen[v] = None
                nxt += sorted(successors[v], key=place.__getitem__)
        frontier = nxt
    seen.update((v, None) for v in nodes)
    return list(seen)
