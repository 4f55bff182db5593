"""The process map as plain typed data: pools, lanes, nodes, flows (frozen dataclasses).

A ``ProcessMap`` is a value: edits make a new one (``dataclasses.replace``), commands
store rows (``rows.py``), BPMN reads and writes it (``bpmn_import``/``bpmn_export``), and
every analysis, the simulation and the layout are functions of it.

Ids are strings and are kept as a BPMN file gives them, so they survive a round trip.
A sub-process's contents are nodes whose ``scope`` is the sub-process's id: collapsed on
the canvas, the sub-process opens those nodes as its own map (``submap``). A pool is a
BPMN process; ``participant`` tells a drawn pool (a collaboration's participant) from a
process that has none (MIWG A.4.0 has one), whose lanes stand on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal, get_args

from opsdesk.core.maps.step_data import NO_DATA, StepData
from opsdesk.core.maps.units import TimeUnit

NodeKind = Literal[
    "start", "end", "intermediate", "boundary", "task", "subprocess",
    "exclusive", "parallel", "inclusive", "data", "wait", "annotation",
]
NODE_KINDS: tuple[NodeKind, ...] = get_args(NodeKind)
EVENT_KINDS = frozenset({"start", "end", "intermediate", "boundary", "wait"})
GATEWAY_KINDS = frozenset({"exclusive", "parallel", "inclusive"})
ARTIFACT_KINDS = frozenset({"data", "annotation"})  # not on the sequence-flow path
ACTIVITY_KINDS = frozenset({"task", "subprocess"})
FlowKind = Literal["sequence", "message", "association"]
FLOW_KINDS: tuple[FlowKind, ...] = get_args(FlowKind)
Orientation = Literal["horizontal", "vertical"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    """A rectangle: top-left corner, width and height (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box, tolerance: float = 0.0) -> bool:
        t = tolerance
        return (self.x - t <= other.x and self.y - t <= other.y
                and other.right <= self.right + t and other.bottom <= self.bottom + t)


@dataclass(frozen=True)
class Pool:
    """A BPMN process, drawn as a pool when it is a collaboration's ``participant``."""

    id: str
    name: str = ""
    process_id: str = ""  # the BPMN process; "" for a participant with no process (black box)
    participant: bool = True
    orientation: Orientation = "horizontal"
    box: Box | None = None


@dataclass(frozen=True)
class Lane:
    """A lane; ``parent_id`` nests it in another lane, ``position`` orders siblings."""

    id: str
    name: str = ""
    pool_id: str | None = None
    parent_id: str | None = None
    position: int = 0
    orientation: Orientation = "horizontal"
    box: Box | None = None


@dataclass(frozen=True)
class Node:
    """A step, event, gateway or artifact.

    ``lane_id`` is the deepest lane that holds it; ``scope`` the sub-process it sits in;
    ``attached_to`` the activity a boundary event sits on. ``bpmn_type`` keeps the BPMN
    element it came from ("userTask", "transaction", "callActivity") and ``event`` its
    event definition ("message", "timer", "link:Name"), so an export gives them back.
    ``probability`` is, for a boundary event, the chance it fires per execution of its host.
    """

    id: str
    kind: NodeKind
    label: str = ""
    lane_id: str | None = None
    pool_id: str | None = None
    scope: str | None = None
    attached_to: str | None = None
    box: Box | None = None
    step: StepData = NO_DATA
    bpmn_type: str = ""
    event: str = ""
    interrupting: bool = True
    expanded: bool = False
    called: str = ""  # a call activity's calledElement
    probability: float | None = None

    @property
    def name(self) -> str:
        """How analyses name the node: its label, else its id."""
        return self.label.strip() or self.id


@dataclass(frozen=True)
class Flow:
    """A connector. Message flows may end on a pool (a black-box participant).

    ``probability`` is a gateway branch's share of cases (an inclusive gateway's branch:
    its chance of being taken); ``default`` marks a gateway's default flow.
    """

    id: str
    kind: FlowKind
    source: str
    target: str
    label: str = ""
    probability: float | None = None
    default: bool = False
    waypoints: tuple[Point, ...] = ()


@dataclass(frozen=True)
class ProcessMap:
    id: str
    name: str = ""
    time_unit: TimeUnit = "min"
    pools: tuple[Pool, ...] = ()
    lanes: tuple[Lane, ...] = ()
    nodes: tuple[Node, ...] = ()
    flows: tuple[Flow, ...] = ()
    description: str = ""

    @cached_property
    def node_by_id(self) -> Mapping[str, Node]:
        return {n.id: n for n in self.nodes}

    @cached_property
    def lane_by_id(self) -> Mapping[str, Lane]:
        return {lane.id: lane for lane in self.lanes}

    @cached_property
    def pool_by_id(self) -> Mapping[str, Pool]:
        return {p.id: p for p in self.pools}

    def node(self, node_id: str) -> Node:
        return self.node_by_id[node_id]

    def sequence_flows(self) -> list[Flow]:
        return [f for f in self.flows if f.kind == "sequence"]

    def child_lanes(self, lane_id: str | None, pool_id: str | None = None) -> list[Lane]:
        """Lanes directly under ``lane_id`` (or at the top of ``pool_id``), in order."""
        found = [lane for lane in self.lanes if lane.parent_id == lane_id
                 and (lane_id is not None or lane.pool_id == pool_id)]
        return sorted(found, key=lambda lane: lane.position)

    def leaf_lanes(self) -> list[Lane]:
        parents = {lane.parent_id for lane in self.lanes}
        return [lane for lane in self.lanes if lane.id not in parents]

    @property
    def vertical(self) -> bool:
        """Whether the map is drawn top to bottom (its first pool, else lane, says so)."""
        first = self.pools[:1] or self.lanes[:1]
        return bool(first) and first[0].orientation == "vertical"

    def in_scope(self, scope: str | None) -> list[Node]:
        return [n for n in self.nodes if n.scope == scope]


def canvas_of(pmap: ProcessMap, node: Node) -> str | None:
    """The canvas a node is drawn on: None for the map itself, else the id of the nearest
    collapsed sub-process around it (an expanded one draws its contents in place)."""
    scope = node.scope
    while scope is not None:
        holder = pmap.node_by_id[scope]
        if not holder.expanded:
            return scope
        scope = holder.scope
    return None


def submap(pmap: ProcessMap, subprocess_id: str) -> ProcessMap:
    """The map a sub-process opens: its nodes and the flows between them, no lanes."""
    inside = [replace(n, scope=None, lane_id=None) for n in pmap.in_scope(subprocess_id)]
    ids = {n.id for n in inside}
    flows = tuple(f for f in pmap.flows if f.source in ids and f.target in ids)
    name = pmap.node(subprocess_id).name
    return ProcessMap(id=subprocess_id, name=name, time_unit=pmap.time_unit,
                      nodes=tuple(inside), flows=flows)


def problems(pmap: ProcessMap) -> list[str]:
    """Every inconsistency in ``pmap``, one sentence each (empty when it is sound)."""
    found: list[str] = []
    found += _duplicates(pmap)
    nodes, lanes, pools = pmap.node_by_id, pmap.lane_by_id, pmap.pool_by_id
    for lane in pmap.lanes:
        if lane.parent_id is not None and lane.parent_id not in lanes:
            found.append(f"Lane '{lane.name or lane.id}' is inside lane '{lane.parent_id}', "
                         "which is not on the map.")
        if lane.pool_id is not None and lane.pool_id not in pools:
            found.append(f"Lane '{lane.name or lane.id}' is in pool '{lane.pool_id}', "
                         "which is not on the map.")
    for n in pmap.nodes:
        found += _node_problems(n, nodes, lanes, pools)
    for f in pmap.flows:
        for end in (f.source, f.target):
            if end not in nodes and not (f.kind == "message" and end in pools):
                found.append(f"Flow '{f.id}' connects '{end}', which is not on the map.")
        if f.probability is not None and not 0.0 <= f.probability <= 1.0:
            found.append(f"Flow '{f.id}' has probability {f.probability}, outside 0 to 1.")
    return found


def _duplicates(pmap: ProcessMap) -> list[str]:
    seen: set[str] = set()
    found = []
    ids: Iterable[str] = (x.id for group in (pmap.pools, pmap.lanes, pmap.nodes, pmap.flows)
                          for x in group)
    for item_id in ids:
        if item_id in seen:
            found.append(f"The id '{item_id}' is used twice on the map.")
        seen.add(item_id)
    return found


def _node_problems(n: Node, nodes: Mapping[str, Node], lanes: Mapping[str, Lane],
                   pools: Mapping[str, Pool]) -> list[str]:
    found = []
    refs = ((n.lane_id, lanes, "lane"), (n.pool_id, pools, "pool"), (n.scope, nodes, "scope"),
            (n.attached_to, nodes, "host"))
    for ref, table, what in refs:
        if ref is not None and ref not in table:
            found.append(f"'{n.name}' names {what} '{ref}', which is not on the map.")
    if n.kind == "boundary" and n.attached_to is None:
        found.append(f"Boundary event '{n.name}' is not attached to an activity.")
    if n.scope is not None and n.scope in nodes and nodes[n.scope].kind != "subprocess":
        found.append(f"'{n.name}' is inside '{nodes[n.scope].name}', which is not a sub-process.")
    s = n.step
    for label, p in (("probability", n.probability), ("rework probability",
                     s.rework_probability), ("first-pass yield", s.first_pass_yield)):
        if p is not None and not 0.0 <= p <= 1.0:
            found.append(f"'{n.name}' has {label} {p}, outside 0 to 1.")
    if s.waste is not None and s.value_class != "waste":
        found.append(f"'{n.name}' names waste '{s.waste}' but is not classed as waste.")
    for what, d in (("processing", s.processing), ("wait", s.wait)):
        if d is None:
            continue
        values = [d.value, *(d.spread or ())]
        if min(values) < 0:
            found.append(f"'{n.name}' has a negative {what} time.")
        spread = d.spread
        if spread is not None and not spread[0] <= spread[1] <= spread[2]:
            found.append(f"'{n.name}' {what} time: minimum, most likely and maximum "
                         "are not in order.")
    if s.cost is not None and s.cost < 0:
        found.append(f"'{n.name}' has a negative cost.")
    return found

