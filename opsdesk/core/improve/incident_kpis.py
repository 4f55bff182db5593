"""KPIs computed from the incidents: the incident metrics in the KPI register.

A KPI whose ``computed_from`` names an incident metric (JSON ``{"metric": ...,
"service": ...}``) holds no typed values: its observations are written from the
incidents, so the scorecard, the bowling chart, the control charts and the PDF read it as
any KPI, and ``refresh`` rewrites them in the same transaction as any change to the
incidents or to the KPI's definition (``Workspace.transaction`` calls it before the
period aggregates are summed). Which transactions touched them is noted by SQLite itself
(temporary triggers, as ``period_refresh`` notes a frequency change), so a write that
leaves incidents alone costs one look-up.

- ``incidents``: how many incidents started in each period, zeros included, from the
  first incident's period to the latest incident's (or the pinned review date's): the
  counts of a c chart. Aggregation ``sum``, one observation a period, at its first day.
- a duration (``mttd``, ``mtta``, ``restore``, ``respond``, ``resolve``, defined as in
  ``incident_metrics.DURATIONS``): one observation per incident, at the time its impact
  started, its duration in minutes, so a period's value is the mean over the incidents
  that started in it and the individuals chart shows each incident. An incident missing
  one of the two times is left out of that KPI only.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.periods import shift, start_of

if TYPE_CHECKING:
    from opsdesk.core.workspace.commands import Applied, Transaction

T = TypeVar("T")

COUNT = "incidents"
# Each metric's KPI name; the durations are ``incident_metrics.DURATIONS``' (imported when
# needed: that module loads numpy, which a workspace's start-up does not).
NAMES = {COUNT: "Incidents", "mttd": "Mean time to detect", "mtta": "Mean time to acknowledge",
         "restore": "Mean time to restore", "respond": "Mean time to respond",
         "resolve": "Mean time to resolve"}
# The column of ``incidents`` each duration's ends are read from.
_COLUMN = {"started": "started_at", "detected": "detected_at",
           "acknowledged": "acknowledged_at", "restored": "restored_at",
           "resolved": "resolved_at"}
_WATCH = "incident_kpis_watch"
_WATCHED = (
    "AFTER INSERT ON main.incidents", "AFTER DELETE ON main.incidents",
    "AFTER UPDATE OF started_at, detected_at, acknowledged_at, restored_at, resolved_at,"
    " service, key ON main.incidents",
    "AFTER INSERT ON main.kpis WHEN NEW.computed_from IS NOT NULL",
    "AFTER UPDATE OF computed_from, frequency ON main.kpis",
)


def definition(metric: str) -> str:
    if metric == COUNT:
        return "Incidents started in the period (a c chart's counts)"
    from opsdesk.core.improve.incident_metrics import DURATIONS

    return DURATIONS[metric][2]


@dataclass(frozen=True)
class Source:
    """What a computed KPI is computed from: a metric, over one service's incidents or
    every service's (``service`` empty)."""

    metric: str
    service: str = ""

    def __post_init__(self) -> None:
        if self.metric not in NAMES:
            raise OpsdeskError(f"An incident KPI computes one of {', '.join(NAMES)}; "
                               f"not {self.metric!r}.")

    def text(self) -> str:
        return json.dumps({"metric": self.metric, "service": self.service}, sort_keys=True)

    @classmethod
    def parse(cls, text: str) -> Source:
        try:
            data = json.loads(text)
            return cls(str(data["metric"]), str(data.get("service") or ""))
        except (ValueError, KeyError, TypeError) as error:
            raise OpsdeskError(f"An incident KPI's source {text!r} cannot be read.") from error

    def kpi_values(self) -> dict[str, Any]:
        """The KPI definition a new KPI of this source starts from (``AddKpi``)."""
        where = f" ({self.service})" if self.service else ""
        count = self.metric == COUNT
        return {"name": f"{NAMES[self.metric]}{where}", "unit": "count" if count else "min",
                "direction": "lower", "aggregation": "sum" if count else "mean",
                "frequency": "weekly" if count else "monthly",
                "pillar": "AI/ML operations", "description": definition(self.metric),
                "computed_from": self.text(),
                "data_source": "computed from the incidents"}


def watch(conn: sqlite3.Connection) -> None:
    """Note, for this write transaction, whether it touches the incidents or a computed
    KPI's definition; call at its start. Nothing is watched in a workspace from before
    incident KPIs (format 8): its migration is what makes them possible."""
    has = conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = ?", (_WATCH,)).fetchone()
    if has is None:
        columns = {r[1] for r in conn.execute("PRAGMA main.table_info(kpis)")}
        if "computed_from" not in columns:
            return
        conn.execute(f"CREATE TEMP TABLE {_WATCH} (changed INTEGER NOT NULL)")
        conn.execute(f"INSERT INTO temp.{_WATCH} VALUES (0)")
        for n, event in enumerate(_WATCHED):
            conn.execute(f"CREATE TEMP TRIGGER {_WATCH}_{n} {event}"
                         f" BEGIN UPDATE {_WATCH} SET changed = 1; END")
    else:
        conn.execute(f"UPDATE temp.{_WATCH} SET changed = 0")


def refresh(conn: sqlite3.Connection) -> list[int]:
    """Rewrite the computed KPIs' observations if this transaction touched what they are
    computed from (see ``watch``); call inside it, before it commits. Returns the KPIs
    whose observations it rewrote."""
    row = None
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = ?", (_WATCH,)).fetchone():
        row = conn.execute(f"SELECT changed FROM temp.{_WATCH}").fetchone()
    if row is None or not row[0]:
        return []
    conn.execute(f"UPDATE temp.{_WATCH} SET changed = 0")
    rewritten = []
    for kpi_id, text, frequency in conn.execute(
            "SELECT id, computed_from, frequency FROM kpis WHERE computed_from IS NOT NULL"
    ).fetchall():
        rows = observations(conn, Source.parse(str(text)), str(frequency))
        held = conn.execute("SELECT ts, value, source_key FROM observations WHERE kpi_id = ?"
                            " ORDER BY ts, id", (kpi_id,)).fetchall()
        if held == rows:  # as they are (an edit of another field; a recovery's copy)
            continue
        conn.execute("DELETE FROM observations WHERE kpi_id = ?", (kpi_id,))
        conn.executemany("INSERT INTO observations (kpi_id, ts, value, source_key, created_at)"
                         " VALUES (?, ?, ?, ?, '')", [(kpi_id, *r) for r in rows])
        rewritten.append(int(kpi_id))
    return rewritten


def with_alerts(tx: Transaction, applied: Applied[T]) -> Applied[T]:
    """``applied`` followed, as one undoable step, by the alerts its incidents' change
    warrants on the KPIs computed from them (rewritten here, before ``refresh`` would at
    the commit): a restore time that turns the KPI red raises its alert as a typed value
    would, and undo takes the alert back with the change."""
    rewritten = refresh(tx.conn)
    if not rewritten:
        return applied
    from opsdesk.core.kpi.alerts import RaiseAlerts

    return applied.then(tx, RaiseAlerts(tuple(rewritten)))


def observations(conn: sqlite3.Connection, source: Source, frequency: str
                 ) -> list[tuple[str, float, str | None]]:
    """(time, value, source key) of each observation the KPI holds (see the module)."""
    where, params = "", []
    if source.service:
        where, params = " AND service = ?", [source.service]
    if source.metric == COUNT:
        return _counts(conn, frequency, where, params)
    from opsdesk.core.improve.incident_metrics import DURATIONS

    first, last, _text = DURATIONS[source.metric]
    a, b = _COLUMN[first], _COLUMN[last]
    out: list[tuple[str, float, str | None]] = []
    for key, started, t0, t1 in conn.execute(
            f"SELECT key, started_at, {a}, {b} FROM incidents WHERE {a} IS NOT NULL"
            f" AND {b} IS NOT NULL{where} ORDER BY started_at, id", params):
        minutes = (datetime.fromisoformat(t1) - datetime.fromisoformat(t0)).total_seconds() / 60
        if source.metric == "respond" and minutes < 0:  # over before it was seen
            continue
        out.append((str(started), minutes, None if key is None else str(key)))
    return out


def _counts(conn: sqlite3.Connection, frequency: str, where: str, params: list[Any]
            ) -> list[tuple[str, float, str | None]]:
    from opsdesk.core.kpi.review_date import pinned

    days = [date.fromisoformat(str(t)[:10]) for (t,) in conn.execute(
        f"SELECT started_at FROM incidents WHERE 1{where}", params)]
    if not days:
        return []
    counts: dict[date, int] = {}
    for day in days:
        start = start_of(day, frequency)
        counts[start] = counts.get(start, 0) + 1
    end = max(days)
    as_of = pinned(conn)
    if as_of is not None and as_of > end:
        end = as_of
    out: list[tuple[str, float, str | None]] = []
    period, stop = min(counts), start_of(end, frequency)
    while period <= stop:
        out.append((period.isoformat(), float(counts.get(period, 0)), None))
        period = shift(period, frequency)
    return out


def tracked(conn: sqlite3.Connection) -> dict[Source, str]:
    """The KPIs computed from the incidents: each one's source, and its name."""
    return {Source.parse(str(text)): str(name) for text, name in conn.execute(
        "SELECT computed_from, name FROM kpis WHERE computed_from IS NOT NULL ORDER BY id")}
