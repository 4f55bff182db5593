"""BPMN diagram interchange (DI): shape bounds, edge waypoints, orientation, expansion."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from opsdesk.core.maps.bpmn_names import BPMNDI, DC, DI, q
from opsdesk.core.maps.bpmn_parse import BpmnError
from opsdesk.core.maps.model import Box, Point


@dataclass
class Diagram:
    """What the file's diagrams say about each model element, by its id."""

    present: bool = False
    boxes: dict[str, Box] = field(default_factory=dict)
    horizontal: dict[str, bool] = field(default_factory=dict)
    expanded: dict[str, bool] = field(default_factory=dict)
    waypoints: dict[str, tuple[Point, ...]] = field(default_factory=dict)


def _float(element: Element, name: str, owner: str) -> float:
    text = element.get(name, "")
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise BpmnError(f"The diagram of '{owner}' has {name} '{text}', which is not a number.")
    return value


def _flag(element: Element, name: str) -> bool | None:
    text = element.get(name)
    return None if text is None else text.strip().lower() == "true"


def read_diagram(root: Element) -> Diagram:
    diagram = Diagram()
    for plane in root.iter(q(BPMNDI, "BPMNPlane")):
        diagram.present = True
        for shape in plane.iter(q(BPMNDI, "BPMNShape")):
            ref = shape.get("bpmnElement")
            bounds = shape.find(q(DC, "Bounds"))
            if not ref or bounds is None:
                continue
            diagram.boxes[ref] = Box(*(_float(bounds, k, ref) for k in ("x", "y", "width",
                                                                        "height")))
            for key, table in (("isHorizontal", diagram.horizontal),
                               ("isExpanded", diagram.expanded)):
                value = _flag(shape, key)
                if value is not None:
                    table[ref] = value
        for edge in plane.iter(q(BPMNDI, "BPMNEdge")):
            ref = edge.get("bpmnElement")
            if ref:
                diagram.waypoints[ref] = tuple(
                    Point(_float(w, "x", ref), _float(w, "y", ref))
                    for w in edge.findall(q(DI, "waypoint")))
    return diagram
