"""The counts ``opsdesk map import --json`` prints for an imported map.

Counting rules (issue 11): tasks are every BPMN task type anywhere, inside sub-processes
too; sub-processes count sub-processes, transactions, ad-hoc sub-processes and call
activities together; events include boundary and intermediate events (a timer catch,
which opsdesk draws as a wait, is one); gateways are all kinds; lanes are every lane,
nested and unnamed ones included, and leaf lanes those with no lanes inside; pools are
participants only, processes every BPMN process.
"""

from __future__ import annotations

from typing import Any

from opsdesk.core.maps.bpmn_import import Imported
from opsdesk.core.maps.model import EVENT_KINDS, GATEWAY_KINDS, ProcessMap


def counts(pmap: ProcessMap) -> dict[str, int]:
    kinds = [n.kind for n in pmap.nodes]
    return {
        "processes": sum(1 for p in pmap.pools if p.process_id),
        "pools": sum(1 for p in pmap.pools if p.participant),
        "lanes": len(pmap.lanes),
        "leaf_lanes": len(pmap.leaf_lanes()),
        "tasks": kinds.count("task"),
        "subprocesses": kinds.count("subprocess"),
        "events": sum(1 for k in kinds if k in EVENT_KINDS),
        "gateways": sum(1 for k in kinds if k in GATEWAY_KINDS),
        "sequence_flows": sum(1 for f in pmap.flows if f.kind == "sequence"),
        "message_flows": sum(1 for f in pmap.flows if f.kind == "message"),
    }


def import_summary(imported: Imported, map_key: str | int) -> dict[str, Any]:
    """The ``map import --json`` object; ``map_key`` is what names the map in the workspace."""
    return {"map": map_key, **counts(imported.map), "warnings": list(imported.warnings)}
