"""The editor of one map: each finished gesture or key becomes one command.

It implements the canvas's ``EditTarget`` and the keys of the canvas (Delete, arrows,
F2, copy/paste/duplicate, select all, align and distribute). Every edit goes through
``AppContext.execute`` (the one write path, undoable); the page reloads the map when the
workspace says maps changed, and the canvas redraws what differs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

from opsdesk.core.maps import commands as mc
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
from opsdesk.core.maps.store import MapSummary
from opsdesk.core.workspace import Command
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.maps.arrange import align, distribute
from opsdesk.ui.maps.interactions import End
from opsdesk.ui.maps.map_canvas import MapCanvas

NUDGE, FINE_NUDGE = 10.0, 1.0
PASTE_OFFSET = 20.0
LANE_ROOM = 60.0  # kept free at a lane's end when a step is added near it
NEW_LANE = Box(20.0, 20.0, 1000.0, 160.0)  # a new map's first lane


class MapEditor(QObject):
    selected = Signal(object)  # the selected Node, or None
    rename_asked = Signal(str)  # a key whose label is to be edited in place

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.map_id: int | None = None
        self.pmap: ProcessMap | None = None
        self.canvas: MapCanvas | None = None
        self.clipboard: tuple[tuple[Node, ...], tuple[Flow, ...]] = ((), ())
        self.pastes = 0
        self.after_edit: Callable[[Any], None] | None = None  # told each command's result

    @property
    def read_only(self) -> bool:
        ws = self.ctx.workspace
        return ws is None or ws.read_only

    def run(self, command: Command[Any]) -> Any:
        """Apply ``command``; its result (a new key, a key mapping), or None if it failed."""
        if self.map_id is None or self.read_only:
            return None
        applied = self.ctx.execute(command)
        return None if applied is None else applied.result

    # -- gestures (EditTarget) ---------------------------------------------------------
    def move_nodes(self, moves: dict[str, tuple[float, float]]) -> None:
        if self.pmap is None or self.map_id is None:
            return
        boxes = {}
        for key, (x, y) in moves.items():
            old = self.pmap.node(key).box
            if old is not None:
                boxes[key] = Box(x, y, old.w, old.h)
        if boxes:
            self.run(mc.MoveNodes(self.map_id, boxes))

    def resize_node(self, node_id: str, box: Box) -> None:
        if self.map_id is not None:
            self.run(mc.resize_node(self.map_id, node_id, box))

    def connect_nodes(self, source: str, target: str) -> None:
        if self.map_id is None or self.pmap is None:
            return
        kind: FlowKind = "sequence"
        nodes = self.pmap.node_by_id
        a, b = nodes.get(source), nodes.get(target)
        if a is not None and b is not None:
            if "annotation" in (a.kind, b.kind) or "data" in (a.kind, b.kind):
                kind = "association"
            elif a.pool_id != b.pool_id:
                kind = "message"
        key = self.run(mc.Connect(self.map_id, source, target, kind))
        if key is not None and self.canvas is not None:
            self.canvas.scene.select(flow_ids=[key])

    def reconnect(self, flow_id: str, end: End, node_id: str) -> None:
        if self.map_id is None:
            return
        if end == "source":
            self.run(mc.Reconnect(self.map_id, flow_id, source=node_id))
        else:
            self.run(mc.Reconnect(self.map_id, flow_id, target=node_id))

    def move_lane(self, lane_id: str, before: str | None) -> None:
        if self.map_id is None or self.pmap is None:
            return
        lane = self.pmap.lane_by_id[lane_id]
        siblings = [x.id for x in self.pmap.child_lanes(lane.parent_id, lane.pool_id)
                    if x.id != lane_id]
        position = siblings.index(before) if before in siblings else len(siblings)
        self.run(mc.MoveLane(self.map_id, lane_id, position))

    def resize_lane(self, lane_id: str, size: float) -> None:
        if self.map_id is not None:
            self.run(mc.ResizeLane(self.map_id, lane_id, thickness=size))

    # -- adding ------------------------------------------------------------------------
    def place(self, kind: NodeKind, x: float, y: float) -> None:
        """A palette drop: the node at (x, y), connected from the selected step if one is."""
        nodes, _ = self.selected_keys()
        after = nodes[0] if len(nodes) == 1 and kind not in ("annotation", "data") else None
        self.add_after(kind, "", after, None, Point(x, y))

    def add_after(self, kind: NodeKind, label: str, after: str | None, lane: str | None,
                  at: Point | None = None) -> str | None:
        """A new node (in ``lane``, at ``at`` or right of ``after``), connected from
        ``after`` when given: one command, so one undo step. Returns its key."""
        from opsdesk.core.maps.edits import fresh_key, node_prefix
        from opsdesk.core.workspace.commands import Batch

        if self.map_id is None or self.pmap is None:
            return None
        if at is None:
            from opsdesk.ui.maps.capture import next_place

            at = next_place(self.pmap, after, lane, kind)
        key: str = fresh_key(self.pmap, node_prefix(kind))
        steps: list[Command[Any]] = [*self._grown(at, kind),
                                mc.AddNode(self.map_id, kind, label, lane, at=at, key=key)]
        if after is not None and after in self.pmap.node_by_id:
            steps.append(mc.Connect(self.map_id, after, key))
        title = f"Add '{label}'" if label else "Add step"
        if self.run(steps[0] if len(steps) == 1 else Batch(title, tuple(steps))) is None:
            return None
        if self.canvas is not None:
            self.canvas.scene.select([key])
        return key

    def _grown(self, at: Point, kind: NodeKind) -> list[Command[Any]]:
        """Longer lanes when a new node would stand past their end (none else)."""
        from opsdesk.core.maps.layout import SIZES

        assert self.pmap is not None and self.map_id is not None
        bands = [x.box for x in self.pmap.lanes if x.box is not None]
        if not bands or self.pmap.vertical:
            return []
        start, end = min(b.x for b in bands), max(b.right for b in bands)
        need = at.x + SIZES[kind][0] / 2 + LANE_ROOM
        if need <= end:
            return []
        return [mc.ResizeLane(self.map_id, self.pmap.lanes[0].id, length=need - start)]

    def new_map(self, known: list[MapSummary], name: str = "") -> int | None:
        """An empty map with one lane, named apart from the ``known`` maps; its id."""
        from opsdesk.core.maps.model import Lane

        ws = self.ctx.workspace
        if ws is None or ws.read_only:
            return None
        keys, names = {m.key for m in known}, {m.name for m in known}
        n = 1
        while f"Process_{n}" in keys or (not name and f"Process map {n}" in names):
            n += 1
        pmap = ProcessMap(f"Process_{n}", name or f"Process map {n}",
                          lanes=(Lane("Lane_1", "Lane 1", box=NEW_LANE),))
        applied = self.ctx.execute(mc.ImportMap(pmap, "New map"))
        return None if applied is None else int(applied.result)

    def delete_map(self) -> None:
        if self.map_id is not None:
            self.run(mc.DeleteMap(self.map_id))

    def add_lane(self, name: str = "") -> str | None:
        if self.map_id is None or self.pmap is None:
            return None
        n = len(self.pmap.leaf_lanes()) + 1
        key = self.run(mc.AddLane(self.map_id, name or f"Lane {n}"))
        return key if isinstance(key, str) else None

    def tidy_up(self) -> None:
        if self.map_id is not None:
            self.run(mc.AutoLayout(self.map_id))

    # -- keys --------------------------------------------------------------------------
    def selected_keys(self) -> tuple[list[str], list[str]]:
        if self.canvas is None:
            return [], []
        return self.canvas.scene.selected_node_ids(), self.canvas.scene.selected_flow_ids()

    def delete_selected(self) -> None:
        nodes, flows = self.selected_keys()
        self.delete_keys(tuple(nodes + flows))

    def delete_keys(self, keys: tuple[str, ...]) -> None:
        if self.map_id is not None and keys:
            self.run(mc.DeleteItems(self.map_id, keys))

    def delete_lane(self, key: str) -> None:
        if self.map_id is not None:
            self.run(mc.DeleteLane(self.map_id, key))

    def turn_lanes(self, orientation: Orientation) -> None:
        if self.map_id is not None:
            self.run(mc.SetOrientation(self.map_id, orientation))

    def nudge(self, dx: float, dy: float) -> None:
        if self.pmap is None:
            return
        nodes, _ = self.selected_keys()
        moves = {}
        for key in nodes:
            box = self.pmap.node(key).box
            if box is not None:
                moves[key] = (box.x + dx, box.y + dy)
        if moves:
            self.move_nodes(moves)

    def copy(self) -> None:
        if self.pmap is None:
            return
        nodes, _ = self.selected_keys()
        keep = set(nodes)
        keep |= {n.id for n in self.pmap.nodes if n.attached_to in keep}
        self.clipboard = (tuple(n for n in self.pmap.nodes if n.id in keep),
                          tuple(f for f in self.pmap.flows
                                if f.source in keep and f.target in keep))
        self.pastes = 0

    def paste(self) -> None:
        nodes, flows = self.clipboard
        if self.map_id is None or not nodes:
            return
        self.pastes += 1
        shift = PASTE_OFFSET * self.pastes
        keys = self.run(mc.Paste(self.map_id, nodes, flows, Point(shift, shift)))
        if isinstance(keys, dict) and self.canvas is not None:
            self.canvas.scene.select([keys[n.id] for n in nodes if n.id in keys],
                                     [keys[f.id] for f in flows if f.id in keys])

    def duplicate(self) -> None:
        kept = self.clipboard, self.pastes
        self.copy()
        self.paste()
        self.clipboard, self.pastes = kept

    def arrange(self, how: str) -> None:
        """Align the selection (left, centre, right, top, middle, bottom) or distribute
        it (across, down): one move of every shape that changes."""
        if self.pmap is None:
            return
        nodes, _ = self.selected_keys()
        boxes = {k: b for k in nodes if (b := self.pmap.node(k).box) is not None}
        new = distribute(boxes, how) if how in ("across", "down") else align(boxes, how)
        moves = {k: (b.x, b.y) for k, b in new.items() if b != boxes[k]}
        if moves:
            self.move_nodes(moves)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The canvas's own keys; False for the keys it leaves to others."""
        key, mods = event.key(), event.modifiers()
        fine = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        step = FINE_NUDGE if fine else NUDGE
        arrows = {Qt.Key.Key_Left: (-step, 0.0), Qt.Key.Key_Right: (step, 0.0),
                  Qt.Key.Key_Up: (0.0, -step), Qt.Key.Key_Down: (0.0, step)}
        if key in arrows and not mods & Qt.KeyboardModifier.ControlModifier:
            self.nudge(*arrows[key])  # type: ignore[index]
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return True
        if key == Qt.Key.Key_F2:
            nodes, flows = self.selected_keys()
            if len(nodes + flows) == 1:
                self.rename_asked.emit((nodes + flows)[0])
            return True
        for standard, action in ((QKeySequence.StandardKey.Copy, self.copy),
                                 (QKeySequence.StandardKey.Paste, self.paste),
                                 (QKeySequence.StandardKey.SelectAll, self.select_all)):
            if event.matches(standard):
                action()
                return True
        if key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier:
            self.duplicate()
            return True
        return False

    def select_all(self) -> None:
        if self.canvas is not None:
            scene = self.canvas.scene
            scene.select(list(scene.shapes), list(scene.connectors))

    def relabel(self, key: str, text: str) -> None:
        if self.map_id is None or self.pmap is None:
            return
        p = self.pmap
        now = (p.name if key == p.id else p.node_by_id[key].label if key in p.node_by_id
               else p.lane_by_id[key].name if key in p.lane_by_id else None)
        if now is None or now != text.strip():
            self.run(mc.Relabel(self.map_id, key, text))

    def set_branch(self, flow_id: str, probability: float | None) -> None:
        if self.map_id is not None:
            self.run(mc.SetBranch(self.map_id, flow_id, probability))

    def set_step(self, key: str, step: StepData, probability: float | None) -> None:
        if self.map_id is not None:
            self.run(mc.SetStepData(self.map_id, key, step, probability))
