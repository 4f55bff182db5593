"""The diagram description that the canvas (Qt) and the PDF (reportlab) both draw.

Like ``charts.spec.ChartSpec``: geometry and meaning, no colours. A renderer maps each
``role`` (the node or flow kind), ``value_class`` and ``emphasis`` to its palette and
line styles. Coordinates are in diagram units (BPMN DI's pixels), y grows downwards.
Drawn in this order: bands (pools, then lanes), containers (expanded sub-processes,
outermost first), connectors, shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from opsdesk.core.maps.model import Box, FlowKind, NodeKind, Orientation, Point

Side = Literal["left", "right", "top", "bottom"]
Arrow = Literal["filled", "open", "none"]
StartMark = Literal["none", "circle"]
# Overlay flags: "critical" (on the critical path), "handoff" (a flow between lanes),
# "unreachable", "dead_end".
Emphasis = Literal["critical", "handoff", "unreachable", "dead_end"]


@dataclass(frozen=True)
class Port:
    side: Side
    at: Point


@dataclass(frozen=True)
class Shape:
    """A node as drawn. ``marker`` is the BPMN detail the role does not say: an event
    definition ("message", "timer", "link:A"), a task type ("userTask"), a sub-process
    type ("transaction", "callActivity")."""

    id: str
    role: NodeKind
    box: Box
    text: str
    ports: tuple[Port, ...]
    marker: str = ""
    interrupting: bool = True  # boundary events: solid (True) or dashed ring
    collapsed: bool = False  # a sub-process that opens its own map (drawn with "+")
    value_class: str | None = None
    linked_kpi: bool = False  # its time is read from a KPI: marked so
    heat: float | None = None  # wait time relative to the map's longest wait, 0..1
    emphasis: tuple[Emphasis, ...] = ()
    # an event's, gateway's or data object's label: its box, on this side of the shape
    # (``captions``); None for a shape that holds its label, or has none
    caption: Box | None = None
    caption_side: Side = "bottom"


@dataclass(frozen=True)
class Connector:
    """A flow as a routed polyline; ``points`` run from source to target."""

    id: str
    role: FlowKind
    points: tuple[Point, ...]
    source: str
    target: str
    arrow: Arrow = "filled"
    start_mark: StartMark = "none"
    dashed: bool = False
    label: str = ""
    label_at: Point | None = None
    default: bool = False  # a gateway's default flow (drawn with a slash)
    emphasis: tuple[Emphasis, ...] = ()
    # where the label lies from ``label_at``: "top" (above a level leg, centred) or
    # "right" (beside an upright leg, starting there)
    label_side: Side = "top"


@dataclass(frozen=True)
class Band:
    """A pool or lane: its box, its title and the strip the title sits in."""

    id: str
    role: Literal["pool", "lane"]
    box: Box
    title: str
    header: Box
    orientation: Orientation = "horizontal"
    depth: int = 0  # nesting: 0 for pools and top lanes


@dataclass(frozen=True)
class DiagramSpec:
    title: str
    width: float
    height: float
    bands: tuple[Band, ...] = ()
    containers: tuple[Shape, ...] = ()
    connectors: tuple[Connector, ...] = ()
    shapes: tuple[Shape, ...] = ()
    notes: tuple[str, ...] = ()
