"""Building a value stream on its page: a new stream, and elements put into or taken out
of its flow, each one undoable command (DESIGN.md rule 3).

    NewValueStream(name, customer, supplier)   a new map with one process (its id back)
    InsertElement(map_id, after, element)      ``element`` right after element ``after``
                                               in the same flow (None: first in the
                                               stream); the new element's key back
    RemoveElement(map_id, key)                 the element taken out of its flow

An element's place is its ``order`` among the rows of its flow (same ``scope_id`` and
``branch``, see ``vsm_rows``): an insert moves the later ones one place on; a removal
leaves a gap, which the order still reads correctly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_commands import ImportValueStream
from opsdesk.core.maps.vsm_model import Delay, Inventory, Process, ValueStream
from opsdesk.core.maps.vsm_rows import element_data, kind_of
from opsdesk.core.maps.vsm_store import list_streams, load_stream
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

FIRST_PROCESS = "Process 1"


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class NewValueStream:
    """An empty value stream to draw with a team: its customer, its supplier and one
    process to start from."""

    name: str
    customer: str = ""
    supplier: str = ""
    title: str = "New value stream"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new map's id."""
        name = " ".join(self.name.split())
        if not name:
            raise OpsdeskError("A value stream needs a name; nothing was changed.")
        taken = next((s.name for s in list_streams(tx.conn)
                      if s.name.casefold() == name.casefold()), None)
        if taken is not None:
            raise OpsdeskError(f"A value stream named {taken!r} exists already; choose another "
                               "name. Nothing was changed.")
        stream = ValueStream(name, " ".join(self.customer.split()) or "Customer",
                             " ".join(self.supplier.split()) or "Supplier",
                             flow=(Process(FIRST_PROCESS),))
        return ImportValueStream(stream, title=self.title).apply(tx)


@dataclass(frozen=True)
class InsertElement:
    """``element`` put in right after element ``after`` (None: at the start of the
    stream, as on an empty one)."""

    map_id: int
    after: str | None
    element: Process | Inventory | Delay
    title: str = "Insert an element"

    def apply(self, tx: Transaction) -> Applied[str]:
        """The result is the new element's key."""
        stored = load_stream(tx.conn, self.map_id)
        if not isinstance(self.element, Inventory) and not self.element.name.strip():
            raise OpsdeskError(f"A {kind_of(self.element)} needs a name; nothing was changed.")
        scope: int | None = None
        branch, order = 0, -1
        if self.after is not None:
            row_id = stored.node_ids.get(self.after)
            if row_id is None:
                raise OpsdeskError(f"The value stream has no element {self.after!r}; nothing "
                                   "was changed.")
            scope, raw = tx.conn.execute("SELECT scope_id, data FROM map_nodes WHERE id = ?",
                                         (row_id,)).fetchone()
            data = json.loads(raw or "{}")
            branch, order = int(data.get("branch", 0)), int(data.get("order", 0))
        steps: list[Applied[Any]] = []
        for sibling, raw in tx.conn.execute(
                "SELECT id, data FROM map_nodes WHERE map_id = ? AND scope_id IS ?"
                " ORDER BY id", (self.map_id, scope)).fetchall():
            data = json.loads(raw or "{}")
            if int(data.get("branch", 0)) == branch and int(data.get("order", 0)) > order:
                moved = {**data, "order": int(data["order"]) + 1}
                steps.append(UpdateRow("map_nodes", sibling, {"data": _dump(moved)},
                                       self.title).apply(tx))
        top = int(tx.conn.execute("SELECT coalesce(max(id), 0) FROM map_nodes").fetchone()[0])
        key = f"e{top + 1}"
        row = {"id": top + 1, "map_id": self.map_id, "key": key,
               "kind": kind_of(self.element), "label": self.element.name, "scope_id": scope,
               "data": _dump({"order": order + 1, "branch": branch,
                              **element_data(self.element)})}
        steps.append(InsertRows("map_nodes", (row,), self.title).apply(tx))
        steps.append(UpdateRow("maps", self.map_id, {"updated_at": tx.at}, self.title).apply(tx))
        inverse = Batch(self.title, tuple(a.inverse for a in reversed(steps)))
        return Applied(inverse, Changes.MAPS, key)


@dataclass(frozen=True)
class RemoveElement:
    """Element ``key`` taken out of the stream (a parallel block with its branches)."""

    map_id: int
    key: str
    title: str = "Remove an element"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        row_id = stored.node_ids.get(self.key)
        if row_id is None:
            raise OpsdeskError(f"The value stream has no element {self.key!r}; nothing was "
                               "changed.")
        removed = DeleteRows("map_nodes", (row_id,), self.title).apply(tx)
        touched = UpdateRow("maps", self.map_id, {"updated_at": tx.at}, self.title).apply(tx)
        inverse = Batch(self.title, (touched.inverse, removed.inverse))
        return Applied(inverse, Changes.MAPS, None)
