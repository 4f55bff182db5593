"""Incident metrics against a quarter of incidents worked out by hand.

Q1 2026: from 2026-01-01 00:00 (inclusive) to 2026-04-01 00:00 (exclusive), UTC:
90 days × 1440 = 129,600 minutes. Eight incidents started in it (I1-I8); I0 started the
day before and I9 at the very end, so neither counts.

       sev   impact    started      detected     ack          restored     resolved
  I1   SEV2  outage    01-10 08:00  +10 min      +15          +60          +120
  I2   SEV3  degraded  01-20 12:00  +30          +40          +90          +120
  I3   SEV1  outage    02-03 00:00  +20          +25          +120         +360
  I4   SEV4  none      02-14 09:00  +120         -            -            +1440
  I5   SEV2  outage    02-03 01:00  +5           +6           +30          +120
  I6   SEV3  degraded  03-05 06:00  +1440        +1500        +720         +1800
  I7   SEV2  outage    03-31 23:00  +10          +20          +120         +180
  I8   SEV1  outage    03-20 10:00  -            -            -            -
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_metrics import (
    Downtime,
    IncidentMetrics,
    incident_metrics,
    union_length,
)
from opsdesk.core.improve.incident_series import incident_series
from opsdesk.core.improve.incident_table import DeploymentColumns, IncidentColumns
from opsdesk.core.improve.incidents import Deployment, Incident
from opsdesk.core.improve.timestamps import iso

FROM, TO = datetime(2026, 1, 1), datetime(2026, 4, 1)


def incident(key: str, sev: str, impact: str, category: str, started: datetime,
             *offsets: int | None, deployment: str = "") -> Incident:
    names = ("detected", "acknowledged", "restored", "resolved")
    times = {n: (started + timedelta(minutes=o) if o is not None else None)
             for n, o in zip(names, offsets, strict=True)}
    return Incident(key, key, started, "fraud-scoring", category, sev, impact,  # type: ignore[arg-type]
                    caused_by_deployment=deployment, **times)


INCIDENTS = [
    incident("I0", "SEV1", "outage", "outage", datetime(2025, 12, 31, 23), 5, 6, 120, 130),
    incident("I1", "SEV2", "outage", "outage", datetime(2026, 1, 10, 8), 10, 15, 60, 120),
    incident("I2", "SEV3", "degraded", "inference latency spike", datetime(2026, 1, 20, 12),
             30, 40, 90, 120),
    incident("I3", "SEV1", "outage", "model degradation", datetime(2026, 2, 3, 0),
             20, 25, 120, 360, deployment="D2"),
    incident("I4", "SEV4", "none", "data quality", datetime(2026, 2, 14, 9),
             120, None, None, 1440),
    incident("I5", "SEV2", "outage", "outage", datetime(2026, 2, 3, 1), 5, 6, 30, 120),
    incident("I6", "SEV3", "degraded", "data drift", datetime(2026, 3, 5, 6),
             1440, 1500, 720, 1800),
    incident("I7", "SEV2", "outage", "security or access", datetime(2026, 3, 31, 23),
             10, 20, 120, 180),
    incident("I8", "SEV1", "outage", "cost anomaly", datetime(2026, 3, 20, 10),
             None, None, None, None),
    incident("I9", "SEV1", "outage", "outage", datetime(2026, 4, 1, 0), 1, 2, 3, 4),
]

DEPLOYMENTS = [
    Deployment("D0", datetime(2025, 12, 20, 9), failed=True),                  # before Q1
    Deployment("D1", datetime(2026, 1, 9, 17), failed=False),
    Deployment("D2", datetime(2026, 2, 2, 23, 30)),           # failed: I3 names it
    Deployment("D3", datetime(2026, 3, 1, 10), failed=True,
               service_restored=datetime(2026, 3, 1, 11, 15)),
    Deployment("D4", datetime(2026, 3, 15, 12), failed=False),
    Deployment("D5", datetime(2026, 3, 20, 9, 30), failed=True),  # no recovery time known
]


def metrics(downtime: Downtime = "outage", columns: IncidentColumns | None = None
            ) -> IncidentMetrics:
    cols = columns or IncidentColumns.from_incidents(INCIDENTS)
    deps = DeploymentColumns.from_deployments(DEPLOYMENTS, INCIDENTS)
    return incident_metrics(cols, deps, FROM, TO, downtime)


def test_counts_and_period() -> None:
    m = metrics()
    assert m.period_minutes == 129_600
    assert m.incidents == 8
    assert m.by_severity == {"SEV1": 2, "SEV2": 3, "SEV3": 2, "SEV4": 1}  # I3 I8 / I1 I5 I7 ...
    assert m.by_category == {"data drift": 1, "model degradation": 1,
                             "inference latency spike": 1, "outage": 2, "data quality": 1,
                             "security or access": 1, "cost anomaly": 1, "other": 0}


def test_durations_by_hand() -> None:
    d = metrics().durations
    # MTTD: 10, 30, 20, 120, 5, 1440, 10 (I8 has no detection): n 7, sum 1635,
    # mean 233.571..., sorted 5 10 10 [20] 30 120 1440: median 20
    assert (d["mttd"].n, d["mttd"].excluded) == (7, 1)
    assert d["mttd"].mean_min == pytest.approx(1635 / 7)
    assert d["mttd"].median_min == 20
    # MTTA: 5, 10, 5, 1, 60, 10 (I4, I8 unacknowledged): sum 91, mean 15.1667,
    # sorted 1 5 [5 10] 10 60: median 7.5
    assert (d["mtta"].n, d["mtta"].excluded) == (6, 2)
    assert d["mtta"].mean_min == pytest.approx(91 / 6)
    assert d["mtta"].median_min == 7.5
    # restore: 60, 90, 120, 30, 720, 120: sum 1140, mean 190; sorted 30 60 [90 120] 120 720
    assert (d["restore"].n, d["restore"].excluded) == (6, 2)
    assert (d["restore"].mean_min, d["restore"].median_min) == (190, 105)
    # respond (restored - detected): 50, 60, 100, 25, 110; I6 was restored 12 h before it
    # was detected (found in a review): left out, as are I4 and I8. Sum 345, mean 69,
    # sorted 25 50 [60] 100 110
    assert (d["respond"].n, d["respond"].excluded) == (5, 3)
    assert (d["respond"].mean_min, d["respond"].median_min) == (69, 60)
    # resolve: 120, 120, 360, 1440, 120, 1800, 180: sum 4140, mean 591.43;
    # sorted 120 120 120 [180] 360 1440 1800
    assert (d["resolve"].n, d["resolve"].excluded) == (7, 1)
    assert d["resolve"].mean_min == pytest.approx(4140 / 7)
    assert d["resolve"].median_min == 180
    assert d["mttd"].definition == "Mean time to detect: detected − impact started"


def test_availability_and_mtbf_outage_only() -> None:
    m = metrics("outage")
    # outage intervals: I1 60 min; I3 02-03 00:00-02:00 (120) holds I5 01:00-01:30, counted
    # once; I7 from 23:00 to the period's end, 60 of its 120; I8 has no restore time.
    assert m.downtime_min == 60 + 120 + 60
    assert (m.downtime_incidents, m.downtime_excluded) == (4, 1)  # I1 I3 I5 I7; I8
    # uptime 129,600 - 240 = 129,360; MTBF = 129,360 / 4 = 32,340 (ITIL: uptime ÷ breaks)
    assert m.mtbf_min == 32_340
    assert m.availability == pytest.approx(129_360 / 129_600)  # 0.998148


def test_availability_and_mtbf_with_degraded() -> None:
    m = metrics("degraded")
    # plus I2 (90 min) and I6 (06:00-18:00, 720): 240 + 90 + 720 = 1050 over 6 incidents
    assert m.downtime_min == 1050
    assert m.downtime_incidents == 6
    assert m.mtbf_min == (129_600 - 1050) / 6  # 21,425
    assert m.availability == pytest.approx(128_550 / 129_600)  # 0.991898


def test_dora_by_hand() -> None:
    m = metrics()
    # Q1 deployments D1-D5; failed: D2 (I3 names it), D3 and D5 (stated): 3 / 5 = 0.6
    assert (m.deployments, m.failed_deployments) == (5, 3)
    assert m.change_failure_rate == 0.6
    # recovery: D2 23:30 to I3's restore 02:00 = 150 min; D3 10:00 to 11:15 = 75 min;
    # D5 unknown: mean (150 + 75) / 2 = 112.5
    assert (m.recovery.n, m.recovery.excluded) == (2, 1)
    assert m.recovery.mean_min == m.recovery.median_min == 112.5


def test_the_json_shape_of_incident_metrics() -> None:
    out = metrics().as_json()
    assert list(out)[:9] == ["from", "to", "period_minutes", "incidents", "mttd", "mtta",
                             "restore", "respond", "resolve"]
    for key in ("mtbf_min", "availability", "downtime_min", "change_failure_rate",
                "change_failure_rate_definition", "deployments", "failed_deployments",
                "by_severity", "by_category"):
        assert key in out
    assert out["from"] == "2026-01-01T00:00:00" and out["to"] == "2026-04-01T00:00:00"
    assert out["mtta"] == {"n": 6, "mean_min": pytest.approx(91 / 6), "median_min": 7.5,
                           "excluded": 2,
                           "definition": "Mean time to acknowledge: acknowledged − detected"}


def test_the_same_quarter_read_from_stored_iso_text() -> None:
    def texts(name: str) -> list[str | None]:
        return [iso(t) if (t := i.time(name)) else None for i in INCIDENTS]

    cols = IncidentColumns.from_iso(texts("started"), texts("detected"),
                                    texts("acknowledged"), texts("restored"),
                                    texts("resolved"), [i.severity for i in INCIDENTS],
                                    [i.category for i in INCIDENTS],
                                    [i.availability_impact for i in INCIDENTS])
    assert metrics(columns=cols) == metrics()


def test_the_same_quarter_read_from_an_sqlite_table() -> None:
    import sqlite3

    from opsdesk.core.improve.incident_table import (
        read_deployment_columns,
        read_incident_columns,
    )

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE i (started_at, detected_at, acknowledged_at, restored_at, "
                 "resolved_at, severity, category, availability_impact)")
    conn.executemany("INSERT INTO i VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (*(iso(t) if (t := i.time(n)) else None for n in ("started", "detected",
                                                          "acknowledged", "restored",
                                                          "resolved")),
         i.severity, i.category, i.availability_impact) for i in INCIDENTS])
    cols = read_incident_columns(conn, "SELECT started_at AS started, detected_at AS detected, "
                                 "acknowledged_at AS acknowledged, restored_at AS restored, "
                                 "resolved_at AS resolved, severity, category, "
                                 "availability_impact FROM i")
    assert metrics(columns=cols) == metrics()
    none = read_incident_columns(conn, "SELECT * FROM (SELECT started_at AS started, detected_at "
                                 "AS detected, acknowledged_at AS acknowledged, restored_at AS "
                                 "restored, resolved_at AS resolved, severity, category, "
                                 "availability_impact FROM i) WHERE 0")
    assert len(none) == 0
    conn.execute("CREATE TABLE d (deployed_at, failed, restored)")
    deps = DeploymentColumns.from_deployments(DEPLOYMENTS, INCIDENTS)
    conn.executemany("INSERT INTO d VALUES (?, ?, ?)", [
        (iso(d.deployed_at), int(f),
         None if math.isnan(r) else iso(datetime.fromtimestamp(r, UTC).replace(tzinfo=None)))
        for d, f, r in zip(DEPLOYMENTS, deps.failed, deps.recovered, strict=True)])
    read = read_deployment_columns(conn, "SELECT deployed_at AS deployed, failed, restored AS "
                                   "recovered FROM d")
    assert read.failed.tolist() == deps.failed.tolist()
    assert read.deployed.tolist() == deps.deployed.tolist()
    assert str(read.recovered.tolist()) == str(deps.recovered.tolist())  # NaN where unknown


def test_an_empty_period_has_no_means_and_full_availability() -> None:
    cols = IncidentColumns.from_incidents(INCIDENTS)
    m = incident_metrics(cols, DeploymentColumns.empty(), datetime(2027, 1, 1),
                         datetime(2027, 2, 1))
    assert m.incidents == 0 and m.durations["mttd"].mean_min is None
    assert m.availability == 1.0 and m.mtbf_min is None and m.change_failure_rate is None
    with pytest.raises(OpsdeskError, match="must end after it starts"):
        incident_metrics(cols, DeploymentColumns.empty(), TO, FROM)


def test_union_length() -> None:
    import numpy as np

    s, e = np.array([0.0, 5, 1, 20, 20]), np.array([10.0, 6, 12, 25, 21])
    assert union_length(s, e) == 12 + 5  # [0,12) and [20,25)
    assert union_length(np.array([]), np.array([])) == 0


def test_per_period_series_by_hand() -> None:
    cols = IncidentColumns.from_incidents(INCIDENTS)
    series = incident_series(cols, date(2026, 1, 1), date(2026, 3, 31), "monthly")
    assert [(p.label, p.incidents, p.restored, p.mean_restore_min) for p in series] == [
        ("2026-01", 2, 2, 75.0),    # I1 60, I2 90
        ("2026-02", 3, 2, 75.0),    # I3 120, I4 -, I5 30
        ("2026-03", 3, 2, 420.0),   # I6 720, I7 120, I8 -
    ]
    quarters = incident_series(cols, date(2025, 11, 1), date(2026, 4, 1), "quarterly")
    assert [(p.label, p.incidents) for p in quarters] == [("2025-Q4", 1), ("2026-Q1", 8),
                                                          ("2026-Q2", 1)]


def test_minutes_as_the_app_and_the_cli_show_them() -> None:
    from opsdesk.core.improve.incident_metrics import minutes_text

    assert minutes_text(None) == "—"
    assert minutes_text(50) == "50.0 min"
    assert minutes_text(119.9) == "119.9 min"  # under two hours: minutes alone
    assert minutes_text(192) == "192.0 min (3.2 h)"  # 192 / 60
    assert minutes_text(2879) == "2,879.0 min (48.0 h)"  # just under two days: hours
    assert minutes_text(66_119) == "66,119.0 min (45.9 d)"  # 66,119 / 1,440 = 45.92
