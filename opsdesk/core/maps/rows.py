"""A ``ProcessMap`` as rows of the workspace's map tables, and back.

Rows are plain dicts keyed by column. References between rows use the model's string
ids (the ``key`` column); the persistence layer swaps them for row ids when it writes.
What the schema has today (``maps``, ``map_lanes``, ``map_nodes``, ``map_edges``) holds
the labels, kinds, boxes and a JSON ``data`` column; the columns marked NEW below need a
migration (pools get a table of their own, ``map_pools``):

- maps: time_unit goes in ``data`` (JSON), so no new column;
- map_pools (NEW table): key, name, process_key, participant, orientation, position,
  x, y, width, height;
- map_lanes: key, parent (a lane), pool, orientation, x, y, width, height (all NEW);
- map_nodes: key, scope (a sub-process node), attached_to (a node), pool (all NEW);
  ``width`` NULL means "not placed yet"; step data and BPMN details go in ``data``;
- map_edges: key (NEW), and source/target may name a pool for a message flow to a
  black-box participant (today both must be nodes); probability, default flag and
  waypoints go in ``data``.
"""

from __future__ import annotations

from typing import Any

from opsdesk.core.maps.model import Box, Flow, Lane, Node, Point, Pool, ProcessMap
from opsdesk.core.maps.step_data import NO_DATA, Duration, StepData

Row = dict[str, Any]


def _box(box: Box | None) -> Row:
    if box is None:
        return {"x": 0.0, "y": 0.0, "width": None, "height": None}
    return {"x": box.x, "y": box.y, "width": box.w, "height": box.h}


def _unbox(row: Row) -> Box | None:
    if row.get("width") is None:
        return None
    return Box(row["x"], row["y"], row["width"], row["height"])


def _duration(d: Duration | None) -> Row | None:
    if d is None:
        return None
    out: Row = {"value": d.value, "unit": d.unit}
    out |= {k: v for k, v in (("low", d.low), ("mode", d.mode), ("high", d.high))
            if v is not None}
    return out


def _unduration(row: Row | None) -> Duration | None:
    if row is None:
        return None
    return Duration(row["value"], row["unit"], row.get("low"), row.get("mode"),
                    row.get("high"))


def step_to_json(step: StepData) -> Row:
    """Step data as a JSON-ready dict; empty fields are left out."""
    if step == NO_DATA:
        return {}
    row: Row = {"performer": step.performer, "processing": _duration(step.processing),
                "wait": _duration(step.wait), "cost": step.cost,
                "value_class": step.value_class, "waste": step.waste,
                "rework_probability": step.rework_probability,
                "first_pass_yield": step.first_pass_yield, "resources": list(step.resources),
                "kpi_id": step.kpi_id, "notes": step.notes}
    return {k: v for k, v in row.items() if v not in (None, "", [])}


def step_from_json(row: Row) -> StepData:
    if not row:
        return NO_DATA
    return StepData(
        performer=row.get("performer", ""), processing=_unduration(row.get("processing")),
        wait=_unduration(row.get("wait")), cost=row.get("cost"),
        value_class=row.get("value_class"), waste=row.get("waste"),
        rework_probability=row.get("rework_probability"),
        first_pass_yield=row.get("first_pass_yield"),
        resources=tuple(row.get("resources", ())), kpi_id=row.get("kpi_id"),
        notes=row.get("notes", ""))


def to_rows(pmap: ProcessMap) -> dict[str, list[Row]]:
    """Rows for ``maps``, ``map_pools``, ``map_lanes``, ``map_nodes`` and ``map_edges``."""
    return {
        "maps": [{"key": pmap.id, "name": pmap.name, "kind": "process",
                  "description": pmap.description, "data": {"time_unit": pmap.time_unit}}],
        "map_pools": [{"key": p.id, "name": p.name, "process_key": p.process_id,
                       "participant": p.participant, "orientation": p.orientation,
                       "position": i, **_box(p.box)} for i, p in enumerate(pmap.pools)],
        "map_lanes": [{"key": lane.id, "name": lane.name, "pool": lane.pool_id,
                       "parent": lane.parent_id, "position": lane.position,
                       "orientation": lane.orientation, **_box(lane.box)}
                      for lane in pmap.lanes],
        "map_nodes": [{"key": n.id, "kind": n.kind, "label": n.label, "lane": n.lane_id,
                       "pool": n.pool_id, "scope": n.scope, "attached_to": n.attached_to,
                       **_box(n.box), "data": _node_data(n)} for n in pmap.nodes],
        "map_edges": [{"key": f.id, "kind": f.kind, "source": f.source, "target": f.target,
                       "label": f.label, "data": _edge_data(f)} for f in pmap.flows],
    }


def _node_data(n: Node) -> Row:
    data: Row = {"step": step_to_json(n.step), "bpmn_type": n.bpmn_type, "event": n.event,
                 "called": n.called, "probability": n.probability}
    if not n.interrupting:
        data["interrupting"] = False
    if n.expanded:
        data["expanded"] = True
    return {k: v for k, v in data.items() if v not in (None, "", {})}


def _edge_data(f: Flow) -> Row:
    data: Row = {"probability": f.probability, "default": f.default or None,
                 "waypoints": [[p.x, p.y] for p in f.waypoints] or None}
    return {k: v for k, v in data.items() if v is not None}


def from_rows(rows: dict[str, list[Row]]) -> ProcessMap:
    head = rows["maps"][0]
    pools = tuple(Pool(r["key"], r["name"], r["process_key"], bool(r["participant"]),
                       r["orientation"], _unbox(r))
                  for r in sorted(rows["map_pools"], key=lambda r: r["position"]))
    lanes = tuple(Lane(r["key"], r["name"], r["pool"], r["parent"], r["position"],
                       r["orientation"], _unbox(r)) for r in rows["map_lanes"])
    nodes = tuple(_node(r) for r in rows["map_nodes"])
    flows = tuple(Flow(r["key"], r["kind"], r["source"], r["target"], r["label"],
                       r["data"].get("probability"), bool(r["data"].get("default")),
                       tuple(Point(x, y) for x, y in r["data"].get("waypoints", ())))
                  for r in rows["map_edges"])
    return ProcessMap(head["key"], head["name"], head["data"].get("time_unit", "min"), pools,
                      lanes, nodes, flows, head.get("description", ""))


def _node(r: Row) -> Node:
    d = r["data"]
    return Node(r["key"], r["kind"], r["label"], r["lane"], r["pool"], r["scope"],
                r["attached_to"], _unbox(r), step_from_json(d.get("step", {})),
                d.get("bpmn_type", ""), d.get("event", ""), d.get("interrupting", True),
                d.get("expanded", False), d.get("called", ""), d.get("probability"))
