"""``opsdesk spc`` and ``opsdesk pareto`` run as the user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import opsdesk as run
from tests.conftest import DATASETS

SPC = DATASETS / "spc"




def test_xbar_r_json_piston_rings() -> None:
    # Montgomery ISQC 2nd ed., Example 5-1: trial limits 73.988 / 74.014 around 74.001;
    # R-bar = 0.023; d2(5) = 2.326; samples 37-39 above the UCL.
    out = run("spc", str(SPC / "pistonrings.csv"), "--chart", "xbar-r", "--value", "diameter",
              "--subgroup", "sample", "--baseline", "1-25", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["chart"] == "xbar-r"
    assert data["sigma"]["constants"]["d2"] == pytest.approx(2.326, abs=5e-4)
    assert data["sigma"]["value"] == pytest.approx(0.023 / 2.326, rel=2e-2)
    xbar, r = data["panels"]
    assert xbar["name"] == "xbar" and r["name"] == "r"
    assert (xbar["center"], xbar["ucl"], xbar["lcl"]) == pytest.approx(
        (74.001, 74.014, 73.988), abs=5e-4)
    assert xbar["labels"][:3] == ["1", "2", "3"] and len(xbar["values"]) == 40
    above = [s["label"] for s in xbar["signals"] if 1 in s["rules"]]
    assert above == ["37", "38", "39"]
    assert r["lcl"] == 0


def test_imr_json_moving_range_first_is_null() -> None:
    out = run("spc", str(SPC / "viscosity.csv"), "--chart", "i-mr", "--value", "viscosity",
              "--subgroup", "batch", "--json")
    data = json.loads(out.stdout)
    mr = data["panels"][1]
    assert mr["name"] == "mr" and mr["values"][0] is None
    # hand: |34.40 - 34.05| = 0.35 at batch 2
    assert mr["values"][1] == pytest.approx(0.35)


def test_p_chart_orange_juice_and_exclusions() -> None:
    # Montgomery ISQC 2nd ed. Example 6-1: trial p-bar 0.2313, UCL 0.4102, LCL 0.0524;
    # without samples 15 and 23: 0.2150, 0.3893, 0.0407.
    base = ["spc", str(SPC / "orangejuice.csv"), "--chart", "p", "--value", "D", "--size",
            "size", "--subgroup", "sample", "--baseline", "1-30", "--json"]
    data = json.loads(run(*base).stdout)["panels"][0]
    assert (data["center"], data["ucl"], data["lcl"]) == pytest.approx(
        (0.2313, 0.4102, 0.0524), abs=5e-5)
    revised = json.loads(run(*base, "--exclude", "15,23").stdout)
    p = revised["panels"][0]
    assert (p["center"], p["ucl"], p["lcl"]) == pytest.approx((0.2150, 0.3893, 0.0407),
                                                              abs=5e-5)
    assert [e["label"] for e in revised["excluded"]] == ["15", "23"]


def test_c_chart_readable_summary() -> None:
    # Montgomery Example 6-3: c-bar = 19.85 over the 26 trial samples.
    out = run("spc", str(SPC / "circuit.csv"), "--chart", "c", "--value", "x", "--baseline",
              "1-26")
    assert out.returncode == 0
    assert "c chart: 46 points" in out.stdout
    assert "centre 19.8462" in out.stdout


def test_u_chart_per_point_limits_are_lists() -> None:
    data = json.loads(run("spc", str(SPC / "dyedcloth.csv"), "--chart", "u", "--value", "x",
                          "--size", "size", "--json").stdout)
    panel = data["panels"][0]
    assert isinstance(panel["ucl"], list) and len(panel["ucl"]) == 10
    assert panel["center"] == pytest.approx(153 / 107.5)


def test_stages_and_rules_options(tmp_path: Path) -> None:
    src = tmp_path / "staged.csv"
    src.write_text("t,v,phase\n" + "".join(
        f"{i},{v},{'before' if i <= 6 else 'after'}\n"
        for i, v in enumerate([1, 2, 3, 2, 1, 2, 11, 12, 13, 12, 11, 12], start=1)))
    data = json.loads(run("spc", str(src), "--chart", "i-mr", "--value", "v", "--stage",
                          "phase", "--rules", "we", "--tests", "1,2", "--json").stdout)
    ind = data["panels"][0]
    # stage means by hand: 11/6 and 71/6, so the centre is a list that changes at point 7
    assert ind["center"][0] == pytest.approx(11 / 6) and ind["center"][6] == pytest.approx(71 / 6)
    assert ind["tests"] == {"1": 3, "2": 8}
    assert [s["name"] for s in data["stages"]] == ["before", "after"]


def test_capability_json() -> None:
    out = run("spc", str(SPC / "pistonrings.csv"), "--chart", "xbar-r", "--value", "diameter",
              "--subgroup", "sample", "--baseline", "1-25", "--lsl", "73.95", "--usl", "74.05",
              "--json")
    cap = json.loads(out.stdout)["capability"]
    # Cp = (74.05 - 73.95) / (6 sigma_within); sigma within is the chart's R-bar / d2
    sigma = json.loads(out.stdout)["sigma"]["value"]
    assert cap["cp"] == pytest.approx(0.1 / (6 * sigma))
    for key in ("cpk", "cpm", "pp", "ppk", "ppm_expected_within", "ppm_expected_overall",
                "ppm_observed", "cp_ci", "cpk_ci", "sigma_within", "sigma_overall"):
        assert key in cap
    assert cap["ppm_observed"]["total"] == 0


def test_ewma_and_cusum_panels() -> None:
    args = [str(SPC / "viscosity.csv"), "--value", "viscosity", "--json"]
    ewma = json.loads(run("spc", *args, "--chart", "ewma", "--lambda", "0.1", "--L",
                          "2.7").stdout)
    assert [p["name"] for p in ewma["panels"]] == ["ewma"]
    assert isinstance(ewma["panels"][0]["ucl"], list)  # time-varying limits
    cusum = json.loads(run("spc", *args, "--chart", "cusum", "--k", "0.5", "--h",
                           "4").stdout)
    assert [p["name"] for p in cusum["panels"]] == ["cusum_upper", "cusum_lower"]
    assert cusum["panels"][0]["ucl"] == 4


def test_run_chart_json_runs() -> None:
    data = json.loads(run("spc", str(SPC / "antifreeze.csv"), "--chart", "run", "--value",
                          "water", "--json").stdout)
    (runs,) = data["runs"]  # one stage, one runs analysis
    assert set(runs) >= {"longest_run", "longest_run_max", "crossings", "crossings_min",
                         "signal"}
    # Anhøj: 34 points, none on the median of an even count unless tied -> max run
    # round(log2(useful) + 3)
    import math

    assert runs["longest_run_max"] == round(math.log2(runs["useful"]) + 3)


@pytest.mark.parametrize(("args", "message"), [
    (["--chart", "xbar-r", "--value", "diam", "--subgroup", "sample"],
     "Column 'diam' is not in pistonrings.csv"),
    (["--chart", "i-mr", "--value", "diameter", "--baseline", "1-500"],
     "Baseline points '1-500' go past the last point (200)"),
    (["--chart", "c", "--value", "diameter", "--tests", "1,9"], "Test '9' does not exist"),
])
def test_bad_arguments_exit_2(args: list[str], message: str) -> None:
    out = run("spc", str(SPC / "pistonrings.csv"), *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("content", "args", "message"), [
    ("s,v\n1,3\n1,4\n2,5\n", ["--chart", "xbar-r", "--value", "v", "--subgroup", "s"],
     "Row 4: subgroup '2' (column 's') has only 1 value"),
    ("s,d,n\n1,3,10\n2,x,10\n", ["--chart", "p", "--value", "d", "--size", "n"],
     "Row 3, column 'd' holds 'x', which is not a number"),
    ("s,d,n\n1,3,10\n2,2,0\n", ["--chart", "p", "--value", "d", "--size", "n"],
     "Row 3, column 'n' holds a sample size of 0"),
])
def test_bad_input_exit_2(tmp_path: Path, content: str, args: list[str], message: str) -> None:
    src = tmp_path / "bad.csv"
    src.write_text(content)
    out = run("spc", str(src), *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_pareto_json_qcc_example() -> None:
    # qcc manual, pareto.chart: 94, 80, 66, 33, 27 of 300 -> cumulative 31.33, 58, 80, 91, 100
    out = run("pareto", str(SPC / "pareto_errors.csv"), "--category", "category", "--count",
              "count", "--json")
    data = json.loads(out.stdout)
    assert data["categories"][0] == "contact num." and data["counts"][0] == 94
    assert data["cumulative_percent"] == pytest.approx([31.333, 58, 80, 91, 100], abs=1e-3)
    assert sum(data["percent"]) == pytest.approx(100)


def test_pareto_raw_records_other_bucket(tmp_path: Path) -> None:
    src = tmp_path / "records.csv"
    src.write_text("cause\n" + "late\n" * 6 + "damaged\n" * 3 + "lost\nwrong\n")
    out = run("pareto", str(src), "--category", "cause", "--other-below", "10")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[1].split()[:2] == ["late", "6"]
    assert "Other = lost, wrong" in out.stdout
    bad = run("pareto", str(src), "--category", "reason")
    assert bad.returncode == 2 and "Column 'reason'" in bad.stderr
