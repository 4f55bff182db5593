"""Incident metrics over 100,000 incidents, next to one SQL aggregate over the same rows.

The rows are in a workspace, written by the command an import uses (``ImportIncidents``):
100,000 incidents over 2026 and 5,000 deployments, 15 % of them failed.
opsdesk: ``incident_store.metric_columns`` (the query that reads the year's incidents and
deployments, failure and recovery inferred in SQL, into columns) and every metric (means,
medians, exclusions, the union of downtime intervals, MTBF, availability, DORA, counts by
severity and category), as ``opsdesk incident metrics`` runs it.
Floor: one SQL aggregate over the same rows of the same workspace (count and the five mean
durations, with julianday arithmetic). Goal: ratio <= 3.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from tests.bench.timing import median_seconds, ratio_line

N = 100_000
FROM, TO = datetime(2026, 1, 1), datetime(2027, 1, 1)
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
CATEGORIES = ("data drift", "model degradation", "inference latency spike", "outage",
              "data quality", "security or access", "cost anomaly", "other")
IMPACTS = ("none", "degraded", "outage")


def _records() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    from opsdesk.core.improve.incidents import Deployment, Incident

    rng = np.random.default_rng(13)
    started = np.sort(rng.integers(0, 365 * 86400, N))  # seconds into 2026, in time order
    gaps = [rng.exponential(scale, N).round() for scale in (900, 600, 3600, 7200)]
    missing = [rng.random(N) < 0.05 for _ in range(4)]  # 5 % of each time missing
    severity, category = rng.choice(SEVERITIES, N), rng.choice(CATEGORIES, N)
    impact = rng.choice(IMPACTS, N)

    def at(seconds: float) -> datetime:
        return FROM + timedelta(seconds=float(seconds))

    incidents = []
    for k in range(N):
        s = started[k]
        d, a, r = s + gaps[0][k], s + gaps[0][k] + gaps[1][k], s + gaps[2][k]
        times = [None if missing[j][k] else at(t)
                 for j, t in enumerate((d, a, r, r + gaps[3][k]))]
        incidents.append(Incident(f"INC-{k}", "bench", at(s), "svc", str(category[k]),
                                  str(severity[k]), str(impact[k]), *times))  # type: ignore[arg-type]
    deployed = np.sort(rng.integers(0, 365 * 86400, 5000))
    failed = rng.random(5000) < 0.15
    deployments = tuple(
        Deployment(f"D-{k}", at(t), "svc", "model release", bool(f),
                   service_restored=at(t + 3600) if f else None)
        for k, (t, f) in enumerate(zip(deployed, failed, strict=True)))
    return tuple(incidents), deployments


FLOOR_SQL = """
SELECT count(*),
       avg((julianday(detected_at) - julianday(started_at)) * 1440),
       avg((julianday(acknowledged_at) - julianday(detected_at)) * 1440),
       avg((julianday(restored_at) - julianday(started_at)) * 1440),
       avg((julianday(restored_at) - julianday(detected_at)) * 1440),
       avg((julianday(resolved_at) - julianday(started_at)) * 1440)
FROM incidents WHERE started_at >= ? AND started_at < ?
"""


def run() -> list[str]:
    from opsdesk.core.improve.incident_commands import ImportIncidents
    from opsdesk.core.improve.incident_metrics import incident_metrics
    from opsdesk.core.improve.incident_store import metric_columns
    from opsdesk.core.workspace import Workspace

    incidents, deployments = _records()
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "bench.opsdesk", create=True) as ws:
        ws.execute(ImportIncidents(incidents, deployments))
        conn = ws.conn
        period = (FROM.isoformat(), TO.isoformat())

        def ours() -> Any:
            return incident_metrics(*metric_columns(conn, FROM, TO), FROM, TO)

        def floor() -> Any:
            return conn.execute(FLOOR_SQL, period).fetchone()

        m = ours()
        count, mttd = floor()[:2]
        assert m.incidents == count == N
        assert abs(m.durations["mttd"].mean_min - mttd) < 1e-6
        t_ours, t_floor = [], []
        for _ in range(5):  # interleaved, so both see the same machine load
            t_ours.append(median_seconds(ours, repeat=3))
            t_floor.append(median_seconds(floor, repeat=3))
    ours_s, floor_s = float(np.median(t_ours)), float(np.median(t_floor))
    return [ratio_line(f"incident metrics over {N:,} incidents in a workspace", ours_s,
                       floor_s, goal=3.0)]
