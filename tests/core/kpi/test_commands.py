"""KPI commands: add, edit, delete, targets, packs, observations with alerts; all undone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.alerts import AcknowledgeAlerts, open_alerts, raise_alerts
from opsdesk.core.kpi.commands import AddKpi, DeleteKpis, EditKpi, SetTarget
from opsdesk.core.kpi.definitions import kpi_by_name, load_kpis
from opsdesk.core.kpi.observations import AddObservations
from opsdesk.core.kpi.packs import PACKS, AddPack, load_pack
from tests.core.kpi.helpers import make_kpi


def count(ws: Any, table: str) -> int:
    return int(ws.scalar(f"SELECT count(*) FROM {table}"))


def test_add_edit_delete_and_undo(workspace: Any) -> None:
    applied = workspace.execute(AddKpi({"name": "OEE", "unit": "%"}, ({"target": 85},)))
    kpi_id = applied.result
    assert kpi_by_name(workspace.conn, "oee").targets[0].target == 85
    edited = workspace.execute(EditKpi(kpi_id, {"owner": "Maria", "red_percent": 80}))
    assert load_kpis(workspace.conn)[0].owner == "Maria"
    workspace.execute(edited.inverse)
    assert load_kpis(workspace.conn)[0].owner == ""
    make_obs = AddObservations(kpi_id, ({"ts": "2026-01-05", "value": 80},))
    workspace.execute(make_obs)
    deleted = workspace.execute(DeleteKpis((kpi_id,)))
    assert count(workspace, "kpis") == count(workspace, "observations") == 0
    workspace.execute(deleted.inverse)  # the KPI comes back with its target and data
    assert (count(workspace, "kpis"), count(workspace, "kpi_targets"),
            count(workspace, "observations")) == (1, 1, 1)
    workspace.execute(applied.inverse)
    assert count(workspace, "kpis") == 0


@pytest.mark.parametrize(("values", "targets", "message"), [
    ({"name": " "}, (), "needs a name"),
    ({"name": "A", "direction": "up"}, (), "direction must be one of"),
    ({"name": "A", "red_value": "abc"}, (), "must be a number"),
    ({"name": "A", "red_value": 1, "red_percent": 90}, (), "not both"),
    ({"name": "A", "lsl": 5, "usl": 1}, (), "must be below"),
    ({"name": "A", "direction": "band"}, ({"target": 3},), "needs a band"),
    ({"name": "A", "direction": "band"}, ({"band_low": 3, "band_high": 1},), "above its high"),
    ({"name": "A"}, ({"target": 3, "effective_from": "1st May"},), "YYYY-MM-DD"),
])
def test_bad_definitions_change_nothing(workspace: Any, values: dict[str, Any],
                                        targets: tuple[dict[str, Any], ...], message: str) -> None:
    with pytest.raises(OpsdeskError, match=message):
        workspace.execute(AddKpi(values, targets))
    assert count(workspace, "kpis") == 0


def test_duplicate_name(workspace: Any) -> None:
    make_kpi(workspace, "OEE")
    with pytest.raises(OpsdeskError, match="already a KPI named"):
        workspace.execute(AddKpi({"name": "oee"}))


def test_set_target_adds_then_replaces_the_same_date(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "OEE", targets=({"target": 80},))
    first = workspace.execute(SetTarget(kpi_id, {"target": 85, "effective_from": "2026-07-01"}))
    second = workspace.execute(SetTarget(kpi_id, {"target": 86, "effective_from": "2026-07-01"}))
    kpi = load_kpis(workspace.conn)[0]
    assert [(t.effective_from, t.target) for t in kpi.targets] == [
        ("0001-01-01", 80), ("2026-07-01", 86)]
    assert kpi.target_on(date(2026, 6, 30)).target == 80  # type: ignore[union-attr]
    workspace.execute(second.inverse)
    workspace.execute(first.inverse)
    assert len(load_kpis(workspace.conn)[0].targets) == 1


@pytest.mark.parametrize("pack", PACKS)
def test_pack_adds_every_kpi_once_and_undoes(workspace: Any, pack: str) -> None:
    expected = [k["name"] for k in load_pack(pack)["kpis"]]
    applied = workspace.execute(AddPack(pack))
    assert applied.result == expected
    for kpi in load_kpis(workspace.conn):
        assert kpi.pack == pack and kpi.targets and kpi.unit
    with pytest.raises(OpsdeskError, match="already in this workspace"):
        workspace.execute(AddPack(pack))
    workspace.execute(applied.inverse)
    assert count(workspace, "kpis") == 0


def test_issue_pack_contents() -> None:
    names = {p: {k["name"] for k in load_pack(p)["kpis"]} for p in PACKS}
    assert {"OEE", "First-pass yield", "Lead time", "On-time delivery", "WIP", "Scrap rate",
            "Changeover time", "Inventory turns"} == names["lean"]
    assert len(names["service"]) == 5 and len(names["ai-ops"]) == 9
    with pytest.raises(OpsdeskError, match="no KPI pack"):
        load_pack("finance")


def test_new_data_raise_alerts_undone_with_the_edit(workspace: Any) -> None:
    # Target 100 (red below 90). Last month's value 80 -> red alert for that month.
    today = date.today()
    month = date(today.year, today.month, 1)
    last = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 15)
    kpi_id = make_kpi(workspace, "K", targets=({"target": 100},))
    applied = workspace.execute(AddObservations(kpi_id, ({"ts": last.isoformat(), "value": 80},)))
    alerts = open_alerts(workspace.conn)
    assert [(a["kind"], a["period"]) for a in alerts] == [("red", last.strftime("%Y-%m"))]
    assert "80" in str(alerts[0]["message"])
    ack = workspace.execute(AcknowledgeAlerts((int(alerts[0]["id"]),)))  # type: ignore[call-overload]
    assert open_alerts(workspace.conn) == []
    workspace.execute(ack.inverse)
    assert len(open_alerts(workspace.conn)) == 1
    workspace.execute(applied.inverse)
    assert count(workspace, "alerts") == 0 and count(workspace, "observations") == 0


def test_stale_alert_and_no_repeat(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "K", targets=({"target": 100},),
                      observations=(("2026-05-10", 100.0),))
    with workspace.transaction() as conn:
        first = raise_alerts(conn, [kpi_id], date(2026, 8, 2))
        again = raise_alerts(conn, [kpi_id], date(2026, 8, 2))
    kinds = [r["kind"] for r in workspace.rows("SELECT kind FROM alerts")]
    assert kinds == ["stale"] and len(first) == 1 and again == []
