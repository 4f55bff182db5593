"""Kaizen bursts on a value stream, each edit one undoable command (DESIGN.md rule 3).

    AddBurst(map_id, at, text, owner, project_id)   a burst at element ``at`` (its id back)
    EditBurst(map_id, burst_id, text, owner, project_id, at)
    RemoveBurst(map_id, burst_id)
    RaiseBurstAction(map_id, burst_id, due)          an improvement action from the burst,
                                                     its source the burst's element (its id)

Each checks its input first (the map, the element, the burst, the project), so a refused
one changes nothing; the bursts are written into the map's data (``vsm_bursts``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.maps.vsm_bursts import bursts_data, cleaned, next_id
from opsdesk.core.maps.vsm_links import walk
from opsdesk.core.maps.vsm_model import KaizenBurst, Parallel
from opsdesk.core.maps.vsm_store import StoredStream, load_stream
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction
from opsdesk.core.workspace.row_commands import UpdateRow


def _dump(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _check_at(stored: StoredStream, at: str) -> None:
    """``at`` names a process, inventory or delay of the map (a parallel block holds its
    branches' elements, where a burst goes)."""
    elements = dict(zip(stored.keys, walk(stored.stream.flow), strict=False))
    element = elements.get(at)
    if element is None or isinstance(element, Parallel):
        raise OpsdeskError(f"{stored.stream.name!r} has no process or inventory {at!r} for a "
                           "kaizen burst; nothing was changed.")


def _check_project(tx: Transaction, project_id: int | None) -> None:
    if project_id is not None and tx.conn.execute(
            "SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() is None:
        raise OpsdeskError(f"There is no improvement project {project_id} to link the kaizen "
                           "burst to; nothing was changed.")


def _burst(stored: StoredStream, burst_id: int) -> KaizenBurst:
    found = next((b for b in stored.stream.bursts if b.id == burst_id), None)
    if found is None:
        raise OpsdeskError(f"{stored.stream.name!r} has no kaizen burst {burst_id} (it may have "
                           "been removed); nothing was changed.")
    return found


def _write(tx: Transaction, map_id: int, bursts: tuple[KaizenBurst, ...], title: str
           ) -> Applied[None]:
    (raw,) = tx.conn.execute("SELECT data FROM maps WHERE id = ?", (map_id,)).fetchone()
    data = {**json.loads(raw or "{}"), "bursts": bursts_data(bursts)}
    applied = UpdateRow("maps", map_id, {"data": _dump(data), "updated_at": tx.at},
                        title).apply(tx)
    return Applied(applied.inverse, Changes.MAPS, None)


@dataclass(frozen=True)
class AddBurst:
    """A kaizen burst at element ``at`` (a key of ``StoredStream.keys``)."""

    map_id: int
    at: str
    text: str
    owner: str = ""
    project_id: int | None = None
    title: str = "Add kaizen burst"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new burst's id within the map."""
        stored = load_stream(tx.conn, self.map_id)
        _check_at(stored, self.at)
        bursts = stored.stream.bursts
        burst = cleaned(KaizenBurst(next_id(bursts), self.at, self.text,
                                    spelled(tx.conn, self.owner), self.project_id))
        _check_project(tx, burst.project_id)
        written = _write(tx, self.map_id, (*bursts, burst), self.title)
        return Applied(written.inverse, written.changes, burst.id)


@dataclass(frozen=True)
class EditBurst:
    """Burst ``burst_id``'s text, owner and project made these (``at`` moves it; None
    leaves it where it is)."""

    map_id: int
    burst_id: int
    text: str
    owner: str = ""
    project_id: int | None = None
    at: str | None = None
    title: str = "Edit kaizen burst"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        old = _burst(stored, self.burst_id)
        if self.at is not None and self.at != old.at:
            _check_at(stored, self.at)
        new = cleaned(KaizenBurst(old.id, self.at or old.at, self.text,
                                  spelled(tx.conn, self.owner), self.project_id))
        if new.project_id != old.project_id:
            _check_project(tx, new.project_id)
        if new == old:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, None)
        bursts = tuple(new if b.id == old.id else b for b in stored.stream.bursts)
        return _write(tx, self.map_id, bursts, self.title)


@dataclass(frozen=True)
class RemoveBurst:
    map_id: int
    burst_id: int
    title: str = "Remove kaizen burst"

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = load_stream(tx.conn, self.map_id)
        _burst(stored, self.burst_id)
        bursts = tuple(b for b in stored.stream.bursts if b.id != self.burst_id)
        return _write(tx, self.map_id, bursts, self.title)


@dataclass(frozen=True)
class RaiseBurstAction:
    """An open improvement action from burst ``burst_id``: its text the action's title,
    its owner the action's (``owner`` given instead, when the burst names none), its
    source the kaizen burst (stored as the element it sits at, as actions record it)."""

    map_id: int
    burst_id: int
    due: date | None = None
    owner: str = ""
    title: str = "Raise action from kaizen burst"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new action's id."""
        from opsdesk.core.improve.action_commands import AddAction
        from opsdesk.core.improve.actions import Action, Source

        stored = load_stream(tx.conn, self.map_id)
        burst = _burst(stored, self.burst_id)
        node = stored.node_ids.get(burst.at)
        if node is None:
            raise OpsdeskError(f"The kaizen burst {burst.text!r} sits at no element of "
                               f"{stored.stream.name!r} any more; move it first. Nothing was "
                               "changed.")
        owner = self.owner.strip() or burst.owner
        action = Action(0, burst.text, owner, Source("kaizen burst", node), self.due,
                        notes=f"From the kaizen burst on {stored.stream.name}.")
        return AddAction(action, self.title).apply(tx)


def burst_at(stored: StoredStream, burst_id: int) -> KaizenBurst:
    """Burst ``burst_id`` of ``stored``, or one sentence."""
    return _burst(stored, burst_id)
