"""KPIs computed from the incidents: written with them, kept with them, undone with them.

The incidents are the hand-worked quarter of test_incident_metrics (I0-I9). By hand, time
to restore (restored − started) per incident, in minutes: I0 120 (December 2025); I1 60,
I2 90 (January: mean 75); I3 120, I5 30, I4 never restored (February: mean 75); I6 720,
I7 120, I8 never restored (March: mean 420); I9 3 (April). Incidents started per month:
December 1, January 2, February 3, March 3, April 1.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_commands import DeleteIncidents, ImportIncidents
from opsdesk.core.improve.incident_kpis import Source
from opsdesk.core.kpi.aggregate import period_values
from opsdesk.core.kpi.commands import AddKpi, EditKpi, SetTarget
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.row_commands import UpdateRow
from tests.core.improve.test_incident_metrics import INCIDENTS


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace  # type: ignore[misc]
    workspace.close()


def monthly(ws: Workspace, kpi_id: int) -> dict[str, float]:
    kpi = load_kpis(ws.conn, [kpi_id])[0]
    pv = period_values(ws.conn, [kpi], date(2026, 12, 31)).get(kpi_id)
    if pv is None:  # no observations
        return {}
    return {pv.start(i).isoformat()[:7]: float(v) for i, v in enumerate(pv.values)}


def add(ws: Workspace, metric: str, **values: object) -> int:
    definition = {**Source(metric).kpi_values(), "frequency": "monthly", **values}
    return ws.execute(AddKpi(definition)).result


def test_restore_time_and_counts_by_month_as_worked_out_by_hand(ws: Workspace) -> None:
    ws.execute(ImportIncidents(tuple(INCIDENTS)))
    restore, count = add(ws, "restore"), add(ws, "incidents")
    assert monthly(ws, restore) == {"2025-12": 120, "2026-01": 75, "2026-02": 75,
                                    "2026-03": 420, "2026-04": 3}
    assert monthly(ws, count) == {"2025-12": 1, "2026-01": 2, "2026-02": 3, "2026-03": 3,
                                  "2026-04": 1}
    # Each incident is one observation of the restore KPI, keyed by its id (an I chart's
    # individuals); the unrestored I4 and I8 are left out of it only.
    keys = [k for (k,) in ws.conn.execute(
        "SELECT source_key FROM observations WHERE kpi_id = ? ORDER BY ts", (restore,))]
    assert keys == ["I0", "I1", "I2", "I3", "I5", "I6", "I7", "I9"]


def test_incident_changes_and_their_undo_recompute_the_kpis(ws: Workspace) -> None:
    restore, count = add(ws, "restore"), add(ws, "incidents")
    assert monthly(ws, count) == {}  # no incidents yet: no values
    imported = ws.execute(ImportIncidents(tuple(INCIDENTS)))
    assert monthly(ws, count)["2026-02"] == 3
    # I5 restored after 90 minutes, not 30: February's mean is (120 + 90) / 2 = 105.
    i5 = next(i for i in INCIDENTS if i.key == "I5")
    ws.execute(ImportIncidents((dataclasses.replace(
        i5, restored=i5.started + timedelta(minutes=90)),)))
    assert monthly(ws, restore)["2026-02"] == 105
    i3 = ws.conn.execute("SELECT id FROM incidents WHERE key = 'I3'").fetchone()[0]
    deleted = ws.execute(DeleteIncidents((i3,)))
    assert monthly(ws, count)["2026-02"] == 2 and monthly(ws, restore)["2026-02"] == 90
    ws.execute(deleted.inverse)
    assert monthly(ws, count)["2026-02"] == 3
    ws.execute(imported.inverse)
    assert monthly(ws, count) == {} and monthly(ws, restore) == {}


def test_a_zero_month_is_counted_and_a_frequency_change_recounts(ws: Workspace) -> None:
    # Two incidents, January and March: February counts 0 (a c chart needs the zero).
    two = [i for i in INCIDENTS if i.key in ("I1", "I6")]
    ws.execute(ImportIncidents(tuple(two)))
    count = add(ws, "incidents")
    assert monthly(ws, count) == {"2026-01": 1, "2026-02": 0, "2026-03": 1}
    ws.execute(EditKpi(count, {"frequency": "quarterly"}))
    assert monthly(ws, count) == {"2026-01": 2}


def test_a_service_filter_and_unrelated_writes(ws: Workspace) -> None:
    other = dataclasses.replace(INCIDENTS[1], key="X1", service="search",
                                restored=INCIDENTS[1].started + timedelta(minutes=10))
    ws.execute(ImportIncidents((*INCIDENTS, other)))
    search = add(ws, "restore", **{"computed_from": Source("restore", "search").text(),
                                   "name": "Restore (search)"})
    assert monthly(ws, search) == {"2026-01": 10}
    ids = [r for (r,) in ws.conn.execute("SELECT id FROM observations ORDER BY id")]
    ws.execute(UpdateRow("kpis", search, {"description": "Search restores"}))
    # A write that touches neither the incidents nor the source leaves the rows alone.
    assert [r for (r,) in ws.conn.execute("SELECT id FROM observations ORDER BY id")] == ids


def test_an_unknown_metric_is_refused() -> None:
    with pytest.raises(OpsdeskError, match="one of incidents, mttd"):
        Source("uptime")
    with pytest.raises(OpsdeskError, match="cannot be read"):
        Source.parse("{not json")
    assert Source.parse(Source("mtta", "api").text()) == Source("mtta", "api")


def test_a_computed_kpi_s_values_are_not_typed(ws: Workspace) -> None:
    from opsdesk.core.kpi.observations import AddObservations, DeleteObservations

    ws.execute(ImportIncidents(tuple(INCIDENTS)))
    restore = add(ws, "restore")
    held = ws.conn.execute("SELECT count(*) FROM observations").fetchone()[0]
    with pytest.raises(OpsdeskError, match="computed from the incidents; change the"):
        ws.execute(AddObservations(restore, ({"ts": "2026-05-01", "value": 5.0},)))
    first = ws.conn.execute("SELECT min(id) FROM observations").fetchone()[0]
    with pytest.raises(OpsdeskError, match="Mean time to restore is computed"):
        ws.execute(DeleteObservations(restore, (first,)))
    assert ws.conn.execute("SELECT count(*) FROM observations").fetchone()[0] == held


def test_a_rewrite_that_turns_the_kpi_red_raises_its_alert_undone_with_it(
        ws: Workspace) -> None:
    from opsdesk.core.kpi.alerts import open_alerts

    # Judged as of 2026-04-20: March is the last whole month. Its mean restore time,
    # worked out above, is 420 min against a target of 60 (lower is better): red.
    ws.conn.execute("INSERT INTO settings VALUES ('kpi.as_of', '\"2026-04-20\"')")
    ws.conn.commit()
    restore = add(ws, "restore")
    ws.execute(SetTarget(restore, {"target": 60}))
    assert open_alerts(ws.conn) == []
    imported = ws.execute(ImportIncidents(tuple(INCIDENTS)))
    alerts = [(a["kpi_id"], a["kind"], a["period"]) for a in open_alerts(ws.conn)]
    assert alerts == [(restore, "red", "2026-03")]
    ws.execute(imported.inverse)  # undo: the incidents, their values and the alert go
    assert open_alerts(ws.conn) == [] and monthly(ws, restore) == {}
