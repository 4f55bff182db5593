"""Value streams in the workspace: the typed queries (rows in ``vsm_rows``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_metrics import VsmSettings
from opsdesk.core.maps.vsm_model import ValueStream
from opsdesk.core.maps.vsm_rows import flow_keys, settings_of, stream_of

State = Literal["current", "future"]
STATE_WORDS: dict[State, str] = {"current": "current state", "future": "future state"}


def state_title(name: str, state: State) -> str:
    """The stream's name with its state, said once: a future state named "… (future)", as
    one drawn from a current state is by default, reads "… (future state)"."""
    base = name.strip()
    if base.casefold().endswith(f"({state})"):
        base = base[: -len(state) - 2].rstrip()
    return f"{base} ({STATE_WORDS[state]})"


@dataclass(frozen=True)
class StreamSummary:
    id: int
    name: str
    state: State
    pair_id: int | None
    updated_at: str


@dataclass(frozen=True)
class StoredStream:
    """A value stream as stored, with the row id of each node by its key, the keys in
    flow order (depth first, as ``vsm_diagram`` and the metrics walk the flow), and the
    conventions its figures follow (chosen on its page, kept with the map)."""

    map_id: int
    state: State
    pair_id: int | None
    stream: ValueStream
    node_ids: dict[str, int]
    keys: tuple[str, ...] = ()
    settings: VsmSettings = field(default_factory=VsmSettings)


def list_streams(conn: sqlite3.Connection) -> list[StreamSummary]:
    """The value streams, by name (current before future)."""
    rows = conn.execute("SELECT id, name, state, pair_id, updated_at FROM maps"
                        " WHERE kind = 'value_stream'"
                        " ORDER BY name COLLATE NOCASE, state, id").fetchall()
    return [StreamSummary(*r) for r in rows]


def find_stream(conn: sqlite3.Connection, text: str) -> int:
    """The id of the value stream ``text`` names (its id, or its name in any case)."""
    streams = list_streams(conn)
    wanted = text.strip()
    if wanted.isdigit() and any(s.id == int(wanted) for s in streams):
        return int(wanted)
    named = [s for s in streams if s.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0].id
    if len(named) > 1:
        raise OpsdeskError(f"{len(named)} value streams are named {text!r}; name one by its "
                           f"id ({', '.join(str(s.id) for s in named)}).")
    known = "; ".join(f"{s.id} {s.name}" for s in streams) or "the workspace has none"
    raise OpsdeskError(f"There is no value stream {text!r} (value streams: {known}).")


def load_stream(conn: sqlite3.Connection, map_id: int) -> StoredStream:
    head = conn.execute("SELECT name, state, pair_id, data FROM maps"
                        " WHERE id = ? AND kind = 'value_stream'", (map_id,)).fetchone()
    if head is None:
        raise OpsdeskError(f"There is no value stream with id {map_id}; nothing was changed.")
    cursor = conn.execute("SELECT id, coalesce(key, 'e' || id), kind, label, scope_id, data"
                          " FROM map_nodes WHERE map_id = ? ORDER BY id", (map_id,))
    nodes = [{"id": r[0], "key": r[1], "kind": r[2], "label": r[3], "scope_id": r[4],
              "data": json.loads(r[5] or "{}")} for r in cursor]
    data = json.loads(head[3] or "{}")
    stream = stream_of(head[0], data, nodes)
    return StoredStream(map_id, head[1], head[2], stream, {n["key"]: n["id"] for n in nodes},
                        flow_keys(nodes), settings_of(data.get("settings")))
