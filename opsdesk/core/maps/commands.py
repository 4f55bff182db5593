"""Every edit of a process map as a command (DESIGN.md rule 3).

How the canvas uses them: it holds the map as ``store.load_map(conn, map_id)`` gives it
(a ``ProcessMap`` whose elements are named by key, their ``id``), turns a gesture into
one of these commands and runs it through ``Workspace.execute`` (on the writer thread);
the ``Applied`` it gets back has the inverse (for its undo stack), the ``Changes`` (always
``Changes.MAPS``) and a ``result`` (the new key for AddNode, Connect and AddLane; the
copied-key -> new-key mapping for Paste; the map's id for ImportMap). Then it loads the
map again and draws ``diagram_spec`` of it. One gesture is one command, so one undo step:

    drag of a selection      MoveNodes(map_id, {key: Box, ...})   (boundary events on a
                             moved host follow it; a node dropped in another lane joins it)
    resize a shape           resize_node(map_id, key, box)
    palette drop             AddNode(map_id, "task", "Check credit", at=Point(x, y))
    typed name + Enter/Tab   AddNextStep(map_id, current_key, "Check credit", lane=None)
                             (connected to the current step; Tab: give the next lane)
    drag from an edge        Connect(map_id, source_key, target_key)
    drag a flow's end        Reconnect(map_id, flow_key, target=new_key)
    F2 / double-click        Relabel(map_id, key, text)   (node, flow, lane, pool; the
                             map's own key renames the map)
    properties panel         SetStepData(map_id, key, StepData(...)),
                             SetBranch(map_id, flow_key, 0.2)
    lanes                    AddLane, MoveLane (reorder), ResizeLane, DeleteLane,
                             SetOrientation; Relabel renames
    paste / duplicate        Paste(map_id, nodes, flows, offset)   (many rows, one command)
    Delete                   DeleteItems(map_id, keys)   (nodes take their flows)
    auto-layout              AutoLayout(map_id)

Each command loads the stored map, applies the pure edit (``edits``, ``lane_edits``,
``layout``), and writes only the rows that differ (``store.row_commands``), audited row
by row; the inverse puts back exactly the rows it changed. An edit that would make the
map inconsistent raises ``OpsdeskError`` and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.maps import edits, lane_edits
from opsdesk.core.maps.model import (
    Box,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    Orientation,
    Point,
    ProcessMap,
)
from opsdesk.core.maps.step_data import StepData
from opsdesk.core.maps.store import TABLES, StoredMap, load_stored, map_row, row_commands
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows


def write(tx: Transaction, stored: StoredMap, new: ProcessMap, title: str,
          result: Any = None) -> Applied[Any]:
    """Write the rows that make ``stored`` into ``new``, as one undoable step."""
    # Rows refer to rows the same step inserts (a pasted flow to a pasted node, a lane in
    # a new lane): the keys are checked at commit, when all of them are there.
    tx.conn.execute("PRAGMA defer_foreign_keys = ON")
    commands: tuple[Command[object], ...] = row_commands(tx.conn, stored, new, title)
    applied = Batch(title, commands).apply(tx)
    return Applied(applied.inverse, Changes.MAPS, result)


class _MapEdit:
    """A command that edits one stored map through a pure function of the model."""

    map_id: int
    title: str

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        raise NotImplementedError

    def apply(self, tx: Transaction) -> Applied[Any]:
        stored = load_stored(tx.conn, self.map_id)
        new, result = self.edited(stored.pmap)
        return write(tx, stored, new, self.title, result)


@dataclass(frozen=True)
class ImportMap:
    """A whole map (from BPMN, or a demo) as a new map in the workspace."""

    pmap: ProcessMap
    title: str = "Import map"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new map's id."""
        from opsdesk.core.maps.layout import with_layout

        pmap = with_layout(edits.checked(self.pmap))  # stored placed, as it is drawn
        map_id = InsertRows("maps", (map_row(self.pmap, tx.at),), self.title).apply(tx).result[0]
        empty = StoredMap(map_id, ProcessMap(pmap.id, pmap.name, pmap.time_unit,
                                             description=pmap.description),
                          {t: {} for t in TABLES}, {"time_unit": pmap.time_unit})
        write(tx, empty, pmap, self.title)
        return Applied(DeleteRows("maps", (map_id,), self.title), Changes.MAPS, map_id)


@dataclass(frozen=True)
class DeleteMap:
    map_id: int
    title: str = "Delete map"

    def apply(self, tx: Transaction) -> Applied[None]:
        applied = DeleteRows("maps", (self.map_id,), self.title).apply(tx)
        return Applied(applied.inverse, Changes.MAPS, None)


@dataclass(frozen=True)
class AddNode(_MapEdit):
    map_id: int
    kind: NodeKind
    label: str = ""
    lane: str | None = None
    box: Box | None = None
    at: Point | None = None
    step: StepData | None = None
    scope: str | None = None
    attached_to: str | None = None
    key: str | None = None  # given, a command after this one in a Batch can name the node
    title: str = "Add step"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.add_node(pmap, self.kind, self.label, self.lane, self.box, self.at,
                              self.step, self.scope, self.attached_to, self.key)


@dataclass(frozen=True)
class AddNextStep(_MapEdit):
    """Workshop capture: a named step after ``after``, connected to it, in one undo step."""

    map_id: int
    after: str
    label: str
    lane: str | None = None
    title: str = "Add step"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.add_next(pmap, self.after, self.label, self.lane)


@dataclass(frozen=True)
class MoveNodes(_MapEdit):
    map_id: int
    boxes: Mapping[str, Box]
    title: str = "Move"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.move_nodes(pmap, self.boxes), None


def resize_node(map_id: int, key: str, box: Box) -> MoveNodes:
    return MoveNodes(map_id, {key: box}, "Resize")


@dataclass(frozen=True)
class Connect(_MapEdit):
    map_id: int
    source: str
    target: str
    kind: FlowKind = "sequence"
    label: str = ""
    title: str = "Connect"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.connect(pmap, self.source, self.target, self.kind, self.label)


@dataclass(frozen=True)
class Reconnect(_MapEdit):
    map_id: int
    flow: str
    source: str | None = None
    target: str | None = None
    title: str = "Reconnect"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.reconnect(pmap, self.flow, self.source, self.target), None


@dataclass(frozen=True)
class Relabel(_MapEdit):
    map_id: int
    key: str
    label: str
    title: str = "Rename"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.relabel(pmap, self.key, self.label), None


@dataclass(frozen=True)
class SetStepData(_MapEdit):
    map_id: int
    key: str
    step: StepData
    probability: float | None = None  # a boundary event's chance of firing
    title: str = "Set step data"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.set_step(pmap, self.key, self.step, self.probability), None


@dataclass(frozen=True)
class SetBranch(_MapEdit):
    map_id: int
    flow: str
    probability: float | None
    default: bool = False
    title: str = "Set branch probability"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.set_branch(pmap, self.flow, self.probability, self.default), None


@dataclass(frozen=True)
class Paste(_MapEdit):
    map_id: int
    nodes: tuple[Node, ...]
    flows: tuple[Flow, ...] = ()
    offset: Point = field(default_factory=lambda: Point(20.0, 20.0))
    title: str = "Paste"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.paste(pmap, self.nodes, self.flows, self.offset)


@dataclass(frozen=True)
class DeleteItems(_MapEdit):
    map_id: int
    keys: tuple[str, ...]
    title: str = "Delete"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return edits.delete(pmap, self.keys), None


@dataclass(frozen=True)
class AutoLayout(_MapEdit):
    map_id: int
    title: str = "Auto-layout"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        from opsdesk.core.maps.layout import auto_layout

        return auto_layout(pmap), None


@dataclass(frozen=True)
class AddLane(_MapEdit):
    map_id: int
    name: str
    parent: str | None = None
    pool: str | None = None
    position: int | None = None
    title: str = "Add lane"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return lane_edits.add_lane(pmap, self.name, self.parent, self.pool, self.position)


@dataclass(frozen=True)
class MoveLane(_MapEdit):
    map_id: int
    key: str
    position: int
    title: str = "Move lane"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return lane_edits.move_lane(pmap, self.key, self.position), None


@dataclass(frozen=True)
class ResizeLane(_MapEdit):
    map_id: int
    key: str
    thickness: float | None = None
    length: float | None = None
    title: str = "Resize lane"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return lane_edits.resize_lane(pmap, self.key, self.thickness, self.length), None


@dataclass(frozen=True)
class DeleteLane(_MapEdit):
    map_id: int
    key: str
    title: str = "Delete lane"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return lane_edits.delete_lane(pmap, self.key), None


@dataclass(frozen=True)
class SetOrientation(_MapEdit):
    map_id: int
    orientation: Orientation
    title: str = "Turn lanes"

    def edited(self, pmap: ProcessMap) -> tuple[ProcessMap, Any]:
        return lane_edits.set_orientation(pmap, self.orientation), None
