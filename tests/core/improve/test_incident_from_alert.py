"""An alert on a KPI opens a pre-filled incident in one undoable step (issue 13: "From a
signal to an incident in one step"), on the command line too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_from_alert import IncidentFromAlert, category_of
from opsdesk.core.workspace import Workspace


@pytest.fixture()
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    return copy


def test_category_from_the_kpi_name() -> None:
    assert category_of("Feature drift (PSI)") == "data drift"
    assert category_of("Model accuracy") == "model degradation"
    assert category_of("p95 inference latency") == "inference latency spike"
    assert category_of("Shaft diameter") == "other"


def test_an_alert_opens_an_incident_then_undo(demo: Path) -> None:
    with Workspace.open(demo) as ws:
        alert = ws.conn.execute("SELECT id, kpi_id, message, raised_at FROM alerts"
                                " ORDER BY id LIMIT 1").fetchone()
        before = ws.scalar("SELECT count(*) FROM incidents")
        applied = ws.execute(IncidentFromAlert(alert[0]))
        row = ws.conn.execute(
            "SELECT title, kpi_id, status, severity, detection_source, started_at,"
            " detected_at, timeline FROM incidents WHERE id = ?", (applied.result,)).fetchone()
        assert row[:5] == (alert[2], alert[1], "open", "SEV3", "alert")
        assert row[5] == row[6] == alert[3][:19]  # detected when raised; start taken as it
        assert alert[2] in json.loads(row[7])[0]["text"]
        ws.execute(applied.inverse)
        assert ws.scalar("SELECT count(*) FROM incidents") == before


def test_a_missing_alert_is_one_sentence_and_changes_nothing(demo: Path) -> None:
    with Workspace.open(demo) as ws:
        before = ws.scalar("SELECT count(*) FROM incidents")
        with pytest.raises(OpsdeskError, match="no longer exists"):
            ws.execute(IncidentFromAlert(999_999))
        assert ws.scalar("SELECT count(*) FROM incidents") == before


def test_the_cli_lists_alerts_and_opens_one(demo: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    assert main(["incident", "from-alert", str(demo), "--json"]) == 0
    alerts = json.loads(capsys.readouterr().out)["alerts"]
    assert alerts and {"id", "kpi", "message"} <= set(alerts[0])
    assert main(["incident", "from-alert", str(demo), str(alerts[0]["id"]), "--json"]) == 0
    opened = json.loads(capsys.readouterr().out)
    assert opened["title"] == alerts[0]["message"]
    assert main(["incident", "from-alert", str(demo), "999999"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_signalling_point_opens_an_incident_then_undo(demo: Path) -> None:
    from opsdesk.core.improve.incident_from_alert import IncidentFromSignal

    with Workspace.open(demo) as ws:
        kpi_id = ws.scalar("SELECT id FROM kpis WHERE name LIKE '%accuracy%'")
        before = ws.scalar("SELECT count(*) FROM incidents")
        applied = ws.execute(IncidentFromSignal(kpi_id, "2026-10-14", (1, 5)))
        row = ws.conn.execute(
            "SELECT title, kpi_id, category, detection_source, started_at, detected_at,"
            " timeline FROM incidents WHERE id = ?", (applied.result,)).fetchone()
        name = ws.scalar("SELECT name FROM kpis WHERE id = ?", (kpi_id,))
        assert row[:4] == (f"{name} shows a special cause at 2026-10-14 (SPC test 1, 5)",
                           kpi_id, "model degradation", "drift or anomaly detector")
        assert row[4] == "2026-10-14T00:00:00" and row[5] > row[4]  # detected now
        assert "fails SPC test 1, 5" in json.loads(row[6])[0]["text"]
        ws.execute(applied.inverse)
        assert ws.scalar("SELECT count(*) FROM incidents") == before
        # a subgroup's name is no time: the start is taken as now, and the timeline says so
        named = ws.execute(IncidentFromSignal(kpi_id, "Batch 7", (2,)))
        start, seen, timeline = ws.conn.execute(
            "SELECT started_at, detected_at, timeline FROM incidents WHERE id = ?",
            (named.result,)).fetchone()
        assert start == seen and "correct it" in json.loads(timeline)[-1]["text"]
        with pytest.raises(OpsdeskError, match="signals nothing"):
            ws.execute(IncidentFromSignal(kpi_id, "2026-10-14", ()))
