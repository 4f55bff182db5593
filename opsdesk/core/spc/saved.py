"""Saved control charts: a KPI's observations seen through one chart type and rule set.

Points are labelled as the PDF review labels them (``opsdesk.core.report.spc_source``): a
subgroup chart groups rows by their subgroup (or time stamp), other charts label each row
by its time stamp (``#i`` added when two rows share one), so exclusions and baselines
saved by label mean the same point on screen and on paper. The ``tests`` column holds
the tests switched on ([] = all the tests of the rule set); ``stages`` holds
``{"label", "starts_at"}`` entries, ``params`` the chart's numbers (lambda, L, k, h, mu,
sigma, lsl, usl, target, sigma_method, and ``test_k``: {test: K} for edited tests).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.compute import control_chart, suggest_chart
from opsdesk.core.spc.model import ChartOptions, ChartResult
from opsdesk.core.spc.rules import RuleConfig

GROUPED = ("xbar-r", "xbar-s")


@dataclass(frozen=True)
class SavedChart:
    id: int
    name: str
    kpi_id: int
    chart_type: str
    rule_set: str = "nelson"
    tests: tuple[int, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    baseline: tuple[str, ...] = ()
    stages: tuple[dict[str, str], ...] = ()
    exclusions: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KpiPoints:
    """A KPI's rows, ready for a chart."""

    kpi_id: int
    name: str
    unit: str
    rows: list[dict[str, Any]]
    lsl: float | None = None
    usl: float | None = None
    target: float | None = None


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]


def kpi_points(conn: sqlite3.Connection, kpi_id: int) -> KpiPoints:
    kpi = _rows(conn, "SELECT name, unit, lsl, usl, spec_target FROM kpis WHERE id = ?",
                (kpi_id,))
    if not kpi:
        raise OpsdeskError(f"KPI {kpi_id} no longer exists.")
    rows = _rows(conn, "SELECT ts, value, subgroup, sample_size FROM observations"
                       " WHERE kpi_id = ? ORDER BY ts, id", (kpi_id,))
    k = kpi[0]
    return KpiPoints(kpi_id, k["name"], k["unit"] or "", rows, k["lsl"], k["usl"],
                     k["spec_target"])


def suggest_type(points: KpiPoints) -> str:
    """Subgroups -> X-bar/R (S beyond 9); counts with sizes -> p (u when a count exceeds
    its size); counts alone -> c; else I-MR."""
    rows = points.rows
    groups: dict[str, int] = {}
    for r in rows:
        if r["subgroup"]:
            groups[r["subgroup"]] = groups.get(r["subgroup"], 0) + 1
    sizes = [r for r in rows if r["sample_size"]]
    integer = bool(rows) and all(float(r["value"]).is_integer() for r in rows)
    if sizes and integer and any(float(r["value"]) > float(r["sample_size"]) for r in sizes):
        return "u"
    return suggest_chart(bool(groups), len(sizes) == len(rows) and bool(rows), integer,
                         max(groups.values(), default=1))


def point_labels(chart_type: str, rows: list[dict[str, Any]]) -> list[str]:
    grouped = chart_type in GROUPED or (
        chart_type in ("ewma", "cusum", "p", "np", "c", "u", "laney-p", "laney-u")
        and any(r["subgroup"] for r in rows))
    if grouped:
        return [str(r["subgroup"] or r["ts"]) for r in rows]
    return [f"{r['ts']}" if i == 0 or r["ts"] != rows[i - 1]["ts"] else f"{r['ts']} #{i}"
            for i, r in enumerate(rows)]


def stamp(ts: str) -> float:
    return datetime.fromisoformat(ts[:19]).replace(tzinfo=UTC).timestamp()


def load_chart(conn: sqlite3.Connection, chart_id: int) -> SavedChart:
    found = _rows(conn, "SELECT * FROM charts WHERE id = ?", (chart_id,))
    if not found:
        raise OpsdeskError(f"Chart {chart_id} no longer exists.")
    c = found[0]
    exclusions = {r["point_label"]: r["reason"] for r in _rows(
        conn, "SELECT point_label, reason FROM chart_exclusions WHERE chart_id = ? ORDER BY id",
        (chart_id,))}
    notes = {r["point_label"]: r["text"] for r in _rows(
        conn, "SELECT point_label, text FROM annotations WHERE chart_id = ? ORDER BY id",
        (chart_id,)) if r["point_label"]}
    return SavedChart(c["id"], c["name"], c["kpi_id"], c["chart_type"], c["rule_set"],
                      tuple(json.loads(c["tests"] or "[]")), json.loads(c["params"] or "{}"),
                      tuple(json.loads(c["baseline"] or "[]")),
                      tuple(json.loads(c["stages"] or "[]")), exclusions, notes)


def list_charts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(conn, "SELECT c.id, c.name, c.chart_type, c.kpi_id, k.name AS kpi_name"
                       " FROM charts c LEFT JOIN kpis k ON k.id = c.kpi_id"
                       " ORDER BY c.sort_order, c.id", ())


def exclusion_id(conn: sqlite3.Connection, chart_id: int, point_label: str) -> int | None:
    """The id of the chart's exclusion of that point, if the point is excluded."""
    row = conn.execute("SELECT id FROM chart_exclusions WHERE chart_id = ? AND point_label = ?",
                       (chart_id, point_label)).fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class Computed:
    chart: SavedChart
    points: KpiPoints
    result: ChartResult
    x: np.ndarray            # POSIX seconds per point
    values: np.ndarray       # the individual measurements (capability)
    row_point: np.ndarray    # point index of each row


def _stage_names(stages: tuple[dict[str, str], ...], labels: list[str]) -> list[str] | None:
    if not stages:
        return None
    index = {label: i for i, label in enumerate(labels)}
    starts = sorted((index[s["starts_at"]], s["label"]) for s in stages
                    if s.get("starts_at") in index)
    if not starts:
        return None
    names = []
    for i in range(len(labels)):
        current = "Initial"
        for start, name in starts:
            if i >= start:
                current = name
        names.append(current)
    return names


def compute(conn: sqlite3.Connection, chart: SavedChart) -> Computed:
    points = kpi_points(conn, chart.kpi_id)
    rows = points.rows
    if not rows:
        raise OpsdeskError(f"{points.name} has no observations to chart.")
    labels = point_labels(chart.chart_type, rows)
    unique = list(dict.fromkeys(labels))
    p = chart.params
    known = set(unique)
    options = ChartOptions(
        rules=RuleConfig(chart.rule_set, frozenset(chart.tests) if chart.tests else None,
                         k={int(t): float(v) for t, v in p.get("test_k", {}).items()}),
        baseline=frozenset(b for b in chart.baseline if b in known),
        exclusions={k: v for k, v in chart.exclusions.items() if k in known},
        stages=_stage_names(chart.stages, unique),
        mu=p.get("mu"), sigma=p.get("sigma"), sigma_method=p.get("sigma_method", "default"),
        lam=float(p.get("lambda", 0.2)), limit_width=float(p.get("L", 3.0)),
        k=float(p.get("k", 0.5)), h=float(p.get("h", 5.0)),
    )
    sizes = None
    if chart.chart_type in ("p", "np", "u", "laney-p", "laney-u"):
        sizes = [float(r["sample_size"] or 0) for r in rows]
    values = np.array([float(r["value"]) for r in rows])
    result = control_chart(chart.chart_type, values, labels=labels, sizes=sizes,
                           options=options)
    for t, v in sorted(options.rules.k.items()):
        result.notes.append(f"Test {t} uses K = {v:g} (edited)")
    first: dict[str, float] = {}
    for label, row in zip(labels, rows, strict=True):
        first.setdefault(label, stamp(row["ts"]))
    x = np.array([first[label] for label in result.labels()])
    position = {label: i for i, label in enumerate(result.labels())}
    row_point = np.array([position[label] for label in labels])
    return Computed(chart, points, result, x, values, row_point)
