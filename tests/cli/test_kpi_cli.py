"""``opsdesk kpi`` through the real entry point: the issue's verbs and JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    from opsdesk.core.workspace import Workspace

    path = tmp_path / "w.opsdesk"
    Workspace.open(path, create=True).close()
    return path


def add_observations(path: Path, name: str, rows: list[tuple[str, float]]) -> None:
    from opsdesk.core.workspace import Workspace

    with Workspace.open(path) as w, w.transaction() as conn:
        kpi_id = conn.execute("SELECT id FROM kpis WHERE name = ?", (name,)).fetchone()[0]
        conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                         [(kpi_id, ts, v) for ts, v in rows])


def test_add_target_status_json(ws: Path) -> None:
    result = opsdesk("kpi", "add", str(ws), "OEE", "--unit", "%", "--direction", "higher",
                     "--frequency", "monthly", "--aggregation", "mean", "--target", "80",
                     "--red-at", "75%", "--pillar", "process", "--owner", "Maria")
    assert result.returncode == 0, result.stderr
    assert opsdesk("kpi", "target", str(ws), "OEE", "85", "--from", "2026-09-01").returncode == 0
    # Aug mean (78 + 80) / 2 = 79; Sep mean 84 + 86 / 2 = 85; Oct to date 70.
    add_observations(ws, "OEE", [("2026-08-05", 78), ("2026-08-25", 80), ("2026-09-10", 84),
                                 ("2026-09-20", 86), ("2026-10-02", 70)])
    result = opsdesk("kpi", "status", str(ws), "--as-of", "2026-10-15", "--json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert set(row) == {"kpi", "pillar", "unit", "period", "value", "target", "status",
                        "previous", "change", "trend", "signals", "forecast"}
    # September judged against 85 (in force from Sep 1): 85 >= 85 -> green.
    assert row == {"kpi": "OEE", "pillar": "process", "unit": "%", "period": "2026-09",
                   "value": 85.0, "target": 85.0, "status": "green", "previous": 79.0,
                   "change": 6.0, "trend": "improving", "signals": [], "forecast": None}
    listing = json.loads(opsdesk("kpi", "list", str(ws), "--json").stdout)
    assert listing[0]["red_percent"] == 75 and len(listing[0]["targets"]) == 2
    text = opsdesk("kpi", "status", str(ws), "--as-of", "2026-10-15")
    assert "OEE" in text.stdout and "green" in text.stdout


def test_band_kpi_and_week_period(ws: Path) -> None:
    result = opsdesk("kpi", "add", str(ws), "Energy", "--unit", "kWh", "--direction", "band",
                     "--frequency", "weekly", "--aggregation", "mean", "--band", "2.9,3.3",
                     "--margin", "0.1")
    assert result.returncode == 0, result.stderr
    # ISO week 2026-W43 runs Mon 19 Oct to Sun 25 Oct: mean of 3.35 and 3.37 = 3.36,
    # within 0.1 above 3.3 -> amber.
    add_observations(ws, "Energy", [("2026-10-19", 3.35), ("2026-10-25", 3.37)])
    [row] = json.loads(opsdesk("kpi", "status", str(ws), "--as-of", "2026-10-26",
                               "--json").stdout)
    assert (row["period"], row["status"], row["target"]) == ("2026-W43", "amber", [2.9, 3.3])
    assert row["value"] == pytest.approx(3.36)


def test_pack_and_no_data(ws: Path) -> None:
    result = opsdesk("kpi", "pack", str(ws), "service")
    assert result.returncode == 0 and "5 KPIs" in result.stdout
    rows = json.loads(opsdesk("kpi", "status", str(ws), "--json").stdout)
    assert {r["status"] for r in rows} == {"no data"} and len(rows) == 5
    assert "already in this workspace" in one_line_error(opsdesk("kpi", "pack", str(ws),
                                                                 "service"))


def test_forecast_in_json(ws: Path) -> None:
    opsdesk("kpi", "add", str(ws), "Q", "--unit", "u", "--direction", "lower", "--frequency",
            "monthly", "--aggregation", "sum", "--target", "100")
    # Jan..Aug: 10, 12, ..., 24 (a straight line): Holt forecasts 26 for September exactly.
    add_observations(ws, "Q", [(f"2026-{m:02d}-01", 8.0 + 2 * m) for m in range(1, 9)])
    [row] = json.loads(opsdesk("kpi", "status", str(ws), "--as-of", "2026-09-02",
                               "--json").stdout)
    assert row["forecast"]["period"] == "2026-09"
    assert row["forecast"]["value"] == pytest.approx(26.0)


@pytest.mark.parametrize(("args", "message"), [
    (("add", "{ws}", "X", "--unit", "u", "--direction", "band", "--frequency", "daily",
      "--aggregation", "sum"), "needs --band"),
    (("add", "{ws}", "X", "--unit", "u", "--direction", "higher", "--frequency", "daily",
      "--aggregation", "sum", "--target", "ten"), "not 'ten'"),
    (("target", "{ws}", "Nope", "5", "--from", "2026-01-01"), "no KPI named"),
    (("status", "{ws}", "--as-of", "yesterday"), "--as-of must be a date"),
    (("add", "{ws}", "X", "--unit", "u", "--direction", "up", "--frequency", "daily",
      "--aggregation", "sum"), "invalid choice"),
])
def test_errors_are_one_line(ws: Path, args: tuple[str, ...], message: str) -> None:
    line = one_line_error(opsdesk("kpi", *(a.format(ws=ws) for a in args)))
    assert message in line
