"""Every edit of a value stream's stored information flows as a command (DESIGN.md rule 3).

    AddInfoFlow(map_id, flow)               a flow drawn on top of the map (its index back)
    EditInfoFlow(map_id, index, flow)       flow ``index`` (0 first) replaced
    RemoveInfoFlow(map_id, index)           flow ``index`` taken off
    PlaceLevelingBox(map_id, at)            the load-levelling box at element ``at`` (None:
                                            none)
    PlaceKanbanPosts(map_id, at)            the kanban posts, at the elements ``at`` names

Each writes the map's ``data["information"]`` in one ``UpdateRow``, whose inverse is the
exact undo. ``copy_information`` carries them to a copy of the stream (its future state).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_info_model import (
    CUSTOMER,
    PRODUCTION_CONTROL,
    SUPPLIER,
    InfoFlow,
    Information,
    check_flow,
    check_key,
    information_data,
    rekeyed,
)
from opsdesk.core.maps.vsm_store import StoredStream, load_stream
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import UpdateRow


def _write(tx: Transaction, map_id: int, info: Information, title: str) -> Applied[None]:
    (raw,) = tx.conn.execute("SELECT data FROM maps WHERE id = ?", (map_id,)).fetchone()
    data = {**json.loads(raw or "{}"), "information": information_data(info)}
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    applied = UpdateRow("maps", map_id, {"data": text, "updated_at": tx.at}, title).apply(tx)
    return Applied(applied.inverse, Changes.MAPS, None)


def _flow_at(stored: StoredStream, index: int) -> InfoFlow:
    flows = stored.stream.information.flows
    if not 0 <= index < len(flows):
        raise OpsdeskError(f"The value stream has no information flow {index + 1} (it has "
                           f"{len(flows)}); nothing was changed.")
    return flows[index]


@dataclass(frozen=True)
class AddInfoFlow:
    """``flow`` added after the stream's stored flows; the result is its index."""

    map_id: int
    flow: InfoFlow
    title: str = "Add information flow"

    def apply(self, tx: Transaction) -> Applied[int]:
        stored = load_stream(tx.conn, self.map_id)
        info = stored.stream.information
        flows = (*info.flows, check_flow(self.flow, stored.keys))
        done = _write(tx, self.map_id, replace(info, flows=flows), self.title)
        return Applied(done.inverse, done.changes, len(flows) - 1)


@dataclass(frozen=True)
class EditInfoFlow:
    map_id: int
    index: int
    flow: InfoFlow
    title: str = "Edit information flow"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        _flow_at(stored, self.index)
        info = stored.stream.information
        flows = list(info.flows)
        flows[self.index] = check_flow(self.flow, stored.keys)
        return _write(tx, self.map_id, replace(info, flows=tuple(flows)), self.title)


@dataclass(frozen=True)
class RemoveInfoFlow:
    map_id: int
    index: int
    title: str = "Remove information flow"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        _flow_at(stored, self.index)
        info = stored.stream.information
        flows = info.flows[:self.index] + info.flows[self.index + 1:]
        return _write(tx, self.map_id, replace(info, flows=flows), self.title)


@dataclass(frozen=True)
class PlaceLevelingBox:
    """The load-levelling (heijunka) box at element ``at``, the pacemaker (None: none)."""

    map_id: int
    at: str | None
    title: str = "Place load-levelling box"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        if self.at is not None:
            check_key(self.at, stored.keys, "A load-levelling box")
        info = replace(stored.stream.information, leveling_at=self.at)
        return _write(tx, self.map_id, info, self.title)


@dataclass(frozen=True)
class PlaceKanbanPosts:
    """Kanban posts at the elements ``at`` names (each once, in the order given)."""

    map_id: int
    at: tuple[str, ...]
    title: str = "Place kanban posts"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        for key in self.at:
            check_key(key, stored.keys, "A kanban post")
        posts = tuple(dict.fromkeys(self.at))
        info = replace(stored.stream.information, kanban_posts=posts)
        return _write(tx, self.map_id, info, self.title)


def copy_information(tx: Transaction, source_id: int, copy_id: int, title: str
                     ) -> Applied[None] | None:
    """Map ``copy_id`` (a copy of ``source_id``'s flow, its elements in the same order)
    given ``source_id``'s information, its element keys made the copy's; None when the
    source stores none."""
    source = load_stream(tx.conn, source_id)
    if not source.stream.information.stored:
        return None
    copy = load_stream(tx.conn, copy_id)
    info = rekeyed(source.stream.information, source.keys, copy.keys)
    return _write(tx, copy_id, info, title)


def end_names(stored: StoredStream) -> dict[str, str]:
    """What each end a flow can have is called, in the order a list offers them:
    production control, the customer and the supplier (by their names), then the
    elements in flow order (an unnamed stock by the process before it). Parallel blocks
    are no end: their branches' elements are."""
    from opsdesk.core.maps.vsm_model import Delay, Element, Inventory, Parallel

    s = stored.stream
    names = {PRODUCTION_CONTROL: "Production control", CUSTOMER: s.customer or "Customer",
             SUPPLIER: s.supplier or "Supplier"}
    keys = iter(stored.keys)
    before = ""

    def walk(flow: tuple[Element, ...]) -> None:
        nonlocal before
        for e in flow:
            key = next(keys, None)
            if isinstance(e, Parallel):
                for branch in e.branches:
                    walk(branch)
                continue
            if key is None:
                return
            if isinstance(e, (Inventory, Delay)):
                names[key] = e.name or (f"Stock after {before}" if before else "Stock")
            else:
                names[key] = e.name
                before = e.name

    walk(s.flow)
    return names
