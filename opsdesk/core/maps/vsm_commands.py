"""Every edit of a value stream as a command (DESIGN.md rule 3), with its exact inverse.

    ImportValueStream(stream)            a new map of kind 'value_stream' (its id back)
    CopyAsFuture(map_id, name)           the paired future state: a copy of the current
                                         one, linked both ways by ``pair_id``
    SetElement(map_id, key, element)     a data box, inventory or delay typed anew
    SetDemand(map_id, demand)            the customer demand and working pattern
    ReplaceStream(map_id, stream)        name, demand and the whole flow at once
    SetSettings(map_id, settings)        the conventions its figures follow
    DeleteMap (maps.commands)            removes a value stream like any map
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_bursts import bursts_data, rekeyed, renamed
from opsdesk.core.maps.vsm_info_commands import copy_information
from opsdesk.core.maps.vsm_metrics import VsmSettings
from opsdesk.core.maps.vsm_model import Delay, Demand, Inventory, Process, ValueStream
from opsdesk.core.maps.vsm_rows import (
    element_data,
    head_data,
    kind_of,
    node_rows,
    settings_data,
)
from opsdesk.core.maps.vsm_store import State, load_stream
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _names(keys: Sequence[str], stream: ValueStream) -> dict[str, str]:
    """Each element's name by its key (keys in flow order, depth first)."""
    from opsdesk.core.maps.vsm_links import walk

    return {k: e.name for k, e in zip(keys, walk(stream.flow), strict=False)}


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


@dataclass(frozen=True)
class ImportValueStream:
    """A whole value stream (from a table of steps, or a demo) as a new map."""

    stream: ValueStream
    state: State = "current"
    pair_id: int | None = None
    title: str = "Import value stream"
    settings: VsmSettings = field(default_factory=VsmSettings)
    # The keys the stream's bursts name its elements by, in flow order (a copy's source
    # map's); the bursts move to the new map's elements in the same places.
    keys: tuple[str, ...] = ()

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new map's id."""
        if not self.stream.name.strip():
            raise OpsdeskError("A value stream needs a name; nothing was changed.")
        data = {**head_data(self.stream), "settings": settings_data(self.settings)}
        if self.stream.bursts:
            first = int(tx.conn.execute("SELECT coalesce(max(id), 0) FROM map_nodes"
                                        ).fetchone()[0]) + 1
            new_keys = [r["key"] for r in node_rows(self.stream, 0, first)]
            data["bursts"] = bursts_data(rekeyed(self.stream.bursts, self.keys, new_keys))
        head = {"name": self.stream.name, "kind": "value_stream", "state": self.state,
                "pair_id": self.pair_id, "data": _dump(data),
                "created_at": tx.at, "updated_at": tx.at}
        map_id = InsertRows("maps", (head,), self.title).apply(tx).result[0]
        top = int(tx.conn.execute("SELECT coalesce(max(id), 0) FROM map_nodes").fetchone()[0])
        rows = [{**r, "data": _dump(r["data"])}
                for r in node_rows(self.stream, map_id, top + 1)]
        if rows:
            InsertRows("map_nodes", tuple(rows), self.title).apply(tx)
        return Applied(DeleteRows("maps", (map_id,), self.title), Changes.MAPS, map_id)


@dataclass(frozen=True)
class CopyAsFuture:
    """The future state of a current-state map: its copy, paired with it both ways."""

    map_id: int
    name: str = ""
    title: str = "Copy as future state"

    def apply(self, tx: Transaction) -> Applied[int]:
        stored = load_stream(tx.conn, self.map_id)
        if stored.state != "current":
            raise OpsdeskError(f"{stored.stream.name!r} is a future state already; copy its "
                               "current state instead. Nothing was changed.")
        name = self.name.strip() or f"{stored.stream.name} (future)"
        future = dataclasses.replace(stored.stream, name=name)
        # The future state follows the current state's conventions.
        made = ImportValueStream(future, "future", self.map_id, self.title,
                                 stored.settings, stored.keys).apply(tx)
        link = UpdateRow("maps", self.map_id, {"pair_id": made.result}, self.title).apply(tx)
        # Its stored information flows follow, naming the copy's own elements.
        copy_information(tx, self.map_id, made.result, self.title)
        inverse = Batch(self.title, (link.inverse, made.inverse))
        return Applied(inverse, Changes.MAPS, made.result)


@dataclass(frozen=True)
class SetElement:
    """A process's data box, an inventory or a delay, replaced by ``element``."""

    map_id: int
    key: str
    element: Process | Inventory | Delay
    title: str = "Edit value-stream data"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        row_id = stored.node_ids.get(self.key)
        if row_id is None:
            raise OpsdeskError(f"The value stream has no element {self.key!r}; nothing was "
                               "changed.")
        kind, data = tx.conn.execute("SELECT kind, data FROM map_nodes WHERE id = ?",
                                     (row_id,)).fetchone()
        if kind != kind_of(self.element):
            wanted = _a(kind_of(self.element))
            raise OpsdeskError(f"Element {self.key!r} is {_a(kind)}, not {wanted}; nothing "
                               "was changed.")
        old = json.loads(data or "{}")
        new = {"order": old.get("order", 0), "branch": old.get("branch", 0),
               **element_data(self.element)}
        applied = UpdateRow("map_nodes", row_id, {"label": self.element.name,
                                                  "data": _dump(new)}, self.title).apply(tx)
        return Applied(applied.inverse, Changes.MAPS, None)


@dataclass(frozen=True)
class SetDemand:
    """The customer demand and working pattern (None: no demand known)."""

    map_id: int
    demand: Demand | None
    title: str = "Set customer demand"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        stream = dataclasses.replace(stored.stream, demand=self.demand)
        (raw,) = tx.conn.execute("SELECT data FROM maps WHERE id = ?", (self.map_id,)).fetchone()
        data = {**json.loads(raw or "{}"), **head_data(stream)}  # keep what others store
        applied = UpdateRow("maps", self.map_id, {"data": _dump(data),
                                                  "updated_at": tx.at},
                            self.title).apply(tx)
        return Applied(applied.inverse, Changes.MAPS, None)



@dataclass(frozen=True)
class SetSettings:
    """The conventions the map's figures follow, kept with it for its page, the command
    line and the PDF."""

    map_id: int
    settings: VsmSettings
    title: str = "Change value-stream conventions"

    def apply(self, tx: Transaction) -> Applied[None]:
        load_stream(tx.conn, self.map_id)  # it exists, and is a value stream
        (raw,) = tx.conn.execute("SELECT data FROM maps WHERE id = ?", (self.map_id,)).fetchone()
        data = {**json.loads(raw or "{}"), "settings": settings_data(self.settings)}
        applied = UpdateRow("maps", self.map_id, {"data": _dump(data), "updated_at": tx.at},
                            self.title).apply(tx)
        return Applied(applied.inverse, Changes.MAPS, None)


@dataclass(frozen=True)
class ReplaceStream:
    """The map's name, demand and whole flow made ``stream``'s (one undo step): how a
    future state is redrawn at once, or a table of steps re-imported over a map."""

    map_id: int
    stream: ValueStream
    title: str = "Redraw value stream"

    def apply(self, tx: Transaction) -> Applied[None]:
        before = load_stream(tx.conn, self.map_id)  # it exists, and is a value stream
        if not self.stream.name.strip():
            raise OpsdeskError("A value stream needs a name; nothing was changed.")
        (raw,) = tx.conn.execute("SELECT data FROM maps WHERE id = ?", (self.map_id,)).fetchone()
        data = {**json.loads(raw or "{}"), **head_data(self.stream)}
        if before.stream.bursts:  # the map's bursts stay, each at the element of its name
            # the new nodes' first id, once this map's nodes are deleted (below)
            first = int(tx.conn.execute("SELECT coalesce(max(id), 0) FROM map_nodes"
                                        " WHERE map_id != ?", (self.map_id,)).fetchone()[0]) + 1
            data["bursts"] = bursts_data(renamed(
                before.stream.bursts, _names(before.keys, before.stream),
                _names([r["key"] for r in node_rows(self.stream, 0, first)], self.stream)))
        head = {"name": self.stream.name, "data": _dump(data), "updated_at": tx.at}
        steps: list[Applied[object]] = [UpdateRow("maps", self.map_id, head,
                                                  self.title).apply(tx)]
        ids = tuple(r[0] for r in tx.conn.execute(
            "SELECT id FROM map_nodes WHERE map_id = ? ORDER BY id", (self.map_id,)))
        if ids:
            steps.append(DeleteRows("map_nodes", ids, self.title).apply(tx))
        top = int(tx.conn.execute("SELECT coalesce(max(id), 0) FROM map_nodes").fetchone()[0])
        rows = tuple({**r, "data": _dump(r["data"])}
                     for r in node_rows(self.stream, self.map_id, top + 1))
        if rows:
            steps.append(InsertRows("map_nodes", rows, self.title).apply(tx))
        inverse = Batch(self.title, tuple(a.inverse for a in reversed(steps)))
        return Applied(inverse, Changes.MAPS, None)
