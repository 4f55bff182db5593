"""A ``ProcessMap`` as BPMN 2.0 XML (UTF-8), with DI and opsdesk's step data.

Ids are written as the map holds them, so an imported file keeps its ids. Each pool is
a process (a participant of the collaboration when it is drawn); nodes outside any pool
go to one process of their own. Shapes without a box are laid out first (``layout``),
so every element is drawn where the canvas draws it.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from opsdesk.core.maps import bpmn_names as names
from opsdesk.core.maps.bpmn_names import BPMNDI, DC, DI, MODEL, OPSDESK, q
from opsdesk.core.maps.bpmn_step_data import write_branch, write_step
from opsdesk.core.maps.model import Box, Flow, Lane, Node, Pool, ProcessMap, canvas_of

PREFIXES = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "opsdesk": OPSDESK}
_TAGS_OF_KIND: dict[str, frozenset[str]] = {
    "task": names.TASKS, "subprocess": names.SUBPROCESSES,
    "exclusive": frozenset({"exclusiveGateway", "eventBasedGateway"}),
    "inclusive": frozenset({"inclusiveGateway", "complexGateway"}),
    "intermediate": frozenset({"intermediateCatchEvent", "intermediateThrowEvent"}),
    "data": names.DATA,
}


def export_bpmn(pmap: ProcessMap) -> bytes:
    """``pmap`` as a BPMN 2.0 file's bytes."""
    from opsdesk.core.maps.layout import with_layout

    pmap = with_layout(pmap)
    for prefix, namespace in PREFIXES.items():
        register_namespace(prefix, namespace)
    root = Element(q(MODEL, "definitions"), {
        "id": pmap.id, "name": pmap.name, "targetNamespace": f"urn:opsdesk:map:{pmap.id}",
        "exporter": "opsdesk", "exporterVersion": "1", q(OPSDESK, "timeUnit"): pmap.time_unit})
    processes = _processes(pmap)
    participants = [p for p in pmap.pools if p.participant]
    messages = [f for f in pmap.flows if f.kind == "message"]
    collaboration_id = f"{pmap.id}_collaboration"
    if participants or messages:
        collaboration = SubElement(root, q(MODEL, "collaboration"), {"id": collaboration_id})
        for pool in participants:
            attrs = {"id": pool.id, "name": pool.name}
            if pool.process_id:
                attrs["processRef"] = pool.process_id
            SubElement(collaboration, q(MODEL, "participant"), attrs)
        for flow in messages:
            SubElement(collaboration, q(MODEL, "messageFlow"), _flow_attrs(flow))
    for process_id, (pool_id, name) in processes.items():
        _process(root, pmap, process_id, pool_id, name)
    plane_of = collaboration_id if (participants or messages) else next(iter(processes), pmap.id)
    _diagram(root, pmap, plane_of)
    return bytes(tostring(root, encoding="UTF-8", xml_declaration=True))


def _processes(pmap: ProcessMap) -> dict[str, tuple[str | None, str]]:
    """process id -> (its pool id, its name), in the map's order."""
    found: dict[str, tuple[str | None, str]] = {}
    for pool in pmap.pools:
        if pool.process_id:
            found[pool.process_id] = (pool.id, pool.name)
    if not pmap.pools or any(n.pool_id is None for n in pmap.nodes):
        found[f"{pmap.id}_process"] = (None, pmap.name)
    return found


def _flow_attrs(flow: Flow) -> dict[str, str]:
    attrs = {"id": flow.id, "sourceRef": flow.source, "targetRef": flow.target}
    if flow.label:
        attrs["name"] = flow.label
    return attrs


def _process(root: Element, pmap: ProcessMap, process_id: str, pool_id: str | None,
             name: str) -> None:
    process = SubElement(root, q(MODEL, "process"), {"id": process_id, "isExecutable": "false"})
    if name:
        process.set("name", name)
    nodes = [n for n in pmap.nodes if n.pool_id == pool_id]
    lanes = [lane for lane in pmap.lanes if lane.pool_id == pool_id]
    if lanes:
        _lane_set(process, pmap, lanes, None, f"{process_id}_lanes", nodes)
    ids = {n.id for n in nodes}
    defaults = {f.source: f.id for f in pmap.flows if f.default}
    _container(process, pmap, nodes, None, defaults)
    for flow in pmap.flows:
        if flow.kind == "association" and flow.source in ids:
            SubElement(process, q(MODEL, "association"), _flow_attrs(flow))


def _lane_set(parent: Element, pmap: ProcessMap, lanes: list[Lane], parent_id: str | None,
              set_id: str, nodes: list[Node]) -> None:
    level = sorted((lane for lane in lanes if lane.parent_id == parent_id),
                   key=lambda lane: lane.position)
    if not level:
        return
    tag = "laneSet" if parent_id is None else "childLaneSet"
    lane_set = SubElement(parent, q(MODEL, tag), {"id": set_id})
    for lane in level:
        element = SubElement(lane_set, q(MODEL, "lane"), {"id": lane.id, "name": lane.name})
        inside = _lane_and_below(lane.id, lanes)
        for node in nodes:
            if node.lane_id in inside:
                SubElement(element, q(MODEL, "flowNodeRef")).text = node.id
        _lane_set(element, pmap, lanes, lane.id, f"{lane.id}_lanes", nodes)


def _lane_and_below(lane_id: str, lanes: Iterable[Lane]) -> set[str]:
    found = {lane_id}
    grew = True
    while grew:
        below = {lane.id for lane in lanes if lane.parent_id in found}
        grew = not below <= found
        found |= below
    return found


def _tag(node: Node) -> str:
    allowed = _TAGS_OF_KIND.get(node.kind)
    if allowed is not None and node.bpmn_type in allowed:
        return node.bpmn_type
    return names.EXPORT_TAG[node.kind]


def _container(parent: Element, pmap: ProcessMap, nodes: list[Node], scope: str | None,
               defaults: dict[str, str]) -> None:
    here = [n for n in nodes if n.scope == scope]
    ids = {n.id for n in here}
    for node in here:
        element = SubElement(parent, q(MODEL, _tag(node)), {"id": node.id})
        if element.tag == q(MODEL, "dataObjectReference"):
            SubElement(parent, q(MODEL, "dataObject"), {"id": f"{node.id}_object"})
        _node_attrs(element, node, defaults)
        write_step(element, node.step, node.probability)
        if node.kind == "subprocess" and element.tag != q(MODEL, "callActivity"):
            _container(element, pmap, nodes, node.id, defaults)
    for flow in pmap.flows:
        if flow.kind == "sequence" and flow.source in ids:
            element = SubElement(parent, q(MODEL, "sequenceFlow"), _flow_attrs(flow))
            write_branch(element, flow.probability)


def _node_attrs(element: Element, node: Node, defaults: dict[str, str]) -> None:
    if node.label and node.kind != "annotation":
        element.set("name", node.label)
    if node.kind == "annotation":
        SubElement(element, q(MODEL, "text")).text = node.label
    if node.kind == "boundary" and node.attached_to:
        element.set("attachedToRef", node.attached_to)
        element.set("cancelActivity", "true" if node.interrupting else "false")
    if node.called:
        element.set("calledElement", node.called)
    if node.id in defaults and node.kind in ("exclusive", "inclusive"):
        element.set("default", defaults[node.id])
    if element.tag == q(MODEL, "dataObjectReference"):
        element.set("dataObjectRef", f"{node.id}_object")
    event = "timer" if node.kind == "wait" and not node.event else node.event
    if event:
        kind, _, link = event.partition(":")
        definition = SubElement(element, q(MODEL, f"{kind}EventDefinition"))
        if kind == "link":
            definition.set("name", link)


def _bounds(parent: Element, box: Box) -> None:
    SubElement(parent, q(DC, "Bounds"), {"x": _n(box.x), "y": _n(box.y), "width": _n(box.w),
                                         "height": _n(box.h)})


def _n(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(float(value))


def _diagram(root: Element, pmap: ProcessMap, plane_of: str) -> None:
    """One diagram for the map, and one for each collapsed sub-process's contents."""
    canvases: dict[str | None, list[Node]] = {}
    for node in pmap.nodes:
        canvases.setdefault(canvas_of(pmap, node), []).append(node)
    for canvas, nodes in canvases.items():
        element = plane_of if canvas is None else canvas
        diagram = SubElement(root, q(BPMNDI, "BPMNDiagram"), {"id": f"{element}_diagram"})
        plane = SubElement(diagram, q(BPMNDI, "BPMNPlane"), {"id": f"{element}_plane",
                                                             "bpmnElement": element})
        _plane(plane, pmap, nodes, canvas is None)


def _plane(plane: Element, pmap: ProcessMap, nodes: list[Node], top: bool) -> None:
    bands: list[Pool | Lane] = [*pmap.pools, *pmap.lanes] if top else []
    for item in bands:
        if item.box is not None:
            shape = SubElement(plane, q(BPMNDI, "BPMNShape"), {
                "id": f"{item.id}_di", "bpmnElement": item.id,
                "isHorizontal": "true" if item.orientation == "horizontal" else "false"})
            _bounds(shape, item.box)
    ids = {n.id for n in nodes}
    for node in nodes:
        if node.box is not None:
            attrs = {"id": f"{node.id}_di", "bpmnElement": node.id}
            if node.kind == "subprocess":
                attrs["isExpanded"] = "true" if node.expanded else "false"
            _bounds(SubElement(plane, q(BPMNDI, "BPMNShape"), attrs), node.box)
    for flow in pmap.flows:
        if flow.waypoints and (flow.source in ids or (top and flow.source not in
                                                        pmap.node_by_id)):
            edge = SubElement(plane, q(BPMNDI, "BPMNEdge"), {"id": f"{flow.id}_di",
                                                            "bpmnElement": flow.id})
            for point in flow.waypoints:
                SubElement(edge, q(DI, "waypoint"), {"x": _n(point.x), "y": _n(point.y)})
