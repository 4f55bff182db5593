"""Process maps in the workspace: the typed queries, and the rows an edit writes.

The tables (format 4): ``maps`` (kind 'process'), ``map_pools``, ``map_lanes``,
``map_nodes``, ``map_edges``. Rows refer to each other by row id; the model by key (each
element's ``id``, kept in the ``key`` column). ``load_stored`` reads a map with the row id
of every key; ``row_commands`` turns an edited ``ProcessMap`` into the inserts, updates
and deletes of rows that make the workspace hold it (used by ``maps.commands``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.model import ProcessMap
from opsdesk.core.maps.rows import from_rows, to_rows
from opsdesk.core.workspace.commands import Command
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

Row = dict[str, Any]
# The element tables, in the order rows are inserted (referred-to first).
TABLES = ("map_pools", "map_lanes", "map_nodes", "map_edges")
_COLUMNS = {
    "map_pools": ("id", "map_id", "key", "name", "process_key", "participant", "orientation",
                  "position", "x", "y", "width", "height"),
    "map_lanes": ("id", "map_id", "key", "name", "position", "parent_id", "pool_id",
                  "orientation", "x", "y", "width", "height"),
    "map_nodes": ("id", "map_id", "key", "kind", "label", "lane_id", "pool_id", "scope_id",
                  "attached_to_id", "x", "y", "width", "height", "data"),
    "map_edges": ("id", "map_id", "key", "kind", "source_id", "target_id", "source_pool_id",
                  "target_pool_id", "label", "data"),
}
# Reference columns: (model row field, workspace column, table it points into).
_REFS = {
    "map_lanes": (("parent", "parent_id", "map_lanes"), ("pool", "pool_id", "map_pools")),
    "map_nodes": (("lane", "lane_id", "map_lanes"), ("pool", "pool_id", "map_pools"),
                  ("scope", "scope_id", "map_nodes"),
                  ("attached_to", "attached_to_id", "map_nodes")),
}
Ids = Mapping[str, Mapping[str, int]]  # table -> key -> row id


@dataclass(frozen=True)
class MapSummary:
    id: int
    key: str
    name: str
    description: str
    steps: int  # tasks and sub-processes
    flows: int
    lanes: int
    updated_at: str


@dataclass(frozen=True)
class StoredMap:
    """A map as the workspace holds it: the model and the row id of every key."""

    map_id: int
    pmap: ProcessMap
    ids: Ids
    data: Mapping[str, Any]  # the maps row's JSON data (time unit and what others keep)


def list_maps(conn: sqlite3.Connection) -> list[MapSummary]:
    """The process maps, by name."""
    rows = conn.execute(
        "SELECT m.id, coalesce(m.key, 'map_' || m.id), m.name, m.description, m.updated_at,"
        " (SELECT count(*) FROM map_nodes n WHERE n.map_id = m.id"
        "  AND n.kind IN ('task', 'subprocess')),"
        " (SELECT count(*) FROM map_edges e WHERE e.map_id = m.id),"
        " (SELECT count(*) FROM map_lanes l WHERE l.map_id = m.id)"
        " FROM maps m WHERE m.kind = 'process' ORDER BY m.name COLLATE NOCASE, m.id").fetchall()
    return [MapSummary(r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[4]) for r in rows]


def find_map(conn: sqlite3.Connection, text: str) -> int:
    """The id of the map that ``text`` names: its id (what ``map import`` prints), or its
    name in any case; else an error naming the maps there are."""
    maps = list_maps(conn)
    wanted = text.strip()
    if wanted.isdigit() and any(m.id == int(wanted) for m in maps):
        return int(wanted)
    named = [m for m in maps if m.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0].id
    if len(named) > 1:
        raise OpsdeskError(f"{len(named)} maps are named {text!r}; name one by its id "
                           f"({', '.join(str(m.id) for m in named)}).")
    known = "; ".join(f"{m.id} {m.name}" for m in maps) or "the workspace has none"
    raise OpsdeskError(f"There is no process map {text!r} (maps: {known}).")


def _fetch(conn: sqlite3.Connection, table: str, map_id: int) -> list[Row]:
    cols = _COLUMNS[table]
    order = "position, id" if table == "map_pools" else "id"
    cursor = conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE map_id = ?"
                          f" ORDER BY {order}", (map_id,))
    return [dict(zip(cols, r, strict=True)) for r in cursor]


def load_stored(conn: sqlite3.Connection, map_id: int) -> StoredMap:
    head = conn.execute("SELECT id, coalesce(key, 'map_' || id), name, description, data"
                        " FROM maps WHERE id = ? AND kind = 'process'", (map_id,)).fetchone()
    if head is None:
        raise OpsdeskError(f"There is no process map with id {map_id}; nothing was changed.")
    prefix = {"map_pools": "pool", "map_lanes": "lane", "map_nodes": "node",
              "map_edges": "flow"}
    raw = {t: _fetch(conn, t, map_id) for t in TABLES}
    keys = {t: {r["id"]: r["key"] or f"{prefix[t]}_{r['id']}" for r in rows}
            for t, rows in raw.items()}
    data = json.loads(head[4] or "{}")
    model: dict[str, list[Row]] = {
        "maps": [{"key": head[1], "name": head[2], "description": head[3], "data": data}]}
    for table, rows in raw.items():
        model[table] = [_model_row(table, r, keys) for r in rows]
    ids = {t: {k: i for i, k in by_id.items()} for t, by_id in keys.items()}
    return StoredMap(map_id, from_rows(model), ids, data)


def _model_row(table: str, r: Row, keys: Mapping[str, Mapping[int, str]]) -> Row:
    out = dict(r, key=keys[table][r["id"]])
    for field, column, target in _REFS.get(table, ()):
        out[field] = None if r[column] is None else keys[target][r[column]]
    if table == "map_edges":
        for end in ("source", "target"):
            node, pool = r[f"{end}_id"], r[f"{end}_pool_id"]
            out[end] = keys["map_nodes"][node] if node is not None else keys["map_pools"][pool]
    if "data" in r:
        out["data"] = json.loads(r["data"] or "{}")
    return out


def load_map(conn: sqlite3.Connection, map_id: int) -> ProcessMap:
    return load_stored(conn, map_id).pmap


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def workspace_rows(pmap: ProcessMap, map_id: int, ids: Ids) -> dict[str, dict[int, Row]]:
    """``pmap`` as workspace rows by row id; ``ids`` must give every key a row id."""
    model = to_rows(pmap)
    out: dict[str, dict[int, Row]] = {}
    for table in TABLES:
        rows: dict[int, Row] = {}
        for r in model[table]:
            row: Row = {"map_id": map_id, **r, "id": ids[table][r["key"]]}
            for field, column, target in _REFS.get(table, ()):
                ref = row.pop(field)
                row[column] = None if ref is None else ids[target][ref]
            if table == "map_pools":
                row["participant"] = int(bool(row["participant"]))
            if table == "map_edges":
                for end in ("source", "target"):
                    ref = row.pop(end)
                    node = ids["map_nodes"].get(ref)
                    row[f"{end}_id"] = node
                    row[f"{end}_pool_id"] = None if node is not None else ids["map_pools"][ref]
            if "data" in row:
                row["data"] = _dump(row["data"])
            rows[row["id"]] = {c: row.get(c) for c in _COLUMNS[table]}
        out[table] = rows
    return out


def _with_new_ids(conn: sqlite3.Connection, stored: StoredMap, new: ProcessMap) -> Ids:
    """``stored.ids`` and a fresh row id for every key ``new`` adds."""
    model = to_rows(new)
    ids: dict[str, dict[str, int]] = {}
    for table in TABLES:
        known = dict(stored.ids[table])
        top = int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        for r in model[table]:
            if r["key"] not in known:
                top += 1
                known[r["key"]] = top
        ids[table] = known
    return ids


def row_commands(conn: sqlite3.Connection, stored: StoredMap, new: ProcessMap,
                 title: str) -> tuple[Command[object], ...]:
    """The row commands that turn ``stored`` into ``new``: inserts (referred-to tables
    first), then updates of the columns that differ, then deletes (flows first; deleting a
    node or lane takes what hangs off it, and undoing it brings that back)."""
    ids = _with_new_ids(conn, stored, new)
    before = workspace_rows(stored.pmap, stored.map_id, stored.ids)
    after = workspace_rows(new, stored.map_id, ids)
    inserts: list[Command[object]] = []
    updates: list[Command[object]] = []
    deletes: list[Command[object]] = []
    for table in TABLES:
        old, now = before[table], after[table]
        added = tuple(now[i] for i in now if i not in old)
        if added:
            inserts.append(InsertRows(table, added, title))
        for i in now:
            if i in old:
                changed = {c: v for c, v in now[i].items() if old[i][c] != v}
                if changed:
                    updates.append(UpdateRow(table, i, changed, title))
    for table in reversed(TABLES):
        gone = tuple(i for i in before[table] if i not in after[table])
        if gone:
            deletes.append(DeleteRows(table, gone, title))
    head = _head_update(stored, new, title)
    return (*inserts, *updates, *head, *deletes)


def _head_update(stored: StoredMap, new: ProcessMap, title: str
                 ) -> tuple[Command[object], ...]:
    old = stored.pmap
    values: Row = {}
    if new.name != old.name:
        values["name"] = new.name
    if new.description != old.description:
        values["description"] = new.description
    if new.id != old.id:
        values["key"] = new.id
    if new.time_unit != old.time_unit:
        values["data"] = _dump({**stored.data, "time_unit": new.time_unit})
    if not values:
        return ()
    return (UpdateRow("maps", stored.map_id, values, title),)


def map_row(pmap: ProcessMap, at: str) -> Row:
    """The ``maps`` row of a new process map."""
    return {"key": pmap.id, "name": pmap.name, "kind": "process",
            "description": pmap.description, "data": _dump({"time_unit": pmap.time_unit}),
            "created_at": at, "updated_at": at}
