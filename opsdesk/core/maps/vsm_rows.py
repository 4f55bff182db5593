"""A value stream as rows of the map tables, and back.

``maps``: kind 'value_stream', state 'current' or 'future', ``pair_id`` the other state;
its ``data`` holds ``{"value_stream": {customer, supplier, demand, shipments}}``, once
chosen ``"settings"``: the conventions its figures follow (``VsmSettings``), once stored
``"information"``: its information flows (``vsm_info_model``), and ``"bursts"``: its
kaizen bursts (``vsm_bursts``).
``map_nodes``: one row per flow element, ``kind`` process, inventory, delay or parallel,
``label`` its name, ``data`` its fields plus ``order`` (place in its flow) and
``branch`` (which branch of the parallel block ``scope_id`` names).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_bursts import bursts_of
from opsdesk.core.maps.vsm_info_model import information_data, information_of
from opsdesk.core.maps.vsm_inventory import INVENTORY_METHODS
from opsdesk.core.maps.vsm_metrics import DAY_BASES, VsmSettings
from opsdesk.core.maps.vsm_model import (
    Delay,
    Demand,
    Element,
    Family,
    Inventory,
    KpiLink,
    Parallel,
    Process,
    Shipment,
    ValueStream,
)

Row = dict[str, Any]
_PLAIN: dict[str, type[Process] | type[Inventory] | type[Delay]] = {
    "process": Process, "inventory": Inventory, "delay": Delay}


def kind_of(element: Element) -> str:
    if isinstance(element, Parallel):
        return "parallel"
    return {Process: "process", Inventory: "inventory", Delay: "delay"}[type(element)]


def element_data(element: Process | Inventory | Delay) -> Row:
    """The element's fields but its name, as JSON-ready values."""
    data = dataclasses.asdict(element)
    data.pop("name")
    return data


def element_of(kind: str, label: str, data: Row) -> Process | Inventory | Delay:
    cls = _PLAIN.get(kind)
    if cls is None:
        raise OpsdeskError(f"A value-stream element of kind {kind!r} is not known.")
    fields = {f.name for f in dataclasses.fields(cls)} - {"name"}
    values = {k: v for k, v in data.items() if k in fields}
    if "by_part" in values:
        values["by_part"] = tuple(Family(p["name"], p["quantity"]) for p in values["by_part"])
    if "links" in values:
        values["links"] = tuple(KpiLink(k["field"], int(k["kpi_id"])) for k in values["links"])
    return cls(label, **values)


def head_data(stream: ValueStream) -> Row:
    """What the ``maps`` row's data keeps of the stream."""
    demand = None if stream.demand is None else dataclasses.asdict(stream.demand)
    out: Row = {"value_stream": {"customer": stream.customer, "supplier": stream.supplier,
                                 "demand": demand,
                                 "shipments": [dataclasses.asdict(s) for s in stream.shipments]}}
    if stream.information.stored:  # else what the map keeps stays (its own commands')
        out["information"] = information_data(stream.information)
    return out


def demand_of(data: Row | None) -> Demand | None:
    if data is None:
        return None
    mix = tuple(Family(f["name"], f["quantity"]) for f in data.get("mix", ()))
    return Demand(**{**data, "mix": mix})


def settings_data(settings: VsmSettings) -> Row:
    return dataclasses.asdict(settings)


def settings_of(data: Row | None) -> VsmSettings:
    """The stored conventions; a value this version does not know falls to the default."""
    if not data:
        return VsmSettings()
    default = VsmSettings()
    method = data.get("inventory_method")
    basis = data.get("day_basis")
    return VsmSettings(
        method if method in INVENTORY_METHODS else default.inventory_method,
        bool(data.get("lead_time_includes_processing", False)),
        basis if basis in DAY_BASES else default.day_basis)


def stream_of(name: str, data: Row, nodes: list[Row]) -> ValueStream:
    """The stream from its head data and node rows (id, kind, label, scope_id, data)."""
    vs = data.get("value_stream", {})
    children: dict[int | None, list[Row]] = {}
    for n in nodes:
        children.setdefault(n["scope_id"], []).append(n)

    def flow(rows: list[Row]) -> tuple[Element, ...]:
        out: list[Element] = []
        for n in sorted(rows, key=lambda r: (r["data"].get("order", 0), r["id"])):
            if n["kind"] == "parallel":
                inside = children.get(n["id"], [])
                count = max((r["data"].get("branch", 0) for r in inside), default=-1) + 1
                branches = tuple(flow([r for r in inside if r["data"].get("branch", 0) == b])
                                 for b in range(count))
                out.append(Parallel(n["label"], branches))
            else:
                out.append(element_of(n["kind"], n["label"], n["data"]))
        return tuple(out)

    shipments = tuple(Shipment(**s) for s in vs.get("shipments", ()))
    return ValueStream(name, vs.get("customer", "Customer"), vs.get("supplier", "Supplier"),
                       demand_of(vs.get("demand")), flow(children.get(None, [])), shipments,
                       bursts_of(data.get("bursts")),
                       information=information_of(data.get("information")))


def flow_keys(nodes: list[Row]) -> tuple[str, ...]:
    """Each node's ``key`` in the order ``stream_of`` walks the flow, depth first: a
    parallel block before its branches' elements, branch by branch."""
    children: dict[int | None, list[Row]] = {}
    for n in nodes:
        children.setdefault(n["scope_id"], []).append(n)
    keys: list[str] = []

    def walk(rows: list[Row]) -> None:
        for n in sorted(rows, key=lambda r: (r["data"].get("order", 0), r["id"])):
            keys.append(n["key"])
            if n["kind"] == "parallel":
                inside = children.get(n["id"], [])
                count = max((r["data"].get("branch", 0) for r in inside), default=-1) + 1
                for b in range(count):
                    walk([r for r in inside if r["data"].get("branch", 0) == b])

    walk(children.get(None, []))
    return tuple(keys)


def node_rows(stream: ValueStream, map_id: int, first_id: int) -> list[Row]:
    """``map_nodes`` rows for every element, ids from ``first_id`` (parents first)."""
    rows: list[Row] = []

    def add(flow: tuple[Element, ...], scope: int | None, branch: int) -> None:
        for order, e in enumerate(flow):
            row_id = first_id + len(rows)
            data: Row = {"order": order, "branch": branch}
            if not isinstance(e, Parallel):
                data.update(element_data(e))
            rows.append({"id": row_id, "map_id": map_id, "key": f"e{row_id}",
                         "kind": kind_of(e), "label": e.name, "scope_id": scope,
                         "data": data})
            if isinstance(e, Parallel):
                for b, sub in enumerate(e.branches):
                    add(sub, row_id, b)

    add(stream.flow, None, 0)
    return rows
