"""Incident metrics over 100,000 incidents, next to one SQL aggregate over the same rows.

The rows sit in an in-memory SQLite table as a workspace stores them (ISO 8601 UTC text).
opsdesk: the query that reads the quarter's incidents and deployments, the columns
(``IncidentColumns.from_iso``) and every metric (means, medians, exclusions, the union
of downtime intervals, MTBF, availability, DORA, counts by severity and category).
Floor: one SQL aggregate over the same rows (count and the five mean durations, with
julianday arithmetic). Goal: ratio <= 3.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import numpy as np

from tests.bench.timing import median_seconds, ratio_line

N = 100_000
FROM, TO = datetime(2026, 1, 1), datetime(2027, 1, 1)
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
CATEGORIES = ("data drift", "model degradation", "inference latency spike", "outage",
              "data quality", "security or access", "cost anomaly", "other")
IMPACTS = ("none", "degraded", "outage")


def _iso(seconds: np.ndarray) -> list[str | None]:
    stamps = seconds.astype("datetime64[s]").astype(str)
    return [None if np.isnan(s) else t for s, t in zip(seconds, stamps, strict=True)]


def _database() -> sqlite3.Connection:
    rng = np.random.default_rng(13)
    start = np.datetime64("2026-01-01T00:00:00").astype("int64")
    # in time order, as incidents are recorded
    started = np.sort(start + rng.integers(0, 365 * 86400, N)).astype(np.float64)
    gaps = [rng.exponential(scale, N).round() for scale in (900, 600, 3600, 7200)]
    detected = started + gaps[0]
    acknowledged = detected + gaps[1]
    restored = started + gaps[2]
    resolved = restored + gaps[3]
    for column in (detected, acknowledged, restored, resolved):
        column[rng.random(N) < 0.05] = np.nan  # 5 % of each time missing
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE incidents (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, "
                 "detected_at TEXT, acknowledged_at TEXT, restored_at TEXT, resolved_at TEXT, "
                 "severity TEXT, category TEXT, availability_impact TEXT)")
    conn.execute("CREATE INDEX incidents_started ON incidents (started_at)")
    rows = zip(_iso(started), _iso(detected), _iso(acknowledged), _iso(restored),
               _iso(resolved), rng.choice(SEVERITIES, N).tolist(),
               rng.choice(CATEGORIES, N).tolist(), rng.choice(IMPACTS, N).tolist(),
               strict=True)
    conn.executemany("INSERT INTO incidents (started_at, detected_at, acknowledged_at, "
                     "restored_at, resolved_at, severity, category, availability_impact) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    deployed = np.sort(start + rng.integers(0, 365 * 86400, 5000))
    conn.execute("CREATE TABLE deployments (id INTEGER PRIMARY KEY, deployed_at TEXT, "
                 "failed INTEGER, service_restored TEXT)")
    failed = rng.random(5000) < 0.15
    conn.executemany("INSERT INTO deployments (deployed_at, failed, service_restored) VALUES "
                     "(?, ?, ?)", zip(_iso(deployed.astype(float)), failed.astype(int).tolist(),
                                      _iso(np.where(failed, deployed + 3600, np.nan)),
                                      strict=True))
    return conn


FLOOR_SQL = """
SELECT count(*),
       avg((julianday(detected_at) - julianday(started_at)) * 1440),
       avg((julianday(acknowledged_at) - julianday(detected_at)) * 1440),
       avg((julianday(restored_at) - julianday(started_at)) * 1440),
       avg((julianday(restored_at) - julianday(detected_at)) * 1440),
       avg((julianday(resolved_at) - julianday(started_at)) * 1440)
FROM incidents WHERE started_at >= ? AND started_at < ?
"""


INCIDENTS_SQL = ("SELECT started_at AS started, detected_at AS detected, acknowledged_at AS "
                 "acknowledged, restored_at AS restored, resolved_at AS resolved, severity, "
                 "category, availability_impact FROM incidents "
                 "WHERE started_at >= ? AND started_at < ?")
DEPLOYMENTS_SQL = ("SELECT deployed_at AS deployed, failed, service_restored AS recovered "
                   "FROM deployments WHERE deployed_at >= ? AND deployed_at < ?")


def run() -> list[str]:
    from opsdesk.core.improve.incident_metrics import incident_metrics
    from opsdesk.core.improve.incident_table import (
        read_deployment_columns,
        read_incident_columns,
    )

    conn = _database()
    period = (FROM.isoformat(), TO.isoformat())

    def ours() -> object:
        incidents = read_incident_columns(conn, INCIDENTS_SQL, period)
        deployments = read_deployment_columns(conn, DEPLOYMENTS_SQL, period)
        return incident_metrics(incidents, deployments, FROM, TO)

    def floor() -> object:
        return conn.execute(FLOOR_SQL, period).fetchone()

    m = ours()
    count, mttd = floor()[:2]  # type: ignore[index]
    assert m.incidents == count == N  # type: ignore[attr-defined]
    assert abs(m.durations["mttd"].mean_min - mttd) < 1e-6  # type: ignore[attr-defined]
    t_ours, t_floor = [], []
    for _ in range(5):  # interleaved, so both see the same machine load
        t_ours.append(median_seconds(ours, repeat=3))
        t_floor.append(median_seconds(floor, repeat=3))
    ours_s, floor_s = float(np.median(t_ours)), float(np.median(t_floor))
    return [ratio_line(f"incident metrics over {N:,} incidents", ours_s, floor_s, goal=3.0)]
