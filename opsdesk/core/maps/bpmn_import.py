"""BPMN 2.0 XML to a ``ProcessMap``: processes, pools, lanes, nodes, flows, DI, step data.

``import_bpmn(data)`` returns the map and its warnings, or raises ``BpmnError`` with one
sentence naming the element (nothing is half-imported: the map is only built when the
whole file has been read). Element types opsdesk has no kind for are imported as the
nearest kind, or skipped, with a warning saying which.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree.ElementTree import Element

from opsdesk.core.maps import bpmn_names as names
from opsdesk.core.maps.bpmn_di import read_diagram
from opsdesk.core.maps.bpmn_lanes import LaneSets, assign, by_geometry, read_lanes
from opsdesk.core.maps.bpmn_names import MODEL, OPSDESK, q, split
from opsdesk.core.maps.bpmn_parse import BpmnError, describe, index_ids, local_name, parse
from opsdesk.core.maps.bpmn_step_data import read_branch, read_step
from opsdesk.core.maps.model import (
    Flow,
    Node,
    NodeKind,
    Orientation,
    Pool,
    ProcessMap,
    problems,
)
from opsdesk.core.maps.units import TIME_UNITS

_COLLABORATION = frozenset({"participant", "messageFlow", "association", "extensionElements",
                            "documentation", "messageFlowAssociation", "conversationLink"})


@dataclass(frozen=True)
class Imported:
    map: ProcessMap
    warnings: tuple[str, ...] = ()


@dataclass
class _Reader:
    ids: dict[str, Element]
    nodes: dict[str, Node] = field(default_factory=dict)
    node_elements: dict[str, Element] = field(default_factory=dict)
    sequence: list[tuple[Element, str | None]] = field(default_factory=list)
    associations: list[Element] = field(default_factory=list)
    data_links: list[tuple[str, str, str]] = field(default_factory=list)  # id, source, target
    lanes: LaneSets = field(default_factory=LaneSets)
    warnings: list[str] = field(default_factory=list)


def read_bpmn(path: Path, name: str | None = None) -> Imported:
    """Import the BPMN file at ``path``."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise BpmnError(f"{path} cannot be read ({error.strerror or error}).") from None
    return import_bpmn(data, name=name or Path(path).stem, where=Path(path).name)


def import_bpmn(data: bytes, name: str | None = None, where: str = "the file") -> Imported:
    root = parse(data, where)
    reader = _Reader(index_ids(root))
    processes = root.findall(q(MODEL, "process"))
    collaborations = root.findall(q(MODEL, "collaboration"))
    if not processes and not collaborations:
        raise BpmnError(f"{where} has no <process> and no <collaboration>; there is nothing "
                        "to import.")
    pools = _pools(processes, collaborations)
    pool_of_process = {p.process_id: p.id for p in pools if p.process_id}
    for process in processes:
        pool_id = pool_of_process[process.get("id", "")]
        read_lanes(process, pool_id, reader.lanes)
        _read_container(reader, process, None, pool_id)
    _check_links(reader)
    flows = _sequence_flows(reader) + _message_flows(reader, collaborations, pools)
    flows += _associations(reader)
    diagram = read_diagram(root)
    if not diagram.present:
        reader.warnings.append(f"{where} has no diagram (BPMN DI); the map is laid out anew.")
    labels = {i: n.name for i, n in reader.nodes.items()}
    placed = assign(reader.lanes, set(reader.nodes), labels)
    by_geometry(reader.lanes, diagram.boxes, {i: n.pool_id or "" for i, n in
                                              reader.nodes.items()}, placed)
    for node_id, node in reader.nodes.items():
        host = reader.nodes.get(node.attached_to or "")
        reader.nodes[node_id] = replace(
            node, lane_id=placed.get(node_id), box=diagram.boxes.get(node_id),
            expanded=diagram.expanded.get(node_id, node.expanded))
        if host is not None and node.kind != "boundary":
            raise BpmnError(f"{describe(reader.node_elements[node_id])} is attached to an "
                            "activity but is not a boundary event.")
    lanes = [replace(lane, box=diagram.boxes.get(lane.id),
                     orientation=_orientation(diagram.horizontal.get(lane.id)))
             for lane in reader.lanes.lanes]
    pools = [replace(p, box=diagram.boxes.get(p.id),
                     orientation=_orientation(diagram.horizontal.get(p.id))) for p in pools]
    flows = [replace(f, waypoints=diagram.waypoints.get(f.id, ())) for f in flows]
    unit = root.get(q(OPSDESK, "timeUnit"), "min")
    pmap = ProcessMap(
        id=root.get("id") or "map", name=name or _default_name(root, pools),
        time_unit=unit if unit in TIME_UNITS else "min",
        pools=tuple(pools), lanes=tuple(lanes), nodes=tuple(reader.nodes.values()),
        flows=tuple(flows))
    found = problems(pmap)
    if found:
        raise BpmnError(found[0])
    return Imported(pmap, tuple([*reader.warnings, *reader.lanes.warnings]))


def _orientation(horizontal: bool | None) -> Orientation:
    return "vertical" if horizontal is False else "horizontal"


def _default_name(root: Element, pools: list[Pool]) -> str:
    return (root.get("name") or "").strip() or next(
        (p.name for p in pools if p.name), "Imported map")


def _pools(processes: list[Element], collaborations: list[Element]) -> list[Pool]:
    pools: list[Pool] = []
    referenced = set()
    for collaboration in collaborations:
        for part in collaboration.findall(q(MODEL, "participant")):
            ref = part.get("processRef", "")
            referenced.add(ref)
            pools.append(Pool(part.get("id", ""), (part.get("name") or "").strip(), ref))
    for process in processes:
        pid = process.get("id", "")
        if pid not in referenced:
            pools.append(Pool(pid, (process.get("name") or "").strip(), pid, participant=False))
    return pools


def _read_container(r: _Reader, container: Element, scope: str | None, pool_id: str) -> None:
    for child in container:
        namespace, tag = split(child.tag)
        if namespace != MODEL:
            continue
        if tag == "sequenceFlow":
            r.sequence.append((child, scope))
        elif tag == "association":
            r.associations.append(child)
        elif (kind := _kind(r, child, tag)) is not None:
            node = _node(child, kind, tag, scope, pool_id)
            r.nodes[node.id] = node
            r.node_elements[node.id] = child
            _data_links(r, child, node.id)
            if tag in names.CONTAINERS:
                _read_container(r, child, node.id, pool_id)
        elif tag not in names.SILENT:
            r.warnings.append(f"{describe(child)} is not a kind of element opsdesk maps; it "
                              "was left out.")


def _kind(r: _Reader, element: Element, tag: str) -> NodeKind | None:
    if tag in names.TASKS:
        return "task"
    if tag in names.SUBPROCESSES:
        return "subprocess"
    if tag in names.GATEWAYS:
        return names.GATEWAYS[tag]
    if tag in names.NEAREST_GATEWAYS:
        kind = names.NEAREST_GATEWAYS[tag]
        r.warnings.append(f"{describe(element)} was imported as an {kind} gateway.")
        return kind
    if tag in names.EVENTS:
        if tag == "intermediateCatchEvent" and _event(element) == "timer":
            return "wait"
        return names.EVENTS[tag]
    if tag in names.DATA:
        return "data"
    if tag in names.ANNOTATIONS:
        return "annotation"
    return None


def _event(element: Element) -> str:
    for child in element:
        local = split(child.tag)[1]
        if local.endswith("EventDefinition"):
            kind = local.removesuffix("EventDefinition")
            if kind == "link":  # paired by the definition's name, the event's if it has none
                name = child.get("name")
                return "link:" + (element.get("name", "") if name is None else name).strip()
            return kind
    return ""


def _node(e: Element, kind: NodeKind, tag: str, scope: str | None, pool_id: str) -> Node:
    label = (e.get("name") or "").strip()
    if kind == "annotation":
        text = e.find(q(MODEL, "text"))
        label = "" if text is None else (text.text or "").strip()
    step, probability = read_step(e)
    return Node(
        id=e.get("id", ""), kind=kind, label=label, pool_id=pool_id, scope=scope,
        attached_to=e.get("attachedToRef") or None, step=step, bpmn_type=tag,
        event=_event(e), interrupting=e.get("cancelActivity", "true").lower() != "false",
        called=e.get("calledElement", ""), probability=probability)


def _data_links(r: _Reader, activity: Element, activity_id: str) -> None:
    """Data associations of an activity, as associations between it and the data node."""
    for way, inward in (("dataInputAssociation", True), ("dataOutputAssociation", False)):
        for link in activity.findall(q(MODEL, way)):
            for ref in link.findall(q(MODEL, "sourceRef" if inward else "targetRef")):
                data_id = (ref.text or "").strip()
                ends = (data_id, activity_id) if inward else (activity_id, data_id)
                r.data_links.append((link.get("id") or f"{activity_id}_{data_id}", *ends))


def _check_links(r: _Reader) -> None:
    """Every link throw event needs a catch of the same name in its process, and back."""
    links: dict[tuple[str | None, str, str], list[Node]] = {}
    for node in r.nodes.values():
        if node.event.startswith("link:"):
            way = "catch" if r.node_elements[node.id].tag.endswith("CatchEvent") else "throw"
            links.setdefault((node.pool_id, way, node.event), []).append(node)
    for (pool, way, event), nodes in links.items():
        other = "catch" if way == "throw" else "throw"
        if (pool, other, event) not in links:
            raise BpmnError(f"Link event {describe(r.node_elements[nodes[0].id])} has no "
                            f"matching {other} link named '{event[5:]}' in its process.")


def _ends(r: _Reader, element: Element) -> tuple[str, str]:
    ends = []
    for attr in ("sourceRef", "targetRef"):
        ref = element.get(attr, "")
        if ref not in r.ids:
            raise BpmnError(f"{describe(element)} goes {'from' if attr[0] == 's' else 'to'} "
                            f"'{ref}', which is not in the file.")
        ends.append(ref)
    return ends[0], ends[1]


def _sequence_flows(r: _Reader) -> list[Flow]:
    flows = []
    defaults = {el.get("default") for el in r.node_elements.values() if el.get("default")}
    for element, _scope in r.sequence:
        source, target = _ends(r, element)
        for end in (source, target):
            if end not in r.nodes:
                raise BpmnError(f"{describe(element)} connects {describe(r.ids[end])}, which "
                                "is not a flow node.")
        a, b = r.nodes[source], r.nodes[target]
        if a.scope != b.scope:
            inner = r.nodes[a.scope or b.scope or ""]
            raise BpmnError(f"{describe(element)} crosses the border of sub-process "
                            f"'{inner.name}' (from '{a.name}' to '{b.name}'); a sequence flow "
                            "stays inside one process or sub-process.")
        flow_id = element.get("id", "")
        flows.append(Flow(flow_id, "sequence", source, target, (element.get("name") or "").strip(),
                          read_branch(element), flow_id in defaults))
    return flows


def _message_flows(r: _Reader, collaborations: list[Element], pools: list[Pool]) -> list[Flow]:
    pool_ids = {p.id for p in pools}
    flows = []
    for collaboration in collaborations:
        for element in collaboration.findall(q(MODEL, "messageFlow")):
            source, target = _ends(r, element)
            for end in (source, target):
                if end not in r.nodes and end not in pool_ids:
                    raise BpmnError(f"{describe(element)} connects {describe(r.ids[end])}, "
                                    "which is neither a node nor a pool.")
            flows.append(Flow(element.get("id", ""), "message", source, target,
                              (element.get("name") or "").strip()))
        r.associations += collaboration.findall(q(MODEL, "association"))
        for child in collaboration:
            namespace, tag = split(child.tag)
            if namespace == MODEL and tag not in _COLLABORATION:
                r.warnings.append(f"{describe(child)} is not a kind of element opsdesk maps; "
                                  "it was left out.")
    return flows


def _associations(r: _Reader) -> list[Flow]:
    flows = []
    items: list[tuple[str, str, str, Element | None]] = [
        (e.get("id", ""), *_ends(r, e), e) for e in r.associations]
    items += [(i, s, t, None) for i, s, t in r.data_links]
    for flow_id, source, target, element in items:
        if source in r.nodes and target in r.nodes:
            flows.append(Flow(flow_id, "association", source, target))
        elif element is not None:
            r.warnings.append(f"{describe(element)} attaches to a flow or a definition, not a "
                              "node; it was left out.")
    return flows


__all__ = ["BpmnError", "Imported", "import_bpmn", "local_name", "read_bpmn"]
