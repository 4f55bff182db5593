"""``opsdesk vsm`` run as the user runs it, on the Acme Stamping current state of
Rother & Shook's *Learning to See* (hand calculations in tests/core/maps/test_vsm_metrics:
takt 60 s, 23.6 days, 188 s)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.core.maps.test_vsm_table import ACME

DEMAND = ("--demand", "18400", "--per", "month", "--working-days", "20", "--shifts", "2",
          "--shift-length", "8 h", "--breaks", "20 min")


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    return ws


def test_import_metrics_and_compare(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    steps = tmp_path / "acme.csv"
    steps.write_text(ACME, encoding="utf-8")
    out = run("vsm", "import", ws, steps, "--name", "Acme", *DEMAND, "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert list(made) == ["map", "steps", "inventories", "warnings"]
    assert (made["steps"], made["inventories"], made["warnings"]) == (5, 6, [])

    out = run("vsm", "metrics", ws, str(made["map"]), "--json")
    assert out.returncode == 0, out.stderr
    m = json.loads(out.stdout)
    for key in ("map", "takt_s", "daily_demand", "available_s_per_shift", "steps",
                "inventories", "lead_time_days", "processing_time_s", "pce", "pce_basis",
                "rolled_yield", "operators_needed", "inventory_method", "warnings"):
        assert key in m
    # 27,600 s a shift, 920 a day, takt 60 s; 23.62 days; 188 s; 188 / 60 operators.
    assert (m["available_s_per_shift"], m["daily_demand"]) == (27_600, 920)
    assert m["takt_s"] == pytest.approx(60)
    assert m["lead_time_days"] == pytest.approx(5 + 17_130 / 920)
    assert m["processing_time_s"] == 188
    assert m["operators_needed"] == pytest.approx(188 / 60)
    assert m["pce"] == pytest.approx(188 / ((5 + 17_130 / 920) * 86_400))
    assert (m["pce_basis"], m["inventory_method"]) == ("calendar", "demand")
    assert list(m["steps"][0]) == ["name", "cycle_time_s", "changeover_s", "uptime",
                                   "capacity_per_shift", "utilisation", "constraint"]
    assert m["steps"][2]["uptime"] == 0.8  # a fraction
    assert [s["name"] for s in m["steps"] if s["constraint"]] == ["Assembly #1"]
    assert [i["before"] for i in m["inventories"]][:2] == ["Stamping", "S. Weld #1"]

    by_name = run("vsm", "metrics", ws, "acme", "--day-basis", "available",
                  "--inventory-method", "next-step", "--json")
    n = json.loads(by_name.stdout)
    assert n["pce_basis"] == "available" and n["inventory_method"] == "next-step"
    # Next-step: 7,000 × 39 s / 55,200 s before weld #1.
    assert n["inventories"][1]["days"] == pytest.approx(7000 * 39 / 55_200)

    text = run("vsm", "metrics", ws, "Acme")
    assert text.returncode == 0 and "constraint" in text.stdout and "23.62 days" in text.stdout

    out = run("vsm", "compare", ws, "Acme", "Acme", "--json")
    assert out.returncode == 0, out.stderr
    rows = {r["key"]: r for r in json.loads(out.stdout)["figures"]}
    assert rows["lead_time_days"]["change"] == 0


def test_problems_exit_1_and_bad_arguments_2(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,name,cycle_time\nprocess,Weld,fast\n", encoding="utf-8")
    line = one_line_error(run("vsm", "import", ws, bad), code=1)
    assert "row 2, column 'cycle_time' ('fast'): is not a number" in line
    assert "no value stream" in one_line_error(run("vsm", "metrics", ws, "Acme"))
    assert "not a duration" in one_line_error(
        run("vsm", "import", ws, bad, "--demand", "10", "--shift-length", "long"))
    assert "no file" in one_line_error(run("vsm", "import", ws, tmp_path / "none.csv"))


def test_link_feeds_a_field_from_a_kpi_and_the_metrics_follow(demo_file: Path,
                                                               tmp_path: Path) -> None:
    import shutil

    ws = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, ws)

    def stamping() -> dict[str, object]:
        out = run("vsm", "metrics", ws, "Brackets: stamping to assembly", "--json")
        assert out.returncode == 0, out.stderr
        return next(s for s in json.loads(out.stdout)["steps"] if s["name"] == "Stamping")

    # Learning to See's stamping press: a 1 h changeover, typed.
    assert stamping()["changeover_s"] == 3600
    out = run("vsm", "link", ws, "Brackets: stamping to assembly", "stamping", "changeover",
              "Changeover time")
    assert out.returncode == 0 and "fed by 'Changeover time'" in out.stdout, out.stderr
    fed = stamping()["changeover_s"]
    assert fed != 3600 and isinstance(fed, float) and fed > 0
    assert run("vsm", "link", ws, "Brackets: stamping to assembly", "Stamping", "changeover",
               "--clear").returncode == 0
    assert stamping()["changeover_s"] == 3600
    # A field a process cannot have fed, an element not there, a KPI not there: one line.
    brackets = "Brackets: stamping to assembly"
    assert "cannot be fed" in one_line_error(run("vsm", "link", ws, brackets, "Stamping",
                                                 "quantity", "WIP"))
    assert "no process or inventory named" in one_line_error(
        run("vsm", "link", ws, brackets, "Paint", "uptime", "OEE"))
    assert "no KPI named" in one_line_error(run("vsm", "link", ws, brackets, "Stamping",
                                                "uptime", "Nope"))


def test_map_export_draws_a_value_stream(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    steps = tmp_path / "acme.csv"
    steps.write_text(ACME, encoding="utf-8")
    made = json.loads(run("vsm", "import", ws, steps, "--name", "Acme", *DEMAND,
                          "--json").stdout)
    svg = tmp_path / "acme.svg"
    out = run("map", "export", ws, str(made["map"]), "--out", svg)
    assert out.returncode == 0, out.stderr
    text = svg.read_text(encoding="utf-8")
    # The book's timeline totals (23.6 days, 188 s) are on the drawing, as on the page.
    assert "Production lead time" in text and "23.6 days" in text and "188 s" in text
    pdf = tmp_path / "acme.pdf"
    assert run("map", "export", ws, "acme", "--out", pdf).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert one_line_error(run("map", "export", ws, "Acme", "--out", tmp_path / "a.bpmn")) == (
        "opsdesk: a.bpmn: a value stream is written as .svg, .png or .pdf (BPMN holds "
        "process maps).")
    assert one_line_error(run("map", "export", ws, "Nope", "--out", svg)) == (
        f"opsdesk: There is no map 'Nope' (maps: {made['map']} Acme (value stream)).")
