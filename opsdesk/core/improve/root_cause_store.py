"""Root causes in the workspace (``root_causes`` table): a project's or an incident's.

A row is one cause under a category (6M or the team's own), its five-whys chain as a JSON
list of answers, and its status (open, confirmed or ruled out) with the evidence for it.
A row with a parent is a sub-cause of that cause (why it happens).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from opsdesk.core.improve.fishbone import SIX_M, Category, Cause, CauseStatus, Fishbone
from opsdesk.core.improve.five_whys import FiveWhys, Why


@dataclass(frozen=True)
class StoredCause:
    id: int
    category: str
    cause: str
    whys: tuple[str, ...]   # the chain's answers, the problem's first
    status: CauseStatus = "open"
    evidence: str = ""

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


def _causes(conn: sqlite3.Connection, column: str, ref: int) -> list[StoredCause]:
    rows = conn.execute(f"SELECT id, category, cause, whys, status, evidence FROM root_causes"
                        f" WHERE {column} = ? ORDER BY id", (ref,)).fetchall()
    out = []
    for cause_id, category, cause, whys, status, evidence in rows:
        try:
            chain = json.loads(whys or "[]")
        except ValueError:  # another program's text: the cause stands without its chain
            chain = []
        answers = tuple(str(w) for w in chain if str(w).strip()) if isinstance(chain, list) \
            else ()
        out.append(StoredCause(cause_id, category or "Other", cause, answers, status,
                               evidence))
    return out


def project_causes(conn: sqlite3.Connection, project_id: int) -> list[StoredCause]:
    return _causes(conn, "project_id", project_id)


def incident_causes(conn: sqlite3.Connection, incident_id: int) -> list[StoredCause]:
    return _causes(conn, "incident_id", incident_id)


def fishbone_of(effect: str, causes: list[StoredCause]) -> Fishbone:
    """The causes as a fishbone: the 6M categories that hold a cause, in 6M order, then
    the team's own categories in the order first used."""
    order = [m for m in SIX_M if any(c.category.casefold() == m.casefold() for c in causes)]
    for c in causes:
        if not any(c.category.casefold() == name.casefold() for name in order):
            order.append(c.category)
    return Fishbone(effect, tuple(
        Category(name, tuple(Cause(c.id, " ".join(c.cause.split()) or "(no text)",
                                   c.status, c.evidence)
                             for c in causes if c.category.casefold() == name.casefold()))
        for name in order))


def whys_of(cause: StoredCause, problem: str) -> FiveWhys:
    """The cause's chain as five whys: its first answer is the problem as the team saw it
    (``problem`` when the chain is shorter than two), each next one answers "why?" of the
    one before; an empty chain is the cause alone, asked of ``problem``."""
    if len(cause.whys) >= 2:
        return FiveWhys(cause.whys[0], tuple(Why(a) for a in cause.whys[1:]), cause.id)
    return FiveWhys(problem, tuple(Why(a) for a in (cause.whys or (cause.cause,))), cause.id)
