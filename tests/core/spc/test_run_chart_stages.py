"""A staged run chart: Anhøj's runs analysis and a median for each stage.

Anhøj & Olesen (2014), PLoS ONE 9(11): e113825; qicharts2's ``part`` argument splits a
run chart the same way, each part with its own median and its own runs analysis.
"""

from __future__ import annotations

import json

from opsdesk.core.spc import ChartOptions, control_chart
from opsdesk.core.spc.chart_spec import control_chart_spec
from opsdesk.core.spc.export import chart_dict
from tests.cli.cli_run import opsdesk

# Stage A, a steady rise 1..12: median 6.5; sides - - - - - - + + + + + + (12 useful):
# longest run 6, max round(log2 12 + 3) = round(6.58) = 7; 1 crossing, min the 5th
# percentile of Binomial(11, 0.5): P(X <= 2) = (1 + 11 + 55) / 2048 = 0.033 < 0.05 and
# P(X <= 3) = (67 + 165) / 2048 = 0.113, so 3. 1 < 3: a signal (too few crossings).
RISE = [float(v) for v in range(1, 13)]
# Stage B, alternating 5, 7: median 6; 10 useful points, longest run 1 (max
# round(log2 10 + 3) = 6), 9 crossings, min: P(X <= 1) = 10 / 512 = 0.020 and
# P(X <= 2) = 46 / 512 = 0.090 for Binomial(9, 0.5), so 2. No signal.
ALTERNATE = [5.0, 7.0] * 5
STAGES = ["A"] * 12 + ["B"] * 10


def test_each_stage_gets_its_own_runs_analysis() -> None:
    result = control_chart("run", RISE + ALTERNATE, options=ChartOptions(stages=STAGES))
    a, b = result.runs
    assert (a.useful, a.longest_run, a.longest_run_max, a.crossings, a.crossings_min) == \
        (12, 6, 7, 1, 3)
    assert a.signal
    assert (b.useful, b.longest_run, b.longest_run_max, b.crossings, b.crossings_min) == \
        (10, 1, 6, 9, 2)
    assert not b.signal
    runs = chart_dict(result)["runs"]
    assert [(r["stage"], r["first"], r["last"], r["crossings"], r["signal"]) for r in runs] \
        == [("A", "1", "12", 1, True), ("B", "13", "22", 9, False)]


def test_unstaged_run_chart_has_one_entry() -> None:
    result = control_chart("run", ALTERNATE)
    assert [r["crossings"] for r in chart_dict(result)["runs"]] == [9]


def test_each_stage_median_is_drawn_with_its_verdict() -> None:
    result = control_chart("run", RISE + ALTERNATE, options=ChartOptions(stages=STAGES))
    panel = control_chart_spec(result).panels[0]
    medians = [s for s in panel.series if s.name.startswith("Median")]
    assert [(s.name, s.role) for s in medians] == [("Median A = 6.5", "bad"),
                                                   ("Median B = 6.0", "center")]
    assert list(medians[0].y) == [6.5] * 12 and list(medians[0].x) == list(range(12))
    assert list(medians[1].y) == [6.0] * 10 and list(medians[1].x) == list(range(12, 22))


def test_run_chart_names_anhoj_not_nelson() -> None:
    spec = control_chart_spec(control_chart("run", ALTERNATE))
    assert spec.subtitle == "Run chart · Anhøj · 10 points"
    (median,) = [r for r in spec.panels[0].ref_lines if r.value is not None]
    assert median.label == "Median = 6"


def test_cli_json_lists_runs_per_stage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "staged.csv"
    src.write_text("v,stage\n" + "".join(f"{v:g},{s}\n" for v, s in
                                         zip(RISE + ALTERNATE, STAGES, strict=True)))
    out = opsdesk("spc", src, "--chart", "run", "--value", "v", "--stage", "stage", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["rule_set"] == "anhoj"
    assert [(r["stage"], r["longest_run"], r["crossings"], r["signal"]) for r in data["runs"]] \
        == [("A", 6, 1, True), ("B", 1, 9, False)]
    text = opsdesk("spc", src, "--chart", "run", "--value", "v", "--stage", "stage")
    assert text.stdout.startswith("Run chart: 22 points, rules Anhøj\n")
    assert "Nelson" not in text.stdout and "no signals" not in text.stdout
    assert "Run chart: median 6 to 6.5 (varies)" in text.stdout
