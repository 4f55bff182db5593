"""``opsdesk spc --chart`` for the charts beyond the KPI page's: the JSON shape of the
existing charts, numbers from the hand calculations of tests/core/spc/test_more_charts.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.conftest import DATASETS

PANEL_KEYS = ["name", "labels", "values", "center", "ucl", "lcl", "tests", "signals"]


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text)
    return path


def _json(*args: object) -> dict:  # type: ignore[type-arg]
    out = run("spc", *args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _same_shape(data: dict, chart: str) -> None:  # type: ignore[type-arg]
    assert data["chart"] == chart
    assert list(data)[:3] == ["chart", "rule_set", "sigma"]
    for panel in data["panels"]:
        assert list(panel) == PANEL_KEYS


def test_i_mr_r(tmp_path: Path) -> None:
    # hand calculation: I chart of the means 13.5 +- 9.305383
    path = _csv(tmp_path, "s,v\n1,10\n1,12\n2,15\n2,14\n3,11\n3,13\n4,16\n4,17\n")
    data = _json(path, "--chart", "i-mr-r", "--value", "v", "--subgroup", "s")
    _same_shape(data, "i-mr-r")
    assert [p["name"] for p in data["panels"]] == ["i", "mr", "r"]
    assert data["panels"][0]["ucl"] == pytest.approx(22.805383, abs=1e-6)
    assert data["sigma"]["value"] == pytest.approx(3.241096, abs=1e-6)


def test_g_and_t(tmp_path: Path) -> None:
    path = _csv(tmp_path, "d\n10\n25\n5\n40\n20\n")
    g = _json(path, "--chart", "g", "--value", "d")
    _same_shape(g, "g")
    assert (g["panels"][0]["center"], g["panels"][0]["ucl"]) == pytest.approx(
        (13.210718, 134.437513), abs=1e-6)
    t = _json(_csv(tmp_path, "d\n2\n4\n6\n8\n"), "--chart", "t", "--value", "d",
              "--distribution", "exponential")
    _same_shape(t, "t")
    assert t["panels"][0]["ucl"] == pytest.approx(33.038631, abs=1e-6)


def test_z_mr(tmp_path: Path) -> None:
    path = _csv(tmp_path, "part,v\nA,10\nB,20\nA,12\nB,23\nA,11\nB,21\n")
    data = _json(path, "--chart", "z-mr", "--value", "v", "--part", "part")
    _same_shape(data, "z-mr")
    assert data["panels"][0]["values"][0] == pytest.approx(-1.057855, abs=1e-6)
    line = one_line_error(run("spc", path, "--chart", "z-mr", "--value", "v"))
    assert "--part" in line


def test_t2_individual_and_subgroups(tmp_path: Path) -> None:
    path = _csv(tmp_path, "a,b\n1,2\n3,3\n2,5\n6,6\n")
    data = _json(path, "--chart", "t2", "--value", "a,b")
    _same_shape(data, "t2")
    assert data["panels"][0]["values"] == pytest.approx([72 / 59, 42 / 59, 126 / 59,
                                                         114 / 59])
    assert data["panels"][0]["lcl"] is None
    ryan = _json(DATASETS / "spc" / "ryan_bivariate.csv", "--chart", "t2", "--value",
                 "X1,X2", "--subgroup", "sample")
    assert len(ryan["panels"][0]["values"]) == 20
    line = one_line_error(run("spc", path, "--chart", "t2", "--value", "a"))
    assert "2 or more value columns" in line
    line = one_line_error(run("spc", path, "--chart", "i-mr", "--value", "a,b"))
    assert "--chart t2 only" in line


def test_moving_average(tmp_path: Path) -> None:
    path = _csv(tmp_path, "v\n9\n11\n10\n13\n13\n")
    data = _json(path, "--chart", "ma", "--value", "v", "--mu", "10", "--sigma", "1",
                 "--span", "3")
    _same_shape(data, "ma")
    assert data["panels"][0]["values"] == pytest.approx([9, 10, 10, 34 / 3, 12])
    assert [s["label"] for s in data["panels"][0]["signals"]] == ["5"]


def test_capability_with_fit_and_johnson_is_valid_json() -> None:
    data = _json(DATASETS / "spc" / "pistonrings.csv", "--chart", "xbar-r", "--value",
                 "diameter", "--subgroup", "sample", "--lsl", "73.95", "--usl", "74.05",
                 "--fit", "best", "--transform", "box-cox")
    cap = data["capability"]
    assert {"pp_ci", "ppk_ci", "cpm_ci"} <= set(cap)
    assert cap["percentile"]["fits"][0]["ad"] <= cap["percentile"]["fits"][-1]["ad"]
    assert cap["transformed"]["method"] == "box-cox"
    assert cap["transformed"]["cp"] is not None
