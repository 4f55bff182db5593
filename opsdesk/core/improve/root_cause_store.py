"""Root causes in the workspace (``root_causes`` table): a project's or an incident's.

A row is one cause under a category (6M or the team's own), its five-whys chain as JSON,
and its status (open, confirmed or ruled out) with the evidence for it. A row with a
parent is a sub-cause of that cause (why it happens); ``position`` orders siblings.

The chain is a JSON list, the problem as the team saw it first, then each answer to
"why?". An item is ``{"answer": ..., "evidence": ...}`` (what ``whys_json`` writes) or a
bare string (an answer without evidence, as older files and the demo hold).
``cause_commands`` writes the table.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from opsdesk.core.improve.fishbone import SIX_M, Category, Cause, CauseStatus, Fishbone
from opsdesk.core.improve.five_whys import FiveWhys, Why

OwnerKind = Literal["project", "incident"]


@dataclass(frozen=True)
class CauseOwner:
    """What a cause is a cause of: a project or an incident."""

    kind: OwnerKind
    id: int

    @property
    def column(self) -> str:
        return f"{self.kind}_id"

    @property
    def table(self) -> str:
        return f"{self.kind}s"


@dataclass(frozen=True)
class StoredCause:
    id: int
    category: str
    cause: str
    chain: tuple[Why, ...] = ()   # the problem first, then each why's answer
    status: CauseStatus = "open"
    evidence: str = ""
    parent_id: int | None = None  # None: a top cause of its category
    position: int = 0             # order among its siblings
    depth: int = 0                # 0 for a top cause, 1 for its sub-causes, ...

    @property
    def whys(self) -> tuple[str, ...]:
        """The chain's answers, the problem's first."""
        return tuple(w.answer for w in self.chain)

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


def read_whys(text: str | None) -> tuple[Why, ...]:
    """The chain a ``whys`` cell holds; another program's text gives no chain (the cause
    stands without it)."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    out = []
    for item in items:
        if isinstance(item, dict):
            answer, evidence = str(item.get("answer") or ""), str(item.get("evidence") or "")
        else:
            answer, evidence = str(item), ""
        if answer.strip():
            out.append(Why(answer, evidence))
    return tuple(out)


def whys_json(chain: tuple[Why, ...]) -> str:
    return json.dumps([{"answer": w.answer, "evidence": w.evidence} for w in chain],
                      ensure_ascii=False)


_COLUMNS = "id, category, cause, whys, status, evidence, parent_id, position"


def _stored(row: tuple[Any, ...], depth: int = 0, parent: int | None = None
            ) -> StoredCause:
    cause_id, category, cause, whys, status, evidence, _parent, position = row
    return StoredCause(cause_id, category or "Other", cause, read_whys(whys), status,
                       evidence, parent, position, depth)


def causes_of(conn: sqlite3.Connection, owner: CauseOwner) -> list[StoredCause]:
    """The owner's causes in tree order: each top cause (by position) followed by its
    sub-causes, depth first. A row whose parent is missing, another owner's, or in a loop
    stands at the top, so no row is lost from view."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM root_causes WHERE {owner.column} = ?"
                        " ORDER BY position, id", (owner.id,)).fetchall()
    ids = {r[0] for r in rows}
    children: dict[int | None, list[tuple[Any, ...]]] = {}
    for row in rows:
        children.setdefault(row[6] if row[6] in ids else None, []).append(row)
    out: list[StoredCause] = []
    seen: set[int] = set()

    def down(row: tuple[Any, ...], depth: int, parent: int | None) -> None:
        seen.add(row[0])
        out.append(_stored(row, depth, parent))
        for child in children.get(row[0], []):
            if child[0] not in seen:
                down(child, depth + 1, row[0])

    for row in children.get(None, []):
        down(row, 0, None)
    for row in rows:  # in a loop of parents: never reached from a top cause
        if row[0] not in seen:
            down(row, 0, None)
    return out


def project_causes(conn: sqlite3.Connection, project_id: int) -> list[StoredCause]:
    return causes_of(conn, CauseOwner("project", project_id))


def incident_causes(conn: sqlite3.Connection, incident_id: int) -> list[StoredCause]:
    return causes_of(conn, CauseOwner("incident", incident_id))


def get_cause(conn: sqlite3.Connection, cause_id: int
              ) -> tuple[CauseOwner, StoredCause] | None:
    """The cause ``cause_id`` (as stored: its own parent) and whose it is; None if gone."""
    row = conn.execute(f"SELECT {_COLUMNS}, project_id, incident_id FROM root_causes"
                       " WHERE id = ?", (cause_id,)).fetchone()
    if row is None:
        return None
    owner = (CauseOwner("project", row[8]) if row[8] is not None
             else CauseOwner("incident", row[9] or 0))
    return owner, _stored(row[:8], parent=row[6])


def owner_exists(conn: sqlite3.Connection, owner: CauseOwner) -> bool:
    return conn.execute(f"SELECT 1 FROM {owner.table} WHERE id = ?",
                        (owner.id,)).fetchone() is not None


def descendants(conn: sqlite3.Connection, cause_id: int) -> list[int]:
    """The ids of every cause below ``cause_id`` (a loop in the file ends the walk)."""
    rows = conn.execute(
        "WITH RECURSIVE below(id) AS (SELECT id FROM root_causes WHERE parent_id = ?"
        " UNION SELECT r.id FROM root_causes r JOIN below b ON r.parent_id = b.id)"
        " SELECT id FROM below WHERE id != ?", (cause_id, cause_id)).fetchall()
    return [r[0] for r in rows]


def siblings(conn: sqlite3.Connection, owner: CauseOwner, parent_id: int | None,
             category: str) -> list[tuple[int, int]]:
    """(id, position) of the causes under ``parent_id`` (the top causes of ``category``
    when None), in their order."""
    if parent_id is not None:
        rows = conn.execute("SELECT id, position FROM root_causes WHERE parent_id = ?"
                            " ORDER BY position, id", (parent_id,)).fetchall()
    else:
        rows = conn.execute(
            f"SELECT id, position FROM root_causes WHERE {owner.column} = ?"
            " AND parent_id IS NULL AND lower(category) = lower(?) ORDER BY position, id",
            (owner.id, category)).fetchall()
    return [(r[0], r[1]) for r in rows]


def category_names(conn: sqlite3.Connection, owner: CauseOwner) -> list[str]:
    """The categories a cause may go under: the 6M, then the owner's own, as first used."""
    rows = conn.execute(f"SELECT DISTINCT category FROM root_causes WHERE {owner.column} = ?"
                        " AND category != '' ORDER BY id", (owner.id,)).fetchall()
    names = list(SIX_M)
    for (name,) in rows:
        if not any(name.casefold() == n.casefold() for n in names):
            names.append(name)
    return names


def fishbone_of(effect: str, causes: list[StoredCause]) -> Fishbone:
    """The causes (in ``causes_of``'s tree order) as a fishbone: the 6M categories that
    hold a cause, in 6M order, then the team's own categories in the order first used;
    sub-causes under their parents."""
    ids = {c.id for c in causes}
    children: dict[int | None, list[StoredCause]] = {}
    for c in causes:
        children.setdefault(c.parent_id if c.parent_id in ids else None, []).append(c)
    tops = children.get(None, [])
    order = [m for m in SIX_M if any(c.category.casefold() == m.casefold() for c in tops)]
    for c in tops:
        if not any(c.category.casefold() == name.casefold() for name in order):
            order.append(c.category)

    def node(c: StoredCause, above: frozenset[int]) -> Cause:
        below = above | {c.id}
        return Cause(c.id, " ".join(c.cause.split()) or "(no text)", c.status, c.evidence,
                     tuple(node(k, below) for k in children.get(c.id, [])
                           if k.id not in below))

    return Fishbone(effect, tuple(
        Category(name, tuple(node(c, frozenset()) for c in tops
                             if c.category.casefold() == name.casefold()))
        for name in order))


def whys_of(cause: StoredCause, problem: str) -> FiveWhys:
    """The cause's chain as five whys: its first answer is the problem as the team saw it
    (``problem`` when the chain is shorter than two), each next one answers "why?" of the
    one before, with its evidence; an empty chain is the cause alone, asked of
    ``problem``."""
    if len(cause.chain) >= 2:
        return FiveWhys(cause.chain[0].answer, cause.chain[1:], cause.id)
    return FiveWhys(problem, cause.chain or (Why(cause.cause),), cause.id)
