"""Rows of a file the workspace already holds: the same (duplicates) or restated (changed).

An observation's identity is its KPI, time, subgroup, segment and source key. A file row
with the identity of a stored observation is a duplicate when its value is the stored
one, and *changed* (old → new) when it differs: a corrected month in a later version of
the file. Changed values are never taken silently: the import reports them and keeps the
stored values, unless asked to replace them (``--update``, or the wizard's choice), which
it does in the same command, each replacement audited with its before and after, and
recorded on the import so that undoing it puts the stored values back.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from opsdesk.core.workspace.commands import Transaction

IDENTITY = ("kpi_id", "ts", "subgroup", "segment", "source_key")


@dataclass(frozen=True)
class Restated:
    """A stored observation whose value the file gives differently."""

    observation_id: int
    kpi_id: int
    ts: str
    subgroup: str | None
    segment: str | None
    before: float
    after: float

    def as_dict(self, kpi: str) -> dict[str, Any]:
        return {"kpi": kpi, "ts": self.ts, "segment": self.segment, "subgroup": self.subgroup,
                "before": self.before, "after": self.after}


def described(conn: sqlite3.Connection, changed: list[Restated]) -> list[dict[str, Any]]:
    """The changes as the summary and ``--json`` give them, with each KPI's name."""
    ids = sorted({c.kpi_id for c in changed})
    names: dict[int, str] = dict(conn.execute(
        f"SELECT id, name FROM kpis WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()) if ids else {}
    return [c.as_dict(names.get(c.kpi_id, "")) for c in changed]


def _stored(conn: sqlite3.Connection, kpi_ids: set[int]) -> dict[tuple[Any, ...], list[Any]]:
    """Identity -> [(observation id, value), ...] in the order they were stored."""
    out: dict[tuple[Any, ...], list[Any]] = {}
    for kpi_id in kpi_ids:
        for row in conn.execute(
            "SELECT kpi_id, ts, subgroup, segment, source_key, id, value FROM observations"
            " WHERE kpi_id = ? ORDER BY id", (kpi_id,)
        ):
            out.setdefault(row[:5], []).append(row[5:])
    return out


def same(a: float, b: float) -> bool:
    """Equal values, forgiving the last bits a unit conversion may leave (85 % / 100)."""
    return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)


def split_known(
    conn: sqlite3.Connection, rows: list[tuple[Any, ...]], columns: list[str],
    kpi_ids: Iterable[int],
) -> tuple[list[tuple[Any, ...]], int, list[Restated]]:
    """The rows the workspace does not hold yet, the duplicates' count, and the changed.

    ``rows`` are observation rows laid out as ``columns`` (kpi_id, ts, value, ...); only
    the KPIs in ``kpi_ids`` (those that existed before the import) are looked up. Rows
    sharing an identity (subgroup members) meet the stored ones in order.
    """
    stored = _stored(conn, set(kpi_ids))
    if not stored:
        return rows, 0, []
    where = [columns.index(n) if n in columns else None for n in IDENTITY]
    value_at = columns.index("value")
    fresh: list[tuple[Any, ...]] = []
    changed: list[Restated] = []
    duplicates = 0
    seen: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        identity: tuple[Any, ...] = tuple(None if j is None else row[j] for j in where)
        matches = stored.get(identity)
        if matches is None:
            fresh.append(row)
            continue
        seen[identity] += 1
        if seen[identity] > len(matches):
            fresh.append(row)
            continue
        observation_id, before = matches[seen[identity] - 1]
        after = float(row[value_at])
        if same(float(before), after):
            duplicates += 1
        else:
            changed.append(Restated(observation_id, identity[0], identity[1], identity[2],
                                    identity[3], float(before), after))
    return fresh, duplicates, changed


def replace_values(tx: Transaction, changes: Iterable[tuple[int, float, float]]) -> int:
    """Set each observation (id, from, to) from one value to the other, audited; an
    observation whose value is no longer ``from`` (edited since) is left as it is.
    Returns how many were set."""
    done = 0
    for observation_id, before, after in changes:
        row = tx.conn.execute("SELECT value FROM observations WHERE id = ?",
                              (observation_id,)).fetchone()
        if row is None or not same(float(row[0]), before):
            continue
        tx.conn.execute("UPDATE observations SET value = ? WHERE id = ?", (after, observation_id))
        tx.audit("observations", observation_id, "update", before={"value": before},
                 after={"value": after})
        done += 1
    return done
