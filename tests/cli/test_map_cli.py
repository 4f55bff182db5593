"""``opsdesk map``: list, import, export, analyse, simulate, with the issue's JSON shapes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from opsdesk.core.maps.bpmn_export import export_bpmn
from tests.cli.cli_run import one_line_error, opsdesk
from tests.conftest import DATASETS
from tests.core.maps.builders import build, event, order_to_cash, seq, step

IMPORT_KEYS = ["map", "processes", "pools", "lanes", "leaf_lanes", "tasks", "subprocesses",
               "events", "gateways", "sequence_flows", "message_flows", "warnings"]
ANALYSE_KEYS = ["map", "steps", "handoffs", "loops", "unreachable", "dead_ends",
                "gateway_problems", "lead_time", "value_added_time", "pce", "cost_per_case",
                "critical_path", "time_unit"]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    path = tmp_path / "w.opsdesk"
    assert opsdesk("new", path).returncode == 0
    return path


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _import(ws: Path, file: Path, *more: str) -> dict[str, object]:
    result = opsdesk("map", "import", ws, file, "--json", *more)
    assert result.returncode == 0, result.stderr
    payload: dict[str, object] = json.loads(result.stdout)
    return payload


def test_import_prints_the_counts_and_map_names_the_map(ws: Path) -> None:
    summary = _import(ws, DATASETS / "bpmn" / "A.4.0-reference.bpmn")
    assert list(summary) == IMPORT_KEYS
    # Read off the file (tests/core/maps/test_bpmn_import.py, COUNTS): 2 processes, 1
    # pool, 2 lanes, 6 tasks, 2 sub-processes, 9 events, 13 sequence and 2 message flows.
    assert [summary[k] for k in IMPORT_KEYS[1:-1]] == [2, 1, 2, 2, 6, 2, 9, 0, 13, 2]
    listed = json.loads(opsdesk("map", "list", ws, "--json").stdout)["maps"]
    assert [m["map"] for m in listed] == [summary["map"]]
    again = opsdesk("map", "analyse", ws, str(summary["map"]), "--json")
    assert json.loads(again.stdout)["map"] == summary["map"]


def test_malformed_bpmn_is_refused_in_one_sentence_and_nothing_is_written(
        ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
                   '<process id="p"><task id="t"/><sequenceFlow id="f" sourceRef="t" '
                   'targetRef="missing"/></process></definitions>', encoding="utf-8")
    audit = _count(ws, "SELECT count(*) FROM audit_log")
    result = opsdesk("map", "import", ws, bad)
    line = one_line_error(result, 2)
    assert "missing" in line
    assert _count(ws, "SELECT count(*) FROM maps") == 0
    assert _count(ws, "SELECT count(*) FROM audit_log") == audit


def _order_to_cash(ws: Path, tmp_path: Path) -> str:
    file = tmp_path / "o2c.bpmn"
    file.write_bytes(export_bpmn(order_to_cash()))
    return str(_import(ws, file, "--name", "Order to cash")["map"])


def test_analyse_counts_match_a_hand_count(ws: Path, tmp_path: Path) -> None:
    map_id = _order_to_cash(ws, tmp_path)
    result = opsdesk("map", "analyse", ws, "Order to cash", "--json")
    assert result.returncode == 0, result.stderr
    a = json.loads(result.stdout)
    assert list(a) == ANALYSE_KEYS and a["map"] == int(map_id)
    # builders.order_to_cash by hand: lanes sales, credit, warehouse, billing. Flows
    # between lanes: Enter order -> Check credit, Credit OK? -> Pick and pack, Credit OK?
    # -> Fix credit data, Fix credit data -> Check credit, Ship -> Invoice: 5 handoffs.
    assert a["handoffs"]["count"] == 5
    assert {(h["from"], h["to"]) for h in a["handoffs"]["flows"]} == {
        ("Enter order", "Check credit"), ("Credit OK?", "Pick and pack"),
        ("Credit OK?", "Fix credit data"), ("Fix credit data", "Check credit"),
        ("Ship", "Invoice")}
    # One loop, Check credit -> Credit OK? -> Fix credit data, p = 0.2: 1 / 0.8 passes.
    assert a["loops"] == [{"steps": ["Check credit", "Credit OK?", "Fix credit data"],
                           "probability": 0.2, "expected_passes": 1.25}]
    assert a["steps"] == 6 and a["time_unit"] == "min"
    # Lead time: 40 + 80 * 1.25 + 60 * 0.25 + 150 + 20 + 250 = 575 minutes (each step's
    # processing plus wait, Check credit and Fix credit data times their visits).
    assert a["lead_time"] == pytest.approx(575.0)
    # Value adding: Pick and pack 30 + Ship 20 = 50 minutes; PCE 50 / 575.
    assert a["value_added_time"] == pytest.approx(50.0)
    assert a["pce"] == pytest.approx(50 / 575)
    # Cost: 5 + 8 * 1.25 + 4 * 0.25 + 12 + 20 + 3 = 51.
    assert a["cost_per_case"] == pytest.approx(51.0)
    human = opsdesk("map", "analyse", ws, map_id)
    assert human.returncode == 0 and "5 handoffs" in human.stdout


def test_analyse_says_no_for_a_dead_end(ws: Path, tmp_path: Path) -> None:
    # start -> a -> b, and b leads nowhere: a dead end, so the answer is no (exit 1).
    pmap = build([event("s", "start"), step("a", "A"), step("b", "B"), event("e", "end")],
                 [seq("s", "a"), seq("a", "b")])
    file = tmp_path / "dead.bpmn"
    file.write_bytes(export_bpmn(pmap))
    map_id = str(_import(ws, file)["map"])
    result = opsdesk("map", "analyse", ws, map_id, "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["dead_ends"] == ["B"]


def test_simulate_is_seeded(ws: Path, tmp_path: Path) -> None:
    map_id = _order_to_cash(ws, tmp_path)
    runs = [opsdesk("map", "simulate", ws, map_id, "--cases", "500", "--seed", "4", "--json")
            for _ in range(2)]
    assert all(r.returncode == 0 for r in runs)
    first = json.loads(runs[0].stdout)
    assert runs[0].stdout == runs[1].stdout
    assert (first["map"], first["cases"], first["seed"], first["endless"]) == (
        int(map_id), 500, 4, 0)
    assert sum(first["histogram"]["counts"]) == 500
    bad = opsdesk("map", "simulate", ws, map_id, "--cases", "0")
    assert "--cases must be at least 1" in one_line_error(bad, 2)


def test_export_every_format_and_bpmn_round_trip(ws: Path, tmp_path: Path) -> None:
    map_id = _order_to_cash(ws, tmp_path)
    magic = {"bpmn": b"<?xml", "svg": b"<?xml", "pdf": b"%PDF", "png": b"\x89PNG"}
    for kind, start in magic.items():
        out = tmp_path / f"map.{kind}"
        result = opsdesk("map", "export", ws, map_id, "--out", out)
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(start)
    assert b"Pick and pack" in (tmp_path / "map.svg").read_bytes()
    again = _import(ws, tmp_path / "map.bpmn")
    # The order-to-cash map: 6 tasks, 2 events, 1 gateway, 9 flows, 4 lanes.
    assert [again[k] for k in ("tasks", "events", "gateways", "sequence_flows", "lanes")] == [
        6, 2, 1, 9, 4]
    wrong = opsdesk("map", "export", ws, map_id, "--out", tmp_path / "map.jpg")
    assert ".bpmn, .svg, .png or .pdf" in one_line_error(wrong, 2)
    unknown = opsdesk("map", "export", ws, "no such map", "--out", tmp_path / "x.svg")
    assert "no map 'no such map'" in one_line_error(unknown, 2)


def test_bpmn_export_keeps_the_stored_time_and_its_kpi_link(demo_file: Path,
                                                             tmp_path: Path) -> None:
    import shutil

    from opsdesk.core.maps.bpmn_import import read_bpmn

    ws = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, ws)
    out = tmp_path / "o2c.bpmn"
    assert opsdesk("map", "export", ws, "Order to cash", "--out", out).returncode == 0
    enter = read_bpmn(out).map.node("enter")
    # core/demo/process_maps.py stores Enter order as 9 minutes (in hours), linked to
    # Average handle time; the drawing and the numbers read the KPI, the file keeps both.
    assert enter.step.processing is not None
    assert enter.step.processing.value == pytest.approx(9 / 60)
    assert enter.step.kpi_id == _count(ws, "SELECT id FROM kpis WHERE name = "
                                           "'Average handle time'")
