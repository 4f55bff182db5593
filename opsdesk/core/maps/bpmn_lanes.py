"""Lanes from BPMN lane sets: nesting, order, and which lane holds each node.

A node listed by a lane and by the lane nested in it sits in the nested one; a node
listed by two lanes neither of which holds the other is refused. A leaf lane that lists
no nodes (some modelers place nodes by geometry only) is noted in the warnings, and the
nodes drawn inside it are put in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from opsdesk.core.maps.bpmn_names import MODEL, q
from opsdesk.core.maps.bpmn_parse import BpmnError
from opsdesk.core.maps.model import Box, Lane


@dataclass
class LaneSets:
    lanes: list[Lane] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # lane id -> node ids
    warnings: list[str] = field(default_factory=list)


def read_lanes(container: Element, pool_id: str, into: LaneSets) -> None:
    for lane_set in container.findall(q(MODEL, "laneSet")):
        _read_set(lane_set, pool_id, None, into)


def _read_set(lane_set: Element, pool_id: str, parent: str | None, into: LaneSets) -> None:
    for position, lane in enumerate(lane_set.findall(q(MODEL, "lane"))):
        lane_id = lane.get("id") or f"{pool_id}_lane{len(into.lanes) + 1}"
        into.lanes.append(Lane(lane_id, (lane.get("name") or "").strip(), pool_id, parent,
                               position))
        into.members[lane_id] = [(r.text or "").strip()
                                 for r in lane.findall(q(MODEL, "flowNodeRef"))]
        for child in lane.findall(q(MODEL, "childLaneSet")):
            _read_set(child, pool_id, lane_id, into)


def assign(sets: LaneSets, node_ids: set[str], label: Mapping[str, str]) -> dict[str, str]:
    """The deepest lane of each listed node; BpmnError for a node in two unrelated lanes."""
    by_id = {lane.id: lane for lane in sets.lanes}

    def ancestors(lane_id: str) -> list[str]:
        chain = []
        current: str | None = lane_id
        while current is not None:
            chain.append(current)
            current = by_id[current].parent_id
        return chain

    placed: dict[str, str] = {}
    for lane in sets.lanes:
        for ref in sets.members[lane.id]:
            if ref not in node_ids:
                raise BpmnError(f"Lane '{lane.name or lane.id}' lists '{ref}', which is not a "
                                "node in the file.")
            other = placed.get(ref)
            if other is None or other in ancestors(lane.id):
                placed[ref] = lane.id
            elif lane.id not in ancestors(other):
                a, b = by_id[other], lane
                how = "two sibling lanes" if a.parent_id == b.parent_id else "two lanes"
                raise BpmnError(f"'{label.get(ref, ref)}' is in {how}, '{a.name or a.id}' and "
                                f"'{b.name or b.id}'; a node belongs to one lane.")
    return placed


def by_geometry(sets: LaneSets, boxes: Mapping[str, Box], pools: Mapping[str, str],
                placed: dict[str, str]) -> None:
    """Put nodes (id -> pool) that no leaf lane lists into the empty leaf lane their box
    sits in (a node listed by the lane around that lane too)."""
    parents = {lane.parent_id for lane in sets.lanes}
    by_id = {lane.id: lane for lane in sets.lanes}

    def around(lane: Lane) -> set[str | None]:
        found: set[str | None] = {None}
        current = lane.parent_id
        while current is not None:
            found.add(current)
            current = by_id[current].parent_id
        return found

    for lane in sets.lanes:
        if lane.id in parents or sets.members[lane.id]:
            continue
        sets.warnings.append(f"Lane '{lane.name or lane.id}' lists no nodes; the nodes drawn "
                             "inside it are put in it.")
        area = boxes.get(lane.id)
        if area is None:
            continue
        outer = around(lane)
        for node_id, pool_id in pools.items():
            box = boxes.get(node_id)
            if (placed.get(node_id) in outer and box is not None and pool_id == lane.pool_id
                    and area.x <= box.cx <= area.right and area.y <= box.cy <= area.bottom):
                placed[node_id] = lane.id
